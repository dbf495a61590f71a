// Drafts: what a trainer typed and has not published, one per lesson (or variant: `lang`) and author, saved every few
// seconds. Saving never fails because someone else published meanwhile: the draft is kept and the caller is told.
// `lang` is '' for the lesson itself, else the variant's tag.
import { and, eq } from 'drizzle-orm';
import { db, schema, write, type Tx } from '../db';
import { newId } from '../ids';
import { asLessonQuizMode, type LessonText } from './source';
import { z } from 'zod';
import { nameField } from '../../validation/names';

export const MAX_BODY = 200_000;

/** The shape of a draft from a form or the JSON endpoint; messages are studio message keys. */
export const draftSchema = z.object({
	title: nameField({ min: 1, max: 200, lengthKey: 'studio_error_title' }),
	duration: z.coerce.number().min(1, 'studio_error_duration').max(600, 'studio_error_duration'),
	summaryEn: z.string().trim().max(1000, 'studio_error_summary').default(''),
	episode: z
		.string()
		.trim()
		.regex(/^([a-z0-9][a-z0-9-]*)?$/, 'studio_error_episode')
		.max(120, 'studio_error_episode')
		.default(''),
	// '' = as the course says
	quizMode: z.enum(['', 'graded', 'practice'], { message: 'hardening_data_error_quiz_mode' }).default(''),
	body: z.string().max(MAX_BODY, 'studio_error_body_long'),
	baseRevisionId: z
		.string()
		.max(64)
		.nullish()
		.transform((v) => v || null)
});
export type DraftInput = z.infer<typeof draftSchema>;

const mine = (lessonId: string, authorId: string, lang: string) =>
	and(eq(schema.lessonDrafts.lessonId, lessonId), eq(schema.lessonDrafts.authorId, authorId), eq(schema.lessonDrafts.lang, lang));

export async function getDraft(lessonId: string, authorId: string, lang = '') {
	return (await db().select().from(schema.lessonDrafts).where(mine(lessonId, authorId, lang)).limit(1))[0] ?? null;
}

/** The live revision of the lesson (lang '') or of one of its variants. */
export async function publishedRevision(tx: Pick<Tx, 'select'>, lessonId: string, lang = ''): Promise<string | null> {
	if (!lang) return (await tx.select({ rev: schema.lessons.publishedRevisionId }).from(schema.lessons).where(eq(schema.lessons.id, lessonId)).limit(1))[0]?.rev ?? null;
	const v = await tx
		.select({ rev: schema.lessonVariants.publishedRevisionId })
		.from(schema.lessonVariants)
		.where(and(eq(schema.lessonVariants.lessonId, lessonId), eq(schema.lessonVariants.lang, lang)))
		.limit(1);
	return v[0]?.rev ?? null;
}

export interface SaveResult {
	savedAt: number;
	/** the lesson's live revision when it is not the one this draft started from */
	conflict: boolean;
	publishedRevisionId: string | null;
}

export async function saveDraft(lessonId: string, authorId: string, d: LessonText & { baseRevisionId: string | null }, lang = ''): Promise<SaveResult> {
	const now = Date.now();
	const fields = { title: d.title, duration: d.duration, summaryEn: d.summaryEn, episode: d.episode, quizMode: d.quizMode ?? '', body: d.body, baseRevisionId: d.baseRevisionId, updatedAt: now };
	const published = await write(async (tx) => {
		await tx
			.insert(schema.lessonDrafts)
			.values({ id: newId(), lessonId, authorId, lang, ...fields })
			.onConflictDoUpdate({ target: [schema.lessonDrafts.lessonId, schema.lessonDrafts.lang, schema.lessonDrafts.authorId], set: fields });
		return publishedRevision(tx, lessonId, lang);
	});
	return { savedAt: now, conflict: published !== d.baseRevisionId, publishedRevisionId: published };
}

/** "Take theirs": the draft goes, the editor shows the live revision. */
export async function discardDraft(lessonId: string, authorId: string, lang = '') {
	await write((tx) => tx.delete(schema.lessonDrafts).where(mine(lessonId, authorId, lang)));
}

/** "Edit a merge": keep my text, but from now on it builds on the live revision. */
export async function rebaseDraft(lessonId: string, authorId: string, baseRevisionId: string | null, lang = '') {
	await write((tx) => tx.update(schema.lessonDrafts).set({ baseRevisionId, updatedAt: Date.now() }).where(mine(lessonId, authorId, lang)));
}

export function draftText(d: typeof schema.lessonDrafts.$inferSelect): LessonText {
	return { title: d.title, duration: d.duration, summaryEn: d.summaryEn, episode: d.episode, quizMode: asLessonQuizMode(d.quizMode), body: d.body };
}
