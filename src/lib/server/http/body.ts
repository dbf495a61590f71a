// Request bodies, before any load, action or endpoint sees them: counted while they are read (a chunked body has
// no Content-Length to check), at most 1 MB outside the uploads, and a form body that cannot be parsed is refused
// with 400. The audio uploads stream their bodies themselves, under their own limit (studio-episodes/upload.ts).
import type { RequestEvent } from '@sveltejs/kit';
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

/** Reads at most `limit` bytes. Past the limit it stops at once and says so; the reader stays locked for `linger`. */
export async function readLimited(reader: ReadableStreamDefaultReader<Uint8Array>, limit: number): Promise<BodyRead> {
	const chunks: Uint8Array[] = [];
	let size = 0;
	try {
		for (;;) {
			const { done, value } = await reader.read();
			if (done) break;
			size += value.byteLength;
			if (size > limit) return { ok: false, reason: 'too_large' };
			chunks.push(value);
		}
	} catch {
		return { ok: false, reason: 'aborted' };
	}
	return { ok: true, bytes: Buffer.concat(chunks) };
}

/** How much of a refused body is still read (and thrown away), and how long the connection stays open at most. */
export const LINGER = { bytes: 1024 * 1024, ms: 2000 };

/**
 * After a 413 the client is usually still sending. Closing a socket with unread data makes the kernel reset the
 * connection, and the reset can destroy the answer before the client has read it (RFC 9112 §9.6, "lingering
 * close"). So, once the answer is out, the rest of the body is read and thrown away (no memory kept) up to
 * `limits.bytes`; past that nothing more is read, and the connection is closed when the client has sent everything
 * or `limits.ms` are over, whichever comes first.
 */
export async function linger(reader: ReadableStreamDefaultReader<Uint8Array>, limits = LINGER): Promise<void> {
	let timer: NodeJS.Timeout | undefined;
	const deadline = new Promise<null>((resolve) => (timer = setTimeout(() => resolve(null), limits.ms)));
	let read = 0;
	try {
		for (;;) {
			const next = await Promise.race([reader.read(), deadline]);
			if (!next || next.done) return;
			read += next.value.byteLength;
			if (read > limits.bytes) return void (await deadline);
		}
	} catch {
		/* the client went away: nothing left to wait for */
	} finally {
		clearTimeout(timer);
	}
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

/**
 * A refusal in the shape the asker reads: JSON for the API and for `use:enhance` (an ActionResult), else text.
 * With `lingerFirst`, the answer goes out at once and the connection is closed after it has run (see `linger`).
 */
export function refuse(event: Pick<RequestEvent, 'request' | 'url'>, status: number, message: string, lingerFirst?: () => Promise<void>): Response {
	const accept = (event.request.headers.get('accept') ?? '').split(',', 1)[0].trim().toLowerCase();
	const asJson = event.url.pathname.startsWith('/api/') ? { message } : accept.startsWith('application/json') ? { type: 'error', status, error: { message } } : null;
	const bytes = new TextEncoder().encode(asJson ? JSON.stringify(asJson) : message);
	const headers: Record<string, string> = { 'content-type': asJson ? 'application/json' : 'text/plain; charset=utf-8', 'content-length': String(bytes.byteLength) };
	if (!lingerFirst) return new Response(bytes, { status, headers });
	// the client has the whole answer (Content-Length) as soon as the first chunk is written; the stream, and with it
	// the connection ("Connection: close"), ends only when the lingering is over
	const body = new ReadableStream<Uint8Array>({
		start: (controller) => controller.enqueue(bytes),
		// called once the answer has been taken for writing
		pull: async (controller) => {
			await lingerFirst();
			controller.close();
		}
	});
	return new Response(body, { status, headers: { ...headers, connection: 'close' } });
}

/**
 * The one gate for request bodies, run by the hook before anything else reads them: a body over its route's limit
 * is refused with 413 as soon as the limit is passed (and the connection closed after a short linger, never read to
 * its end); a form body that cannot be parsed gets 400 before any action runs. What passes is put back on the
 * event, already read.
 */
/** Refuses before the body is read: the body (if any) is lingered over first, as after a 413. */
export function refuseUnread(event: Pick<RequestEvent, 'request' | 'url'>, status: number, message: string): Response {
	const body = event.request.body;
	return refuse(event, status, message, () => (body ? linger(body.getReader()) : Promise.resolve()));
}

export async function guardBody(event: RequestEvent, locale: Locale): Promise<Response | null> {
	const { request } = event;
	// no body: GET and HEAD, and bodies without a content type (SvelteKit does not read those)
	if (!request.body) return null;
	const limit = bodyLimit(event.route.id, event.url);
	if (limit === null) return null;
	const reader = request.body.getReader();
	const declared = Number(request.headers.get('content-length') ?? 0);
	const read: BodyRead = declared > limit ? { ok: false, reason: 'too_large' } : await readLimited(reader, limit);
	if (!read.ok) {
		const tooLarge = read.reason === 'too_large';
		return refuse(event, tooLarge ? 413 : 400, t(locale, tooLarge ? 'error_too_large' : 'error_bad_request'), () => (tooLarge ? linger(reader) : Promise.resolve()));
	}
	event.request = new Request(request.url, { method: request.method, headers: request.headers, body: read.bytes, signal: request.signal });
	const type = request.headers.get('content-type');
	if (type && isFormType(type) && !event.url.pathname.startsWith('/api/') && !(await parsesAsForm(type, read.bytes))) {
		return refuse(event, 400, t(locale, 'hardening_web_bad_form'));
	}
	return null;
}
