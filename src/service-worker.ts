// The service worker (issue 12): the app shell precached; pages network first, with the last copy kept for offline
// reading; stored course packs and episode files served from Cache Storage; everything personal emptied at logout.
// The shell is what the offline page needs (framework, layout, styles, icons), not the whole build: the studio's
// editor has no place on a prepaid phone. Other build files are kept as pages use them (and as packs store them).
/// <reference types="@sveltejs/kit" />
/// <reference no-default-lib="true"/>
/// <reference lib="esnext" />
/// <reference lib="webworker" />
import { build, files, version } from '$service-worker';
import { CACHEABLE, EPISODES_CACHE, PACK_PREFIX, PAGES_CACHE } from '$lib/offline/names';
import { flushOutbox } from '$lib/offline/outbox-store';
import { BUILD_REF, crawlBuild } from '$lib/offline/crawl';

const sw = self as unknown as ServiceWorkerGlobalScope;
const SHELL = `shell-${version}`;
/** Content-hashed build files: kept across versions, since stored pages refer to the files they were built with. */
const IMMUTABLE = 'immutable';
// the big static files (sign-language videos, fonts for PDFs) stay out of the shell
const SHELL_FILES = files.filter((f) => /\.(?:png|svg|ico|txt|css|woff2)$/.test(f));
const ROUTE_SUFFIX = '/__route.js';
const DATA_SUFFIX = '/__data.json';

sw.addEventListener('install', (event) => {
	event.waitUntil(
		(async () => {
			const cache = await caches.open(SHELL);
			await cache.addAll(SHELL_FILES);
			// the offline page, fetched without cookies: nothing personal in it, so it stays at logout with the shell;
			// the build files it loads are the app shell
			const offline = await fetch('/offline', { credentials: 'omit' });
			const html = await offline.clone().text();
			await cache.put('/offline', offline);
			const immutable = await caches.open(IMMUTABLE);
			await crawlBuild(html.match(BUILD_REF) ?? [], async (path) => {
				const res = await fetch(path);
				if (!res.ok) throw new Error(`${path}: ${res.status}`);
				await immutable.put(path, res.clone());
				return res.text();
			});
			await sw.skipWaiting();
		})()
	);
});

sw.addEventListener('activate', (event) => {
	event.waitUntil(
		(async () => {
			const keys = await caches.keys();
			for (const key of keys) if (key.startsWith('shell-') && key !== SHELL) await caches.delete(key);
			// an older version's build files are still named by stored packs; with none stored, they go
			if (!keys.some((k) => k.startsWith(PACK_PREFIX))) {
				const current = new Set(build);
				const immutable = await caches.open(IMMUTABLE);
				for (const req of await immutable.keys()) if (!current.has(new URL(req.url).pathname)) await immutable.delete(req);
			}
			await sw.clients.claim();
		})()
	);
});

/** The page path a SvelteKit data or route request belongs to. */
function pagePath(pathname: string): string {
	if (pathname.endsWith(ROUTE_SUFFIX)) return pathname.slice(0, -ROUTE_SUFFIX.length) || '/';
	if (pathname.endsWith(DATA_SUFFIX)) return pathname.slice(0, -DATA_SUFFIX.length) || '/';
	return pathname;
}

/** Everything personal: visited pages, course packs, stored episodes. The shell stays. */
async function clearPersonal() {
	for (const key of await caches.keys()) if (key === PAGES_CACHE || key === EPISODES_CACHE || key.startsWith(PACK_PREFIX)) await caches.delete(key);
}

