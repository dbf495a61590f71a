// Quiz submissions: graded on the server against the revision the learner saw; every valid attempt is stored,
// a passed one completes the lesson in the same transaction. Tampered answers store nothing.
import { and, desc, eq } from 'drizzle-orm';
import { db, schema, write } from '../db';
import { newId } from '../ids';
import { answersValid, gradeQuiz, type QuizGrade } from '../../content/quiz';
import { quizForGrading } from './catalogue';
import { completeLessonTx, type CompletionResult } from './progress';
import { notifyCertificate } from './certificates';

export type QuizSubmission =
	| { ok: true; grade: QuizGrade; passed: boolean; passScore: number; completion: CompletionResult }
	| { ok: false; reason: 'invalid' | 'incomplete' };

/** Form fields `answer-<questionId>` (one or more option ids each) → answers map. Other fields are ignored. */
export function answersFromForm(form: FormData): Record<string, string[]> {
	const answers: Record<string, string[]> = {};
	for (const [k, v] of form.entries()) {
		if (!k.startsWith('answer-') || typeof v !== 'string') continue;
		(answers[k.slice('answer-'.length)] ??= []).push(v);
	}
	return answers;
}

export async function submitQuiz(userId: string, lessonId: string, revisionId: string, answers: Record<string, string[]>): Promise<QuizSubmission> {
	const quiz = await quizForGrading(lessonId, revisionId);
	if (!quiz || !answersValid(quiz, answers)) return { ok: false, reason: 'invalid' };
	if (quiz.some((q) => !answers[q.id]?.length)) return { ok: false, reason: 'incomplete' };
	const lesson = (await db().select({ courseId: schema.lessons.courseId }).from(schema.lessons).where(eq(schema.lessons.id, lessonId)).limit(1))[0];
	if (!lesson) return { ok: false, reason: 'invalid' };
	const course = (await db().select({ passScore: schema.courses.passScore }).from(schema.courses).where(eq(schema.courses.id, lesson.courseId)).limit(1))[0];
	const passScore = course?.passScore ?? 70;
	const grade = gradeQuiz(quiz, answers);
	const passed = grade.score >= passScore;
	const completion = await write(async (tx) => {
		await tx.insert(schema.quizAttempts).values({ id: newId(), userId, lessonId, revisionId, answers: JSON.stringify(answers), score: grade.score, passed, createdAt: Date.now() });
		if (!passed) return { completedNow: false, courseCompletedNow: false, certificateCode: null };
		return completeLessonTx(tx, userId, lessonId, 'quiz');
	});
	await notifyCertificate(completion);
	return { ok: true, grade, passed, passScore, completion };
}

/** The learner's own best and latest attempts on a lesson. */
export async function attemptsOf(userId: string, lessonId: string) {
	return db()
		.select({ score: schema.quizAttempts.score, passed: schema.quizAttempts.passed, createdAt: schema.quizAttempts.createdAt })
		.from(schema.quizAttempts)
		.where(and(eq(schema.quizAttempts.userId, userId), eq(schema.quizAttempts.lessonId, lessonId)))
		.orderBy(desc(schema.quizAttempts.createdAt))
		.limit(20);
}
