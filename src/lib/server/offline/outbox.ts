// Progress made offline, sent later from the browser's outbox (issue 12): lesson completions, quiz answers and
// listening positions, each with a client-generated id. An id is claimed before its event is applied, so the same
// event sent twice (a retry after a lost answer, two tabs) counts once and gets the first answer again. Quiz answers
// are graded on arrival under the quiz policy in force then; positions keep the newest client timestamp (listening.ts).
import { and, eq, isNull, sql } from 'drizzle-orm';
import { z } from 'zod';
import { db, schema, write } from '../db';
import { canSeeCourse, courseOutline } from '../courses/catalogue';
import { completeLesson } from '../courses/progress';
import { submitQuiz } from '../courses/quiz-attempts';
import { saveListening } from '../podcast/listening';
import { t } from '../i18n';
import type { Role } from '../db/schema';

/** At most this many events per request (the browser sends the rest in the next one). */
export const MAX_EVENTS = 100;

const id = z.string().regex(/^[A-Za-z0-9_-]{8,64}$/);
const slug = z.string().min(1).max(200);
const at = z.number().int().positive();

export const offlineEventSchema = z.discriminatedUnion('kind', [
	z.object({ kind: z.literal('complete'), id, at, course: slug, lesson: slug }),
	z.object({
		kind: z.literal('quiz'),
		id,
		at,
		course: slug,
		lesson: slug,
		revision: z.string().min(1).max(64),
		answers: z.record(z.string().max(64), z.array(z.string().max(64)).max(20)).refine((a) => Object.keys(a).length <= 100)
	}),
	z.object({ kind: z.literal('position'), id, at, episode: slug, position: z.number().finite(), duration: z.number().finite().positive().optional() })
]);
export type OfflineEventInput = z.infer<typeof offlineEventSchema>;

export const outboxSchema = z.object({ events: z.array(offlineEventSchema).min(1).max(MAX_EVENTS) });

export const REFUSALS = [
	'account_disabled',
	'course_unavailable',
	'lesson_unavailable',
	'not_enrolled',
	'quiz_required',
	'quiz_invalid',
	'quiz_incomplete',
	'quiz_wait',
	'quiz_no_attempts',
	'episode_unavailable',
	'position_invalid'
] as const;
export type Refusal = (typeof REFUSALS)[number];

/** What one event did, stored with its id and answered again for a replay. */
export type Outcome =
	| { status: 'ok'; kind: 'complete'; completedNow: boolean }
	| { status: 'ok'; kind: 'quiz'; score: number; passed: boolean; passScore: number }
	| { status: 'ok'; kind: 'position'; saved: boolean }
	| { status: 'refused'; reason: Refusal }
	/** another request is applying this id right now: send it again later */
	| { status: 'pending' };

export interface EventAnswer {
	id: string;
	/** true when this id had been processed before: nothing was applied again */
	duplicate: boolean;
	outcome: Outcome;
	/** the refusal in the learner's language */
	message?: string;
}

interface Asker {
	id: string;
	role?: Role | string;
}

class Refused extends Error {
	constructor(public reason: Refusal) {
		super(reason);
	}
}

async function claim(userId: string, e: OfflineEventInput): Promise<Outcome | null> {
	const inserted = await write((tx) =>
		tx.insert(schema.offlineEvents).values({ userId, eventId: e.id, kind: e.kind, status: 'pending', receivedAt: Date.now() }).onConflictDoNothing().returning({ id: schema.offlineEvents.eventId })
	);
	if (inserted.length) return null;
	const row = (await db().select().from(schema.offlineEvents).where(and(eq(schema.offlineEvents.userId, userId), eq(schema.offlineEvents.eventId, e.id))).limit(1))[0];
	if (!row || row.status === 'pending') return { status: 'pending' };
	return JSON.parse(row.outcome) as Outcome;
}

async function settle(userId: string, eventId: string, outcome: Outcome) {
	await write((tx) =>
		tx
			.update(schema.offlineEvents)
			.set({ status: outcome.status === 'ok' ? 'ok' : 'refused', outcome: JSON.stringify(outcome) })
			.where(and(eq(schema.offlineEvents.userId, userId), eq(schema.offlineEvents.eventId, eventId)))
	);
}

