// A libSQL server (sqld, Turso) that does not answer: requests get a translated 503 page within DB_TIMEOUT_MS
// instead of hanging or a 500, and the site recovers by itself when the server is back (every request asks again).
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

/** Whether an error (or one it was caused by) says the database server could not be reached or did not answer. */
export function isDbUnavailable(err: unknown): boolean {
	for (let e = err as { name?: string; code?: string; message?: string; cause?: unknown } | undefined, depth = 0; e && depth < 6; e = e.cause as typeof e, depth++) {
		if (e.name === 'TimeoutError' || (e.code && NETWORK_CODES.has(e.code))) return true;
		if (e.name === 'TypeError' && e.message === 'fetch failed') return true;
		// sqld answering 502/503 (restarting) through a proxy
		if (/^(SERVER_ERROR|HRANA_WEBSOCKET_ERROR)$/.test(e.code ?? '') && /\b50[234]\b/.test(e.message ?? '')) return true;
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
