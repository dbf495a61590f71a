// The quiz policy against guessing (issue 8, item 6), on the graded fixture course (tests/fixtures/content-graded):
// five questions with three options each, pass at 80 %, 3 graded attempts in 24 hours, 30 s after a failed one.
// Time is the `now` of each submission, so a day passes in milliseconds; everything else is the real database.
import fs from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { and, eq } from 'drizzle-orm';
import { db, schema } from '../db';
import { importCourses } from './import';
import { FIXTURE_DIR, learner } from './test-helpers';
import { courseOutline, quizForGrading, type CourseOutline } from './catalogue';
import { completeLesson, courseProgress, enrolmentSummaries } from './progress';
import { submitQuiz, type QuizSubmission } from './quiz-attempts';
import { statusOf, WINDOW_MS, type QuizPolicy } from './quiz-policy';
import { certificatesOf, missingGradedQuizzes } from './certificates';
import type { QuizQuestion } from '../../content/quiz';

const GRADED_DIR = path.join(path.dirname(FIXTURE_DIR), 'content-graded');
let course: CourseOutline;
const lesson = (slug: string) => course.lessons.find((l) => l.slug === slug)!;

beforeAll(async () => {
	const dir = fs.mkdtempSync(path.join(process.env.TEST_TMP_DIR!, 'graded-'));
	fs.cpSync(GRADED_DIR, dir, { recursive: true });
	expect((await importCourses(dir)).errors).toEqual([]);
	course = (await courseOutline('quiz-pruefung'))!;
});

async function quizOf(slug: string) {
	const l = lesson(slug);
	const rev = (await db().select().from(schema.lessons).where(eq(schema.lessons.id, l.id)))[0].publishedRevisionId!;
	const quiz = (await quizForGrading(l.id, rev))!;
	const right = Object.fromEntries(quiz.map((q) => [q.id, q.options.filter((o) => o.correct).map((o) => o.id)]));
	const wrong = Object.fromEntries(quiz.map((q) => [q.id, [q.options.find((o) => !o.correct)!.id]]));
	return { l, rev, quiz, right, wrong };
}

/** Every way to answer: one option per question, in index order (3^5 = 243 for the fixture). */
function* combinations(quiz: QuizQuestion[]): Generator<Record<string, string[]>> {
	const idx = quiz.map(() => 0);
	for (;;) {
		yield Object.fromEntries(quiz.map((q, i) => [q.id, [q.options[idx[i]].id]]));
		let i = quiz.length - 1;
		while (i >= 0 && ++idx[i] === quiz[i].options.length) idx[i--] = 0;
		if (i < 0) return;
	}
}

async function storedAttempts(userId: string, lessonId: string) {
	return db().select().from(schema.quizAttempts).where(and(eq(schema.quizAttempts.userId, userId), eq(schema.quizAttempts.lessonId, lessonId)));
}

const T0 = Date.UTC(2026, 2, 2, 9, 0, 0);

