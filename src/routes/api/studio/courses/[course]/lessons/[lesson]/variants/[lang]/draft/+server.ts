import { json } from '@sveltejs/kit';
import type { RequestHandler } from './$types';
import { apiLesson } from '$lib/server/studio/api';
import { saveDraft } from '$lib/server/studio/drafts';
import { variantTagOf } from '$lib/server/studio/variants';

/** Autosave of a variant's draft (also by sendBeacon): stores it, says whether the variant's live revision moved on. */
export const POST: RequestHandler = async (event) => {
	const { user, course, lesson, data, invalid } = await apiLesson(event);
	const tag = variantTagOf(course, event.params.lang, event.locals.locale);
	if (!data) return invalid!;
	return json(await saveDraft(lesson.id, user.id, data, tag));
};
