import { error, fail, redirect } from '@sveltejs/kit';
import type { Actions, PageServerLoad, RequestEvent } from './$types';
import { requireUser } from '$lib/server/auth/guard';
import { t } from '$lib/server/i18n';
import { canSeeCourse, cachedLessonContent, courseOutline } from '$lib/server/courses/catalogue';
import { completeLesson, touchLesson } from '$lib/server/courses/progress';
import { answersFromForm, submitQuiz } from '$lib/server/courses/quiz-attempts';
import { embedEpisode } from '$lib/server/podcast/episodes';
import { glossaryNotesHtml, linkLessonTerms } from '$lib/server/glossary/read';

async function findLesson({ params, locals }: Pick<RequestEvent, 'params' | 'locals'>) {
	const course = await courseOutline(params.course);
	if (!course || !(await canSeeCourse(course, locals.user?.id ?? null, locals.user?.role))) error(404, t(locals.locale, 'course_not_found'));
	const index = course.lessons.findIndex((l) => l.slug === params.lesson);
	if (index < 0) error(404, t(locals.locale, 'course_lesson_not_found'));
	return { course, lesson: course.lessons[index], index };
}

export const load: PageServerLoad = async (event) => {
	const { course, lesson, index } = await findLesson(event);
	const content = await cachedLessonContent(lesson.id);
	if (!content) error(404, t(event.locals.locale, 'course_lesson_not_found'));
	const user = event.locals.user;
	let done = false;
	let courseDone = false;
	if (user) {
		// opening a lesson enrols and marks it started (writes only the first time)
		({ done, courseDone } = await touchLesson(user.id, course.id, lesson.id));
	}
	const module = course.modules.find((m) => m.lessons.some((l) => l.id === lesson.id))!;
	const link = (l: (typeof course.lessons)[number] | undefined) => (l ? { slug: l.slug, title: l.title } : null);
	// the first occurrence of each glossary term links to its entry; its short explanation follows the text
	const terms = await linkLessonTerms(content.revisionId, content.html, course.language);
	return {
		course: { slug: course.slug, title: course.title, passScore: course.passScore, language: course.language },
		module: { title: module.title, n: course.modules.indexOf(module) + 1 },
		lesson: { slug: lesson.slug, title: lesson.title, durationMin: lesson.durationMin, hasQuiz: lesson.hasQuiz },
		// the quiz without its answers: grading happens only on the server
		content: { ...content, html: terms.html },
		glossaryNotes: await glossaryNotesHtml(terms.linked, event.locals.locale),
		// the embedded episode's player data (the same for everyone; the player restores the position itself)
		episode: content.episode ? await embedEpisode(content.episode) : null,
		position: index + 1,
		total: course.lessons.length,
		prev: link(course.lessons[index - 1]),
		next: link(course.lessons[index + 1]),
		done,
		courseDone,
		finished: event.url.searchParams.has('finished')
	};
};

export const actions: Actions = {
	complete: async (event) => {
		const user = requireUser(event);
		const { course, lesson } = await findLesson(event);
		const r = await completeLesson(user.id, lesson.id, 'manual');
		if (r.reason === 'quiz_required') return fail(400, { completeError: t(event.locals.locale, 'course_complete_quiz_only') });
		redirect(303, `/courses/${course.slug}/${lesson.slug}${r.courseCompletedNow ? '?finished' : ''}#progress`);
	},
	quiz: async (event) => {
		const user = requireUser(event);
		const { lesson } = await findLesson(event);
		const form = await event.request.formData();
		const answers = answersFromForm(form);
		const r = await submitQuiz(user.id, lesson.id, String(form.get('revision') ?? ''), answers);
		if (!r.ok) {
			const key = r.reason === 'incomplete' ? 'course_quiz_incomplete' : 'course_quiz_invalid';
			return fail(400, { quizError: t(event.locals.locale, key), answers: r.reason === 'incomplete' ? answers : {} });
		}
		return {
			quiz: { score: r.grade.score, passed: r.passed, passScore: r.passScore, results: r.grade.results, answers },
			courseFinished: r.completion.courseCompletedNow
		};
	}
};
