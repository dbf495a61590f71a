// What is stored on this device (issue 12): course packs and episode files, read from Cache Storage. A pack's
// description is written last, after every file: a pack without one is half-stored and counts as absent.
import { EPISODES_CACHE, PACK_PREFIX, USED_FLAG } from './names';

export interface PackInfo {
	course: string;
	title: string;
	revision: string;
	bytes: number;
	savedAt: number;
	/** the course page and its lessons, in reading order */
	href: string;
	lessons: { href: string; title: string }[];
}

export interface EpisodeInfo {
	slug: string;
	title: string;
	href: string;
	/** the stored file's /media URL */
	file: string;
	bytes: number;
	savedAt: number;
}

export const packMetaUrl = (course: string) => `/offline-pack/${encodeURIComponent(course)}.json`;
export const episodeMetaUrl = (slug: string) => `/offline-episode/${encodeURIComponent(slug)}.json`;

/** The complete packs, the newest revision of each course. */
export async function storedPacks(): Promise<(PackInfo & { cache: string })[]> {
	if (typeof caches === 'undefined') return [];
	const byCourse = new Map<string, PackInfo & { cache: string }>();
	for (const key of await caches.keys()) {
		if (!key.startsWith(PACK_PREFIX)) continue;
		const course = key.slice(PACK_PREFIX.length).split(':')[0];
		const meta = await (await caches.open(key)).match(packMetaUrl(course));
		if (!meta) continue;
		const info = { ...((await meta.json()) as PackInfo), cache: key };
		const seen = byCourse.get(info.course);
		if (!seen || seen.savedAt < info.savedAt) byCourse.set(info.course, info);
	}
	return [...byCourse.values()].sort((a, b) => a.title.localeCompare(b.title));
}

export async function storedEpisodes(): Promise<EpisodeInfo[]> {
	if (typeof caches === 'undefined' || !(await caches.has(EPISODES_CACHE))) return [];
	const cache = await caches.open(EPISODES_CACHE);
	const out: EpisodeInfo[] = [];
	for (const req of await cache.keys()) {
		if (!new URL(req.url).pathname.startsWith('/offline-episode/')) continue;
		const meta = await cache.match(req);
		if (meta) out.push((await meta.json()) as EpisodeInfo);
	}
	return out.sort((a, b) => a.title.localeCompare(b.title));
}

export async function removePack(course: string): Promise<void> {
	for (const key of await caches.keys()) if (key.startsWith(`${PACK_PREFIX}${course}:`)) await caches.delete(key);
}

export async function removeEpisode(slug: string): Promise<void> {
	const cache = await caches.open(EPISODES_CACHE);
	const meta = await cache.match(episodeMetaUrl(slug));
	if (meta) await cache.delete(((await meta.json()) as EpisodeInfo).file);
	await cache.delete(episodeMetaUrl(slug));
}

export { formatBytes } from './bytes';

/** Whether an episode's file is stored here (the player then plays it: no data used, and it works offline). */
export async function hasStoredFile(file: string | null): Promise<boolean> {
	if (!file || typeof caches === 'undefined' || !localStorage.getItem(USED_FLAG)) return false;
	return Boolean(await caches.match(file));
}
