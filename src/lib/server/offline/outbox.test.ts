// The outbox endpoint's domain (issue 12) on the real database: progress made offline arrives later, maybe twice,
// maybe out of order, maybe after the course was withdrawn. The graded fixture course (tests/fixtures/content-graded):
// pass at 80 %, 3 graded attempts in 24 hours, 30 s after a failed one.
import fs from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { and, eq } from 'drizzle-orm';
import { db, schema, write } from '../db';
import { newId } from '../ids';
import { importCourses } from '../courses/import';
import { FIXTURE_DIR, learner } from '../courses/test-helpers';
import { courseOutline, quizForGrading, type CourseOutline } from '../courses/catalogue';
import { courseProgress, enrol } from '../courses/progress';
import { bumpContentVersion } from '../courses/cache';
import { getPosition } from '../podcast/listening';
import { bodyLimit, MAX_BODY_BYTES } from '../http/body';
import { outboxSchema, processOutbox, type OfflineEventInput } from './outbox';

const GRADED_DIR = path.join(path.dirname(FIXTURE_DIR), 'content-graded');
const COURSE = 'quiz-pruefung';
let course: CourseOutline;
const lesson = (slug: string) => course.lessons.find((l) => l.slug === slug)!;

async function quizOf(slug: string) {
	const l = lesson(slug);
	const rev = (await db().select().from(schema.lessons).where(eq(schema.lessons.id, l.id)))[0].publishedRevisionId!;
	const quiz = (await quizForGrading(l.id, rev))!;
	const right = Object.fromEntries(quiz.map((q) => [q.id, q.options.filter((o) => o.correct).map((o) => o.id)]));
	const wrong = Object.fromEntries(quiz.map((q) => [q.id, [q.options.find((o) => !o.correct)!.id]]));
	return { l, rev, right, wrong };
}

const attemptsOf = (userId: string, lessonId: string) => db().select().from(schema.quizAttempts).where(and(eq(schema.quizAttempts.userId, userId), eq(schema.quizAttempts.lessonId, lessonId)));
const uid = () => crypto.randomUUID();

beforeAll(async () => {
	const dir = fs.mkdtempSync(path.join(process.env.TEST_TMP_DIR!, 'graded-'));
	fs.cpSync(GRADED_DIR, dir, { recursive: true });
	expect((await importCourses(dir)).errors).toEqual([]);
	course = (await courseOutline(COURSE))!;
	const assetId = newId();
	await write(async (tx) => {
		await tx.insert(schema.mediaAssets).values({ id: assetId, hash: 'abcdefabcdefabcdefabcdefabcdef34', sourceHash: 'x', durationMs: 600_000, mp3Bytes: 1, hlsBytes: 1, sourceBytes: 1, createdAt: 1 });
		await tx.insert(schema.episodes).values({ id: newId(), slug: 'offline-folge', guid: newId(), title: 'Folge', date: '2025-01-01', publishedAt: 1, number: 1, contentHash: 'x', mediaAssetId: assetId, createdAt: 1, updatedAt: 1 });
	});
});

