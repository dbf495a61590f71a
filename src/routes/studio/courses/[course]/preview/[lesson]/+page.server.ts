// One lesson as learners will see it (its published revision), inside the studio preview. Writes nothing.
import { error } from '@sveltejs/kit';
import type { PageServerLoad } from './$types';
import { requireRole } from '$lib/server/auth/guard';
import { t } from '$lib/server/i18n';
import { courseForEdit } from '$lib/server/studio/access';
import { cachedLessonContent, courseOutline } from '$lib/server/courses/catalogue';

export const load: PageServerLoad = async (event) => {
	const user = requireRole(event, 'trainer');
	const locale = event.locals.locale;
	const course = await courseForEdit(user, event.params.course, locale);
	const outline = await courseOutline(course.slug);
	const index = outline?.lessons.findIndex((l) => l.slug === event.params.lesson) ?? -1;
	if (!outline || index < 0) error(404, t(locale, 'studio_lesson_not_found'));
	const lesson = outline.lessons[index];
	const content = await cachedLessonContent(lesson.id);
	if (!content) error(404, t(locale, 'studio_lesson_not_found'));
	const near = (i: number) => (outline.lessons[i] ? { slug: outline.lessons[i].slug, title: outline.lessons[i].title } : null);
	return {
		course: { slug: outline.slug, title: outline.title, language: outline.language },
		lesson: { title: lesson.title, durationMin: lesson.durationMin },
		html: content.html,
		quiz: content.quiz,
		previous: near(index - 1),
		next: near(index + 1),
		draft: course.draft
	};
};
