// Saving a course pack in the browser (issue 12), loaded only when a learner presses "Für offline speichern":
// every page of the course as the server renders it for them, the pages' SvelteKit data and route, and the images
// they show, into a new cache per revision. The description goes in last; any failure (a full quota above all)
// deletes the new cache, so nothing half-stored stays, and the previous revision keeps working until then.
import { PACK_PREFIX, USED_FLAG, packCacheName } from './names';
import { packMetaUrl, type PackInfo as StoredPack } from './stored';
import { warmOfflineCode } from './warm';
import { BUILD_REF, crawlBuild } from './crawl';

interface Manifest {
	course: string;
	title: string;
	revision: string;
	estimate: number;
	pages: { href: string; title: string }[];
}

export type SaveResult = { ok: true; bytes: number } | { ok: false; reason: 'quota' | 'failed' };

const PACK_HEADER = 'x-mitsprache-pack';

async function get(url: string): Promise<Response> {
	const res = await fetch(url, { headers: { [PACK_HEADER]: '1' }, cache: 'no-store', credentials: 'same-origin' });
	if (!res.ok) throw new Error(`${url}: ${res.status}`);
	return res;
}

/** Images a stored page shows (lesson pictures, the course cover), by their /media address. */
function imagesIn(html: string): string[] {
	return [...html.matchAll(/<img\b[^>]*\ssrc="(\/media\/[^"]+)"/g)].map((m) => m[1].replace(/&amp;/g, '&'));
}

const isQuota = (e: unknown) => e instanceof DOMException && (e.name === 'QuotaExceededError' || e.code === 22);

/** Asks once (remembered) that the browser keep what is stored even when space runs low. */
export async function persistOnce(): Promise<void> {
	if (localStorage.getItem('mitsprache-persist-asked') || !navigator.storage?.persist) return;
	localStorage.setItem('mitsprache-persist-asked', '1');
	await navigator.storage.persist().catch(() => false);
}

export async function savePack(course: string, onProgress: (done: number, total: number) => void): Promise<SaveResult> {
	let cacheName: string | null = null;
	try {
		const res = await fetch(`/api/offline/courses/${encodeURIComponent(course)}`, { method: 'POST', headers: { accept: 'application/json', 'content-type': 'application/json' }, body: '{}' });
		if (!res.ok) return { ok: false, reason: 'failed' };
		const manifest = (await res.json()) as Manifest;
		cacheName = packCacheName(manifest.course, manifest.revision);
		// a pack of this revision already complete: nothing to do
		const existing = await (await caches.open(cacheName)).match(packMetaUrl(manifest.course));
		if (existing) return { ok: true, bytes: ((await existing.json()) as StoredPack).bytes };
		const cache = await caches.open(cacheName);
		const urls = manifest.pages.flatMap((p) => [p.href, `${p.href}/__data.json`, `${p.href}/__route.js`]);
		let total = urls.length;
		let done = 0;
		let bytes = 0;
		const images = new Set<string>();
		const code = new Set<string>();
		const store = async (url: string) => {
			const response = await get(url);
			const body = await response.blob();
			bytes += body.size;
			const type = response.headers.get('content-type') ?? '';
			if (type.startsWith('text/html') || type.includes('javascript')) {
				const text = await body.text();
				for (const img of imagesIn(text)) if (!images.has(img)) (images.add(img), total++);
				for (const ref of text.match(BUILD_REF) ?? []) code.add(ref);
			}
			await cache.put(url, new Response(body, { status: response.status, headers: response.headers }));
			onProgress(++done, total);
		};
		for (const url of urls) await store(url);
		for (const img of images) await store(img);
		// the pages' own JavaScript and styles: fetched through the service worker, which keeps them (content-hashed)
		// (shared with the rest of the site, so not counted in the pack's size)
		await crawlBuild(code, async (path) => {
			const res = await fetch(path);
			if (!res.ok) throw new Error(`${path}: ${res.status}`);
			return res.text();
		});
		const meta: StoredPack = { course: manifest.course, title: manifest.title, revision: manifest.revision, bytes, savedAt: Date.now(), href: manifest.pages[0].href, lessons: manifest.pages.slice(1) };
		await cache.put(packMetaUrl(manifest.course), new Response(JSON.stringify(meta), { headers: { 'content-type': 'application/json' } }));
		// the new revision is complete: the older ones go
		for (const key of await caches.keys()) if (key.startsWith(`${PACK_PREFIX}${manifest.course}:`) && key !== cacheName) await caches.delete(key);
		localStorage.setItem(USED_FLAG, '1');
		await warmOfflineCode();
		await persistOnce();
		return { ok: true, bytes };
	} catch (e) {
		console.warn('course pack not stored', e);
		if (cacheName) await caches.delete(cacheName).catch(() => undefined);
		return { ok: false, reason: isQuota(e) ? 'quota' : 'failed' };
	}
}
