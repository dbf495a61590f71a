// Storing an episode for offline listening (issue 12), loaded on the press of "Folge speichern": the episode's MP3
// (one progressive file; HLS cannot be served offline where the browser plays it natively) read with its progress
// into Cache Storage, where the service worker answers the player's requests, Range requests included.
import { EPISODES_CACHE, USED_FLAG } from './names';
import { episodeMetaUrl, type EpisodeInfo } from './stored';
import { persistOnce } from './packs';
import { warmOfflineCode } from './warm';

export type SaveResult = { ok: true; bytes: number } | { ok: false; reason: 'quota' | 'failed' };

const isQuota = (e: unknown) => e instanceof DOMException && (e.name === 'QuotaExceededError' || e.code === 22);

export async function saveEpisode(ep: { slug: string; title: string; href: string; file: string }, onProgress: (loaded: number, total: number) => void): Promise<SaveResult> {
	const cache = await caches.open(EPISODES_CACHE);
	try {
		const res = await fetch(ep.file, { headers: { 'x-mitsprache-pack': '1' }, cache: 'no-store' });
		if (!res.ok || !res.body) return { ok: false, reason: 'failed' };
		const total = Number(res.headers.get('content-length') ?? 0);
		const reader = res.body.getReader();
		const chunks: Uint8Array[] = [];
		let loaded = 0;
		for (;;) {
			const { done, value } = await reader.read();
			if (done) break;
			chunks.push(value);
			loaded += value.byteLength;
			onProgress(loaded, total || loaded);
		}
		const blob = new Blob(chunks as BlobPart[], { type: res.headers.get('content-type') ?? 'audio/mpeg' });
		await cache.put(ep.file, new Response(blob, { headers: { 'content-type': blob.type, 'content-length': String(blob.size), 'accept-ranges': 'bytes' } }));
		const meta: EpisodeInfo = { slug: ep.slug, title: ep.title, href: ep.href, file: ep.file, bytes: blob.size, savedAt: Date.now() };
		await cache.put(episodeMetaUrl(ep.slug), new Response(JSON.stringify(meta), { headers: { 'content-type': 'application/json' } }));
		localStorage.setItem(USED_FLAG, '1');
		await warmOfflineCode();
		await persistOnce();
		return { ok: true, bytes: blob.size };
	} catch (e) {
		// nothing half-stored: neither the file nor its description
		await cache.delete(ep.file).catch(() => undefined);
		await cache.delete(episodeMetaUrl(ep.slug)).catch(() => undefined);
		return { ok: false, reason: isQuota(e) ? 'quota' : 'failed' };
	}
}
