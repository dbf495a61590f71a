import type { PageServerLoad } from './$types';
import { requireUser } from '$lib/server/auth/guard';
import { formatDate } from '$lib/server/format';
import { courseOutline } from '$lib/server/courses/catalogue';
import { visibleCourses } from '$lib/server/courses/visibility';
import { enrolmentSummaries } from '$lib/server/courses/progress';
import { certificatesOf, missingGradedQuizzes } from '$lib/server/courses/certificates';

// "Mein Lernen": only the logged-in learner's own enrolments and certificates.
export const load: PageServerLoad = async (event) => {
	const user = requireUser(event);
	const locale = event.locals.locale;
	const [summaries, cards, certs] = await Promise.all([enrolmentSummaries(user.id), visibleCourses(user), certificatesOf(user.id)]);
	const courses = [];
	for (const s of summaries.sort((a, b) => b.enrolledAt - a.enrolledAt)) {
		const card = cards.find((c) => c.id === s.courseId);
		if (!card) continue;
		const outline = await courseOutline(card.slug);
		const next = s.nextLessonId ? (outline?.lessons.find((l) => l.id === s.nextLessonId) ?? null) : null;
		// finished, but the certificate waits for graded quizzes passed under the quiz policy
		const certificatePending =
			s.completedAt !== null && outline?.certificate && !certs.some((c) => c.courseId === s.courseId)
				? (await missingGradedQuizzes(user.id, s.courseId)).map((l) => ({ slug: l.slug, title: l.title }))
				: [];
		courses.push({
			slug: card.slug,
			title: card.title,
			language: card.language,
			done: s.done,
			total: s.total,
			percent: s.percent,
			finished: s.completedAt !== null,
			finishedOn: s.completedAt !== null ? formatDate(s.completedAt, locale) : null,
			next: next ? { slug: next.slug, title: next.title } : null,
			// the certificate of a finished course, downloadable right beside it
			certificate: certs.find((c) => c.courseId === s.courseId && c.revokedAt === null)?.code ?? null,
			certificatePending
		});
	}
	return {
		inProgress: courses.filter((c) => !c.finished),
		finished: courses.filter((c) => c.finished),
		certificates: certs.map((c) => ({ code: c.code, courseTitle: c.courseTitle, language: c.language, issued: formatDate(c.issuedAt, locale), revoked: c.revokedAt !== null }))
	};
};
