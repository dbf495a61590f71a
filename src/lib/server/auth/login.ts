// Starting and ending a session from a request: cookie handling shared by register, login and logout.
import type { RequestEvent } from '@sveltejs/kit';
import { createSession, invalidateSession, SESSION_COOKIE } from './session';
import { browserCookieOptions, langCookieOptions, sessionCookieOptions } from './cookies';
import { BROWSER_COOKIE, rememberBrowser } from './login-throttle';
import { config } from '../config';

export async function startSession(event: Pick<RequestEvent, 'cookies' | 'request'>, userId: string, locale?: string) {
	const { token, session } = await createSession(userId, event.request.headers.get('user-agent') ?? '');
	event.cookies.set(SESSION_COOKIE, token, sessionCookieOptions(session.expiresAt));
	if (locale) event.cookies.set('lang', locale, langCookieOptions());
	return session;
}

export async function endSession(event: Pick<RequestEvent, 'cookies' | 'locals'>) {
	if (event.locals.session) await invalidateSession(event.locals.session.id);
	event.cookies.delete(SESSION_COOKIE, { path: '/', secure: config.secureCookies });
}

/** The known-browser token from the request (login-throttle.ts), if any. */
export function browserToken(event: Pick<RequestEvent, 'cookies'>): string | undefined {
	return event.cookies.get(BROWSER_COOKIE);
}

/** After a successful login: this browser is known to the account from now on. */
export async function rememberThisBrowser(event: Pick<RequestEvent, 'cookies'>, accountKey: string) {
	const token = await rememberBrowser(accountKey, browserToken(event));
	event.cookies.set(BROWSER_COOKIE, token, browserCookieOptions());
}
