import { fail, redirect } from '@sveltejs/kit';
import type { Actions, PageServerLoad, RequestEvent } from './$types';
import { requireRole } from '$lib/server/auth/guard';
import { parseForm } from '$lib/server/forms';
import { t } from '$lib/server/i18n';
import { lessonForEdit } from '$lib/server/studio/access';
import { lessonHistory, revisionOf } from '$lib/server/studio/history';
import { hunks, lineDiff } from '$lib/server/studio/diff';
import { restoreRevision } from '$lib/server/studio/publish';
import { idSchema } from '$lib/server/studio/schemas';

async function guard(event: RequestEvent) {
	const user = requireRole(event, 'trainer');
	const { course, lesson } = await lessonForEdit(user, event.params.course, event.params.lesson, event.locals.locale);
	return { user, course, lesson, locale: event.locals.locale };
}

export const load: PageServerLoad = async (event) => {
	const { course, lesson } = await guard(event);
	const revisions = await lessonHistory(lesson);
	// default comparison: the previous revision against the live one
	const a = event.url.searchParams.get('a') ?? revisions[1]?.id ?? null;
	const b = event.url.searchParams.get('b') ?? revisions[0]?.id ?? null;
	const [ra, rb] = await Promise.all([a ? revisionOf(lesson.id, a) : null, b ? revisionOf(lesson.id, b) : null]);
	return {
		course: { slug: course.slug, title: course.title },
		lesson: { slug: lesson.slug, title: lesson.title },
		revisions,
		a: ra?.id ?? null,
		b: rb?.id ?? null,
		diff: ra && rb ? hunks(lineDiff(ra.source, rb.source)) : null,
		restored: event.url.searchParams.has('restored')
	};
};

export const actions: Actions = {
	restore: async (event) => {
		const { user, course, lesson, locale } = await guard(event);
		const form = parseForm(await event.request.formData(), idSchema, locale);
		if (!form.ok) return fail(404, { message: t(locale, 'studio_error_not_found') });
		const r = await restoreRevision(user, lesson, form.data.id);
		if (!r.ok) return fail(404, { message: t(locale, 'studio_error_not_found') });
		redirect(303, `/studio/courses/${course.slug}/lessons/${lesson.slug}/history?restored=1`);
	}
};
