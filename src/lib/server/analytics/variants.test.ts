// Analytics count a lesson once, whatever version (original, Leichte Sprache, Arabic) a learner read and answered.
import fs from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { importCourses } from '../courses/import';
import { cachedLessonContent, courseOutline, type CourseOutline } from '../courses/catalogue';
import { copyFixture, learner, VARIANT_COURSE, VARIANT_FIXTURE_DIR } from '../courses/test-helpers';
import { lessonVersion } from '../courses/variants';
import { submitQuiz } from '../courses/quiz-attempts';
import { completeLesson } from '../courses/progress';
import { courseSummary, lessonFunnel } from './course-stats';
import { quizQuestionStats } from './quiz-stats';
import { courseLearners } from './learners';
import { createUser } from '../auth/accounts';

let course: CourseOutline;
const lesson = (slug: string) => course.lessons.find((l) => l.slug === slug)!;

/** The quiz of `slug` as a reader of `version` sees it (ids from that page), and its key revision. */
async function quizAs(slug: string, opts: { locale: string; plain?: boolean }) {
	const l = lesson(slug);
	const v = await lessonVersion({ base: (await cachedLessonContent(l.id))!, lesson: l, original: 'de', explicit: null, locale: opts.locale, plain: opts.plain ?? false, path: '' });
	return { tag: v.tag, quiz: v.content.quiz!, revision: v.content.revisionId };
}

beforeAll(async () => {
	// practice quizzes: the Arabic reader retries at once (the graded policy's wait is tested in quiz-policy tests)
	const dir = copyFixture(VARIANT_FIXTURE_DIR);
	const md = path.join(dir, 'courses', VARIANT_COURSE, 'course.md');
	fs.writeFileSync(md, fs.readFileSync(md, 'utf8').replace('demo: true\n', 'demo: true\nquiz: practice\n'));
	await importCourses(dir);
	course = (await courseOutline(VARIANT_COURSE))!;
	// three learners pass the quiz of "rechte", each in another version; one of them first fails it in Arabic
	const versions = [{ locale: 'ar' }, { locale: 'de' }, { locale: 'de', plain: true }];
	for (const [i, opts] of versions.entries()) {
		const u = await learner(`Lerner ${i}`);
		const q = await quizAs('rechte', opts);
		if (i === 0) await submitQuiz(u.id, lesson('rechte').id, q.revision, { [q.quiz[0].id]: [q.quiz[0].options[1].id], [q.quiz[1].id]: [q.quiz[1].options[2].id] });
		const right = { [q.quiz[0].id]: [q.quiz[0].options[0].id], [q.quiz[1].id]: [q.quiz[1].options[0].id, q.quiz[1].options[1].id] };
		const r = await submitQuiz(u.id, lesson('rechte').id, q.revision, right);
		expect(r).toMatchObject({ ok: true, passed: true });
		// and the first lesson, read in Turkish, Leichte Sprache and German
		await completeLesson(u.id, lesson('beirat').id, 'manual');
	}
});

describe('analytics over variants', () => {
	it('the versions really differ: Arabic, German and Leichte Sprache quizzes', async () => {
		expect((await quizAs('rechte', { locale: 'ar' })).tag).toBe('ar');
		expect((await quizAs('rechte', { locale: 'de', plain: true })).tag).toBe('de-x-ls');
		expect((await quizAs('rechte', { locale: 'ar' })).quiz[0].html).not.toBe((await quizAs('rechte', { locale: 'de' })).quiz[0].html);
	});

	it('the funnel has one row per lesson, counting every learner once whatever version they used', async () => {
		const funnel = await lessonFunnel(course.id);
		expect(funnel.map((f) => [f.title, f.started, f.completed])).toEqual([
			['Was ist ein Integrationsbeirat?', 3, 3],
			['Rechte im Ausschuss', 3, 3],
			['Eine Sitzung vorbereiten', 0, 0]
		]);
		expect(await courseSummary(course.id)).toMatchObject({ enrolled: 3, completed: 0 });
	});

	it('quiz statistics join the answers of every version under the lesson\'s questions', async () => {
		const stats = await quizQuestionStats(course.id);
		expect(stats.map((s) => [s.question, s.answered, s.right])).toEqual([
			['Was darf ein Beirat?', 4, 3],
			['Welche Aussagen stimmen?', 4, 3]
		]);
		// the wrong Arabic answer is named in the lesson's words
		expect(stats[0].wrongOption).toBe('Den Haushalt allein beschließen');
	});

	it('each learner has two of three lessons done, not more', async () => {
		const admin = await createUser({ email: `variants-admin-${process.pid}@example.org`, password: 'ein langes Passwort', displayName: 'Admin', role: 'admin' });
		if (!admin.ok) throw new Error('admin');
		const { named } = await courseLearners({ id: admin.user.id, role: 'admin' }, course.id);
		expect(named.map((n) => [n.done, n.total])).toEqual([
			[2, 3],
			[2, 3],
			[2, 3]
		]);
	});
});
