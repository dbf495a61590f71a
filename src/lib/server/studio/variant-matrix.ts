// The studio's overview of a course's variants: which lessons lack which variants, and which need attention.
import { and, asc, eq, isNull } from 'drizzle-orm';
import { db, schema } from '../db';
import { loadRevision } from '../courses/catalogue';
import { variantTagsFor, type ContentLang, type VariantTag } from '../../content/languages';
import { alignQuiz } from '../../content/variant';

export type VariantStatus = 'published' | 'outdated' | 'archived' | 'draft' | 'missing';
export interface MatrixCell {
	tag: VariantTag;
	status: VariantStatus;
	/** the viewer has an unpublished draft of it */
	draft: boolean;
}
export interface MatrixRow {
	slug: string;
	title: string;
	module: string;
	cells: MatrixCell[];
}

/**
 * Which lessons of a course lack which variants: a row per live lesson, a column per tag the course may have.
 * A published variant whose quiz no longer matches the lesson's live answer key is "outdated" (learners get the original).
 */
export async function variantMatrix(course: { id: string; language: ContentLang }, userId: string, onlyLessonId?: string): Promise<{ tags: VariantTag[]; rows: MatrixRow[] }> {
	const tags = variantTagsFor(course.language);
	const lessons = await db()
		.select({ id: schema.lessons.id, slug: schema.lessons.slug, title: schema.lessons.title, rev: schema.lessons.publishedRevisionId, module: schema.modules.title })
		.from(schema.lessons)
		.innerJoin(schema.modules, eq(schema.modules.id, schema.lessons.moduleId))
		.where(onlyLessonId ? eq(schema.lessons.id, onlyLessonId) : and(eq(schema.lessons.courseId, course.id), isNull(schema.lessons.archivedAt), isNull(schema.modules.archivedAt)))
		.orderBy(asc(schema.modules.position), asc(schema.lessons.position));
	const variants = await db()
		.select({ v: schema.lessonVariants })
		.from(schema.lessonVariants)
		.innerJoin(schema.lessons, eq(schema.lessons.id, schema.lessonVariants.lessonId))
		.where(eq(schema.lessons.courseId, course.id));
	const drafts = await db()
		.select({ lessonId: schema.lessonDrafts.lessonId, lang: schema.lessonDrafts.lang })
		.from(schema.lessonDrafts)
		.innerJoin(schema.lessons, eq(schema.lessons.id, schema.lessonDrafts.lessonId))
		.where(and(eq(schema.lessons.courseId, course.id), eq(schema.lessonDrafts.authorId, userId)));
	const rows: MatrixRow[] = [];
	for (const l of lessons) {
		const key = l.rev ? await loadRevision(l.rev) : null;
		const cells: MatrixCell[] = [];
		for (const tag of tags) {
			const v = variants.find((x) => x.v.lessonId === l.id && x.v.lang === tag)?.v;
			const draft = drafts.some((d) => d.lessonId === l.id && d.lang === tag);
			let status: VariantStatus = draft ? 'draft' : 'missing';
			if (v?.publishedRevisionId) {
				if (v.archivedAt !== null) status = 'archived';
				else {
					const rev = await loadRevision(v.publishedRevisionId);
					status = key && rev && alignQuiz(key.quiz, rev.quiz).ok ? 'published' : 'outdated';
				}
			}
			cells.push({ tag, status, draft });
		}
		rows.push({ slug: l.slug, title: l.title, module: l.module, cells });
	}
	return { tags, rows };
}
