// The quiz policy (content/README.md "Quiz"): a lesson's quiz is graded or practice (front matter `quiz:`, else the
// course's setting). Graded quizzes allow `quizAttempts` attempts in any 24 hours, a wait of `quizWaitS` seconds after
// a failed one, and per-question feedback only after a pass or after the last allowed attempt; only a passed graded
// attempt counts for the certificate. Practice quizzes are unlimited and show their feedback at once.
import { and, desc, eq, gt, ne, sql } from 'drizzle-orm';
import { db, schema, type Db, type Tx } from '../db';
import type { QuizMode } from '../db/schema';
import { formatMoment } from '../format';
import { t } from '../i18n';

export const WINDOW_MS = 24 * 60 * 60 * 1000;

export interface QuizPolicy {
	mode: QuizMode;
	/** graded attempts in any 24 hours; null: unlimited */
	attempts: number | null;
	/** after a failed graded attempt */
	waitMs: number;
}

export function policyOf(course: { quizMode: QuizMode; quizAttempts: number; quizWaitS: number }, lessonMode: QuizMode | null): QuizPolicy {
	const mode = lessonMode ?? course.quizMode;
	return mode === 'graded' ? { mode, attempts: Math.max(1, course.quizAttempts), waitMs: Math.max(0, course.quizWaitS) * 1000 } : { mode, attempts: null, waitMs: 0 };
}

export interface LessonPolicy {
	courseId: string;
	passScore: number;
	policy: QuizPolicy;
}

/** The policy of one lesson's quiz, read from its course and its own front matter. */
export async function lessonPolicy(lessonId: string, q: Db | Tx = db()): Promise<LessonPolicy | null> {
	const row = (
		await q
			.select({ lessonMode: schema.lessons.quizMode, courseId: schema.courses.id, passScore: schema.courses.passScore, quizMode: schema.courses.quizMode, quizAttempts: schema.courses.quizAttempts, quizWaitS: schema.courses.quizWaitS })
			.from(schema.lessons)
			.innerJoin(schema.courses, eq(schema.courses.id, schema.lessons.courseId))
			.where(eq(schema.lessons.id, lessonId))
			.limit(1)
	)[0];
	if (!row) return null;
	return { courseId: row.courseId, passScore: row.passScore, policy: policyOf(row, row.lessonMode) };
}

export interface AttemptRow {
	id?: string;
	createdAt: number;
	passed: boolean;
}

export interface QuizStatus {
	mode: QuizMode;
	/** graded attempts allowed in 24 hours (null: unlimited) */
	limit: number | null;
	used: number;
	left: number | null;
	/** the wait after a failed graded attempt, in seconds */
	waitS: number;
	/** no attempt before this time: the wait after a failed attempt is running */
	waitUntil: number | null;
	/** every attempt of the last 24 hours is used: the next one frees up at this time */
	nextAt: number | null;
	/** the earliest time of the next attempt; null: now */
	blockedUntil: number | null;
	/** a passed graded attempt is on record: what the certificate needs */
	passedGraded: boolean;
}

/** The status from the graded attempts of the last 24 hours (any order). Pure: the tests feed it times. */
export function statusOf(policy: QuizPolicy, recent: AttemptRow[], passedGraded: boolean, now: number): QuizStatus {
	const base = { mode: policy.mode, waitS: Math.round(policy.waitMs / 1000), passedGraded };
	if (policy.mode === 'practice' || policy.attempts === null) return { ...base, limit: null, used: 0, left: null, waitUntil: null, nextAt: null, blockedUntil: null };
	const inWindow = recent.filter((a) => a.createdAt > now - WINDOW_MS).sort((a, b) => a.createdAt - b.createdAt);
	const used = inWindow.length;
	const left = Math.max(0, policy.attempts - used);
	// the attempt whose leaving the window frees the next one
	const nextAt = left === 0 ? inWindow[used - policy.attempts].createdAt + WINDOW_MS : null;
	const last = inWindow[used - 1];
	const waitUntil = last && !last.passed && last.createdAt + policy.waitMs > now ? last.createdAt + policy.waitMs : null;
	const blocks = [waitUntil, nextAt].filter((t): t is number => t !== null);
	return { ...base, limit: policy.attempts, used, left, waitUntil, nextAt, blockedUntil: blocks.length ? Math.max(...blocks) : null };
}

