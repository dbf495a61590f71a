// A libSQL server (sqld, Turso) that does not answer: requests get a translated 503 page within DB_TIMEOUT_MS
// instead of hanging or a 500, and the site recovers by itself when the server is back (every request asks again).
import type { Client, Transaction } from '@libsql/client';
import { t, textDirection, type Locale } from '../i18n';

const NETWORK_CODES = new Set(['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EHOSTUNREACH', 'ENETUNREACH', 'ENOTFOUND', 'EAI_AGAIN', 'EPIPE', 'UND_ERR_SOCKET', 'UND_ERR_CONNECT_TIMEOUT', 'UND_ERR_HEADERS_TIMEOUT', 'UND_ERR_BODY_TIMEOUT']);

/** How long one request to a libSQL server may take (each statement of a transaction is one request). */
export function dbTimeoutMs(): number {
	return Number(process.env.DB_TIMEOUT_MS) || 5000;
}

/** fetch for @libsql/client over HTTP: gives up after DB_TIMEOUT_MS. */
export function timedFetch(input: Request | string | URL, init?: RequestInit): Promise<Response> {
	return fetch(input, { ...init, signal: AbortSignal.timeout(dbTimeoutMs()) });
}

class DbTimeoutError extends Error {
	constructor(ms: number) {
		super(`the database server did not answer within ${ms} ms`);
		this.name = 'TimeoutError';
	}
}

function timed<T>(p: Promise<T>): Promise<T> {
	const ms = dbTimeoutMs();
	let timer: ReturnType<typeof setTimeout> | undefined;
	const timeout = new Promise<never>((_, reject) => {
		timer = setTimeout(() => reject(new DbTimeoutError(ms)), ms);
		timer.unref?.();
	});
	return Promise.race([p, timeout]).finally(() => clearTimeout(timer));
}

function timedMethods<T extends object>(target: T, names: string[], wrap?: Record<string, (v: unknown) => unknown>): T {
	return new Proxy(target, {
		get(obj, prop) {
			// the receiver is the client itself: its private fields (#…) only answer to it
			const v = Reflect.get(obj, prop, obj);
			if (typeof v !== 'function') return v;
			if (typeof prop === 'string' && names.includes(prop)) {
				return (...args: unknown[]) => {
					const p = timed(Promise.resolve(v.apply(obj, args)));
					const w = wrap?.[prop];
					return w ? p.then(w) : p;
				};
			}
			return v.bind(obj);
		}
	});
}

/**
 * A client over Hrana on a WebSocket (ws://, wss://) whose calls give up after DB_TIMEOUT_MS (over HTTP the fetch
 * does that). A call that timed out may still be carried out once the server answers again, as over HTTP.
 */
export function timedClient(client: Client): Client {
	const tx = (t: unknown) => timedMethods(t as Transaction, ['execute', 'batch', 'executeMultiple', 'commit', 'rollback']);
	return timedMethods(client, ['execute', 'batch', 'executeMultiple', 'migrate', 'transaction'], { transaction: tx });
}

/** Whether an error (or one it was caused by) says the database server could not be reached or did not answer. */
export function isDbUnavailable(err: unknown): boolean {
	for (let e = err as { name?: string; code?: string; message?: string; cause?: unknown } | undefined, depth = 0; e && depth < 6; e = e.cause as typeof e, depth++) {
		if (e.name === 'TimeoutError' || (e.code && NETWORK_CODES.has(e.code))) return true;
		if (e.name === 'TypeError' && e.message === 'fetch failed') return true;
		// the WebSocket to the server failed or closed; sqld answering 502/503 (restarting) through a proxy
		if (e.code === 'HRANA_WEBSOCKET_ERROR' || e.code === 'HRANA_CLOSED_ERROR') return true;
		if (e.code === 'SERVER_ERROR' && /\b50[234]\b/.test(e.message ?? '')) return true;
	}
	return false;
}

const esc = (s: string) => s.replace(/[&<>"]/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' })[c]!);

/** The page a request gets while the database does not answer: translated, no script, asks to come back soon. */
export function unavailableResponse(locale: Locale, url: URL): Response {
	const title = t(locale, 'unavailable_title');
	const html = `<!doctype html>
<html lang="${locale}" dir="${textDirection(locale)}">
<head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>${esc(title)} · Mitsprache</title>
<style>body{font:1.125rem/1.6 system-ui,sans-serif;max-width:40rem;margin:4rem auto;padding:0 1rem;color:#1a1a1a;background:#fff}a{color:#0b4f8a}</style></head>
<body><main><h1>${esc(title)}</h1><p>${esc(t(locale, 'unavailable_body'))}</p><p><a href="${esc(url.pathname + url.search)}">${esc(t(locale, 'unavailable_reload'))}</a></p></main></body>
</html>
`;
	const wantsJson = url.pathname.startsWith('/api/');
	return new Response(wantsJson ? JSON.stringify({ message: t(locale, 'unavailable_body') }) : html, {
		status: 503,
		headers: { 'content-type': wantsJson ? 'application/json' : 'text/html; charset=utf-8', 'retry-after': '30', 'cache-control': 'no-store' }
	});
}
