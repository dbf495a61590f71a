// The authorisation matrix of /studio/analytics and its CSV downloads over real HTTP: anonymous visitors, a learner,
// a trainer who does not own the course, the owning trainer and an admin. Whoever may not read a course gets no data.
import { test, expect } from '@playwright/test';
import { createUserInDb } from './helpers';
import { checkAuthz, expectAll, loginCookie, type AuthzRoute, type Principal } from '../authz';

test('analytics answer only the owning trainer and admins; names stay inside the trainer’s councils and courses', async () => {
	const base = process.env.E2E_BASE_URL!;
	const learner = await createUserInDb('learner', { name: 'Matrix Lernerin' });
	const outsider = await createUserInDb('learner', { name: 'Matrix Außenstehend' });
	const owner = await createUserInDb('trainer', { name: 'Matrix Besitzerin' });
	const other = await createUserInDb('trainer', { name: 'Matrix Fremd' });
	const admin = await createUserInDb('admin');
	const { allCourses, courseOutline } = await import('../../src/lib/server/courses/catalogue');
	const { addCourseOwner } = await import('../../src/lib/server/courses/ownership');
	const { completeLesson } = await import('../../src/lib/server/courses/progress');
	const course = (await allCourses()).find((c) => c.visibility === 'public')!;
	const lesson = (await courseOutline(course.slug))!.lessons.find((l) => !l.hasQuiz)!;
	await addCourseOwner(course.id, owner.id);
	await completeLesson(learner.id, lesson.id, 'manual');

	const X = encodeURIComponent(course.id);
	const all = ['learner', 'other', 'owner', 'admin'];
	const courseOnly = { anonymous: 'login', learner: 'forbidden', other: 'notFound', owner: 'ok', admin: 'ok' } as const;
	const routes: AuthzRoute[] = [
		{ path: '/studio/analytics', expect: expectAll(all, 'ok', { anonymous: 'login', learner: 'forbidden' }) },
		{ path: `/studio/analytics?course=${X}`, expect: { ...courseOnly } },
		{ path: '/studio/analytics?course=guessed-course-id', expect: expectAll(['other', 'owner', 'admin'], 'notFound', { anonymous: 'login', learner: 'forbidden' }) },
		...['enrolments', 'funnel', 'quiz', 'learners'].map((d) => ({ path: `/studio/analytics/${d}.csv?course=${X}`, expect: { ...courseOnly } })),
		{ path: '/studio/analytics/learners.csv', expect: expectAll(['other', 'owner', 'admin'], 'notFound', { anonymous: 'login', learner: 'forbidden' }) },
		{ path: `/studio/analytics/passwords.csv?course=${X}`, expect: expectAll(['other', 'owner', 'admin'], 'notFound', { anonymous: 'login', learner: 'forbidden' }) },
		{ path: '/studio/analytics/learners', expect: expectAll(all, 'ok', { anonymous: 'login', learner: 'forbidden' }) },
		{ path: `/studio/analytics/learners/${learner.id}`, expect: { anonymous: 'login', learner: 'forbidden', other: 'notFound', owner: 'ok', admin: 'ok' } },
		{ path: `/studio/analytics/learners/${outsider.id}`, expect: { anonymous: 'login', learner: 'forbidden', other: 'notFound', owner: 'notFound', admin: 'ok' } },
		// episodes: only those embedded in the trainer's courses (guessed ids answer 404 to every trainer)
		{ path: '/studio/analytics/episodes/guessed-episode', expect: expectAll(['other', 'owner', 'admin'], 'notFound', { anonymous: 'login', learner: 'forbidden' }) },
		...['plays', 'retention'].map((d) => ({ path: `/studio/analytics/${d}.csv?episode=guessed-episode`, expect: expectAll(['other', 'owner', 'admin'], 'notFound', { anonymous: 'login', learner: 'forbidden' }) })),
		{ path: '/admin/courses', expect: expectAll(all, 'forbidden', { anonymous: 'login', admin: 'ok' }) },
		{ method: 'POST', path: '/admin/courses?/visibility', form: { course: course.id, visibility: 'councils', councils: 'guessed' }, expect: expectAll(['learner', 'other', 'owner'], 'forbidden', { anonymous: 'login', admin: 400 }) }
	];
	const principals: Principal[] = [
		{ name: 'anonymous', cookie: null },
		{ name: 'learner', cookie: await loginCookie(base, learner.email, learner.password) },
		{ name: 'other', cookie: await loginCookie(base, other.email, other.password) },
		{ name: 'owner', cookie: await loginCookie(base, owner.email, owner.password) },
		{ name: 'admin', cookie: await loginCookie(base, admin.email, admin.password) }
	];
	expect(await checkAuthz(base, principals, routes)).toEqual([]);

	// the course is still public: the refused visibility changes changed nothing
	expect((await courseOutline(course.slug))!.visibility).toBe('public');

	// no names leak to the other trainer, whatever ids or parameters they try
	const body = async (who: Principal, path: string) => (await fetch(base + path, { headers: { cookie: who.cookie! } })).text();
	for (const path of ['/studio/analytics', `/studio/analytics?course=${X}`, '/studio/analytics/learners', `/studio/analytics/learners/${learner.id}`, `/studio/analytics/learners.csv?course=${X}`]) {
		expect(await body(principals[2], path), path).not.toContain('Matrix Lernerin');
	}
	// the owner sees the learner of their course, but not the outsider
	expect(await body(principals[3], '/studio/analytics/learners')).toContain('Matrix Lernerin');
	expect(await body(principals[3], '/studio/analytics/learners')).not.toContain('Matrix Außenstehend');
});
