import { describe, expect, it, beforeAll } from 'vitest';
import { and, eq } from 'drizzle-orm';
import { db, schema } from '../db';
import { importCourses } from './import';
import { copyFixture, FIXTURE_COURSE, learner } from './test-helpers';
import { completeLesson, courseProgress, enrolmentSummaries, touchLesson } from './progress';
import { courseOutline, quizForGrading, type CourseOutline } from './catalogue';
import { submitQuiz } from './quiz-attempts';
import { certificateByCode, certificatesOf, ownCertificate, revokeCertificate } from './certificates';
import { deleteAccount } from '../auth/accounts';
import { exportUserData } from '../privacy';

let course: CourseOutline;
const lesson = (slug: string) => course.lessons.find((l) => l.slug === slug)!;

beforeAll(async () => {
	await importCourses(copyFixture());
	course = (await courseOutline(FIXTURE_COURSE))!;
});

async function rightAnswers(lessonId: string) {
	const rev = (await db().select().from(schema.lessons).where(eq(schema.lessons.id, lessonId)))[0].publishedRevisionId!;
	const quiz = (await quizForGrading(lessonId, rev))!;
	const right = Object.fromEntries(quiz.map((q) => [q.id, q.options.filter((o) => o.correct).map((o) => o.id)]));
	const wrong = Object.fromEntries(quiz.map((q) => [q.id, [q.options.find((o) => !o.correct)!.id]]));
	return { rev, quiz, right, wrong };
}

