// Authorisation helpers: call them in every load, action and endpoint that needs a user.
import { error, redirect, type RequestEvent } from '@sveltejs/kit';
import type { Role } from '../db/schema';
import type { SessionUser } from './session';
import { t } from '../i18n';

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

export function safeRedirectTarget(raw: string | null | undefined, fallback = '/'): string {
	if (!raw || !raw.startsWith('/') || raw.startsWith('//') || raw.startsWith('/\\')) return fallback;
	return raw;
}
