// A lesson's history (or one variant's: `lang`): every revision with its author (or the import) and time, newest first.
import { and, desc, eq } from 'drizzle-orm';
import { db, schema } from '../db';

export interface RevisionSummary {
	id: string;
	origin: 'import' | 'studio';
	author: string | null;
	createdAt: number;
	title: string;
	live: boolean;
}

export async function lessonHistory(lesson: { id: string; publishedRevisionId: string | null }, lang = ''): Promise<RevisionSummary[]> {
	const rows = await db()
		.select({ id: schema.lessonRevisions.id, origin: schema.lessonRevisions.origin, createdAt: schema.lessonRevisions.createdAt, meta: schema.lessonRevisions.meta, author: schema.users.displayName })
		.from(schema.lessonRevisions)
		.leftJoin(schema.users, eq(schema.users.id, schema.lessonRevisions.authorId))
		.where(and(eq(schema.lessonRevisions.lessonId, lesson.id), eq(schema.lessonRevisions.lang, lang)))
		.orderBy(desc(schema.lessonRevisions.createdAt), desc(schema.lessonRevisions.id));
	return rows.map((r) => ({
		id: r.id,
		origin: r.origin,
		author: r.author,
		createdAt: r.createdAt,
		title: (JSON.parse(r.meta) as { title?: string }).title ?? '',
		live: r.id === lesson.publishedRevisionId
	}));
}

/** One revision of this lesson (never another lesson's, never another variant's), with its source. */
export async function revisionOf(lessonId: string, revisionId: string, lang = '') {
	const r = await db()
		.select({ rev: schema.lessonRevisions, author: schema.users.displayName })
		.from(schema.lessonRevisions)
		.leftJoin(schema.users, eq(schema.users.id, schema.lessonRevisions.authorId))
		.where(and(eq(schema.lessonRevisions.id, revisionId), eq(schema.lessonRevisions.lessonId, lessonId), eq(schema.lessonRevisions.lang, lang)))
		.limit(1);
	return r[0] ? { ...r[0].rev, author: r[0].author } : null;
}
