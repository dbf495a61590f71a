// Starting and ending a session from a request: cookie handling shared by register, login and logout.
import type { RequestEvent } from '@sveltejs/kit';
import { createSession, invalidateSession, SESSION_COOKIE } from './session';
import { langCookieOptions, sessionCookieOptions } from './cookies';
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
