// The studio part of a person's data export and account deletion: their unpublished drafts. Published revisions
// are course content and stay (their author then shows as unknown); course ownership rows go with the account.
import { eq } from 'drizzle-orm';
import { db, schema, type Tx } from '../db';

export async function exportStudioData(userId: string) {
	const drafts = await db()
		.select({ lesson: schema.lessons.identity, variant: schema.lessonDrafts.lang, title: schema.lessonDrafts.title, body: schema.lessonDrafts.body, updatedAt: schema.lessonDrafts.updatedAt })
		.from(schema.lessonDrafts)
		.innerJoin(schema.lessons, eq(schema.lessons.id, schema.lessonDrafts.lessonId))
		.where(eq(schema.lessonDrafts.authorId, userId));
	return { drafts: drafts.map((d) => ({ ...d, updatedAt: new Date(d.updatedAt).toISOString() })) };
}

export async function deleteStudioData(tx: Tx, userId: string) {
	await tx.delete(schema.lessonDrafts).where(eq(schema.lessonDrafts.authorId, userId));
}