/** A stored file answered as the browser asked: a Range request (audio seeking) gets its 206 slice. */
async function fromStore(request: Request, stored: Response): Promise<Response> {
	const range = /^bytes=(\d*)-(\d*)$/.exec(request.headers.get('range') ?? '');
	if (!range) return stored;
	const blob = await stored.blob();
	const size = blob.size;
	let start = range[1] ? Number(range[1]) : size - Number(range[2]);
	let end = range[1] && range[2] ? Number(range[2]) : size - 1;
	start = Math.max(0, start);
	end = Math.min(size - 1, end);
	if (start > end) return new Response(null, { status: 416, headers: { 'content-range': `bytes */${size}` } });
	return new Response(blob.slice(start, end + 1), {
		status: 206,
		headers: { 'content-type': stored.headers.get('content-type') ?? 'application/octet-stream', 'content-range': `bytes ${start}-${end}/${size}`, 'content-length': String(end - start + 1), 'accept-ranges': 'bytes' }
	});
}

async function networkFirst(request: Request, url: URL): Promise<Response> {
	try {
		const response = await fetch(request);
		// a learner's pages are `private, no-store` for the HTTP caches; this copy is theirs, on their device, and goes
		// at logout (clearPersonal)
		if (response.ok && response.type === 'basic') {
			const copy = response.clone();
			void caches.open(PAGES_CACHE).then((c) => c.put(request, copy));
		}
		return response;
	} catch {
		// a stored pack or a visited page; SvelteKit's data requests carry a query that changes with what is invalid
		const hit = (await caches.match(request, { ignoreVary: true })) ?? (await caches.match(request, { ignoreSearch: true, ignoreVary: true }));
		if (hit) return hit;
		if (url.pathname.endsWith(ROUTE_SUFFIX)) {
			// no route known: SvelteKit then navigates the whole page, which lands on the offline page below
			return new Response('export const route = null; export const params = {};', { headers: { 'content-type': 'text/javascript' } });
		}
		if (request.mode === 'navigate') return (await caches.match('/offline', { ignoreVary: true })) ?? Response.error();
		return Response.error();
	}
}

sw.addEventListener('fetch', (event) => {
	const { request } = event;
	const url = new URL(request.url);
	if (url.origin !== sw.location.origin) return;
	if (request.method === 'POST' && url.pathname === '/logout') {
		// progress made offline is sent while the session still exists; then nothing of this person stays on the device
		event.respondWith(
			(async () => {
				await flushOutbox().catch(() => undefined);
				await clearPersonal();
				return fetch(request);
			})()
		);
		return;
	}
	// a course pack's own requests (packs.ts) go straight to the network: the pack stores them itself
	if (request.method !== 'GET' || request.headers.has('x-mitsprache-pack')) return;
	if (SHELL_FILES.includes(url.pathname)) {
		event.respondWith(caches.match(url.pathname).then((hit) => hit ?? fetch(request)));
		return;
	}
	if (url.pathname.startsWith('/_app/immutable/')) {
		event.respondWith(
			caches.match(url.pathname).then(
				(hit) =>
					hit ??
					fetch(request).then((response) => {
						if (response.ok) {
							const copy = response.clone();
							void caches.open(IMMUTABLE).then((c) => c.put(url.pathname, copy));
						}
						return response;
					})
			)
		);
		return;
	}
	// only what a pack or an episode stores (the MP3, images); HLS playlists and segments are never stored, so they go
	// to the network untouched
	if (url.pathname.startsWith('/media/') && /\.(?:mp3|m4a|png|jpe?g|webp|avif|gif|svg)$/i.test(url.pathname)) {
		// stored episode files and pack images: from the device (saves the data plan); else the network
		event.respondWith(caches.match(url.pathname, { ignoreVary: true }).then((hit) => (hit ? fromStore(request, hit) : fetch(request))));
		return;
	}
	if (url.pathname.startsWith('/api/') || !CACHEABLE.test(pagePath(url.pathname))) return;
	event.respondWith(networkFirst(request, url));
});

// Background Sync (Chromium): the outbox is sent when the connection returns, also with no page open
sw.addEventListener('sync', (event: Event & { tag?: string; waitUntil?: (p: Promise<unknown>) => void }) => {
	if (event.tag === 'outbox') event.waitUntil?.(flushOutbox());
});
