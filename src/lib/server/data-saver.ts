// The learner's "Daten sparen" choice on `locals` (see $lib/data-saver.ts); a cookie kept a year like the language.
import type { Handle, RequestEvent } from '@sveltejs/kit';
import { SAVER_COOKIE } from '$lib/data-saver';
import { langCookieOptions } from './auth/cookies';

export function rememberSaveData(event: Pick<RequestEvent, 'cookies' | 'locals'>, on: boolean) {
	// readable by the page: the player (loaded on the first play) picks the 64k rendition from it
	event.cookies.set(SAVER_COOKIE, on ? '1' : '0', langCookieOptions());
	event.locals.saveData = on;
}

export const dataSaver: Handle = ({ event, resolve }) => {
	event.locals.saveData = event.cookies.get(SAVER_COOKIE) === '1';
	return resolve(event);
};
