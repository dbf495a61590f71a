import { fail, redirect } from '@sveltejs/kit';
import type { Actions, PageServerLoad, RequestEvent } from './$types';
import { requireRole } from '$lib/server/auth/guard';
import { parseForm } from '$lib/server/forms';
import { t } from '$lib/server/i18n';
import { LESSON_IMAGE_MESSAGES, lessonImageFromForm } from '$lib/server/studio/lesson-images';
import { lessonForEdit } from '$lib/server/studio/access';
import { localiseProblems, problemWithLine } from '$lib/server/studio/problem-text';
import { discardDraft, draftSchema, rebaseDraft, saveDraft } from '$lib/server/studio/drafts';
import { conflictFor, revisionView } from '$lib/server/studio/editor';
import { liveVariantRevision, publishVariant, variantEditorState, variantTagOf } from '$lib/server/studio/variants';
import { ENDONYMS, isRtl } from '$lib/content/languages';

async function guard(event: RequestEvent) {
	const user = requireRole(event, 'trainer');
	const { course, lesson } = await lessonForEdit(user, event.params.course!, event.params.lesson!, event.locals.locale);
	const tag = variantTagOf(course, event.params.lang!, event.locals.locale);
	return { user, course, lesson, tag, locale: event.locals.locale };
}

export const load: PageServerLoad = async (event) => {
	const { user, course, lesson, tag } = await guard(event);
	const raw = await variantEditorState(course, lesson, tag, user.id);
	const state = { ...raw, preview: localiseProblems(event.locals.locale, raw.preview) };
	const compare = event.url.searchParams.get('compare');
	return {
		course: { slug: course.slug, title: course.title, language: course.language },
		lesson: { id: lesson.id, slug: lesson.slug, title: lesson.title, identity: lesson.identity, archived: lesson.archivedAt !== null },
		variant: { tag, name: ENDONYMS[tag], dir: isRtl(tag) ? ('rtl' as const) : ('ltr' as const) },
		...state,
		compare: compare ? await revisionView(lesson, compare, tag) : null,
		published: event.url.searchParams.has('published'),
		editorKey: `${state.live?.id ?? 'none'}|${state.draftSavedAt ?? 'none'}`
	};
};

const here = (course: string, lesson: string, tag: string, query = '') => `/studio/courses/${course}/lessons/${lesson}/variants/${tag}${query}`;

export const actions: Actions = {
	/** "insert an image": stored with the media (only for this course's trainers and admins, by the guard) */
	image: async (event) => {
		const { locale } = await guard(event);
		const r = await lessonImageFromForm(event.request);
		if (!r.ok) return fail(400, { image: { message: t(locale, LESSON_IMAGE_MESSAGES[r.reason]), alt: r.alt } });
		return { image: { markdown: r.markdown, src: r.src } };
	},
	save: async (event) => {
		const { user, lesson, tag, locale } = await guard(event);
		const form = parseForm(await event.request.formData(), draftSchema, locale);
		if (!form.ok) return fail(400, { message: t(locale, 'studio_error_form'), errors: form.errors });
		const r = await saveDraft(lesson.id, user.id, form.data, tag);
		if (r.conflict) return fail(409, { message: t(locale, 'studio_conflict_message'), conflict: await conflictFor(lesson, user.id, tag) });
		return { saved: r.savedAt };
	},
	publish: async (event) => {
		const { user, course, lesson, tag, locale } = await guard(event);
		const data = await event.request.formData();
		const form = parseForm(data, draftSchema, locale);
		if (!form.ok) return fail(400, { message: t(locale, 'studio_error_form'), errors: form.errors });
		const r = await publishVariant(user, course, lesson, tag, form.data, { force: data.get('resolution') === 'mine' });
		if (r.ok) redirect(303, here(course.slug, lesson.slug, tag, '?published=1'));
		if (r.reason === 'conflict') return fail(409, { message: t(locale, 'studio_conflict_message'), conflict: await conflictFor(lesson, user.id, tag) });
		return fail(400, {
			message: t(locale, 'studio_publish_invalid'),
			problems: r.problems.map((p) => problemWithLine(locale, p))
		});
	},
	/** take theirs: my draft of this variant goes */
	discard: async (event) => {
		const { user, course, lesson, tag } = await guard(event);
		await discardDraft(lesson.id, user.id, tag);
		redirect(303, here(course.slug, lesson.slug, tag));
	},
	/** edit a merge: my text, now on top of the variant's live revision, with theirs beside it */
	merge: async (event) => {
		const { user, course, lesson, tag } = await guard(event);
		const live = await liveVariantRevision(lesson.id, tag);
		await rebaseDraft(lesson.id, user.id, live, tag);
		redirect(303, here(course.slug, lesson.slug, tag, live ? `?compare=${live}` : ''));
	}
};
