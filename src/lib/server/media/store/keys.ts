// Store keys, their types and caching, and the error for a store that cannot be reached: shared by both stores.
import path from 'node:path';

/** The store cannot be reached now: the work is kept and tried again later. */
export class StoreUnavailable extends Error {
	constructor(cause: unknown) {
		super(`media store unavailable: ${(cause as Error)?.message ?? String(cause)}`);
		this.name = 'StoreUnavailable';
		this.cause = cause;
	}
}

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
const HASHED = /^[0-9a-f]{32}$/;

export function contentTypeFor(key: string): string {
	return MIME[path.extname(key).toLowerCase()] ?? 'application/octet-stream';
}

/**
 * Cache-Control stored with an object (what a bucket or CDN serving it directly sends): a content-hashed folder
 * never changes, but playlists stay short so that a player never holds one for a package that was built again.
 */
export function cacheControlFor(key: string): string {
	if (key.endsWith('.m3u8')) return 'public, max-age=60';
	return HASHED.test(key.split('/')[0]) ? 'public, max-age=31536000, immutable' : 'public, max-age=300';
}

/** A request path as a store key, or null when it may not be served (.., dot or hidden segments, unknown types). */
export function mediaKey(rel: string): string | null {
	if (!rel || rel.includes('\0') || rel.includes('\\') || rel.startsWith('/') || path.isAbsolute(rel)) return null;
	const parts = rel.split('/');
	// no empty, dot or hidden segments: also keeps temp folders (.tmp-…, .work-…, .uploads) private
	if (parts.some((p) => p === '' || p.startsWith('.') || /%2e|%2f|%5c/i.test(p))) return null;
	if (!MIME[path.extname(rel).toLowerCase()]) return null;
	return rel;
}

