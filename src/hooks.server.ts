// Every request: JSON-endpoint origin checks, body limits, session, locale, security headers, one log line.
import type { Handle, HandleServerError, RequestEvent, ServerInit } from '@sveltejs/kit';
import { sequence } from '@sveltejs/kit/hooks';
import { AsyncLocalStorage } from 'node:async_hooks';
import { overwriteGetLocale, baseLocale } from '$lib/paraglide/runtime';
import { SESSION_COOKIE, validateSessionToken } from '$lib/server/auth/session';
import { sessionCookieOptions } from '$lib/server/auth/cookies';
import { alternateLinks, isLocale, localeParam, negotiateLocale, t, textDirection, type Locale } from '$lib/server/i18n';
import { langCookieOptions } from '$lib/server/auth/cookies';
import { config } from '$lib/server/config';
import { log, logError } from '$lib/server/log';
import { startup } from '$lib/server/startup';
import { coursePageCache } from '$lib/server/courses/page-cache';
import { fastPath } from '$lib/server/http/fast-path';
import { variantPreference } from '$lib/server/courses/variant-preference';
import { dataSaver } from '$lib/server/data-saver';
import { actionName, guardBody, refuseUnread } from '$lib/server/http/body';
import { setSecurityHeaders } from '$lib/server/http/security-headers';
import { isDbUnavailable, unavailableResponse } from '$lib/server/db/unavailable';

const localeStore = new AsyncLocalStorage<Locale>();
overwriteGetLocale(() => localeStore.getStore() ?? baseLocale);

export const init: ServerInit = async () => {
	await startup();
	// scripts/server.mjs asks this before SvelteKit on every request (http/fast-path.ts)
	(globalThis as { mitspracheFastPath?: typeof fastPath }).mitspracheFastPath = fastPath;
};

function jsonGuard(event: RequestEvent, locale: Locale): Response | null {
	const { request, url } = event;
	if (!url.pathname.startsWith('/api/') || request.method === 'GET' || request.method === 'HEAD') return null;
	const site = request.headers.get('sec-fetch-site');
	const origin = request.headers.get('origin');
	const sameOrigin = site ? site === 'same-origin' || site === 'none' : origin === null || origin === url.origin;
	if (!sameOrigin) return refuseUnread(event, 403, t(locale, 'error_forbidden'));
	const type = request.headers.get('content-type') ?? '';
	if (!type.split(';')[0].trim().toLowerCase().startsWith('application/json')) return refuseUnread(event, 415, t(locale, 'error_bad_request'));
	return null;
}

/**
 * A database server that does not answer (sqld down, a network cut): a translated 503 page instead of a 500 or a
 * hang, whether the session lookup here or a load/action failed; the next request asks the database again.
 */
const dbGuard: Handle = async ({ event, resolve }) => {
	const fallbackLocale = () => event.locals.locale ?? (isLocale(event.cookies.get('lang')) ? (event.cookies.get('lang') as Locale) : negotiateLocale(event.request.headers.get('accept-language')));
	try {
		const response = await resolve(event);
		if (!event.locals.dbUnavailable || response.status < 500) return response;
		return unavailableResponse(fallbackLocale(), event.url);
	} catch (err) {
		if (!isDbUnavailable(err)) throw err;
		logError('db_unavailable', err, { path: event.url.pathname });
		return unavailableResponse(fallbackLocale(), event.url);
	}
};

const main: Handle = async ({ event, resolve }) => {
	const started = performance.now();
	const { request, url, cookies } = event;
	event.locals.user = null;
	event.locals.session = null;

	const token = cookies.get(SESSION_COOKIE);
	if (token) {
		const result = await validateSessionToken(token);
		if (result) {
			event.locals.user = result.user;
			event.locals.session = result.session;
			cookies.set(SESSION_COOKIE, token, sessionCookieOptions(result.session.expiresAt));
		}
	}

	// ?lang= (the hreflang alternates, a shared link) → the account's choice → the cookie → Accept-Language → German
	const cookieLocale = cookies.get('lang');
	const asked = request.method === 'GET' ? localeParam(url) : null;
	const locale: Locale = asked
		? asked
		: isLocale(event.locals.user?.locale)
			? (event.locals.user.locale as Locale)
			: isLocale(cookieLocale)
				? cookieLocale
				: negotiateLocale(request.headers.get('accept-language'));
	event.locals.locale = locale;
	// a visitor who has chosen nothing yet keeps the language of the link they followed on the next pages
	if (asked && !event.locals.user && !isLocale(cookieLocale)) cookies.set('lang', asked, langCookieOptions());

	// SvelteKit answers "?/default" with a 500 (a reserved name): it is simply no action of ours
	const refused =
		request.method === 'POST' && actionName(url) === 'default'
			? refuseUnread(event, 404, t(locale, 'error_not_found'))
			: (jsonGuard(event, locale) ?? (await guardBody(event, locale)));
	const response =
		refused ??
		(await localeStore.run(locale, () =>
			resolve(event, {
				transformPageChunk: ({ html }) => html.replace('%lang%', locale).replace('%dir%', textDirection(locale)).replace('%alternates%', () => alternateLinks(url, config.origin))
			})
		));

	const h = response.headers;
	setSecurityHeaders(h);
	// an ended, expired or unknown session: its cookie goes. Added here, not through `cookies.delete`: SvelteKit adds
	// those only to a response that `resolve` rendered, and a visitor's page from the page cache is not one.
	if (token && !event.locals.user && !h.getSetCookie().some((c) => c.startsWith(SESSION_COOKIE + '='))) {
		h.append('set-cookie', cookies.serialize(SESSION_COOKIE, '', { path: '/', httpOnly: true, sameSite: 'lax', secure: config.secureCookies, maxAge: 0 }));
	}
	// a learner's pages and their data are theirs alone: no shared cache may keep them (also a page the course cache
	// serves to learners); neither a response that sets a cookie
	const type = h.get('content-type') ?? '';
	if (event.locals.user && (type.startsWith('text/html') || type.startsWith('application/json')) && !h.has('cache-control')) {
		h.set('Cache-Control', 'private, no-store');
	}
	if (h.has('set-cookie') && /public/.test(h.get('cache-control') ?? '')) h.set('Cache-Control', 'private, no-store');
	if (process.env.LOG_REQUESTS !== '0') {
		log('request', { method: request.method, path: url.pathname, status: response.status, ms: Math.round(performance.now() - started) });
	}
	return response;
};

// Inside `main` (session, locale and security headers are already decided): the Leichte Sprache preference (see
// variant-preference.ts), the data saver (data-saver.ts), then course pages from memory (see page-cache.ts), whose keys include both.
export const handle = sequence(dbGuard, main, variantPreference, dataSaver, coursePageCache);

export const handleError: HandleServerError = ({ error, event, status, message }) => {
	if (isDbUnavailable(error)) event.locals.dbUnavailable = true;
	if (status !== 404) logError('server_error', error, { path: event.url.pathname, status });
	const locale = event.locals.locale ?? baseLocale;
	if (status === 404) return { message: t(locale, 'error_not_found') };
	if (status === 413) return { message: t(locale, 'error_too_large') };
	if (status < 500) return { message };
	return { message: t(locale, 'error_generic') };
};
