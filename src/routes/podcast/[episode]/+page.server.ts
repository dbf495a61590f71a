import type { PageServerLoad } from './$types';
import { error } from '@sveltejs/kit';
import { config } from '$lib/server/config';
import { getEpisode, playerEpisode, type Guest } from '$lib/server/podcast/episodes';
import { getPosition } from '$lib/server/podcast/listening';
import { parseVtt } from '$lib/server/podcast/vtt';
import { t } from '$lib/server/i18n';
import { embedIframe } from '$lib/server/podcast/embed';
import { markupOnly } from '$lib/server/http/markup-only';

// Public page; the resume position is the logged-in listener's own.
export const load: PageServerLoad = async (event) => {
	const { params, url, locals } = event;
	const e = await getEpisode(params.episode);
	if (!e) error(404, t(locals.locale, 'error_not_found'));
	const { episode, asset, show } = e;
	const player = playerEpisode(episode, asset, show);
	const pos = locals.user ? await getPosition(locals.user.id, episode.slug) : null;
	const tParam = Number(url.searchParams.get('t'));
	const startAt = Number.isFinite(tParam) && tParam > 0 && (!player.duration || tParam < player.duration) ? Math.floor(tParam) : null;
	let cues: ReturnType<typeof parseVtt> = [];
	try {
		cues = episode.transcriptVtt ? parseVtt(episode.transcriptVtt) : [];
	} catch {
		cues = [];
	}
	return {
		player,
		// the show notes are in the page's markup once, not a second time in its hydration data
		episode: markupOnly(event, {
			slug: episode.slug,
			title: episode.title,
			summary: episode.summary,
			date: episode.date,
			season: episode.season,
			number: episode.number,
			type: episode.type,
			demo: episode.demo,
			notesHtml: episode.notesHtml,
			guests: JSON.parse(episode.guests) as Guest[]
		}, 'notesHtml'),
		cues,
		resumeAt: pos && !pos.heard ? pos.position : null,
		startAt,
		show: show ? { title: show.title, language: show.language } : null,
		origin: config.origin,
		feedUrl: `${config.origin}/podcast/feed.xml`,
		cover: show ? `${config.origin}/media/${show.imagePath}` : null,
		mp3Url: asset ? `${config.origin}/media/${asset.hash}/episode.mp3` : null,
		// offered only where other sites may frame the player (EMBED_ORIGINS)
		embedCode: asset && config.embedOrigins.some((o) => o !== "'self'") ? embedIframe(config.origin, episode.slug, t(locals.locale, 'listener_embed_frame_title', { title: episode.title })) : null
	};
};
