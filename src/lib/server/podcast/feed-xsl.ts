// The feed's stylesheet: a browser that opens /podcast/feed.xml applies it (<?xml-stylesheet?>) and shows a readable
// page in the visitor's language: what the address is for, how to subscribe (one-click links for common apps) and
// the episodes. Podcast apps never fetch it. XSLT 1.0, which is what browsers run.
import { t, textDirection } from '../i18n';
import { subscribeLinks } from '../../podcast/subscribe-links';
import { xmlEscape as esc } from './feed';

export function feedStylesheet(locale: string, feedUrl: string): string {
	const m = (key: string) => esc(t(locale, key));
	const apps = subscribeLinks(feedUrl)
		.map((l) => `<li><a class="app" href="${esc(l.href)}" lang="en" dir="ltr">${esc(l.app)}</a></li>`)
		.join('\n');
	return `<?xml version="1.0" encoding="UTF-8"?>
<xsl:stylesheet version="1.0" xmlns:xsl="http://www.w3.org/1999/XSL/Transform" xmlns:itunes="http://www.itunes.com/dtds/podcast-1.0.dtd">
<xsl:output method="html" encoding="UTF-8" indent="yes"/>
<xsl:template match="/">
<html lang="${esc(locale)}" dir="${textDirection(locale)}">
<head>
<meta charset="utf-8"/>
<meta name="viewport" content="width=device-width, initial-scale=1"/>
<title><xsl:value-of select="/rss/channel/title"/> – ${m('podcast_feed_link')}</title>
<style>
body{margin:0 auto;max-width:46rem;padding:1rem;font:17px/1.5 system-ui,sans-serif;color:#1b1f24;background:#fff}
.notice{background:#eef6f8;border:1px solid #0b5c73;border-radius:.5rem;padding:.75rem 1rem}
.head{display:flex;gap:1rem;align-items:flex-start}
.head img{border-radius:.5rem;flex:none}
a{color:#0b4f9c}
a:focus-visible{outline:3px solid #d97706;outline-offset:2px}
code{display:block;padding:.5rem;background:#f3f4f6;border-radius:.3rem;overflow-wrap:anywhere;direction:ltr;text-align:left}
.apps{list-style:none;padding:0;display:flex;flex-wrap:wrap;gap:.5rem}
.app{display:inline-block;padding:.5rem .9rem;border:1px solid #0b5c73;border-radius:.4rem;text-decoration:none;color:#0b5c73;font-weight:600}
.episodes{list-style:none;padding:0}
.episodes li{border-block-end:1px solid #d8dce1;padding-block:.6rem}
.muted{color:#4a5260;font-size:.9rem}
</style>
</head>
<body>
<main>
<p class="notice">${m('listener_feed_notice')}</p>
<div class="head">
<xsl:if test="/rss/channel/itunes:image/@href"><img src="{/rss/channel/itunes:image/@href}" alt="" width="120" height="120"/></xsl:if>
<div>
<h1 lang="{/rss/channel/language}"><xsl:value-of select="/rss/channel/title"/></h1>
<p lang="{/rss/channel/language}"><xsl:value-of select="/rss/channel/description"/></p>
</div>
</div>
<section aria-labelledby="howto">
<h2 id="howto">${m('listener_feed_howto')}</h2>
<p>${m('listener_subscribe_apps')}</p>
<ul class="apps">
${apps}
</ul>
<ol>
<li>${m('listener_feed_step_copy')}<br/><span class="muted">${m('podcast_feed_url')}:</span> <code>${esc(feedUrl)}</code></li>
<li>${m('podcast_subscribe_hint')}</li>
</ol>
</section>
<section aria-labelledby="episodes">
<h2 id="episodes">${m('listener_feed_episodes')}</h2>
<ul class="episodes">
<xsl:for-each select="/rss/channel/item">
<li>
<strong lang="{/rss/channel/language}"><a href="{link}"><xsl:value-of select="title"/></a></strong>
<br/><span class="muted" dir="ltr"><xsl:value-of select="substring(pubDate, 6, 11)"/></span>
<xsl:if test="itunes:summary"><br/><span lang="{/rss/channel/language}"><xsl:value-of select="itunes:summary"/></span></xsl:if>
<br/><a href="{link}">${m('listener_feed_listen')}</a> · <a href="{enclosure/@url}" download="">${m('listener_download')}</a>
</li>
</xsl:for-each>
</ul>
</section>
<p><a href="/podcast">${m('podcast_all_episodes')}</a></p>
</main>
</body>
</html>
</xsl:template>
</xsl:stylesheet>
`;
}
