// Reach and accessibility (issue 9): the glossary of council terms and feedback on the accessibility statement.
import { sqliteTable, text, integer, index } from 'drizzle-orm/sqlite-core';

/** One glossary entry as last imported from content/glossary/<slug>.md (a broken file keeps its last good row). */
export const glossaryEntries = sqliteTable('glossary_entries', {
	slug: text('slug').primaryKey(),
	/** the German term, as council documents write it */
	term: text('term').notNull(),
	/** JSON GlossaryEntry (names, forms and rendered explanations per locale; related slugs) */
	data: text('data').notNull(),
	sourcePath: text('source_path').notNull(),
	sourceHash: text('source_hash').notNull(),
	updatedAt: integer('updated_at').notNull()
});
export type GlossaryRow = typeof glossaryEntries.$inferSelect;

/** Messages sent with the form on /barrierefreiheit. Not linked to an account: only what the sender typed. */
export const accessibilityFeedback = sqliteTable(
	'accessibility_feedback',
	{
		id: text('id').primaryKey(),
		message: text('message').notNull(),
		/** the page the problem is on, as the sender wrote it */
		page: text('page').notNull().default(''),
		name: text('name').notNull().default(''),
		email: text('email').notNull().default(''),
		/** the interface language the sender used */
		locale: text('locale').notNull(),
		createdAt: integer('created_at').notNull()
	},
	(t) => [index('accessibility_feedback_created_idx').on(t.createdAt)]
);
export type AccessibilityFeedback = typeof accessibilityFeedback.$inferSelect;
