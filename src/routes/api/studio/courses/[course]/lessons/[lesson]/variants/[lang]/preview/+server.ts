import { json } from '@sveltejs/kit';
import type { RequestHandler } from './$types';
import { apiLesson } from '$lib/server/studio/api';
import { localiseProblems } from '$lib/server/studio/problem-text';
import { previewVariant, variantBase, variantTagOf } from '$lib/server/studio/variants';

/** Live preview of a variant: rendered, checked against the lesson's answer key, with Leichte Sprache notes. */
export const POST: RequestHandler = async (event) => {
	const { course, lesson, data, invalid } = await apiLesson(event);
	const tag = variantTagOf(course, event.params.lang, event.locals.locale);
	if (!data) return invalid!;
	return json(localiseProblems(event.locals.locale, previewVariant({ identity: lesson.identity, slug: lesson.slug, courseSlug: course.slug }, tag, await variantBase(lesson), data)));
};
