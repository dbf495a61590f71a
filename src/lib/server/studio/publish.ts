// Publishing: a draft becomes a new lesson revision (origin 'studio') and goes live in ONE transaction, only if the
// lesson still shows the revision the draft started from (unless the trainer chose "keep mine"), and only if it
// parses like an import would (a broken quiz names its line). Restoring an old revision publishes a copy of it.
import { and, eq } from 'drizzle-orm';
import { db, schema, write, type Tx } from '../db';
import { newId } from '../ids';
import { audit } from '../audit';
import { reindexCourse } from '../courses/import';
import { checkLesson, type LessonText, type StudioProblem } from './source';
import type { QuizMode } from '../../content/lesson';
import { saveDraft } from './drafts';
import { contentChanged, touchContentTx } from './version';

type Course = typeof schema.courses.$inferSelect;
type Lesson = typeof schema.lessons.$inferSelect;

export type PublishResult =
	| { ok: true; revisionId: string; unchanged: boolean }
	| { ok: false; reason: 'invalid'; problems: StudioProblem[] }
	| { ok: false; reason: 'conflict'; publishedRevisionId: string | null };

class Stale extends Error {
	constructor(public current: string | null) {
		super('stale');
	}
}

type LiveMeta = { title: string; duration: number; episode: string | null; quizMode: QuizMode | null };

async function goLive(tx: Tx, lesson: Lesson, rev: typeof schema.lessonRevisions.$inferInsert, meta: LiveMeta, hasQuiz: boolean) {
	await tx.insert(schema.lessonRevisions).values(rev);
	await tx
		.update(schema.lessons)
		.set({ title: meta.title, durationMin: Math.round(meta.duration), hasQuiz, quizMode: meta.quizMode, episode: meta.episode, publishedRevisionId: rev.id, updatedAt: rev.createdAt })
		.where(eq(schema.lessons.id, lesson.id));
	await reindexCourse(tx, lesson.courseId);
	await touchContentTx(tx);
}

export async function publishLesson(
	user: { id: string },
	course: Course,
	lesson: Lesson,
	text: LessonText & { baseRevisionId: string | null },
	opts: { force?: boolean } = {}
): Promise<PublishResult> {
	// whatever happens next, the text is safe as a draft first
	const saved = await saveDraft(lesson.id, user.id, text);
	const check = checkLesson({ identity: lesson.identity, slug: lesson.slug, courseSlug: course.slug, lang: course.language }, text);
	if (saved.conflict && !opts.force) return { ok: false, reason: 'conflict', publishedRevisionId: saved.publishedRevisionId };
	if (!check.lesson) return { ok: false, reason: 'invalid', problems: check.problems };
	const l = check.lesson;
	try {
		const result = await write(async (tx) => {
			const current = (await tx.select().from(schema.lessons).where(eq(schema.lessons.id, lesson.id)).limit(1))[0];
			// checked again inside the transaction: another publish may have landed since saveDraft
			if (!opts.force && current.publishedRevisionId !== text.baseRevisionId) throw new Stale(current.publishedRevisionId);
			const live = current.publishedRevisionId
				? (await tx.select({ hash: schema.lessonRevisions.contentHash }).from(schema.lessonRevisions).where(eq(schema.lessonRevisions.id, current.publishedRevisionId)).limit(1))[0]
				: undefined;
			await tx.delete(schema.lessonDrafts).where(and(eq(schema.lessonDrafts.lessonId, lesson.id), eq(schema.lessonDrafts.authorId, user.id), eq(schema.lessonDrafts.lang, '')));
			if (live?.hash === l.hash) return { revisionId: current.publishedRevisionId!, unchanged: true };
			const id = newId();
			const meta = { title: l.title, duration: l.duration, summaryEn: l.summaryEn, episode: l.episode, quizMode: l.quizMode };
			await goLive(
				tx,
				current,
				{ id, lessonId: lesson.id, contentHash: l.hash, source: l.source, html: l.html, text: l.text, quiz: l.quiz ? JSON.stringify(l.quiz) : null, meta: JSON.stringify(meta), origin: 'studio', authorId: user.id, createdAt: Date.now() },
				meta,
				l.quiz !== null
			);
			await audit(user.id, 'studio.lesson.publish', lesson.identity, { revision: id, force: Boolean(opts.force) }, tx);
			return { revisionId: id, unchanged: false };
		});
		contentChanged();
		return { ok: true, ...result };
	} catch (err) {
		if (err instanceof Stale) return { ok: false, reason: 'conflict', publishedRevisionId: err.current };
		throw err;
	}
}

/** Publishes a copy of an old revision as a new studio revision; the history keeps both. */
export async function restoreRevision(user: { id: string }, lesson: Lesson, revisionId: string): Promise<{ ok: true; revisionId: string } | { ok: false }> {
	// the lesson's own revisions only: a variant's is restored with restoreVariantRevision (studio/variants.ts)
	const old = (await db().select().from(schema.lessonRevisions).where(and(eq(schema.lessonRevisions.id, revisionId), eq(schema.lessonRevisions.lessonId, lesson.id), eq(schema.lessonRevisions.lang, ''))).limit(1))[0];
	if (!old) return { ok: false };
	const meta = JSON.parse(old.meta) as { title?: string; duration?: number; episode?: string | null; quizMode?: QuizMode | null };
	const id = newId();
	await write(async (tx) => {
		const current = (await tx.select().from(schema.lessons).where(eq(schema.lessons.id, lesson.id)).limit(1))[0];
		await goLive(
			tx,
			current,
			{ ...old, id, origin: 'studio', authorId: user.id, createdAt: Date.now() },
			{ title: meta.title ?? current.title, duration: meta.duration ?? current.durationMin, episode: meta.episode ?? null, quizMode: meta.quizMode ?? null },
			old.quiz !== null
		);
		await audit(user.id, 'studio.lesson.restore', lesson.identity, { from: revisionId, revision: id }, tx);
	});
	contentChanged();
	return { ok: true, revisionId: id };
}
