import { fail, redirect } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { requireRole } from '$lib/server/auth/guard';
import { councils, createCourse } from '$lib/server/studio/courses';
import { parseCourseForm } from '$lib/server/studio/course-form';
import { t } from '$lib/server/i18n';

export const load: PageServerLoad = async (event) => {
	requireRole(event, 'trainer');
	return { councils: await councils() };
};

export const actions: Actions = {
	create: async (event) => {
		const user = requireRole(event, 'trainer');
		const locale = event.locals.locale;
		const form = parseCourseForm(await event.request.formData(), locale);
		if (!form.ok) return fail(400, { message: t(locale, 'studio_error_form'), errors: form.errors, values: form.values, councilIds: form.councilIds });
		const r = await createCourse(user.id, form.data, form.councilIds);
		if (!r.ok) return fail(400, { message: t(locale, r.error), errors: { slug: t(locale, r.error) }, values: form.values, councilIds: form.councilIds });
		redirect(303, `/studio/courses/${r.slug}?created=1`);
	}
};
