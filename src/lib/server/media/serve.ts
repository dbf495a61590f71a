// Serves files under MEDIA_DIR: byte ranges, MIME types, immutable caching of content-hashed folders, ETag/304,
// CORS for transcripts and chapters. No request path can leave MEDIA_DIR (.., encoded dots, absolute, symlinks).
import fs from 'node:fs';
import path from 'node:path';
import { Readable } from 'node:stream';
import { config } from '../config';

export const MIME: Record<string, string> = {
	'.m3u8': 'application/vnd.apple.mpegurl',
	'.m4s': 'audio/mp4',
	'.mp4': 'audio/mp4',
	'.m4a': 'audio/mp4',
	'.mp3': 'audio/mpeg',
	'.vtt': 'text/vtt; charset=utf-8',
	'.json': 'application/json',
	'.png': 'image/png',
	'.jpg': 'image/jpeg',
	'.jpeg': 'image/jpeg'
};
const CORS_EXT = new Set(['.vtt', '.json']);
const HASHED = /^[0-9a-f]{32}$/;

/** The real file for a request path, or null when it is not a servable file inside MEDIA_DIR. */
export function resolveMediaPath(rel: string, root = config.mediaDir): string | null {
	if (!rel || rel.includes('\0') || rel.includes('\\') || rel.startsWith('/') || path.isAbsolute(rel)) return null;
	const parts = rel.split('/');
	// no empty, dot or hidden segments: also keeps temp folders (.tmp-…, .work-…) private
	if (parts.some((p) => p === '' || p.startsWith('.') || /%2e|%2f|%5c/i.test(p))) return null;
	if (!MIME[path.extname(rel).toLowerCase()]) return null;
	const base = path.resolve(root);
	const file = path.resolve(base, ...parts);
	if (!file.startsWith(base + path.sep)) return null;
	try {
		const real = fs.realpathSync(file);
		const realBase = fs.realpathSync(base);
		if (!real.startsWith(realBase + path.sep)) return null;
		if (!fs.statSync(real).isFile()) return null;
		return real;
	} catch {
		return null;
	}
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

export function serveMediaFile(request: Request, rel: string, onServed?: (info: ServedInfo) => void): Response {
	const file = resolveMediaPath(rel);
	if (!file) return new Response('Not found', { status: 404, headers: { 'content-type': 'text/plain; charset=utf-8' } });
	const ext = path.extname(file).toLowerCase();
	// a folder named by its content hash never changes: caches may keep it forever
	const cacheControl = HASHED.test(rel.split('/')[0]) ? 'public, max-age=31536000, immutable' : 'public, max-age=300';
	return serveFile(request, file, { type: MIME[ext], cacheControl, cors: CORS_EXT.has(ext) }, onServed);
}

/** One existing file with byte ranges, ETag/304 and the given type (also used for files outside MEDIA_DIR). */
export function serveFile(request: Request, file: string, opts: { type: string; cacheControl: string; cors?: boolean }, onServed?: (info: ServedInfo) => void): Response {
	const stat = fs.statSync(file);
	const etag = `"${stat.size.toString(16)}-${Math.floor(stat.mtimeMs).toString(16)}"`;
	const headers = new Headers({
		'content-type': opts.type,
		etag,
		'accept-ranges': 'bytes',
		'last-modified': stat.mtime.toUTCString(),
		'cache-control': opts.cacheControl
	});
	if (opts.cors) headers.set('access-control-allow-origin', '*');
	const inm = request.headers.get('if-none-match');
	if (inm && inm.split(',').some((t) => t.trim().replace(/^W\//, '') === etag || t.trim() === '*')) {
		return new Response(null, { status: 304, headers });
	}
	let range = request.headers.get('range') ? parseRange(request.headers.get('range')!, stat.size) : null;
	const ifRange = request.headers.get('if-range');
	if (range && ifRange && ifRange !== etag && ifRange !== headers.get('last-modified')) range = null;
	if (range === 'unsatisfiable') {
		headers.set('content-range', `bytes */${stat.size}`);
		return new Response(null, { status: 416, headers });
	}
	const { start, end } = range ?? { start: 0, end: stat.size - 1 };
	const status = range ? 206 : 200;
	if (range) headers.set('content-range', `bytes ${start}-${end}/${stat.size}`);
	headers.set('content-length', String(Math.max(0, end - start + 1)));
	onServed?.({ status, fromStart: start === 0 && request.method === 'GET' });
	if (request.method === 'HEAD' || stat.size === 0) return new Response(null, { status, headers });
	const stream = Readable.toWeb(fs.createReadStream(file, { start, end })) as ReadableStream;
	return new Response(stream, { status, headers });
}
