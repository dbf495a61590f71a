import type { SessionUser, ValidSession } from '$lib/server/auth/session';
import type { Locale } from '$lib/paraglide/runtime';

declare global {
	namespace App {
		interface Locals {
			user: SessionUser | null;
			session: ValidSession | null;
			locale: Locale;
		}
		interface Error {
			message: string;
		}
	}
}

export {};
