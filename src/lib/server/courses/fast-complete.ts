// The fast path of "mark as done": the lesson page's `complete` form post, answered before SvelteKit makes a Request
// and a Response of it (scripts/server.mjs asks on every POST to `…?/complete`). Taken only when nothing but the
// action's redirect can come of it: the exact action URL, the site's own Origin (SvelteKit's CSRF check), a small form
// body (the hook's body limit), a valid session, a lesson without a quiz that the learner may see, and an Accept that
// asks either for the enhanced form's JSON or for a page. Everything else (no session, another origin, a quiz lesson,
// a `?variant=`, a chunked body) goes on to SvelteKit, the body still unread, and gets its answer and its messages there.
// The two steps are the action's own (complete-page.ts); the answer is SvelteKit's for a redirecting action.
import { config } from '../config';
import { sessionTokenIn, validateSessionToken } from '../auth/session';
import { sessionCookieHeader } from '../auth/cookies';
import { setSecurityHeaders } from '../http/security-headers';
import { log } from '../log';
import { isLocale, negotiateLocale, type Locale } from '../i18n';
import { isDbUnavailable, unavailableResponse } from '../db/unavailable';
import { completeOnPage, lessonToComplete } from './complete-page';
import type { FastAnswer } from './page-cache';

const ACTION = /^\/courses\/([a-z0-9-]+)\/([a-z0-9-]+)\?\/complete$/;
const FORM_TYPES = new Set(['application/x-www-form-urlencoded', 'multipart/form-data']);

export async function fastComplete(rawUrl: string, header: (name: string) => string | null, readBody: () => Promise<void>): Promise<FastAnswer | null> {
	const m = ACTION.exec(rawUrl);
	if (!m || header('origin') !== config.origin) return null;
	if (!FORM_TYPES.has((header('content-type') ?? '').split(';')[0].trim().toLowerCase())) return null;
	// a small body of known length, or none at all (HTTP/1.1: neither a length nor a transfer coding)
	const length = header('content-length');
	if (length === null ? header('transfer-encoding') !== null : !/^\d{1,4}$/.test(length)) return null;
	// SvelteKit answers JSON when the Accept header prefers it (the enhanced form sends exactly this), else a page
	const accept = header('accept') ?? '';
	const json = accept === 'application/json';
	if (!json && !accept.startsWith('text/html')) return null;
	const token = sessionTokenIn(header('cookie'));
	const valid = token ? await validateSessionToken(token) : null;
	if (!token || !valid) return null;
	const found = await lessonToComplete(valid.user, m[1], m[2]);
	if (typeof found === 'string' || found.lesson.hasQuiz) return null;
	// from here on this is the answer: the form's fields (there are none) are read and dropped
	await readBody();
	let r: Awaited<ReturnType<typeof completeOnPage>>;
	try {
		r = await completeOnPage(valid.user, found, null);
	} catch (err) {
		// the database stopped answering in between: the translated 503 page the hook would give (the body is read now,
		// SvelteKit cannot take the request over)
		if (!isDbUnavailable(err)) throw err;
		const locale: Locale = isLocale(valid.user.locale) ? (valid.user.locale as Locale) : negotiateLocale(header('accept-language'));
		const page = unavailableResponse(locale, new URL(rawUrl.slice(0, rawUrl.indexOf('?')), config.origin));
		setSecurityHeaders(page.headers);
		return { status: page.status, headers: page.headers, body: Buffer.from(await page.arrayBuffer()) };
	}
	if (r === 'quiz_required') throw new Error('a lesson without a quiz asked for one');
	const headers = new Headers({ 'cache-control': 'private, no-store' });
	headers.append('set-cookie', sessionCookieHeader(token, valid.session.expiresAt));
	setSecurityHeaders(headers);
	let answer: FastAnswer;
	if (json) {
		const body = Buffer.from(JSON.stringify({ type: 'redirect', status: 303, location: r.location }));
		headers.set('content-type', 'application/json');
		headers.set('content-length', String(body.length));
		answer = { status: 200, headers, body };
	} else {
		headers.set('location', r.location);
		headers.set('content-length', '0');
		answer = { status: 303, headers, body: null };
	}
	if (process.env.LOG_REQUESTS !== '0') log('request', { method: 'POST', path: rawUrl, status: answer.status, ms: 0, fast: 'complete' });
	return answer;
}
