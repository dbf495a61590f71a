// The embeddable player (/podcast/[episode]/embed): a page of its own, small enough for another site's iframe, with
// the browser's own audio controls (no script at all) and the framing rule other sites need (EMBED_ORIGINS).
import type { PlayerEpisode } from '../../podcast/types';
import { textDirection } from '../i18n';
import { t } from '../i18n';
import { xmlEscape as esc } from './feed';

/** The page's CSP: nothing but its own images, audio and inline style; framed only by the configured origins. */
export function embedHeaders(origins: string[]): Record<string, string> {
	const csp = ["default-src 'none'", "img-src 'self'", "media-src 'self'", "style-src 'unsafe-inline'", "base-uri 'none'", "form-action 'none'", `frame-ancestors ${origins.join(' ')}`];
	return {
		'content-type': 'text/html; charset=utf-8',
		'content-security-policy': csp.join('; '),
		// the locale follows the visitor's Accept-Language (another site's frame carries no cookie of ours)
		vary: 'Accept-Language, Cookie',
		'cache-control': 'public, max-age=300'
	};
}

/** The <iframe> code the episode page offers to copy. */
export function embedIframe(origin: string, slug: string, title: string): string {
	return `<iframe src="${esc(`${origin}/podcast/${slug}/embed`)}" title="${esc(title)}" width="100%" height="200" style="border:0;max-width:40rem" loading="lazy"></iframe>`;
}

export function embedPage(ep: PlayerEpisode, origin: string, locale: string): string {
	const page = `${origin}/podcast/${ep.slug}`;
	const content = `lang="${esc(ep.language)}" dir="${textDirection(ep.language)}"`;
	return `<!doctype html>
<html lang="${esc(locale)}" dir="${textDirection(locale)}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="robots" content="noindex">
<title>${esc(t(locale, 'listener_embed_frame_title', { title: ep.title }))}</title>
<link rel="canonical" href="${esc(page)}">
<style>
body{margin:0;font:16px/1.4 system-ui,sans-serif;color:#1b1f24;background:#f7f8fa}
main{display:flex;gap:.75rem;align-items:flex-start;padding:.75rem;border:1px solid #c8ccd2;border-radius:.5rem;background:#f7f8fa}
img{border-radius:.4rem;flex:none;inline-size:96px;block-size:96px;object-fit:cover}
.body{flex:1;min-inline-size:0}
.show{margin:0;font-size:.85rem;color:#4a5260}
h1{margin:.1rem 0 .5rem;font-size:1.05rem;line-height:1.3}
a{color:#0b4f9c}
a:focus-visible,audio:focus-visible{outline:3px solid #d97706;outline-offset:2px}
audio{inline-size:100%;display:block}
p.open{margin:.4rem 0 0;font-size:.85rem}
</style>
</head>
<body>
<main>
${ep.cover ? `<img src="${esc(ep.cover)}" alt="${esc(t(locale, 'listener_cover_alt', { title: ep.title }))}" width="96" height="96">` : ''}
<div class="body">
<p class="show" ${content}>${esc(ep.showTitle)}</p>
<h1 ${content}><a href="${esc(page)}" target="_blank" rel="noopener">${esc(ep.title)}</a></h1>
<audio controls preload="none" src="${esc(ep.mp3 ?? '')}" aria-label="${esc(t(locale, 'podcast_player_label', { title: ep.title }))}"><a href="${esc(ep.mp3 ?? '')}">${esc(t(locale, 'listener_download'))}</a></audio>
<p class="open"><a href="${esc(page)}" target="_blank" rel="noopener">${esc(t(locale, 'listener_embed_open'))}</a></p>
</div>
</main>
</body>
</html>
`;
}
