// The Leichte Sprache preference: on or off for every lesson that has a de-x-ls variant. Kept in the account
// (users.plain_language) and, for visitors and after logging out, in a cookie. Switched in /account, and by
// choosing a version on a lesson page: `?variant=de-x-ls` turns it on, `?variant=de` (standard German) off.
import type { Handle, RequestEvent } from '@sveltejs/kit';
import { eq } from 'drizzle-orm';
import { schema, write } from '../db';
import { langCookieOptions } from '../auth/cookies';
import { PLAIN } from '../../content/languages';

export const PLAIN_COOKIE = 'plain';
const LESSON_PATH = /^\/courses\/[a-z0-9-]+\/[a-z0-9-]+$/;

export async function setPlainLanguage(userId: string, on: boolean) {
	await write((tx) => tx.update(schema.users).set({ plainLanguage: on }).where(eq(schema.users.id, userId)));
}

/** The cookie that remembers the choice (readable by nobody but the server; a year like the language cookie). */
export function plainCookie(event: Pick<RequestEvent, 'cookies'>, on: boolean): string {
	return event.cookies.serialize(PLAIN_COOKIE, on ? '1' : '0', { ...langCookieOptions(), httpOnly: true });
}

/** Stores the preference (account when logged in, cookie always) and puts it on `locals` for this request. */
export async function rememberPlainLanguage(event: Pick<RequestEvent, 'cookies' | 'locals'>, on: boolean) {
	if (event.locals.user) {
		await setPlainLanguage(event.locals.user.id, on);
		event.locals.user.plainLanguage = on;
	}
	event.cookies.set(PLAIN_COOKIE, on ? '1' : '0', { ...langCookieOptions(), httpOnly: true });
	event.locals.plainLanguage = on;
}

/**
 * Runs after the session and locale are known and before the course page cache, whose keys include the preference.
 * The cookie of a choice made on a lesson page is added here, so a page served from that cache carries it too.
 */
export const variantPreference: Handle = async ({ event, resolve }) => {
	const { url, locals, cookies, request } = event;
	let plain = locals.user ? locals.user.plainLanguage : cookies.get(PLAIN_COOKIE) === '1';
	let changed = false;
	if (request.method === 'GET' && LESSON_PATH.test(url.pathname)) {
		const chosen = url.searchParams.get('variant');
		const want = chosen === PLAIN ? true : chosen === 'de' ? false : plain;
		if (want !== plain) {
			plain = want;
			changed = true;
			if (locals.user) {
				await setPlainLanguage(locals.user.id, plain);
				locals.user.plainLanguage = plain;
			}
		}
	}
	locals.plainLanguage = plain;
	const response = await resolve(event);
	if (!changed) return response;
	const cookie = plainCookie(event, plain);
	try {
		response.headers.append('set-cookie', cookie);
		return response;
	} catch {
		// immutable headers (a redirect made by fetch's Response.redirect): copy the response
		const copy = new Response(response.body, response);
		copy.headers.append('set-cookie', cookie);
		return copy;
	}
};