/** Feedback per question (right/wrong, explanation): practice always; graded after a pass or the last allowed attempt. */
export function feedbackAllowed(status: QuizStatus, passed: boolean): boolean {
	return status.mode === 'practice' || passed || status.left === 0;
}

/** One learner's status on one lesson's quiz (`q`: inside a write transaction, to count what it has written). */
export async function attemptStatus(userId: string, lessonId: string, policy: QuizPolicy, now = Date.now(), q: Db | Tx = db(), exceptId?: string): Promise<QuizStatus> {
	const mine = and(eq(schema.quizAttempts.userId, userId), eq(schema.quizAttempts.lessonId, lessonId), eq(schema.quizAttempts.graded, true));
	// one after the other: `q` may be a transaction
	const recent =
		policy.mode === 'graded'
			? await q
					.select({ id: schema.quizAttempts.id, createdAt: schema.quizAttempts.createdAt, passed: schema.quizAttempts.passed })
					.from(schema.quizAttempts)
					.where(and(mine, gt(schema.quizAttempts.createdAt, now - WINDOW_MS)))
					.orderBy(desc(schema.quizAttempts.createdAt))
					.limit(200)
			: [];
	const passed = await q
		.select({ one: sql<number>`1` })
		.from(schema.quizAttempts)
		.where(and(mine, eq(schema.quizAttempts.passed, true), exceptId ? ne(schema.quizAttempts.id, exceptId) : undefined))
		.limit(1);
	return statusOf(policy, exceptId ? recent.filter((a) => a.id !== exceptId) : recent, passed.length > 0, now);
}

/**
 * What the lesson page shows about the policy, already in words: translated here, so the lesson page's JavaScript
 * carries none of these messages (its budget, tests/e2e/podcast.spec.ts).
 */
export interface QuizStatusView {
	mode: QuizMode;
	/** no attempt possible now (the submit button is off) */
	noAttempts: boolean;
	intro: string;
	/** the rules: graded or practice, attempts, wait, when feedback comes */
	title: string;
	rules: string;
	/** where the learner stands: attempts left, a wait running and until when; null for visitors and practice */
	state: string | null;
}

function rulesOf(mode: QuizMode, limit: number | null, waitS: number, locale: string) {
	return mode === 'graded'
		? { intro: t(locale, 'hardening_data_quiz_intro_graded'), title: t(locale, 'hardening_data_quiz_graded_title'), rules: t(locale, 'hardening_data_quiz_graded_rules', { limit: limit ?? 0, seconds: waitS }) }
		: { intro: t(locale, 'course_quiz_intro'), title: t(locale, 'hardening_data_quiz_practice_title'), rules: t(locale, 'hardening_data_quiz_practice_rules') };
}

export function statusView(s: QuizStatus, locale: string, now = Date.now()): QuizStatusView {
	const base = { mode: s.mode, ...rulesOf(s.mode, s.limit, s.waitS, locale) };
	if (s.mode === 'practice') return { ...base, noAttempts: false, state: null };
	const limit = s.limit ?? 0;
	const parts: string[] = [];
	const left = t(locale, 'hardening_data_quiz_left', { left: s.left ?? 0, limit });
	if (s.left === 0 && s.nextAt !== null) parts.push(t(locale, 'hardening_data_quiz_none_left', { limit, time: formatMoment(s.nextAt, locale, now) }));
	else if (s.waitUntil !== null) parts.push(t(locale, 'hardening_data_quiz_wait', { seconds: s.waitS, time: formatMoment(s.waitUntil, locale, now) }), left);
	else parts.push(left);
	if (s.passedGraded) parts.push(t(locale, 'hardening_data_quiz_passed_graded'));
	return { ...base, noAttempts: s.left === 0, state: parts.join(' ') };
}

/** Before anyone has tried (visitors): the policy alone. */
export function policyView(policy: QuizPolicy, locale: string): QuizStatusView {
	return { mode: policy.mode, noAttempts: false, state: null, ...rulesOf(policy.mode, policy.attempts, Math.round(policy.waitMs / 1000), locale) };
}

/** The line under a failed graded attempt whose per-question feedback is withheld. */
export function withheldFeedbackText(locale: string): string {
	return `${t(locale, 'hardening_data_quiz_failed_graded')} ${t(locale, 'hardening_data_quiz_feedback_later')}`;
}
