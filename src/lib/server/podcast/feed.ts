// The podcast RSS feed: RSS 2.0 + Apple's itunes tags + Podcasting 2.0 + Podlove Simple Chapters.
// Only episodes with packaged audio are listed (an enclosure needs a real MP3 with a known length).
import { and, desc, eq, isNotNull } from 'drizzle-orm';
import { createHash } from 'node:crypto';
import { db, schema } from '../db';
import type { PodcastShow } from '../db/schema';
import { isPublic, type Chapter, type Guest } from './episodes';

/** Same-origin path of the feed's stylesheet (routes/podcast/feed.xsl). */
export const FEED_STYLESHEET = '/podcast/feed.xsl';

export const PODCAST_GUID_NAMESPACE = 'ead4c236-bf58-58c6-a2c6-a6b28d128cb6';

/** RFC 4122 version 5 UUID (SHA-1 of namespace + name). */
export function uuidV5(name: string, namespace = PODCAST_GUID_NAMESPACE): string {
	const ns = Buffer.from(namespace.replace(/-/g, ''), 'hex');
	const h = createHash('sha1').update(Buffer.concat([ns, Buffer.from(name, 'utf8')])).digest();
	h[6] = (h[6] & 0x0f) | 0x50;
	h[8] = (h[8] & 0x3f) | 0x80;
	const x = h.subarray(0, 16).toString('hex');
	return `${x.slice(0, 8)}-${x.slice(8, 12)}-${x.slice(12, 16)}-${x.slice(16, 20)}-${x.slice(20)}`;
}

