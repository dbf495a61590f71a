import { fail, redirect } from '@sveltejs/kit';
import type { Actions, PageServerLoad, RequestEvent } from './$types';
import { requireRole } from '$lib/server/auth/guard';
import { parseForm } from '$lib/server/forms';
import { t } from '$lib/server/i18n';
import { courseForEdit } from '$lib/server/studio/access';
import { parseCourseForm } from '$lib/server/studio/course-form';
import { addCoOwner, councils, courseCouncilIds, courseOwners, removeCoOwner, updateCourse } from '$lib/server/studio/courses';
import { formatHoursInput, idSchema, ownerSchema } from '$lib/server/studio/schemas';

async function guard(event: RequestEvent) {
	const user = requireRole(event, 'trainer');
	return { user, course: await courseForEdit(user, event.params.course, event.locals.locale), locale: event.locals.locale };
}

export const load: PageServerLoad = async (event) => {
	const { user, course } = await guard(event);
	const c = course;
	return {
		course: { slug: c.slug, title: c.title },
		values: {
			title: c.title, summary: c.summary, summaryEn: c.summaryEn, description: c.descriptionMd || c.descriptionHtml, language: c.language, level: c.level,
			topics: (JSON.parse(c.topics) as string[]).join(', '), hours: formatHoursInput(c.hours, event.locals.locale), passScore: String(c.passScore), quizMode: c.quizMode, quizAttempts: String(c.quizAttempts), quizWait: String(c.quizWaitS), certificate: c.certificate ? 'on' : '', featured: c.featured ? 'on' : '', visibility: c.visibility
		},
		councilIds: await courseCouncilIds(c.id),
		councils: await councils(),
		owners: await courseOwners(c.id),
		me: user.id,
		saved: event.url.searchParams.has('saved')
	};
};

export const actions: Actions = {
	update: async (event) => {
		const { user, course, locale } = await guard(event);
		const form = parseCourseForm(await event.request.formData(), locale);
		if (!form.ok) return fail(400, { message: t(locale, 'studio_error_form'), errors: form.errors, values: form.values, councilIds: form.councilIds });
		await updateCourse(user.id, course.id, form.data, form.councilIds);
		redirect(303, `/studio/courses/${course.slug}/settings?saved=1`);
	},
	addOwner: async (event) => {
		const { user, course, locale } = await guard(event);
		const form = parseForm(await event.request.formData(), ownerSchema, locale);
		if (!form.ok) return fail(400, { ownerError: form.errors.email, ownerEmail: form.values.email ?? '' });
		if (!(await addCoOwner(user.id, course.id, form.data.email)).ok) return fail(400, { ownerError: t(locale, 'studio_error_owner_unknown'), ownerEmail: form.data.email });
		return { ownerAdded: true };
	},
	removeOwner: async (event) => {
		const { user, course, locale } = await guard(event);
		const form = parseForm(await event.request.formData(), idSchema, locale);
		if (!form.ok || !(await removeCoOwner(user.id, course.id, form.data.id)).ok) return fail(400, { ownerError: t(locale, 'studio_error_owner_last') });
		return { ownerRemoved: true };
	}
};
