import { fail, redirect } from '@sveltejs/kit';
import type { Actions, PageServerLoad, RequestEvent } from './$types';
import { requireRole } from '$lib/server/auth/guard';
import { parseForm } from '$lib/server/forms';
import { t } from '$lib/server/i18n';
import { LESSON_IMAGE_MESSAGES, lessonImageFromForm } from '$lib/server/studio/lesson-images';
import { localiseProblems, problemWithLine } from '$lib/server/studio/problem-text';
import { lessonForEdit } from '$lib/server/studio/access';
import { discardDraft, draftSchema, rebaseDraft, saveDraft } from '$lib/server/studio/drafts';
import { conflictFor, editorState, revisionView } from '$lib/server/studio/editor';
import { publishLesson } from '$lib/server/studio/publish';
import { variantMatrix } from '$lib/server/studio/variant-matrix';
import { ENDONYMS } from '$lib/content/languages';

async function guard(event: RequestEvent) {
	const user = requireRole(event, 'trainer');
	const { course, lesson } = await lessonForEdit(user, event.params.course, event.params.lesson, event.locals.locale);
	return { user, course, lesson, locale: event.locals.locale };
}

export const load: PageServerLoad = async (event) => {
	const { user, course, lesson } = await guard(event);
	const raw = await editorState(course, lesson, user.id);
	const state = { ...raw, preview: localiseProblems(event.locals.locale, raw.preview) };
	const compare = event.url.searchParams.get('compare');
	return {
		course: { slug: course.slug, title: course.title, language: course.language },
		lesson: { id: lesson.id, slug: lesson.slug, identity: lesson.identity, archived: lesson.archivedAt !== null },
		...state,
		// "edit a merge": their version stays beside the editor
		compare: compare ? await revisionView(lesson, compare) : null,
		published: event.url.searchParams.has('published'),
		// the lesson's variants: which exist, which are missing (each links to its editor)
		variants: (await variantMatrix(course, user.id, lesson.id)).rows[0]?.cells ?? [],
		languageNames: ENDONYMS,
		// the editor starts over when the server's state changed (publish, take theirs), not after each save
		editorKey: `${lesson.publishedRevisionId}|${state.draftSavedAt ?? 'none'}`
	};
};

async function readDraft(event: RequestEvent, locale: string) {
	const form = parseForm(await event.request.formData(), draftSchema, locale);
	return form;
}

const here = (course: string, lesson: string, query = '') => `/studio/courses/${course}/lessons/${lesson}${query}`;

export const actions: Actions = {
	/** "insert an image": stored with the media (only for this course's trainers and admins, by the guard) */
	image: async (event) => {
		const { locale } = await guard(event);
		const r = await lessonImageFromForm(event.request);
		if (!r.ok) return fail(400, { image: { message: t(locale, LESSON_IMAGE_MESSAGES[r.reason]), alt: r.alt } });
		return { image: { markdown: r.markdown, src: r.src } };
	},
	save: async (event) => {
		const { user, lesson, locale } = await guard(event);
		const form = await readDraft(event, locale);
		if (!form.ok) return fail(400, { message: t(locale, 'studio_error_form'), errors: form.errors });
		const r = await saveDraft(lesson.id, user.id, form.data);
		if (r.conflict) return fail(409, { message: t(locale, 'studio_conflict_message'), conflict: await conflictFor(lesson, user.id) });
		return { saved: r.savedAt };
	},
	publish: async (event) => {
		const { user, course, lesson, locale } = await guard(event);
		const data = await event.request.formData();
		const form = parseForm(data, draftSchema, locale);
		if (!form.ok) return fail(400, { message: t(locale, 'studio_error_form'), errors: form.errors });
		const r = await publishLesson(user, course, lesson, form.data, { force: data.get('resolution') === 'mine' });
		if (r.ok) redirect(303, here(course.slug, lesson.slug, '?published=1'));
		if (r.reason === 'conflict') return fail(409, { message: t(locale, 'studio_conflict_message'), conflict: await conflictFor(lesson, user.id) });
		return fail(400, {
			message: t(locale, 'studio_publish_invalid'),
			problems: r.problems.map((p) => problemWithLine(locale, p))
		});
	},
	/** take theirs: my draft goes */
	discard: async (event) => {
		const { user, course, lesson } = await guard(event);
		await discardDraft(lesson.id, user.id);
		redirect(303, here(course.slug, lesson.slug));
	},
	/** edit a merge: my text, now on top of the live revision, with theirs beside it */
	merge: async (event) => {
		const { user, course, lesson } = await guard(event);
		await rebaseDraft(lesson.id, user.id, lesson.publishedRevisionId);
		redirect(303, here(course.slug, lesson.slug, lesson.publishedRevisionId ? `?compare=${lesson.publishedRevisionId}` : ''));
	}
};