/** podcast:guid: UUIDv5 of the feed URL without scheme and trailing slashes. */
export function podcastGuid(feedUrl: string): string {
	return uuidV5(feedUrl.replace(/^[a-z][a-z0-9+.-]*:\/\//i, '').replace(/\/+$/, ''));
}

// XML 1.0 forbids most control characters even when escaped
// eslint-disable-next-line no-control-regex
const INVALID_XML = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/g;
export function xmlEscape(s: string): string {
	return s.replace(INVALID_XML, '').replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&apos;');
}

function clock(seconds: number): string {
	const ms = Math.round(seconds * 1000);
	const h = Math.floor(ms / 3_600_000);
	const m = Math.floor((ms % 3_600_000) / 60_000);
	const s = Math.floor((ms % 60_000) / 1000);
	const pad = (n: number, w = 2) => String(n).padStart(w, '0');
	return `${pad(h)}:${pad(m)}:${pad(s)}.${pad(ms % 1000, 3)}`;
}

function channelHead(show: PodcastShow, origin: string, feedUrl: string): string[] {
	const e = xmlEscape;
	const link = show.link ?? `${origin}/podcast`;
	const image = `${origin}/media/${show.imagePath}`;
	return [
		`<title>${e(show.title)}</title>`,
		`<link>${e(link)}</link>`,
		`<description>${e(show.description)}</description>`,
		`<language>${e(show.language)}</language>`,
		`<generator>Mitsprache</generator>`,
		`<atom:link href="${e(feedUrl)}" rel="self" type="application/rss+xml"/>`,
		`<image><url>${e(image)}</url><title>${e(show.title)}</title><link>${e(link)}</link></image>`,
		`<itunes:image href="${e(image)}"/>`,
		`<itunes:category text="${e(show.category)}">${show.subcategory ? `<itunes:category text="${e(show.subcategory)}"/>` : ''}</itunes:category>`,
		`<itunes:explicit>${show.explicit ? 'true' : 'false'}</itunes:explicit>`,
		`<itunes:author>${e(show.author)}</itunes:author>`,
		`<itunes:owner><itunes:name>${e(show.ownerName)}</itunes:name><itunes:email>${e(show.ownerEmail)}</itunes:email></itunes:owner>`,
		`<itunes:type>episodic</itunes:type>`,
		`<podcast:guid>${podcastGuid(feedUrl)}</podcast:guid>`,
		`<podcast:locked owner="${e(show.ownerEmail)}">yes</podcast:locked>`
	];
}

export async function buildFeed(origin: string): Promise<{ xml: string; etag: string } | null> {
	const show = (await db().select().from(schema.podcastShow).limit(1))[0];
	if (!show) return null;
	const feedUrl = `${origin}/podcast/feed.xml`;
	const rows = await db()
		.select()
		.from(schema.episodes)
		.innerJoin(schema.mediaAssets, eq(schema.mediaAssets.id, schema.episodes.mediaAssetId))
		.where(and(isPublic(), isNotNull(schema.episodes.mediaAssetId)))
		.orderBy(desc(schema.episodes.publishedAt), desc(schema.episodes.number));
	const e = xmlEscape;
	const showImage = `${origin}/media/${show.imagePath}`;
	const items = rows.map(({ episodes: ep, media_assets: a }) => {
		const page = `${origin}/podcast/${ep.slug}`;
		// an episode's own cover (uploaded in the studio) for apps that show per-episode art, else the show's
		const image = ep.imagePath ? `${origin}/media/${ep.imagePath}` : showImage;
		const chapters = JSON.parse(ep.chapters) as Chapter[];
		const guests = JSON.parse(ep.guests) as Guest[];
		const description = ep.notesHtml || e(ep.summary);
		return [
			'<item>',
			`<title>${e(ep.title)}</title>`,
			`<link>${e(page)}</link>`,
			`<description>${e(description)}</description>`,
			ep.summary ? `<itunes:summary>${e(ep.summary)}</itunes:summary>` : '',
			`<enclosure url="${e(`${origin}/media/${a.hash}/episode.mp3`)}" length="${a.mp3Bytes}" type="audio/mpeg"/>`,
			`<guid isPermaLink="false">${e(ep.guid)}</guid>`,
			`<pubDate>${new Date(ep.publishedAt).toUTCString()}</pubDate>`,
			`<itunes:duration>${Math.round(a.durationMs / 1000)}</itunes:duration>`,
			`<itunes:episode>${ep.number}</itunes:episode>`,
			`<itunes:season>${ep.season}</itunes:season>`,
			`<itunes:episodeType>${ep.type}</itunes:episodeType>`,
			`<itunes:explicit>${ep.explicit ? 'true' : 'false'}</itunes:explicit>`,
			`<itunes:image href="${e(image)}"/>`,
			ep.transcriptVtt ? `<podcast:transcript url="${e(`${page}/transcript.vtt`)}" type="text/vtt" language="${e(show.language)}"/>` : '',
			chapters.length ? `<podcast:chapters url="${e(`${page}/chapters.json`)}" type="application/json+chapters"/>` : '',
			...guests.map((g) => `<podcast:person role="guest">${e(g.name)}</podcast:person>`),
			chapters.length
				? `<psc:chapters version="1.2">${chapters.map((c) => `<psc:chapter start="${clock(c.start)}" title="${e(c.title)}"/>`).join('')}</psc:chapters>`
				: '',
			'</item>'
		]
			.filter(Boolean)
			.join('\n');
	});
	const xml = [
		'<?xml version="1.0" encoding="UTF-8"?>',
		// a browser that opens the feed shows it as a page on how to subscribe (podcast apps ignore the instruction)
		`<?xml-stylesheet type="text/xsl" href="${FEED_STYLESHEET}"?>`,
		'<rss version="2.0" xmlns:itunes="http://www.itunes.com/dtds/podcast-1.0.dtd" xmlns:podcast="https://podcastindex.org/namespace/1.0" xmlns:atom="http://www.w3.org/2005/Atom" xmlns:psc="http://podlove.org/simple-chapters" xmlns:content="http://purl.org/rss/1.0/modules/content/">',
		'<channel>',
		...channelHead(show, origin, feedUrl),
		...items,
		'</channel>',
		'</rss>',
		''
	].join('\n');
	const etag = `"${createHash('sha256').update(xml).digest('hex').slice(0, 32)}"`;
	return { xml, etag };
}
