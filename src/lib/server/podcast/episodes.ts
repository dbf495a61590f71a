// Reading episodes for pages, the feed and other domains (home page block, lesson embeds).
import { and, desc, eq, lte, sql } from 'drizzle-orm';
import { db, schema } from '../db';
import type { Episode, MediaAsset, PodcastShow } from '../db/schema';
import type { Chapter, EpisodeListItem, PlayerEpisode } from '../../podcast/types';
import { foldPeaks } from '../../podcast/peaks';

export interface Guest {
	name: string;
	role: string;
	bio: string;
}
export type { Chapter, EpisodeListItem, PlayerEpisode };

/** What listeners may see: published, and the publication time has come (a scheduled episode stays hidden until then). */
export function isPublic(now = Date.now()) {
	return and(eq(schema.episodes.status, 'published'), lte(schema.episodes.publishedAt, now))!;
}

export async function getShow(): Promise<PodcastShow | null> {
	return (await db().select().from(schema.podcastShow).limit(1))[0] ?? null;
}

const listFields = {
	slug: schema.episodes.slug,
	title: schema.episodes.title,
	summary: schema.episodes.summary,
	date: schema.episodes.date,
	season: schema.episodes.season,
	number: schema.episodes.number,
	type: schema.episodes.type,
	demo: schema.episodes.demo,
	imagePath: schema.episodes.imagePath,
	chapters: schema.episodes.chapters,
	durationMs: schema.mediaAssets.durationMs,
	hash: schema.mediaAssets.hash,
	mp3Bytes: schema.mediaAssets.mp3Bytes
};
type ListRow = { [K in keyof typeof listFields]: (typeof listFields)[K]['_']['data'] | null };
const toItem = ({ durationMs, hash, mp3Bytes, imagePath, chapters, ...r }: ListRow): EpisodeListItem => ({
	...(r as Omit<EpisodeListItem, 'duration' | 'hls' | 'mp3' | 'mp3Bytes' | 'cover' | 'chapters'>),
	duration: durationMs ? durationMs / 1000 : null,
	hls: hash ? `/media/${hash}/master.m3u8` : null,
	mp3: hash ? `/media/${hash}/episode.mp3` : null,
	mp3Bytes: hash ? mp3Bytes : null,
	cover: imagePath ? `/media/${imagePath}` : null,
	chapters: chapters ? (JSON.parse(chapters) as Chapter[]) : []
});

/** A list item as the player takes it (a play button in the episode list); null while its audio is not packaged. */
export function listPlayerEpisode(e: EpisodeListItem, show: PodcastShow | null): PlayerEpisode | null {
	if (!e.hls || !e.mp3) return null;
	return {
		slug: e.slug,
		title: e.title,
		showTitle: show?.title ?? '',
		cover: e.cover ?? (show ? `/media/${show.imagePath}` : null),
		hls: e.hls,
		mp3: e.mp3,
		duration: e.duration ?? 0,
		peaks: [],
		chapters: e.chapters,
		language: show?.language ?? 'de'
	};
}

/** Published episodes, newest first; `q` searches title, summary, show notes and guests. */
export async function listEpisodes(opts: { q?: string; limit?: number } = {}): Promise<EpisodeListItem[]> {
	const q = opts.q?.trim().toLowerCase();
	const like = q ? `%${q.replace(/[\\%_]/g, (c) => '\\' + c)}%` : null;
	const rows = await db()
		.select(listFields)
		.from(schema.episodes)
		.leftJoin(schema.mediaAssets, eq(schema.mediaAssets.id, schema.episodes.mediaAssetId))
		.where(
			and(
				isPublic(),
				like
					? sql`(lower(${schema.episodes.title}) like ${like} escape '\\' or lower(${schema.episodes.summary}) like ${like} escape '\\' or lower(${schema.episodes.notesMd}) like ${like} escape '\\' or lower(${schema.episodes.guests}) like ${like} escape '\\')`
					: undefined
			)
		)
		.orderBy(desc(schema.episodes.publishedAt), desc(schema.episodes.number))
		.limit(opts.limit ?? 500);
	return rows.map((r) => toItem(r as ListRow));
}

export async function latestEpisodes(n = 3): Promise<EpisodeListItem[]> {
	return listEpisodes({ limit: n });
}

export async function getEpisode(slug: string): Promise<{ episode: Episode; asset: MediaAsset | null; show: PodcastShow | null } | null> {
	const row = (
		await db()
			.select()
			.from(schema.episodes)
			.leftJoin(schema.mediaAssets, eq(schema.mediaAssets.id, schema.episodes.mediaAssetId))
			.where(and(eq(schema.episodes.slug, slug), isPublic()))
			.limit(1)
	)[0];
	if (!row) return null;
	return { episode: row.episodes, asset: row.media_assets, show: await getShow() };
}

export function playerEpisode(episode: Episode, asset: MediaAsset | null, show: PodcastShow | null): PlayerEpisode {
	return {
		slug: episode.slug,
		title: episode.title,
		showTitle: show?.title ?? '',
		cover: episode.imagePath ? `/media/${episode.imagePath}` : show ? `/media/${show.imagePath}` : null,
		hls: asset ? `/media/${asset.hash}/master.m3u8` : null,
		mp3: asset ? `/media/${asset.hash}/episode.mp3` : null,
		duration: asset ? asset.durationMs / 1000 : 0,
		// folded to the seek bar's columns: a tenth of the bytes in the page and its hydration data
		peaks: asset ? foldPeaks(JSON.parse(asset.peaks) as number[]) : [],
		chapters: JSON.parse(episode.chapters) as Chapter[],
		language: show?.language ?? 'de'
	};
}

/** For a lesson that embeds an episode: the player data, or null when the slug is unknown. */
export async function embedEpisode(slug: string): Promise<PlayerEpisode | null> {
	const e = await getEpisode(slug);
	return e ? playerEpisode(e.episode, e.asset, e.show) : null;
}

/** Podcasting 2.0 JSON chapters (https://github.com/Podcastindex-org/podcast-namespace/blob/main/chapters/jsonChapters.md) */
export function jsonChapters(episode: Episode, show: PodcastShow | null) {
	const chapters = JSON.parse(episode.chapters) as Chapter[];
	return {
		version: '1.2.0',
		title: episode.title,
		podcastName: show?.title,
		chapters: chapters.map((c) => ({ startTime: c.start, title: c.title }))
	};
}
