// Studio: a trainer's unpublished work on a lesson or one of its variants. One draft per lesson, variant and author;
// publishing turns it into a lesson_revisions row (origin 'studio') and deletes it.
import { sqliteTable, text, integer, real, uniqueIndex, index } from 'drizzle-orm/sqlite-core';
import { lessons } from './courses';
import { users } from './auth';

export const lessonDrafts = sqliteTable(
	'lesson_drafts',
	{
		id: text('id').primaryKey(),
		lessonId: text('lesson_id')
			.notNull()
			.references(() => lessons.id, { onDelete: 'cascade' }),
		authorId: text('author_id')
			.notNull()
			.references(() => users.id, { onDelete: 'cascade' }),
		title: text('title').notNull(),
		duration: real('duration').notNull(),
		summaryEn: text('summary_en').notNull().default(''),
		episode: text('episode').notNull().default(''),
		// '' (the course's setting), 'graded' or 'practice'
		quizMode: text('quiz_mode').notNull().default(''),
		body: text('body').notNull(),
		// the published revision this draft started from; null for a lesson never published
		baseRevisionId: text('base_revision_id'),
		// '' for the lesson itself, else the variant's language tag (see lesson_variants)
		lang: text('lang').notNull().default(''),
		updatedAt: integer('updated_at').notNull()
	},
	(t) => [uniqueIndex('lesson_drafts_lesson_lang_author_uq').on(t.lessonId, t.lang, t.authorId), index('lesson_drafts_author_idx').on(t.authorId)]
);
export type LessonDraft = typeof lessonDrafts.$inferSelect;
