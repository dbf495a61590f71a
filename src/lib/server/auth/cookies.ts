// Cookie attributes for the session: HttpOnly, SameSite=Lax, Path=/, Secure on https.
import { config } from '../config';

export function sessionCookieOptions(expiresAt: number) {
	return {
		path: '/',
		httpOnly: true,
		sameSite: 'lax' as const,
		secure: config.secureCookies,
		expires: new Date(expiresAt)
	};
}

/** The Set-Cookie value SvelteKit's `cookies.set(SESSION_COOKIE, token, sessionCookieOptions(…))` writes (page-cache.ts's fast path has no event). */
export function sessionCookieHeader(token: string, expiresAt: number): string {
	return `session=${encodeURIComponent(token)}; Path=/; Expires=${new Date(expiresAt).toUTCString()}; HttpOnly${config.secureCookies ? '; Secure' : ''}; SameSite=Lax`;
}

/** The language choice: readable by the page, kept a year. */
export function langCookieOptions() {
	return { path: '/', httpOnly: false, sameSite: 'lax' as const, secure: config.secureCookies, maxAge: 60 * 60 * 24 * 365 };
}

/** The known-browser token (login-throttle.ts): only the server reads it, kept as long as the record. */
export function browserCookieOptions() {
	return { path: '/', httpOnly: true, sameSite: 'lax' as const, secure: config.secureCookies, maxAge: 60 * 60 * 24 * 365 };
}
