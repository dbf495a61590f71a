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
import { liveVariantRevision, restoreVariantRevision, variantTagOf } from '$lib/server/studio/variants';
import { ENDONYMS } from '$lib/content/languages';

// `?variant=ar`: the history of one of the lesson's variants instead of the lesson's own
async function guard(event: RequestEvent) {
	const user = requireRole(event, 'trainer');
	const { course, lesson } = await lessonForEdit(user, event.params.course, event.params.lesson, event.locals.locale);
	const raw = event.url.searchParams.get('variant');
	const tag = raw ? variantTagOf(course, raw, event.locals.locale) : null;
	return { user, course, lesson, tag, locale: event.locals.locale };
}

export const load: PageServerLoad = async (event) => {
	const { course, lesson, tag } = await guard(event);
	const live = tag ? await liveVariantRevision(lesson.id, tag) : lesson.publishedRevisionId;
	const revisions = await lessonHistory({ id: lesson.id, publishedRevisionId: live }, tag ?? '');
	// default comparison: the previous revision against the live one
	const a = event.url.searchParams.get('a') ?? revisions[1]?.id ?? null;
	const b = event.url.searchParams.get('b') ?? revisions[0]?.id ?? null;
	const [ra, rb] = await Promise.all([a ? revisionOf(lesson.id, a, tag ?? '') : null, b ? revisionOf(lesson.id, b, tag ?? '') : null]);
	return {
		course: { slug: course.slug, title: course.title },
		lesson: { slug: lesson.slug, title: lesson.title },
		variant: tag ? { tag, name: ENDONYMS[tag] } : null,
		revisions,
		a: ra?.id ?? null,
		b: rb?.id ?? null,
		diff: ra && rb ? hunks(lineDiff(ra.source, rb.source)) : null,
		restored: event.url.searchParams.has('restored')
	};
};

export const actions: Actions = {
	restore: async (event) => {
		const { user, course, lesson, tag, locale } = await guard(event);
		const form = parseForm(await event.request.formData(), idSchema, locale);
		if (!form.ok) return fail(404, { message: t(locale, 'studio_error_not_found') });
		const r = tag ? await restoreVariantRevision(user, lesson, tag, form.data.id) : await restoreRevision(user, lesson, form.data.id);
		if (!r.ok) return fail(404, { message: t(locale, 'studio_error_not_found') });
		redirect(303, `/studio/courses/${course.slug}/lessons/${lesson.slug}/history?${tag ? `variant=${tag}&` : ''}restored=1`);
	}
};
