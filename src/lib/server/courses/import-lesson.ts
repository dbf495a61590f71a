// One lesson file → the database, and the rule for lessons also edited in the studio:
//
// 1. A file the import has already applied unchanged (same source, path, module and number: `lessons.import_hash`)
//    never touches the lesson again. So studio edits, studio reordering and studio archiving of an imported lesson
//    survive every later import, forced or not. (Only a parser upgrade re-renders it, and only while the live
//    revision still is the imported one.)
// 2. A file that changed since its last import wins: it becomes a new revision (origin 'import') and is published.
//    If the live revision came from the studio, that revision stays in the lesson's history, restorable, a studio
//    draft based on it shows the conflict, and the import report lists the lesson as a notice.
import { eq } from 'drizzle-orm';
import { schema, type Tx } from '../db';
import { newId, sha256Hex } from '../ids';
import type { ContentProblem, ParsedLesson } from '../../content/lesson';

type LessonRow = typeof schema.lessons.$inferSelect;
export interface ExistingLesson {
	lesson: LessonRow;
	/** content hash and origin of the published revision */
	hash: string | null;
	origin?: 'import' | 'studio' | null;
}

export function importKey(file: string, moduleId: string, position: number, source: string): string {
	return sha256Hex(`${file}\n${moduleId}\n${position}\n${source}`);
}

async function newRevision(tx: Tx, lessonId: string, l: ParsedLesson, now: number): Promise<string> {
	const id = newId();
	await tx.insert(schema.lessonRevisions).values({
		id, lessonId, contentHash: l.hash, source: l.source, html: l.html, text: l.text, quiz: l.quiz ? JSON.stringify(l.quiz) : null,
		meta: JSON.stringify({ title: l.title, duration: l.duration, summaryEn: l.summaryEn, episode: l.episode, quizMode: l.quizMode }), origin: 'import', authorId: null, createdAt: now
	});
	return id;
}

/** Inserts or updates one lesson; its id, and whether anything was written. `notices` collects studio revisions superseded. */
export async function upsertLesson(
	tx: Tx,
	at: { courseId: string; moduleId: string; position: number; file: string },
	l: ParsedLesson,
	existing: ExistingLesson | undefined,
	now: number,
	notices: ContentProblem[]
): Promise<{ id: string; wrote: boolean }> {
	const { courseId, moduleId, position, file } = at;
	const key = importKey(file, moduleId, position, l.source);
	const content = { title: l.title, durationMin: Math.round(l.duration), hasQuiz: l.quiz !== null, quizMode: l.quizMode, episode: l.episode };
	const placed = { courseId, moduleId, slug: l.slug, position, sourcePath: file, archivedAt: null };
	if (!existing) {
		const id = newId();
		await tx.insert(schema.lessons).values({ id, identity: l.identity, ...content, ...placed, importHash: key, publishedRevisionId: null, createdAt: now, updatedAt: now });
		const rev = await newRevision(tx, id, l, now);
		await tx.update(schema.lessons).set({ publishedRevisionId: rev }).where(eq(schema.lessons.id, id));
		return { id, wrote: true };
	}
	const e = existing.lesson;
	const contentChanged = existing.hash !== l.hash;
	if (e.importHash === key) {
		// the file is as the import last left it: the lesson belongs to whoever edited it since (rule 1)
		if (!contentChanged || existing.origin !== 'import' || e.archivedAt !== null) return { id: e.id, wrote: false };
		const rev = await newRevision(tx, e.id, l, now);
		await tx.update(schema.lessons).set({ ...content, publishedRevisionId: rev, updatedAt: now }).where(eq(schema.lessons.id, e.id));
		return { id: e.id, wrote: true };
	}
	// the file changed since its last import (rule 2)
	const set: Partial<typeof schema.lessons.$inferInsert> = { ...content, ...placed, importHash: key, updatedAt: now };
	if (contentChanged) {
		set.publishedRevisionId = await newRevision(tx, e.id, l, now);
		if (existing.origin === 'studio') {
			notices.push({ file, line: 1, reason: `lesson "${l.identity}" was last published in the studio; the changed file is now live and the studio version stays in its history` });
		}
	}
	await tx.update(schema.lessons).set(set).where(eq(schema.lessons.id, e.id));
	return { id: e.id, wrote: true };
}