describe('the quiz policy', () => {
	it('reads the policy from course.md and the lesson front matter', () => {
		expect(course.quizAttempts).toBe(3);
		expect(course.quizWaitS).toBe(30);
		expect(lesson('pruefung').quizMode).toBe('graded');
		expect(lesson('uebung').quizMode).toBe('practice');
		expect(lesson('einleitung').quizMode).toBeNull();
	});

	it('counts graded attempts in any 24 hours and the wait after a failed one', () => {
		const policy: QuizPolicy = { mode: 'graded', attempts: 3, waitMs: 30_000 };
		expect(statusOf(policy, [], false, T0)).toMatchObject({ used: 0, left: 3, blockedUntil: null });
		const failed = { createdAt: T0, passed: false };
		expect(statusOf(policy, [failed], false, T0 + 29_999)).toMatchObject({ left: 2, waitUntil: T0 + 30_000, blockedUntil: T0 + 30_000 });
		expect(statusOf(policy, [failed], false, T0 + 30_000)).toMatchObject({ left: 2, waitUntil: null, blockedUntil: null });
		// no wait after a pass
		expect(statusOf(policy, [{ createdAt: T0, passed: true }], true, T0 + 1)).toMatchObject({ blockedUntil: null, passedGraded: true });
		const three = [0, 60_000, 120_000].map((d) => ({ createdAt: T0 + d, passed: false }));
		expect(statusOf(policy, three, false, T0 + 200_000)).toMatchObject({ left: 0, nextAt: T0 + WINDOW_MS, blockedUntil: T0 + WINDOW_MS });
		// the first attempt leaves the window after 24 hours: one attempt again
		expect(statusOf(policy, three, false, T0 + WINDOW_MS)).toMatchObject({ used: 2, left: 1, blockedUntil: null });
		expect(statusOf({ mode: 'practice', attempts: null, waitMs: 0 }, three, false, T0)).toMatchObject({ limit: null, left: null, blockedUntil: null });
	});

	it('a script that tries every combination, waiting exactly as long as it is told, makes 3 graded attempts in 24 hours and does not pass', async () => {
		const u = await learner();
		const { l, rev, quiz } = await quizOf('pruefung');
		expect(quiz).toHaveLength(5);
		let t = T0;
		let accepted = 0;
		let refused = 0;
		let tried = 0;
		const results: QuizSubmission[] = [];
		outer: for (const answers of combinations(quiz)) {
			tried++;
			for (;;) {
				const r = await submitQuiz(u.id, l.id, rev, answers, t);
				if (r.ok) {
					accepted++;
					results.push(r);
					expect(r.passed).toBe(false);
					t += 1000;
					break;
				}
				expect(r.reason === 'wait' || r.reason === 'no_attempts').toBe(true);
				if (r.reason !== 'wait' && r.reason !== 'no_attempts') break outer;
				refused++;
				// the script waits as told, but only within the day
				if (r.status.blockedUntil! >= T0 + WINDOW_MS) break outer;
				t = r.status.blockedUntil!;
			}
		}
		expect(accepted).toBe(3);
		expect(refused).toBeGreaterThan(0);
		expect(tried).toBe(4);
		// nothing refused was stored, nothing completed, no certificate
		expect(await storedAttempts(u.id, l.id)).toHaveLength(3);
		expect((await courseProgress(u.id, course.id, [l.id])).done.size).toBe(0);
		expect(await certificatesOf(u.id)).toEqual([]);
		// feedback only with the last allowed attempt
		expect(results.map((r) => r.ok && r.feedback)).toEqual([false, false, true]);
	});

	it('fired all at once, 243 combinations make exactly one graded attempt', async () => {
		const u = await learner();
		const { l, rev, quiz } = await quizOf('pruefung');
		const all = [...combinations(quiz)];
		expect(all).toHaveLength(243);
		const rs = await Promise.all(all.map((answers) => submitQuiz(u.id, l.id, rev, answers, T0)));
		const ok = rs.filter((r) => r.ok);
		expect(ok).toHaveLength(1);
		expect(rs.filter((r) => !r.ok && r.reason === 'wait')).toHaveLength(242);
		expect(await storedAttempts(u.id, l.id)).toHaveLength(1);
	});

	it('gives no per-question feedback before a pass or the last attempt, then gives it; practice quizzes give it at once', async () => {
		const u = await learner();
		const { l, rev, wrong, right } = await quizOf('pruefung');
		const leaks = (r: QuizSubmission) => /Erklärung|"correct"|explanation/.test(JSON.stringify(r));
		const first = await submitQuiz(u.id, l.id, rev, wrong, T0);
		expect(first).toMatchObject({ ok: true, passed: false, feedback: false, grade: { score: 0, results: [] }, status: { left: 2 } });
		expect(leaks(first)).toBe(false);
		// inside the wait: refused, not stored, the time given
		const early = await submitQuiz(u.id, l.id, rev, right, T0 + 29_999);
		expect(early).toMatchObject({ ok: false, reason: 'wait', status: { blockedUntil: T0 + 30_000, left: 2 } });
		expect(await storedAttempts(u.id, l.id)).toHaveLength(1);
		const second = await submitQuiz(u.id, l.id, rev, wrong, T0 + 30_000);
		expect(second).toMatchObject({ ok: true, feedback: false, grade: { results: [] }, status: { left: 1 } });
		expect(leaks(second)).toBe(false);
		// the last allowed attempt: now the learner sees what was wrong and why
		const third = await submitQuiz(u.id, l.id, rev, wrong, T0 + 60_000);
		expect(third).toMatchObject({ ok: true, passed: false, feedback: true, status: { left: 0, nextAt: T0 + WINDOW_MS } });
		expect(third.ok && third.grade.results.map((x) => x.correct)).toEqual([false, false, false, false, false]);
		expect(third.ok && third.grade.results[0].explanationHtml).toContain('Erklärung eins');
		// even the right answers are refused until the first attempt leaves the 24 hours (and the refusal passes nothing)
		expect(await submitQuiz(u.id, l.id, rev, right, T0 + WINDOW_MS - 1)).toMatchObject({ ok: false, reason: 'no_attempts', status: { blockedUntil: T0 + WINDOW_MS, passedGraded: false } });
		const pass = await submitQuiz(u.id, l.id, rev, right, T0 + WINDOW_MS);
		expect(pass).toMatchObject({ ok: true, passed: true, feedback: true, grade: { score: 100 }, status: { passedGraded: true } });

		const p = await quizOf('uebung');
		for (let i = 0; i < 10; i++) {
			const r = await submitQuiz(u.id, p.l.id, p.rev, p.wrong, T0);
			expect(r).toMatchObject({ ok: true, passed: false, feedback: true, status: { mode: 'practice', left: null } });
			expect(r.ok && r.grade.results[0].explanationHtml).toContain('Erklärung Übung');
		}
		expect((await storedAttempts(u.id, p.l.id)).every((a) => !a.graded)).toBe(true);
	});

	it('refuses the certificate until the graded quiz is passed under the policy, then issues it with that pass', async () => {
		const u = await learner('Amina Prüfung');
		await completeLesson(u.id, lesson('einleitung').id, 'manual');
		const practice = await quizOf('uebung');
		expect(await submitQuiz(u.id, practice.l.id, practice.rev, practice.right, T0)).toMatchObject({ ok: true, passed: true });
		// the graded lesson completed without a graded pass (as by an attempt from before the policy)
		const done = await completeLesson(u.id, lesson('pruefung').id, 'quiz');
		expect(done).toMatchObject({ completedNow: true, courseCompletedNow: true, certificateCode: null });
		const [summary] = await enrolmentSummaries(u.id);
		expect(summary).toMatchObject({ percent: 100 });
		expect(await certificatesOf(u.id)).toEqual([]);
		expect((await missingGradedQuizzes(u.id, course.id)).map((l) => l.slug)).toEqual(['pruefung']);
		// a failed graded attempt changes nothing; the pass issues the certificate
		const graded = await quizOf('pruefung');
		expect(await submitQuiz(u.id, graded.l.id, graded.rev, graded.wrong, T0)).toMatchObject({ ok: true, passed: false });
		expect(await certificatesOf(u.id)).toEqual([]);
		const pass = await submitQuiz(u.id, graded.l.id, graded.rev, graded.right, T0 + 30_000);
		expect(pass.ok && pass.completion.certificateCode).toMatch(/^[a-z2-7]{32}$/);
		const [cert] = await certificatesOf(u.id);
		expect(cert).toMatchObject({ displayName: 'Amina Prüfung', courseTitle: 'Prüfkurs Quiz' });
		expect(await missingGradedQuizzes(u.id, course.id)).toEqual([]);
	});
});
