// Request bodies, before any load, action or endpoint sees them: counted while they are read (a chunked body has
// no Content-Length to check), at most 1 MB outside the uploads, and a form body that cannot be parsed is refused
// with 400. The audio uploads stream their bodies themselves, under their own limit (studio-episodes/upload.ts).
import { json, type RequestEvent } from '@sveltejs/kit';
import { MAX_ZIP_BYTES } from '../studio/zip-import';
import { t, type Locale } from '../i18n';

/** Forms and JSON. */
export const MAX_BODY_BYTES = 1024 * 1024;

/** The course zip form: the zip itself plus the multipart framing around it. */
export const MAX_ZIP_FORM_BYTES = MAX_ZIP_BYTES + 64 * 1024;

/** The form action a POST names, found the way SvelteKit finds it: the first query key that starts with "/"
 *  (null: none named, the default action runs). */
export function actionName(url: URL): string | null {
	for (const [key] of url.searchParams) if (key.startsWith('/')) return key.slice(1);
	return null;
}

/** How many bytes the route's body may have; null where the route streams the body itself (the audio uploads). */
export function bodyLimit(routeId: string | null, url: URL): number | null {
	if (routeId === '/studio/episodes/[slug]/upload') return null;
	if (routeId === '/studio/episodes/[slug]' && actionName(url) === 'upload') return null;
	if (routeId === '/studio/courses/upload') return MAX_ZIP_FORM_BYTES;
	return MAX_BODY_BYTES;
}

export type BodyRead = { ok: true; bytes: Uint8Array<ArrayBuffer> } | { ok: false; reason: 'too_large' | 'aborted' };

/**
 * Reads at most `limit` bytes. Past the limit it stops reading and says so: the rest is never read, the caller
 * answers 413 and closes the connection (reading on, even to throw it away, would let a client keep the server busy).
 */
export async function readLimited(body: ReadableStream<Uint8Array>, limit: number): Promise<BodyRead> {
	const reader = body.getReader();
	const chunks: Uint8Array[] = [];
	let size = 0;
	try {
		for (;;) {
			const { done, value } = await reader.read();
			if (done) break;
			size += value.byteLength;
			if (size > limit) {
				reader.releaseLock();
				return { ok: false, reason: 'too_large' };
			}
			chunks.push(value);
		}
	} catch {
		return { ok: false, reason: 'aborted' };
	}
	return { ok: true, bytes: Buffer.concat(chunks) };
}

const FORM_TYPES = ['application/x-www-form-urlencoded', 'multipart/form-data', 'text/plain', 'application/x-sveltekit-formdata'];

/** The content types SvelteKit hands to form actions (and guards against CSRF). */
export function isFormType(contentType: string | null): boolean {
	return FORM_TYPES.includes((contentType ?? '').split(';', 1)[0].trim().toLowerCase());
}

/** Whether `request.formData()` will succeed on these bytes: multipart without a boundary, broken multipart and
 *  text/plain (which browsers send but FormData cannot read) all fail. */
export async function parsesAsForm(contentType: string, bytes: Uint8Array<ArrayBuffer>): Promise<boolean> {
	try {
		await new Request('http://localhost/', { method: 'POST', headers: { 'content-type': contentType }, body: bytes }).formData();
		return true;
	} catch {
		return false;
	}
}

/** A refusal in the shape the asker reads: JSON for the API and for `use:enhance` (an ActionResult), else text. */
export function refuse(event: Pick<RequestEvent, 'request' | 'url'>, status: number, message: string, close: boolean): Response {
	const headers: Record<string, string> = close ? { connection: 'close' } : {};
	if (event.url.pathname.startsWith('/api/')) return json({ message }, { status, headers });
	const accept = (event.request.headers.get('accept') ?? '').split(',', 1)[0].trim().toLowerCase();
	if (accept.startsWith('application/json')) return json({ type: 'error', status, error: { message } }, { status, headers });
	return new Response(message, { status, headers: { 'content-type': 'text/plain; charset=utf-8', ...headers } });
}

/**
 * The one gate for request bodies, run by the hook before anything else reads them: a body over its route's limit
 * is refused with 413 as soon as the limit is passed (the connection is closed, the rest never read); a form body
 * that cannot be parsed gets 400 before any action runs. What passes is put back on the event, already read.
 */
export async function guardBody(event: RequestEvent, locale: Locale): Promise<Response | null> {
	const { request } = event;
	// no body: GET and HEAD, and bodies without a content type (SvelteKit does not read those)
	if (!request.body) return null;
	const limit = bodyLimit(event.route.id, event.url);
	if (limit === null) return null;
	const declared = Number(request.headers.get('content-length') ?? 0);
	if (declared > limit) return refuse(event, 413, t(locale, 'error_too_large'), true);
	const read = await readLimited(request.body, limit);
	if (!read.ok) return refuse(event, read.reason === 'too_large' ? 413 : 400, t(locale, read.reason === 'too_large' ? 'error_too_large' : 'error_bad_request'), true);
	event.request = new Request(request.url, { method: request.method, headers: request.headers, body: read.bytes, signal: request.signal });
	const type = request.headers.get('content-type');
	if (type && isFormType(type) && !event.url.pathname.startsWith('/api/') && !(await parsesAsForm(type, read.bytes))) {
		return refuse(event, 400, t(locale, 'hardening_web_bad_form'), false);
	}
	return null;
}
