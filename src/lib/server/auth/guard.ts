// Authorisation helpers: call them in every load, action and endpoint that needs a user.
import { error, redirect, type RequestEvent } from '@sveltejs/kit';
import type { Role } from '../db/schema';
import type { SessionUser } from './session';
import { t } from '../i18n';
import { config } from '../config';

type Ev = Pick<RequestEvent, 'locals' | 'url'>;

/** The logged-in user, or a redirect to the login page that comes back here afterwards. */
export function requireUser(event: Ev): SessionUser {
	const user = event.locals.user;
	if (!user) {
		const back = event.url.pathname + event.url.search;
		redirect(303, `/login?redirectTo=${encodeURIComponent(back)}`);
	}
	return user;
}

/** The logged-in user if their role is one of `roles` (admin passes every check), else 403. */
export function requireRole(event: Ev, ...roles: Role[]): SessionUser {
	const user = requireUser(event);
	if (user.role !== 'admin' && !roles.includes(user.role)) {
		error(403, t(event.locals.locale, 'error_forbidden'));
	}
	return user;
}

/** For JSON endpoints: 401 instead of a redirect. */
export function requireApiUser(event: Ev): SessionUser {
	const user = event.locals.user;
	if (!user) error(401, 'login required');
	return user;
}

/** Longest redirect target accepted; a longer one is no link a page of ours produced. */
const MAX_TARGET = 2048;

/**
 * Where to send someone after login, registration or a language switch: a path on this site, or `fallback`.
 * The target is resolved the way a browser resolves a Location header (`new URL(raw, ORIGIN)`), so whatever a
 * browser would drop or rewrite (tabs, newlines, `\` read as `/`, dot segments) cannot turn it into another origin;
 * the answer is the normalised, percent-encoded path, which is always a valid header value.
 */
export function safeRedirectTarget(raw: string | null | undefined, fallback = '/'): string {
	if (!raw || raw.length > MAX_TARGET) return fallback;
	// control characters, any whitespace (U+3000 too) and backslashes: nothing a page of ours links to
	if (/[\\\p{Cc}\p{Cf}\p{Z}\s]/u.test(raw)) return fallback;
	let url: URL;
	let ours: URL;
	try {
		ours = new URL(config.origin);
		url = new URL(raw, ours);
	} catch {
		return fallback;
	}
	if (url.origin !== ours.origin || url.username || url.password) return fallback;
	const target = url.pathname + url.search + url.hash;
	// "/.//evil.example" normalises to "//evil.example", which a browser reads as another host
	return target.startsWith('//') ? fallback : target;
}
