// Quiz submissions: graded on the server against the revision the learner saw, under the quiz policy
// (quiz-policy.ts): a graded quiz refuses attempts past its limit or inside the wait after a failed one, and its
// per-question feedback is given only after a pass or the last allowed attempt. Every valid attempt is stored; a
// passed one completes the lesson (and may issue the certificate) in the same transaction. Tampered answers store nothing.
import { and, desc, eq } from 'drizzle-orm';
import { db, schema, write } from '../db';
import { newId } from '../ids';
import { answersValid, gradeQuiz, type QuizGrade } from '../../content/quiz';
import { quizForGrading } from './catalogue';
import { checkCourseCompletion, completeLessonTx, type CompletionResult } from './progress';
import { notifyCertificate } from './certificates';
import { attemptStatus, feedbackAllowed, lessonPolicy, type QuizStatus } from './quiz-policy';

export type QuizSubmission =
	| {
			ok: true;
			/** `results` is empty unless `feedback`: a graded quiz tells right and wrong only after a pass or the last attempt */
			grade: QuizGrade;
			passed: boolean;
			passScore: number;
			completion: CompletionResult;
			feedback: boolean;
			/** after this attempt */
			status: QuizStatus;
	  }
	| { ok: false; reason: 'invalid' | 'incomplete' }
	/** refused by the policy: nothing stored; `status.blockedUntil` says when the next attempt is possible */
	| { ok: false; reason: 'wait' | 'no_attempts'; status: QuizStatus };

class Refused extends Error {
	constructor(public status: QuizStatus) {
		super('quiz attempt refused');
	}
}

/** Form fields `answer-<questionId>` (one or more option ids each) → answers map. Other fields are ignored. */
export function answersFromForm(form: FormData): Record<string, string[]> {
	const answers: Record<string, string[]> = {};
	for (const [k, v] of form.entries()) {
		if (!k.startsWith('answer-') || typeof v !== 'string') continue;
		(answers[k.slice('answer-'.length)] ??= []).push(v);
	}
	return answers;
}

/** `now` is the time of the attempt (the tests move it to cross a wait or the 24 hours). */
export async function submitQuiz(userId: string, lessonId: string, revisionId: string, answers: Record<string, string[]>, now = Date.now()): Promise<QuizSubmission> {
	const quiz = await quizForGrading(lessonId, revisionId);
	if (!quiz || !answersValid(quiz, answers)) return { ok: false, reason: 'invalid' };
	if (quiz.some((q) => !answers[q.id]?.length)) return { ok: false, reason: 'incomplete' };
	const lp = await lessonPolicy(lessonId);
	if (!lp) return { ok: false, reason: 'invalid' };
	const { policy, passScore, courseId } = lp;
	const graded = policy.mode === 'graded';
	const grade = gradeQuiz(quiz, answers);
	const passed = grade.score >= passScore;
	try {
		const r = await write(async (tx) => {
			const id = newId();
			// written first, then checked: the write lock serialises this check with every other attempt, also those
			// of another instance on the same database; a refusal rolls the row back
			await tx.insert(schema.quizAttempts).values({ id, userId, lessonId, revisionId, answers: JSON.stringify(answers), score: grade.score, passed, graded, createdAt: now });
			if (graded) {
				const before = await attemptStatus(userId, lessonId, policy, now, tx, id);
				if (before.blockedUntil !== null) throw new Refused(before);
			}
			let completion: CompletionResult = { completedNow: false, courseCompletedNow: false, certificateCode: null };
			if (passed) {
				completion = await completeLessonTx(tx, userId, lessonId, 'quiz');
				// a lesson completed before (an old attempt, a practice pass): this graded pass may be what the certificate waited for
				if (graded && !completion.completedNow) completion = { ...completion, ...(await checkCourseCompletion(tx, userId, courseId, now)) };
			}
			return { completion, status: await attemptStatus(userId, lessonId, policy, now, tx) };
		});
		await notifyCertificate(r.completion);
		const feedback = feedbackAllowed(r.status, passed);
		return { ok: true, grade: feedback ? grade : { ...grade, results: [] }, passed, passScore, completion: r.completion, feedback, status: r.status };
	} catch (err) {
		if (!(err instanceof Refused)) throw err;
		const s = err.status;
		return { ok: false, reason: s.nextAt !== null && s.blockedUntil === s.nextAt ? 'no_attempts' : 'wait', status: s };
	}
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
