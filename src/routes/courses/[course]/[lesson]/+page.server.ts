import { error, fail, redirect } from '@sveltejs/kit';
import type { Actions, PageServerLoad, RequestEvent } from './$types';
import { requireUser } from '$lib/server/auth/guard';
import { t } from '$lib/server/i18n';
import { canSeeCourse, cachedLessonContent, courseOutline, type LessonContent } from '$lib/server/courses/catalogue';
import { lessonState, touchLesson } from '$lib/server/courses/progress';
import { completeOnPage, lessonToComplete, withVariant } from '$lib/server/courses/complete-page';
import { PACK_HEADER } from '$lib/server/offline/packs';
import { answersFromForm, submitQuiz } from '$lib/server/courses/quiz-attempts';
import { attemptStatus, policyOf, policyView, statusView, withheldFeedbackText } from '$lib/server/courses/quiz-policy';
import { formatMoment } from '$lib/server/format';
import { embedEpisode } from '$lib/server/podcast/episodes';
import { glossaryNotesHtml, linkLessonTerms } from '$lib/server/glossary/read';
import { lessonVersion, localiseGrade, titleIn } from '$lib/server/courses/variants';
import { markupOnly } from '$lib/server/http/markup-only';
import { tableOfContents } from '$lib/content/toc';

async function findLesson({ params, locals }: Pick<RequestEvent, 'params' | 'locals'>) {
	const course = await courseOutline(params.course);
	if (!course || !(await canSeeCourse(course, locals.user?.id ?? null, locals.user?.role))) error(404, t(locals.locale, 'course_not_found'));
	const index = course.lessons.findIndex((l) => l.slug === params.lesson);
	if (index < 0) error(404, t(locals.locale, 'course_lesson_not_found'));
	return { course, lesson: course.lessons[index], index };
}


/** The version this learner reads: an explicit choice, Leichte Sprache, their language, else the original. */
function versionFor(
	event: Pick<RequestEvent, 'url' | 'locals'>,
	course: { slug: string; language: string },
	lesson: { id: string; slug: string; title: string; durationMin: number },
	base: LessonContent
) {
	return lessonVersion({
		base,
		lesson,
		original: course.language === 'en' ? 'en' : 'de',
		explicit: event.url.searchParams.get('variant'),
		locale: event.locals.locale,
		plain: event.locals.plainLanguage,
		path: `/courses/${course.slug}/${lesson.slug}`
	});
}

export const load: PageServerLoad = async (event) => {
	const { course, lesson, index } = await findLesson(event);
	const base = await cachedLessonContent(lesson.id);
	if (!base) error(404, t(event.locals.locale, 'course_lesson_not_found'));
	const path = `/courses/${course.slug}/${lesson.slug}`;
	const version = await versionFor(event, course, lesson, base);
	const content = version.content;
	const user = event.locals.user;
	let done = false;
	let courseDone = false;
	if (user) {
		// opening a lesson enrols and marks it started (writes only the first time); storing it for offline reading
		// (a course pack) is not opening it
		if (event.request.headers.has(PACK_HEADER)) ({ done, courseDone } = await lessonState(user.id, course.id, lesson.id));
		else ({ done, courseDone } = await touchLesson(user.id, course.id, lesson.id));
	}
	// the quiz policy, and for a learner where they stand (attempts left, a wait running)
	const policy = lesson.quizMode ? policyOf({ quizMode: lesson.quizMode, quizAttempts: course.quizAttempts, quizWaitS: course.quizWaitS }, null) : null;
	const quizStatus = policy ? (user ? statusView(await attemptStatus(user.id, lesson.id, policy), event.locals.locale) : policyView(policy, event.locals.locale)) : null;
	const module = course.modules.find((m) => m.lessons.some((l) => l.id === lesson.id))!;
	const v = version.variantParam;
	const link = async (l: (typeof course.lessons)[number] | undefined) =>
		l ? { href: withVariant(`/courses/${course.slug}/${l.slug}`, v), ...(await titleIn(l, (await cachedLessonContent(l.id))?.revisionId ?? null, course.language, version.tag)) } : null;
	// the first occurrence of each glossary term links to its entry (in the language of the version shown); its short explanation follows the text
	const glossaryLang = version.tag === 'de-x-ls' ? 'de' : (version.tag ?? course.language);
	// (cached per revision and version: a Leichte Sprache text shares its lesson's revision and glossary language)
	const terms = await linkLessonTerms(`${content.revisionId}|${version.tag ?? ''}`, content.html, glossaryLang);
	return {
		course: { slug: course.slug, title: course.title, summary: course.summary, passScore: course.passScore, language: course.language },
		module: { title: module.title, n: course.modules.indexOf(module) + 1 },
		lesson: { slug: lesson.slug, title: version.title, durationMin: version.durationMin, hasQuiz: lesson.hasQuiz },
		// the quiz without its answers: grading happens only on the server; the body's HTML only in the markup
		content: markupOnly(event, { ...content, html: terms.html }, 'html'),
		// a long lesson (three headings or more) gets a table of contents: beside the text on wide screens, folded on phones
		toc: ((t) => (t.length >= 3 ? t : []))(tableOfContents(content.html)),
		quizStatus,
		glossaryNotes: await glossaryNotesHtml(terms.linked, event.locals.locale),
		// which version is shown (lang and dir of its text), the notice when the wanted one is missing, the others
		version: { tag: version.tag, dir: version.dir, notice: version.notice, others: version.others },
		// the page's own addresses keep an explicit choice of version (also without JavaScript)
		here: withVariant(path, v),
		actions: { complete: withVariant('', v, '/complete'), quiz: withVariant('', v, '/quiz') },
		retryHref: withVariant(path, v, 'retry=1'),
		// the embedded episode's player data (the same for everyone; the player restores the position itself)
		episode: content.episode ? await embedEpisode(content.episode) : null,
		position: index + 1,
		total: course.lessons.length,
		prev: await link(course.lessons[index - 1]),
		next: await link(course.lessons[index + 1]),
		done,
		courseDone,
		finished: event.url.searchParams.has('finished')
	};
};

