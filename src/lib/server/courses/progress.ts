// Enrolment and lesson progress. Every write is an upsert that never moves backwards: a completed lesson stays
// completed, a replayed request changes nothing, and the certificate is issued in the same transaction.
import { and, eq, inArray, isNull, isNotNull, sql } from 'drizzle-orm';
import { db, schema, write, type Tx } from '../db';
import { issueCertificate, notifyCertificate } from './certificates';

export type CompletionSource = 'manual' | 'quiz' | 'podcast';

export interface CompletionResult {
	/** false when the lesson was already complete (replay) or cannot be completed this way */
	completedNow: boolean;
	courseCompletedNow: boolean;
	certificateCode: string | null;
	reason?: 'unknown_lesson' | 'quiz_required';
}

async function enrolTx(tx: Tx, userId: string, courseId: string, now: number) {
	await tx.insert(schema.enrolments).values({ userId, courseId, enrolledAt: now }).onConflictDoNothing();
}

export async function enrol(userId: string, courseId: string): Promise<void> {
	const existing = await db()
		.select({ one: sql<number>`1` })
		.from(schema.enrolments)
		.where(and(eq(schema.enrolments.userId, userId), eq(schema.enrolments.courseId, courseId)))
		.limit(1);
	if (existing.length) return;
	await write((tx) => enrolTx(tx, userId, courseId, Date.now()));
}

/** One read: is the learner enrolled, has the lesson been opened or completed, is the course complete? */
export async function lessonState(userId: string, courseId: string, lessonId: string) {
	const [row] = await db().all<{ enrolled: number; course_done: number | null; started: number; done: number | null }>(sql`
		select (select count(*) from enrolments where user_id = ${userId} and course_id = ${courseId}) as enrolled,
		       (select completed_at from enrolments where user_id = ${userId} and course_id = ${courseId}) as course_done,
		       (select count(*) from lesson_progress where user_id = ${userId} and lesson_id = ${lessonId}) as started,
		       (select completed_at from lesson_progress where user_id = ${userId} and lesson_id = ${lessonId}) as done`);
	return { enrolled: Number(row.enrolled) > 0, started: Number(row.started) > 0, done: row.done !== null, courseDone: row.course_done !== null };
}

/**
 * Opening a lesson: enrols and records "started" when either is missing (one read otherwise).
 * Returns whether the lesson and the course are complete for this learner.
 */
export async function touchLesson(userId: string, courseId: string, lessonId: string): Promise<{ done: boolean; courseDone: boolean }> {
	const s = await lessonState(userId, courseId, lessonId);
	if (!s.enrolled || !s.started) {
		await write(async (tx) => {
			const now = Date.now();
			await enrolTx(tx, userId, courseId, now);
			await tx.insert(schema.lessonProgress).values({ userId, lessonId, startedAt: now }).onConflictDoNothing();
		});
	}
	return { done: s.done, courseDone: s.courseDone };
}

/**
 * Marks a lesson complete for a user (other domains call this too, e.g. the podcast when an embedded episode was
 * heard). Quiz lessons complete only through a passed quiz (`source: 'quiz'`).
 */
export async function completeLesson(userId: string, lessonId: string, source: CompletionSource): Promise<CompletionResult> {
	// a replay of a completed lesson is answered from a read, without taking a turn in the write queue
	const done = await db()
		.select({ one: sql<number>`1` })
		.from(schema.lessonProgress)
		.where(and(eq(schema.lessonProgress.userId, userId), eq(schema.lessonProgress.lessonId, lessonId), isNotNull(schema.lessonProgress.completedAt)))
		.limit(1);
	if (done.length) return { completedNow: false, courseCompletedNow: false, certificateCode: null };
	const result = await write((tx) => completeLessonTx(tx, userId, lessonId, source));
	await notifyCertificate(result);
	return result;
}

export async function completeLessonTx(tx: Tx, userId: string, lessonId: string, source: CompletionSource): Promise<CompletionResult> {
	const none: CompletionResult = { completedNow: false, courseCompletedNow: false, certificateCode: null };
	const lesson = (await tx.select({ courseId: schema.lessons.courseId, hasQuiz: schema.lessons.hasQuiz }).from(schema.lessons).where(eq(schema.lessons.id, lessonId)).limit(1))[0];
	if (!lesson) return { ...none, reason: 'unknown_lesson' };
	if (lesson.hasQuiz && source !== 'quiz') return { ...none, reason: 'quiz_required' };
	const now = Date.now();
	await enrolTx(tx, userId, lesson.courseId, now);
	// the WHERE on the update keeps a completed lesson's first completion: never backwards, replays are no-ops
	const changed = await tx
		.insert(schema.lessonProgress)
		.values({ userId, lessonId, startedAt: now, completedAt: now, completedBy: source })
		.onConflictDoUpdate({
			target: [schema.lessonProgress.userId, schema.lessonProgress.lessonId],
			set: { completedAt: now, completedBy: source },
			setWhere: isNull(schema.lessonProgress.completedAt)
		})
		.returning({ userId: schema.lessonProgress.userId });
	if (!changed.length) return none;
	const course = await checkCourseCompletion(tx, userId, lesson.courseId, now);
	return { completedNow: true, ...course };
}

