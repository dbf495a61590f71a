// Course analytics against thousands of seeded rows: every figure is predicted from the seeding rules.
import { beforeAll, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { db, schema } from '../db';
import { importCourses } from '../courses/import';
import { courseOutline, quizForGrading, type CourseOutline } from '../courses/catalogue';
import { copyFixture, FIXTURE_COURSE } from '../courses/test-helpers';
import { courseSummary, enrolmentsByWeek, lessonFunnel } from './course-stats';
import { quizQuestionStats } from './quiz-stats';
import { BASE, DAY, WEEK, seedAttempts, seedLearners } from './test-seed';

const N = 3000;
let course: CourseOutline;
const timings: Record<string, number> = {};

async function timed<T>(name: string, f: () => Promise<T>): Promise<T> {
	const t0 = performance.now();
	const r = await f();
	timings[name] = Math.round(performance.now() - t0);
	return r;
}

beforeAll(async () => {
	await importCourses(copyFixture());
	course = (await courseOutline(FIXTURE_COURSE))!;
	await seedLearners('bulk', N, course.id, course.lessons.map((l) => l.id));
});

describe('course analytics over 3000 learners', () => {
	it('counts enrolments and completions per week, with running totals', async () => {
		const weeks = await timed('weeks', () => enrolmentsByWeek(course.id));
		const expected = new Map<string, { e: number; c: number }>();
		const key = (t: number) => new Date(t - ((new Date(t).getUTCDay() + 6) % 7) * DAY).toISOString().slice(0, 10);
		for (let i = 0; i < N; i++) {
			const enrolled = BASE + (i % 10) * WEEK + 3_600_000;
			const ew = expected.get(key(enrolled)) ?? { e: 0, c: 0 };
			ew.e++;
			expected.set(key(enrolled), ew);
			if (i % 5 === 4) {
				const done = enrolled + ((i % 7) + 1) * DAY;
				const cw = expected.get(key(done)) ?? { e: 0, c: 0 };
				cw.c++;
				expected.set(key(done), cw);
			}
		}
		expect(weeks[0].week).toBe('2025-01-06');
		expect(weeks.map((w) => [w.week, w.enrolled, w.completed])).toEqual([...expected.entries()].sort().map(([w, v]) => [w, v.e, v.c]));
		expect(weeks.at(-1)).toMatchObject({ enrolledTotal: N, completedTotal: N / 5 });
		expect(weeks.every((w) => new Date(w.week + 'T00:00:00Z').getUTCDay() === 1)).toBe(true);
	});

	it('shows in the funnel how many learners completed each lesson, in course order', async () => {
		const funnel = await timed('funnel', () => lessonFunnel(course.id));
		expect(funnel.map((f) => f.title)).toEqual(course.lessons.map((l) => l.title));
		expect(funnel.map((f) => f.completed)).toEqual([2400, 1800, 1200, 600]);
		expect(funnel.map((f) => f.started)).toEqual([3000, 2400, 1800, 1200]);
		expect(funnel[0].share).toBeCloseTo(0.8);
	});

	it('takes the median time from enrolment to completion', async () => {
		const s = await timed('summary', () => courseSummary(course.id));
		const days: number[] = [];
		for (let i = 4; i < N; i += 5) days.push((i % 7) + 1);
		days.sort((a, b) => a - b);
		const mid = days.length / 2;
		expect(s).toEqual({ enrolled: N, completed: N / 5, medianMs: ((days[mid - 1] + days[mid]) / 2) * DAY });
	});

	it('has no median and empty series for a course nobody took', async () => {
		const [other] = await db().select().from(schema.courses).where(eq(schema.courses.id, 'nope'));
		expect(other).toBeUndefined();
		expect(await courseSummary('nope')).toEqual({ enrolled: 0, completed: 0, medianMs: null });
		expect(await enrolmentsByWeek('nope')).toEqual([]);
	});

	it('gives per quiz question the share answered right and the most chosen wrong option', async () => {
		const quizLesson = course.lessons.find((l) => l.hasQuiz)!;
		const rev = (await db().select().from(schema.lessons).where(eq(schema.lessons.id, quizLesson.id)))[0].publishedRevisionId!;
		const [q1, q2] = (await quizForGrading(quizLesson.id, rev))!;
		const right1 = q1.options.find((o) => o.correct)!.id;
		const [wrongA, wrongB] = q1.options.filter((o) => !o.correct).map((o) => o.id);
		const right2 = q2.options.filter((o) => o.correct).map((o) => o.id);
		const wrongC = q2.options.find((o) => !o.correct)!.id;
		// q1: right, A, B, A → 25 % right, A most chosen; q2: right, half right (wrong), right + C (wrong), right
		await seedAttempts('bulk', 2400, quizLesson.id, rev, [
			{ [q1.id]: [right1], [q2.id]: right2 },
			{ [q1.id]: [wrongA], [q2.id]: [right2[0]] },
			{ [q1.id]: [wrongB], [q2.id]: [...right2, wrongC] },
			{ [q1.id]: [wrongA], [q2.id]: right2 }
		]);
		const stats = await timed('quiz', () => quizQuestionStats(course.id));
		expect(stats).toHaveLength(2);
		expect(stats[0]).toMatchObject({ question: 'Was darf ein Beirat?', answered: 2400, right: 600, share: 0.25, wrongOption: 'Den Haushalt allein beschließen', wrongCount: 1200 });
		expect(q1.options.find((o) => o.id === wrongA)!.html).toContain('Haushalt');
		expect(stats[1]).toMatchObject({ question: 'Welche Aussagen stimmen?', answered: 2400, right: 1200, share: 0.5, wrongOption: 'Der Beirat ersetzt den Gemeinderat', wrongCount: 600 });
		console.info('analytics timings (ms) over', N, 'learners:', JSON.stringify(timings));
	});
});
