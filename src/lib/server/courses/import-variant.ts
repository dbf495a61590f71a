// A lesson's variant files → lesson_variants and lesson_revisions (lang = tag), by the rules of import-lesson.ts:
// an unchanged file never overrides the studio; a changed file becomes a new revision and goes live. A variant
// whose file is gone is archived (not offered any more; its revisions stay); a broken one keeps its last good revision.
import { and, eq } from 'drizzle-orm';
import { schema, type Tx } from '../db';
import { newId } from '../ids';
import type { ContentProblem } from '../../content/lesson';
import type { ParsedVariant } from '../../content/variant';
import type { ScannedLesson } from './scan';
import { importKey } from './import-lesson';

/** Inserts a variant revision (origin import or studio); returns its id. */
export async function insertVariantRevision(tx: Tx, lessonId: string, v: ParsedVariant, now: number, origin: 'import' | 'studio' = 'import', authorId: string | null = null): Promise<string> {
	const id = newId();
	await tx.insert(schema.lessonRevisions).values({
		id, lessonId, lang: v.lang, contentHash: v.hash, source: v.source, html: v.html, text: v.text, quiz: v.quiz ? JSON.stringify(v.quiz) : null,
		meta: JSON.stringify({ title: v.title, duration: v.duration }), origin, authorId, createdAt: now
	});
	return id;
}

/** Imports the variants of one (already imported) lesson; returns how many were written. */
export async function upsertVariants(tx: Tx, lessonId: string, sl: ScannedLesson, now: number, notices: ContentProblem[]): Promise<number> {
	const existing = await tx
		.select({ v: schema.lessonVariants, hash: schema.lessonRevisions.contentHash, origin: schema.lessonRevisions.origin })
		.from(schema.lessonVariants)
		.leftJoin(schema.lessonRevisions, eq(schema.lessonRevisions.id, schema.lessonVariants.publishedRevisionId))
		.where(eq(schema.lessonVariants.lessonId, lessonId));
	const byTag = new Map(existing.map((r) => [r.v.lang, r]));
	let wrote = 0;
	for (const sv of sl.variants) {
		const v = sv.variant;
		if (!v) continue; // refused: the last good revision stays live
		const key = importKey(sv.file, '', 0, v.source);
		const listed = { title: v.title, durationMin: Math.round(v.duration) };
		const e = byTag.get(sv.tag);
		if (!e) {
			const rev = await insertVariantRevision(tx, lessonId, v, now);
			await tx.insert(schema.lessonVariants).values({ lessonId, lang: sv.tag, ...listed, publishedRevisionId: rev, sourcePath: sv.file, importHash: key, createdAt: now, updatedAt: now });
			wrote++;
			continue;
		}
		const where = and(eq(schema.lessonVariants.lessonId, lessonId), eq(schema.lessonVariants.lang, sv.tag));
		const contentChanged = e.hash !== v.hash;
		if (e.v.importHash === key) {
			// unchanged file: the variant belongs to whoever edited it since; only a gone-and-back file or a parser
			// upgrade of an imported revision writes
			if (e.v.archivedAt !== null) {
				await tx.update(schema.lessonVariants).set({ archivedAt: null, updatedAt: now }).where(where);
				wrote++;
			}
			if (!contentChanged || e.origin !== 'import') continue;
			const rev = await insertVariantRevision(tx, lessonId, v, now);
			await tx.update(schema.lessonVariants).set({ ...listed, publishedRevisionId: rev, updatedAt: now }).where(where);
			wrote++;
			continue;
		}
		const set: Partial<typeof schema.lessonVariants.$inferInsert> = { ...listed, sourcePath: sv.file, importHash: key, archivedAt: null, updatedAt: now };
		if (contentChanged) {
			set.publishedRevisionId = await insertVariantRevision(tx, lessonId, v, now);
			if (e.origin === 'studio') notices.push({ file: sv.file, line: 1, reason: `variant "${sv.tag}" was last published in the studio; the changed file is now live and the studio version stays in its history` });
		}
		await tx.update(schema.lessonVariants).set(set).where(where);
		wrote++;
	}
	if (!sl.keepVariants) {
		const present = new Set<string>(sl.variants.map((sv) => sv.tag));
		for (const e of existing) {
			// studio-made variants have no file and are never archived by an import
			if (present.has(e.v.lang) || e.v.sourcePath === '' || e.v.archivedAt !== null) continue;
			await tx
				.update(schema.lessonVariants)
				.set({ archivedAt: now, updatedAt: now })
				.where(and(eq(schema.lessonVariants.lessonId, lessonId), eq(schema.lessonVariants.lang, e.v.lang)));
			wrote++;
		}
	}
	return wrote;
}