/**
 * Closes the enrolment when every live lesson is complete and issues the certificate (which also needs every graded
 * quiz passed under the quiz policy, see certificates.ts). Also called after a graded pass of an already completed lesson.
 */
export async function checkCourseCompletion(tx: Tx, userId: string, courseId: string, now: number) {
	const [{ total, done }] = await tx.all<{ total: number; done: number }>(sql`
		select count(*) as total, count(p.completed_at) as done
		from lessons l left join lesson_progress p on p.lesson_id = l.id and p.user_id = ${userId}
		where l.course_id = ${courseId} and l.archived_at is null and l.published_revision_id is not null`);
	if (Number(total) === 0 || Number(done) < Number(total)) return { courseCompletedNow: false, certificateCode: null };
	const closed = await tx
		.update(schema.enrolments)
		.set({ completedAt: now })
		.where(and(eq(schema.enrolments.userId, userId), eq(schema.enrolments.courseId, courseId), isNull(schema.enrolments.completedAt)))
		.returning({ userId: schema.enrolments.userId });
	const code = await issueCertificate(tx, userId, courseId, now);
	return { courseCompletedNow: closed.length > 0, certificateCode: code };
}

export interface CourseProgress {
	enrolled: boolean;
	completedAt: number | null;
	done: Set<string>;
	started: Set<string>;
}

/** One learner's progress in one course (only their own rows are ever read). */
export async function courseProgress(userId: string, courseId: string, lessonIds: string[]): Promise<CourseProgress> {
	const [enr, rows] = await Promise.all([
		db().select().from(schema.enrolments).where(and(eq(schema.enrolments.userId, userId), eq(schema.enrolments.courseId, courseId))).limit(1),
		lessonIds.length
			? db().select({ lessonId: schema.lessonProgress.lessonId, completedAt: schema.lessonProgress.completedAt }).from(schema.lessonProgress).where(and(eq(schema.lessonProgress.userId, userId), inArray(schema.lessonProgress.lessonId, lessonIds)))
			: Promise.resolve([])
	]);
	return {
		enrolled: enr.length > 0,
		completedAt: enr[0]?.completedAt ?? null,
		done: new Set(rows.filter((r) => r.completedAt !== null).map((r) => r.lessonId)),
		started: new Set(rows.map((r) => r.lessonId))
	};
}

export interface EnrolmentSummary {
	courseId: string;
	enrolledAt: number;
	completedAt: number | null;
	done: number;
	total: number;
	percent: number;
	nextLessonId: string | null;
}

/**
 * Per enrolled course: completed / live lessons (archived ones do not count), and the first unfinished lesson.
 * One query (enrolments joined with their live lessons and this learner's progress): on a libSQL server every
 * query is a network round trip, and the lesson page and /me ask this on every request.
 */
export async function enrolmentSummaries(userId: string): Promise<EnrolmentSummary[]> {
	const rows = await db().all<{ course_id: string; enrolled_at: number; course_done: number | null; lesson_id: string | null; lesson_done: number | null }>(sql`
		select e.course_id, e.enrolled_at, e.completed_at as course_done, l.id as lesson_id, p.completed_at as lesson_done
		from enrolments e
		left join lessons l on l.course_id = e.course_id and l.archived_at is null and l.published_revision_id is not null
		left join lesson_progress p on p.lesson_id = l.id and p.user_id = e.user_id
		where e.user_id = ${userId}
		order by e.course_id, l.position`);
	const byCourse = new Map<string, EnrolmentSummary & { lessons: { id: string; done: boolean }[] }>();
	for (const r of rows) {
		let c = byCourse.get(r.course_id);
		if (!c) byCourse.set(r.course_id, (c = { courseId: r.course_id, enrolledAt: Number(r.enrolled_at), completedAt: r.course_done === null ? null : Number(r.course_done), done: 0, total: 0, percent: 0, nextLessonId: null, lessons: [] }));
		if (r.lesson_id !== null) c.lessons.push({ id: r.lesson_id, done: r.lesson_done !== null });
	}
	return [...byCourse.values()].map(({ lessons, ...c }) => {
		const done = lessons.filter((l) => l.done).length;
		const total = lessons.length;
		return { ...c, done, total, percent: total ? Math.floor((100 * done) / total) : 0, nextLessonId: lessons.find((l) => !l.done)?.id ?? null };
	});
}