describe('progress rules', () => {
	it('opening a lesson enrols and records it as started, once', async () => {
		const u = await learner();
		const l = lesson('was-ist-ein-beirat');
		await touchLesson(u.id, course.id, l.id);
		await touchLesson(u.id, course.id, l.id);
		const p = await courseProgress(u.id, course.id, course.lessons.map((x) => x.id));
		expect(p.enrolled).toBe(true);
		expect([...p.started]).toEqual([l.id]);
		expect(p.done.size).toBe(0);
	});

	it('never moves backwards: replays and late "started" writes keep the first completion', async () => {
		const u = await learner();
		const l = lesson('was-ist-ein-beirat');
		const first = await completeLesson(u.id, l.id, 'manual');
		expect(first.completedNow).toBe(true);
		const row = async () => (await db().select().from(schema.lessonProgress).where(and(eq(schema.lessonProgress.userId, u.id), eq(schema.lessonProgress.lessonId, l.id))))[0];
		const before = await row();
		expect((await completeLesson(u.id, l.id, 'podcast')).completedNow).toBe(false);
		await touchLesson(u.id, course.id, l.id);
		expect(await row()).toEqual(before);
	});

	it('counts 50 concurrent completions of the same lesson once', async () => {
		const u = await learner();
		const l = lesson('sitzung-leiten');
		const results = await Promise.all(Array.from({ length: 50 }, () => completeLesson(u.id, l.id, 'manual')));
		expect(results.filter((r) => r.completedNow)).toHaveLength(1);
	});

	it('quiz lessons complete only through a passed quiz; every valid attempt is stored, tampered ones are not', async () => {
		const u = await learner();
		const l = lesson('rechte');
		expect((await completeLesson(u.id, l.id, 'manual')).reason).toBe('quiz_required');
		const { rev, quiz, right, wrong } = await rightAnswers(l.id);
		const failed = await submitQuiz(u.id, l.id, rev, wrong);
		expect(failed).toMatchObject({ ok: true, passed: false, grade: { score: 0 } });
		expect(await submitQuiz(u.id, l.id, rev, { ...right, [quiz[0].id]: ['o-bogus'] })).toEqual({ ok: false, reason: 'invalid' });
		expect(await submitQuiz(u.id, l.id, rev, { ...right, qforeign: [quiz[0].options[0].id] })).toEqual({ ok: false, reason: 'invalid' });
		const otherRev = (await db().select().from(schema.lessons).where(eq(schema.lessons.id, lesson('protokoll').id)))[0].publishedRevisionId!;
		expect(await submitQuiz(u.id, l.id, otherRev, right)).toEqual({ ok: false, reason: 'invalid' });
		const passed = await submitQuiz(u.id, l.id, rev, right);
		expect(passed).toMatchObject({ ok: true, passed: true, grade: { score: 100 }, completion: { completedNow: true } });
		const attempts = await db().select().from(schema.quizAttempts).where(eq(schema.quizAttempts.userId, u.id));
		expect(attempts.map((a) => a.passed).sort()).toEqual([false, true]);
		// failing again later does not undo the completion
		await submitQuiz(u.id, l.id, rev, wrong);
		expect((await courseProgress(u.id, course.id, [l.id])).done.has(l.id)).toBe(true);
	});

	it('completes the course with the last lesson and issues the certificate in the same transaction', async () => {
		const u = await learner('Amina Beispiel');
		for (const l of course.lessons.filter((x) => !x.hasQuiz)) await completeLesson(u.id, l.id, 'manual');
		let [summary] = await enrolmentSummaries(u.id);
		expect(summary).toMatchObject({ done: 3, total: 4, percent: 75, completedAt: null, nextLessonId: lesson('rechte').id });
		expect(await certificatesOf(u.id)).toEqual([]);
		const { rev, right } = await rightAnswers(lesson('rechte').id);
		const r = await submitQuiz(u.id, lesson('rechte').id, rev, right);
		expect(r.ok && r.completion.courseCompletedNow).toBe(true);
		[summary] = await enrolmentSummaries(u.id);
		expect(summary).toMatchObject({ done: 4, total: 4, percent: 100, nextLessonId: null });
		expect(summary.completedAt).not.toBeNull();
		const [cert] = await certificatesOf(u.id);
		expect(cert).toMatchObject({ displayName: 'Amina Beispiel', courseTitle: 'Testkurs Beiratsarbeit', hours: 1.5 });
		expect(cert.code).toMatch(/^[a-z2-7]{32}$/);
		expect(r.ok && r.completion.certificateCode).toBe(cert.code);

		// only the owner gets their certificate; strangers get nothing
		const other = await learner();
		expect(await ownCertificate(other.id, cert.code)).toBeNull();
		expect(await ownCertificate(u.id, cert.code)).not.toBeNull();
		expect(await certificateByCode('a'.repeat(32))).toBeNull();

		// the export contains it; deletion withdraws it but keeps it verifiable
		const data = (await exportUserData(u.id)) as { courses: { certificates: unknown[]; lessonProgress: unknown[] } };
		expect(data.courses.certificates).toHaveLength(1);
		expect(data.courses.lessonProgress).toHaveLength(4);
		expect(await deleteAccount(u.id, 'ein langes Passwort')).toBe(true);
		const after = (await certificateByCode(cert.code))!;
		expect(after).toMatchObject({ userId: null, withdrawn: true });
		expect(await db().select().from(schema.lessonProgress).where(eq(schema.lessonProgress.userId, u.id))).toEqual([]);
		expect(await db().select().from(schema.quizAttempts).where(eq(schema.quizAttempts.userId, u.id))).toEqual([]);

		expect(await revokeCertificate(cert.code, other.id)).toBe(true);
		expect(await revokeCertificate(cert.code, other.id)).toBe(false);
		expect((await certificateByCode(cert.code))!.revokedAt).not.toBeNull();
	});

	it('keeps one learner out of another learner\'s progress', async () => {
		const a = await learner();
		const b = await learner();
		await completeLesson(a.id, lesson('sitzung-leiten').id, 'manual');
		expect((await courseProgress(b.id, course.id, course.lessons.map((l) => l.id))).done.size).toBe(0);
		expect(await enrolmentSummaries(b.id)).toEqual([]);
	});
});
