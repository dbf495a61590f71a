import { json } from '@sveltejs/kit';
import type { RequestHandler } from './$types';
import { apiLesson } from '$lib/server/studio/api';
import { lessonContext } from '$lib/server/studio/access';
import { localiseProblems } from '$lib/server/studio/problem-text';
import { previewLesson } from '$lib/server/studio/source';

/** Live preview: the lesson rendered by the one content module, and the import's problems with body line numbers. */
export const POST: RequestHandler = async (event) => {
	const { course, lesson, data, invalid } = await apiLesson(event);
	if (!data) return invalid!;
	return json(localiseProblems(event.locals.locale, previewLesson(lessonContext(course, lesson), data)));
};
