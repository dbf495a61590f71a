// Serves files from the media store (MEDIA_DIR or a bucket): byte ranges, MIME types, immutable caching of
// content-hashed folders, ETag/304, CORS for transcripts and chapters. No request path can leave the store.
import fs from 'node:fs';
import path from 'node:path';
import { Readable } from 'node:stream';
import { config } from '../config';
import { logError } from '../log';
import { LocalStore } from './store/local';
import { MIME, mediaKey, mediaPublicUrl, mediaStore, type StoredObject } from './store';

export { MIME };
const CORS_EXT = new Set(['.vtt', '.json']);
const HASHED = /^[0-9a-f]{32}$/;

/** The real file for a request path, or null when it is not a servable file inside MEDIA_DIR. */
export function resolveMediaPath(rel: string, root = config.mediaDir): string | null {
	return new LocalStore(root).resolve(rel);
}

function parseRange(header: string, size: number): { start: number; end: number } | 'unsatisfiable' | null {
	const m = /^bytes=(\d*)-(\d*)$/.exec(header.trim());
	if (!m) return null; // malformed or several ranges: answer with the whole file (allowed by RFC 9110)
	let start: number;
	let end: number;
	if (m[1] === '') {
		if (m[2] === '') return null;
		const suffix = Number(m[2]);
		if (suffix === 0) return 'unsatisfiable';
		start = Math.max(0, size - suffix);
		end = size - 1;
	} else {
		start = Number(m[1]);
		end = m[2] === '' ? size - 1 : Math.min(Number(m[2]), size - 1);
		if (m[2] !== '' && Number(m[2]) < start) return null;
	}
	if (start >= size) return 'unsatisfiable';
	return { start, end };
}

export interface ServedInfo {
	status: number;
	/** true for a GET that starts at byte 0 (a download or the first request of a player) */
	fromStart: boolean;
}

/**
 * A file from the media store (local folder or bucket) with ranges and validators. With MEDIA_PUBLIC_URL the
 * bucket or CDN serves it: the answer is a redirect there (relative segment URLs in playlists then resolve there too).
 */
export async function serveMediaFile(request: Request, rel: string, onServed?: (info: ServedInfo) => void): Promise<Response> {
	const key = mediaKey(rel);
	if (!key) return notFound();
	const ext = path.extname(key).toLowerCase();
	// a folder named by its content hash never changes: caches may keep it forever
	const cacheControl = HASHED.test(key.split('/')[0]) ? 'public, max-age=31536000, immutable' : 'public, max-age=300';
	const opts = { type: MIME[ext], cacheControl, cors: CORS_EXT.has(ext) };
	const store = mediaStore();
	const publicUrl = mediaPublicUrl();
	try {
		if (publicUrl) {
			onServed?.({ status: 200, fromStart: request.method === 'GET' && !request.headers.get('range') });
			return new Response(null, { status: 302, headers: { location: `${publicUrl}/${key}`, 'cache-control': 'public, max-age=300' } });
		}
		const obj = await store.stat(key);
		if (!obj) return notFound();
		return respond(request, obj, (start, end) => store.read(key, start, end), opts, onServed);
	} catch (err) {
		logError('media_serve', err, { key, store: store.kind });
		return new Response('Media storage is unavailable, please try again shortly.', { status: 503, headers: { 'content-type': 'text/plain; charset=utf-8', 'retry-after': '10' } });
	}
}

function notFound(): Response {
	return new Response('Not found', { status: 404, headers: { 'content-type': 'text/plain; charset=utf-8' } });
}

interface ServeOptions {
	type: string;
	cacheControl: string;
	cors?: boolean;
}

/** One existing local file with byte ranges, ETag/304 and the given type (for files outside the media store). */
export function serveFile(request: Request, file: string, opts: ServeOptions, onServed?: (info: ServedInfo) => void): Promise<Response> {
	const stat = fs.statSync(file);
	const obj = { size: stat.size, mtime: stat.mtime, etag: `"${stat.size.toString(16)}-${Math.floor(stat.mtimeMs).toString(16)}"` };
	return respond(request, obj, async (start, end) => Readable.toWeb(fs.createReadStream(file, { start, end })) as ReadableStream<Uint8Array>, opts, onServed);
}

async function respond(request: Request, obj: StoredObject, open: (start: number, end: number) => Promise<ReadableStream<Uint8Array>>, opts: ServeOptions, onServed?: (info: ServedInfo) => void): Promise<Response> {
	const etag = obj.etag;
	const headers = new Headers({
		'content-type': opts.type,
		etag,
		'accept-ranges': 'bytes',
		'last-modified': obj.mtime.toUTCString(),
		'cache-control': opts.cacheControl
	});
	if (opts.cors) headers.set('access-control-allow-origin', '*');
	const inm = request.headers.get('if-none-match');
	if (inm && inm.split(',').some((t) => t.trim().replace(/^W\//, '') === etag || t.trim() === '*')) {
		return new Response(null, { status: 304, headers });
	}
	let range = request.headers.get('range') ? parseRange(request.headers.get('range')!, obj.size) : null;
	const ifRange = request.headers.get('if-range');
	if (range && ifRange && ifRange !== etag && ifRange !== headers.get('last-modified')) range = null;
	if (range === 'unsatisfiable') {
		headers.set('content-range', `bytes */${obj.size}`);
		return new Response(null, { status: 416, headers });
	}
	const { start, end } = range ?? { start: 0, end: obj.size - 1 };
	const status = range ? 206 : 200;
	if (range) headers.set('content-range', `bytes ${start}-${end}/${obj.size}`);
	headers.set('content-length', String(Math.max(0, end - start + 1)));
	onServed?.({ status, fromStart: start === 0 && request.method === 'GET' });
	if (request.method === 'HEAD' || obj.size === 0) return new Response(null, { status, headers });
	return new Response(await open(start, end), { status, headers });
}
