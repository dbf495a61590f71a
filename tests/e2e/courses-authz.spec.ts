// The authorisation matrix for the courses domain over real HTTP: anonymous visitors, a learner with a
// certificate and another learner who tries that learner's certificate and guessed ids.
import { test, expect } from '@playwright/test';
import { createUserInDb } from './helpers';
import { checkAuthz, expectAll, loginCookie, type AuthzRoute, type Principal } from '../authz';

test('learners reach only their own progress and certificates; visitors are sent to log in', async () => {
	const base = process.env.E2E_BASE_URL!;
	const owner = await createUserInDb('learner', { name: 'Zertifikat Inhaberin' });
	const other = await createUserInDb('learner');
	// give the owner a completed course and its certificate, as the learner's own clicks would
	const { allCourses, courseOutline } = await import('../../src/lib/server/courses/catalogue');
	const { completeLesson } = await import('../../src/lib/server/courses/progress');
	const { certificatesOf } = await import('../../src/lib/server/courses/certificates');
	const course = (await allCourses()).find((c) => c.visibility === 'public')!;
	const outline = (await courseOutline(course.slug))!;
	const { quizForGrading } = await import('../../src/lib/server/courses/catalogue');
	const { submitQuiz } = await import('../../src/lib/server/courses/quiz-attempts');
	const { db, schema } = await import('../../src/lib/server/db');
	const { eq } = await import('drizzle-orm');
	for (const l of outline.lessons) {
		if (!l.hasQuiz) {
			await completeLesson(owner.id, l.id, 'manual');
			continue;
		}
		// a graded quiz counts for the certificate only when passed as a learner passes it: the right answers, submitted
		const rev = (await db().select().from(schema.lessons).where(eq(schema.lessons.id, l.id)))[0].publishedRevisionId!;
		const questions = (await quizForGrading(l.id, rev))!;
		const r = await submitQuiz(owner.id, l.id, rev, Object.fromEntries(questions.map((q) => [q.id, q.options.filter((o) => o.correct).map((o) => o.id)])));
		expect(r).toMatchObject({ ok: true, passed: true });
	}
	const [cert] = await certificatesOf(owner.id);
	expect(cert).toBeTruthy();

	const plain = outline.lessons.find((l) => !l.hasQuiz)!;
	const quiz = outline.lessons.find((l) => l.hasQuiz);
	const c = `/courses/${course.slug}`;
	const routes: AuthzRoute[] = [
		{ path: '/me', expect: expectAll(['owner', 'other'], 'ok', { anonymous: 'login' }) },
		{ path: `/me/certificates/${cert.code}`, expect: { anonymous: 'login', owner: 'ok', other: 'notFound' } },
		{ path: `/me/certificates/${'b'.repeat(32)}`, expect: expectAll(['owner', 'other'], 'notFound', { anonymous: 'login' }) },
		{ path: `/verify/${cert.code}`, expect: expectAll(['anonymous', 'owner', 'other'], 'ok') },
		{ path: c, expect: expectAll(['anonymous', 'owner', 'other'], 'ok') },
		{ path: `${c}/${plain.slug}`, expect: expectAll(['anonymous', 'owner', 'other'], 'ok') },
		{ path: '/courses/no-such-course', expect: expectAll(['anonymous', 'owner', 'other'], 'notFound') },
		{ path: `${c}/no-such-lesson`, expect: expectAll(['anonymous', 'owner', 'other'], 'notFound') },
		{ method: 'POST', path: `${c}?/enrol`, expect: expectAll(['owner', 'other'], 'redirect', { anonymous: 'login' }) },
		{ method: 'POST', path: `${c}/${plain.slug}?/complete`, expect: expectAll(['owner', 'other'], 'redirect', { anonymous: 'login' }) },
		{ method: 'POST', path: `/courses/no-such-course/x?/complete`, expect: expectAll(['owner', 'other'], 'notFound', { anonymous: 'login' }) }
	];
	if (quiz) {
		// answers to another lesson's question or unknown options: 400, nothing stored
		routes.push({ method: 'POST', path: `${c}/${quiz.slug}?/quiz`, form: { revision: 'guessed', 'answer-qguess': 'oguess' }, expect: expectAll(['owner', 'other'], 400, { anonymous: 'login' }) });
	}
	const principals: Principal[] = [
		{ name: 'anonymous', cookie: null },
		{ name: 'other', cookie: await loginCookie(base, other.email, other.password) },
		{ name: 'owner', cookie: await loginCookie(base, owner.email, owner.password) }
	];
	expect(await checkAuthz(base, principals, routes)).toEqual([]);

	// the other learner's requests changed nothing of the owner's, and the owner's certificate is still theirs
	const { enrolmentSummaries } = await import('../../src/lib/server/courses/progress');
	const mine = (await enrolmentSummaries(owner.id)).find((s) => s.courseId === course.id)!;
	expect(mine.percent).toBe(100);
	const theirs = (await enrolmentSummaries(other.id)).find((s) => s.courseId === course.id)!;
	expect(theirs.done).toBe(1);
	expect(await db().select().from(schema.quizAttempts).where(eq(schema.quizAttempts.userId, other.id))).toEqual([]);
});
