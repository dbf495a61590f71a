import type { SessionUser, ValidSession } from '$lib/server/auth/session';
import type { Locale } from '$lib/paraglide/runtime';

declare global {
	namespace App {
		interface Locals {
			user: SessionUser | null;
			session: ValidSession | null;
			locale: Locale;
			/** show lessons in Leichte Sprache when they have it (account, else cookie; see courses/variant-preference.ts) */
			plainLanguage: boolean;
			/** data saver chosen in /account (cookie): images lazy, the player starts with 64k (see $lib/data-saver.ts) */
			saveData: boolean;
			/** set by handleError when the database server did not answer: the request gets the 503 page */
			dbUnavailable?: boolean;
		}
		interface Error {
			message: string;
		}
	}
}

export {};
