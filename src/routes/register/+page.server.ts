import { fail, redirect } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { parseForm } from '$lib/server/forms';
import { registerSchema } from '$lib/server/auth/schemas';
import { registerUser } from '$lib/server/auth/accounts';
import { rememberThisBrowser, startSession } from '$lib/server/auth/login';
import { safeRedirectTarget } from '$lib/server/auth/guard';
import { clientAddress } from '$lib/server/http/client-address';
import { t } from '$lib/server/i18n';
import { formatTime } from '$lib/server/format';

export const load: PageServerLoad = ({ locals, url }) => {
	if (locals.user) redirect(303, safeRedirectTarget(url.searchParams.get('redirectTo'), '/me'));
	return { redirectTo: safeRedirectTarget(url.searchParams.get('redirectTo'), '') };
};

export const actions: Actions = {
	default: async (event) => {
		const { request, locals, url } = event;
		const locale = locals.locale;
		const form = parseForm(await request.formData(), registerSchema, locale);
		if (!form.ok) return fail(400, { message: t(locale, 'error_form'), errors: form.errors, values: form.values });
		const result = await registerUser(form.data, clientAddress(event));
		if (!result.ok) {
			const message = result.reason === 'rate_limited' ? t(locale, 'rate_limited', { time: formatTime(result.retryAt!, locale) }) : t(locale, 'error_email_taken');
			return fail(result.reason === 'rate_limited' ? 429 : 400, { message, errors: result.reason === 'email_taken' ? { email: message } : {}, values: form.values });
		}
		await startSession(event, result.user.id, form.data.locale);
		await rememberThisBrowser(event, result.user.emailKey);
		redirect(303, safeRedirectTarget(url.searchParams.get('redirectTo'), '/me'));
	}
};
