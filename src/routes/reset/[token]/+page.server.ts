import { fail, redirect } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { parseForm } from '$lib/server/forms';
import { resetSchema } from '$lib/server/auth/schemas';
import { checkResetToken, resetPassword } from '$lib/server/auth/accounts';
import { t } from '$lib/server/i18n';

export const load: PageServerLoad = async ({ params }) => {
	return { valid: (await checkResetToken(params.token)) !== null };
};

export const actions: Actions = {
	default: async (event) => {
		const locale = event.locals.locale;
		const form = parseForm(await event.request.formData(), resetSchema, locale);
		if (!form.ok) return fail(400, { message: form.errors.password ?? t(locale, 'error_form') });
		if (!(await resetPassword(event.params.token, form.data.password))) return fail(400, { message: t(locale, 'reset_invalid') });
		redirect(303, '/login?reset=1');
	}
};
