import { fail, redirect } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { requireRole } from '$lib/server/auth/guard';
import { parseForm } from '$lib/server/forms';
import { councilSchema } from '$lib/server/admin/schemas';
import { createCouncil, listCouncils } from '$lib/server/admin/councils';
import { t } from '$lib/server/i18n';

export const load: PageServerLoad = async (event) => {
	requireRole(event, 'admin');
	return { councils: await listCouncils() };
};

export const actions: Actions = {
	create: async (event) => {
		const me = requireRole(event, 'admin');
		const locale = event.locals.locale;
		const form = parseForm(await event.request.formData(), councilSchema, locale);
		if (!form.ok) return fail(400, { message: t(locale, 'error_form'), errors: form.errors, values: form.values });
		const result = await createCouncil(me.id, form.data);
		if (!result.ok) return fail(400, { message: t(locale, result.error), values: form.values });
		redirect(303, `/admin/councils/${result.id}?created=1`);
	}
};
