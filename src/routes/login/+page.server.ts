import { fail, redirect } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { parseForm } from '$lib/server/forms';
import { loginSchema } from '$lib/server/auth/schemas';
import { authenticate } from '$lib/server/auth/accounts';
import { browserToken, rememberThisBrowser, startSession } from '$lib/server/auth/login';
import { clientAddress } from '$lib/server/http/client-address';
import { safeRedirectTarget } from '$lib/server/auth/guard';
import { landingPath } from '$lib/server/auth/landing';
import { t } from '$lib/server/i18n';
import { formatTime } from '$lib/server/format';
import { log } from '$lib/server/log';

export const load: PageServerLoad = ({ locals, url }) => {
	if (locals.user) redirect(303, safeRedirectTarget(url.searchParams.get('redirectTo'), landingPath(locals.user.role)));
	return { redirectTo: safeRedirectTarget(url.searchParams.get('redirectTo'), '') };
};

export const actions: Actions = {
	default: async (event) => {
		const { request, locals, url } = event;
		const locale = locals.locale;
		const form = parseForm(await request.formData(), loginSchema, locale);
		if (!form.ok) return fail(400, { message: t(locale, 'login_invalid'), values: form.values });
		const result = await authenticate(form.data.email, form.data.password, clientAddress(event), browserToken(event));
		if (!result.ok) {
			log('login_failed', { reason: result.reason, scope: result.reason === 'throttled' ? result.scope : undefined });
			if (result.reason === 'throttled') {
				const key = { pair: 'login_throttled', account: 'hardening_web_login_account_throttled', address: 'hardening_web_login_address_throttled' }[result.scope];
				return fail(429, { message: t(locale, key, { time: formatTime(result.retryAt, locale) }), values: form.values });
			}
			if (result.reason === 'disabled') return fail(403, { message: t(locale, 'login_disabled'), values: form.values });
			return fail(400, { message: t(locale, 'login_invalid'), values: form.values });
		}
		await startSession(event, result.user.id, result.user.locale);
		await rememberThisBrowser(event, result.user.emailKey);
		redirect(303, safeRedirectTarget(url.searchParams.get('redirectTo'), landingPath(result.user.role)));
	}
};