describe('processOutbox', () => {
	it('applies a completion, a graded quiz and a position once, however often they arrive', async () => {
		const u = await learner();
		await enrol(u.id, course.id);
		const q = await quizOf('pruefung');
		const events: OfflineEventInput[] = [
			{ kind: 'complete', id: uid(), at: 1000, course: COURSE, lesson: 'einleitung' },
			{ kind: 'quiz', id: uid(), at: 2000, course: COURSE, lesson: 'pruefung', revision: q.rev, answers: q.right },
			{ kind: 'position', id: uid(), at: 3000, episode: 'offline-folge', position: 42 }
		];
		const first = await processOutbox(u, events, 'de');
		expect(first.map((a) => [a.duplicate, a.outcome.status])).toEqual([
			[false, 'ok'],
			[false, 'ok'],
			[false, 'ok']
		]);
		expect(first[1].outcome).toMatchObject({ kind: 'quiz', score: 100, passed: true });
		// the same batch again (the answer was lost on the way back): the same answers, nothing applied twice
		const again = await processOutbox(u, events, 'de');
		expect(again.map((a) => a.duplicate)).toEqual([true, true, true]);
		expect(again.map((a) => a.outcome)).toEqual(first.map((a) => a.outcome));
		expect(await attemptsOf(u.id, q.l.id)).toHaveLength(1);
		const progress = await courseProgress(u.id, course.id, course.lessons.map((l) => l.id));
		expect([...progress.done].sort()).toEqual([lesson('einleitung').id, q.l.id].sort());
		expect(await getPosition(u.id, 'offline-folge')).toMatchObject({ position: 42, at: 3000 });
	});

	it('keeps the newer listening position when an older one arrives later', async () => {
		const u = await learner();
		await processOutbox(u, [{ kind: 'position', id: uid(), at: 5000, episode: 'offline-folge', position: 300 }], 'de');
		const late = await processOutbox(u, [{ kind: 'position', id: uid(), at: 4000, episode: 'offline-folge', position: 10 }], 'de');
		expect(late[0].outcome).toEqual({ status: 'ok', kind: 'position', saved: false });
		expect(await getPosition(u.id, 'offline-folge')).toMatchObject({ position: 300, at: 5000 });
	});

	it('grades quiz answers on arrival under the policy in force: a retry inside the wait after a failed attempt is refused', async () => {
		const u = await learner();
		await enrol(u.id, course.id);
		const q = await quizOf('pruefung');
		const [failed, retry] = await processOutbox(
			u,
			[
				{ kind: 'quiz', id: uid(), at: 1000, course: COURSE, lesson: 'pruefung', revision: q.rev, answers: q.wrong },
				{ kind: 'quiz', id: uid(), at: 2000, course: COURSE, lesson: 'pruefung', revision: q.rev, answers: q.right }
			],
			'en'
		);
		expect(failed.outcome).toMatchObject({ status: 'ok', passed: false, score: 0 });
		expect(retry.outcome).toEqual({ status: 'refused', reason: 'quiz_wait' });
		expect(retry.message).toBe('The quiz was retried too soon after a failed attempt. Please try again later.');
		expect(await attemptsOf(u.id, q.l.id)).toHaveLength(1);
		// a quiz lesson is not completed by a plain completion either
		const [plain] = await processOutbox(u, [{ kind: 'complete', id: uid(), at: 3000, course: COURSE, lesson: 'pruefung' }], 'de');
		expect(plain.outcome).toEqual({ status: 'refused', reason: 'quiz_required' });
	});

	it('refuses, with a translated reason, what is not enrolled, unknown, withdrawn or from a disabled account, and changes nothing', async () => {
		const u = await learner();
		const [notEnrolled] = await processOutbox(u, [{ kind: 'complete', id: uid(), at: 1, course: COURSE, lesson: 'einleitung' }], 'de');
		expect(notEnrolled.outcome).toEqual({ status: 'refused', reason: 'not_enrolled' });
		expect(notEnrolled.message).toBe('Sie sind in diesem Kurs nicht eingeschrieben. Dieser Fortschritt wurde nicht gespeichert.');
		await enrol(u.id, course.id);
		const [unknownLesson, unknownCourse, unknownEpisode] = await processOutbox(
			u,
			[
				{ kind: 'complete', id: uid(), at: 1, course: COURSE, lesson: 'gibt-es-nicht' },
				{ kind: 'complete', id: uid(), at: 1, course: 'gibt-es-nicht', lesson: 'einleitung' },
				{ kind: 'position', id: uid(), at: 1, episode: 'gibt-es-nicht', position: 1 }
			],
			'ar'
		);
		expect([unknownLesson, unknownCourse, unknownEpisode].map((a) => a.outcome.status === 'refused' && a.outcome.reason)).toEqual(['lesson_unavailable', 'course_unavailable', 'episode_unavailable']);
		expect(unknownCourse.message).toBe('الدورة لم تعد منشورة أو غير مرئية لكم. لم يُحفظ هذا التقدّم.');

		// the course is withdrawn (back to draft) while the learner was offline
		await write((tx) => tx.update(schema.courses).set({ draft: true }).where(eq(schema.courses.id, course.id)));
		bumpContentVersion();
		try {
			const [withdrawn] = await processOutbox(u, [{ kind: 'complete', id: uid(), at: 1, course: COURSE, lesson: 'einleitung' }], 'de');
			expect(withdrawn.outcome).toEqual({ status: 'refused', reason: 'course_unavailable' });
		} finally {
			await write((tx) => tx.update(schema.courses).set({ draft: false }).where(eq(schema.courses.id, course.id)));
			bumpContentVersion();
		}

		await write((tx) => tx.update(schema.users).set({ disabledAt: Date.now() }).where(eq(schema.users.id, u.id)));
		const [disabled] = await processOutbox(u, [{ kind: 'complete', id: uid(), at: 1, course: COURSE, lesson: 'einleitung' }], 'tr');
		expect(disabled.outcome).toEqual({ status: 'refused', reason: 'account_disabled' });
		expect(disabled.message).toBe('Hesabınız devre dışı. Bu ilerleme kaydedilmedi.');
		expect((await courseProgress(u.id, course.id, course.lessons.map((l) => l.id))).done.size).toBe(0);
	});

	it('keeps one learner’s event ids apart from another’s', async () => {
		const a = await learner();
		const b = await learner();
		const id = uid();
		await processOutbox(a, [{ kind: 'position', id, at: 10, episode: 'offline-folge', position: 5 }], 'de');
		const [theirs] = await processOutbox(b, [{ kind: 'position', id, at: 10, episode: 'offline-folge', position: 7 }], 'de');
		expect(theirs.duplicate).toBe(false);
		expect(await getPosition(b.id, 'offline-folge')).toMatchObject({ position: 7 });
	});
});

describe('outboxSchema', () => {
	it('takes at most 100 events with well-formed ids, under the JSON body limit', () => {
		const ev = (n: number) => ({ kind: 'position', id: `event-${String(n).padStart(4, '0')}`, at: 1, episode: 'x', position: 1 });
		expect(outboxSchema.safeParse({ events: Array.from({ length: 100 }, (_, i) => ev(i)) }).success).toBe(true);
		expect(outboxSchema.safeParse({ events: Array.from({ length: 101 }, (_, i) => ev(i)) }).success).toBe(false);
		expect(outboxSchema.safeParse({ events: [{ ...ev(1), id: 'kurz' }] }).success).toBe(false);
		expect(outboxSchema.safeParse({ events: [{ ...ev(1), kind: 'delete' }] }).success).toBe(false);
		expect(bodyLimit('/api/outbox', new URL('http://x/api/outbox'))).toBe(MAX_BODY_BYTES);
	});
});
