import { json } from '@sveltejs/kit';
import type { RequestHandler } from './$types';
import { apiLesson } from '$lib/server/studio/api';
import { saveDraft } from '$lib/server/studio/drafts';

/** Autosave (also sent with sendBeacon when the page is hidden): stores the draft, says whether it conflicts. */
export const POST: RequestHandler = async (event) => {
	const { user, lesson, data, invalid } = await apiLesson(event);
	if (!data) return invalid!;
	const r = await saveDraft(lesson.id, user.id, data);
	return json(r);
};