export const actions: Actions = {
	// (scripts/server.mjs answers the same post before SvelteKit with the same two steps: complete-page.ts)
	complete: async (event) => {
		const user = requireUser(event);
		const found = await lessonToComplete(user, event.params.course, event.params.lesson);
		if (found === 'course_not_found') error(404, t(event.locals.locale, 'course_not_found'));
		if (found === 'lesson_not_found') error(404, t(event.locals.locale, 'course_lesson_not_found'));
		const r = await completeOnPage(user, found, event.url.searchParams.get('variant'));
		if (r === 'quiz_required') return fail(400, { completeError: t(event.locals.locale, 'course_complete_quiz_only') });
		redirect(303, r.location);
	},
	quiz: async (event) => {
		const user = requireUser(event);
		const { course, lesson } = await findLesson(event);
		const form = await event.request.formData();
		const answers = answersFromForm(form);
		const locale = event.locals.locale;
		const revision = String(form.get('revision') ?? '');
		const r = await submitQuiz(user.id, lesson.id, revision, answers);
		if (!r.ok) {
			if (r.reason === 'wait' || r.reason === 'no_attempts') {
				// refused by the quiz policy: nothing stored, the learner is told until when
				const time = formatMoment(r.status.blockedUntil ?? Date.now(), locale);
				const key = r.reason === 'wait' ? 'hardening_data_quiz_refused_wait' : 'hardening_data_quiz_refused_limit';
				return fail(429, { quizError: t(locale, key, { time, seconds: r.status.waitS, limit: r.status.limit ?? 0 }), answers, quizStatus: statusView(r.status, locale) });
			}
			const key = r.reason === 'incomplete' ? 'course_quiz_incomplete' : 'course_quiz_invalid';
			return fail(400, { quizError: t(locale, key), answers: r.reason === 'incomplete' ? answers : {} });
		}
		// graded with the lesson's answer key whatever version was answered; explanations in the version the page shows
		const base = await cachedLessonContent(lesson.id);
		const shown = base ? await versionFor(event, course, lesson, base) : null;
		const grade = await localiseGrade(r.grade, lesson.id, revision, shown?.tag ?? null);
		return {
			// `results` (right/wrong per question, explanations) is empty until the policy allows feedback
			quiz: { score: grade.score, passed: r.passed, passScore: r.passScore, results: grade.results, failedText: r.passed || r.feedback ? null : withheldFeedbackText(locale), answers },
			quizStatus: statusView(r.status, locale),
			courseFinished: r.completion.courseCompletedNow
		};
	}
};