async function release(userId: string, eventId: string) {
	await write((tx) => tx.delete(schema.offlineEvents).where(and(eq(schema.offlineEvents.userId, userId), eq(schema.offlineEvents.eventId, eventId), eq(schema.offlineEvents.status, 'pending'))));
}

/** The course and lesson an event names, if this learner may still use them and is enrolled. */
async function lessonFor(user: Asker, courseSlug: string, lessonSlug: string) {
	const course = await courseOutline(courseSlug);
	if (!course || !(await canSeeCourse(course, user.id, user.role))) throw new Refused('course_unavailable');
	const lesson = course.lessons.find((l) => l.slug === lessonSlug);
	if (!lesson) throw new Refused('lesson_unavailable');
	const enrolled = await db()
		.select({ one: sql<number>`1` })
		.from(schema.enrolments)
		.where(and(eq(schema.enrolments.userId, user.id), eq(schema.enrolments.courseId, course.id)))
		.limit(1);
	if (!enrolled.length) throw new Refused('not_enrolled');
	return { course, lesson };
}

async function apply(user: Asker, e: OfflineEventInput): Promise<Outcome> {
	if (e.kind === 'complete') {
		const { lesson } = await lessonFor(user, e.course, e.lesson);
		const r = await completeLesson(user.id, lesson.id, 'manual');
		if (r.reason) throw new Refused(r.reason === 'quiz_required' ? 'quiz_required' : 'lesson_unavailable');
		return { status: 'ok', kind: 'complete', completedNow: r.completedNow };
	}
	if (e.kind === 'quiz') {
		const { lesson } = await lessonFor(user, e.course, e.lesson);
		// graded now, under the policy in force now (attempt limits and waits count from the arrival)
		const r = await submitQuiz(user.id, lesson.id, e.revision, e.answers);
		if (!r.ok) throw new Refused(r.reason === 'wait' ? 'quiz_wait' : r.reason === 'no_attempts' ? 'quiz_no_attempts' : r.reason === 'incomplete' ? 'quiz_incomplete' : 'quiz_invalid');
		return { status: 'ok', kind: 'quiz', score: r.grade.score, passed: r.passed, passScore: r.passScore };
	}
	const r = await saveListening(user.id, { episode: e.episode, position: e.position, duration: e.duration, at: e.at });
	if (!r.ok) throw new Refused(r.reason === 'unknown_episode' || r.reason === 'not_packaged' ? 'episode_unavailable' : 'position_invalid');
	return { status: 'ok', kind: 'position', saved: r.saved };
}

export function refusalText(locale: string, reason: Refusal): string {
	return t(locale, `offline_refused_${reason}`);
}

/**
 * Applies a batch in the order the browser recorded it. Each event is claimed by its id first; a replay answers
 * what the first delivery did. A refusal is stored too (the browser drops the entry after showing it).
 */
export async function processOutbox(user: Asker, events: OfflineEventInput[], locale: string): Promise<EventAnswer[]> {
	const account = (await db().select({ one: sql<number>`1` }).from(schema.users).where(and(eq(schema.users.id, user.id), isNull(schema.users.disabledAt))).limit(1))[0];
	const answers: EventAnswer[] = [];
	for (const e of events) {
		const before = await claim(user.id, e);
		let outcome: Outcome;
		if (before) outcome = before;
		else {
			try {
				outcome = account ? await apply(user, e) : { status: 'refused', reason: 'account_disabled' };
			} catch (err) {
				if (!(err instanceof Refused)) {
					// a fault of ours: the id is freed so the browser's next try applies it
					await release(user.id, e.id);
					throw err;
				}
				outcome = { status: 'refused', reason: err.reason };
			}
			await settle(user.id, e.id, outcome);
		}
		answers.push({ id: e.id, duplicate: before !== null, outcome, ...(outcome.status === 'refused' ? { message: refusalText(locale, outcome.reason) } : {}) });
	}
	return answers;
}
