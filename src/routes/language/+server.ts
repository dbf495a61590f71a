import { redirect, type RequestHandler } from '@sveltejs/kit';
import { isLocale } from '$lib/server/i18n';
import { langCookieOptions } from '$lib/server/auth/cookies';
import { safeRedirectTarget } from '$lib/server/auth/guard';
import { setUserLocale } from '$lib/server/auth/accounts';

// POST /language: remembers the choice in a cookie and, when logged in, in the account.
export const POST: RequestHandler = async ({ request, cookies, locals }) => {
	const form = await request.formData();
	const locale = form.get('locale');
	const target = safeRedirectTarget(String(form.get('redirectTo') ?? '/'));
	if (isLocale(locale)) {
		cookies.set('lang', locale, langCookieOptions());
		if (locals.user) await setUserLocale(locals.user.id, locale);
	}
	redirect(303, target);
};
