-- Course search (SQLite FTS5; drizzle cannot declare virtual tables). One row per course (kind 'course')
-- and one per published lesson (kind 'lesson'); unicode61 without diacritics, queried with prefix terms.
CREATE VIRTUAL TABLE IF NOT EXISTS `course_search` USING fts5(
	`course_id` UNINDEXED,
	`lesson_id` UNINDEXED,
	`kind` UNINDEXED,
	`title`,
	`summary`,
	`topics`,
	`body`,
	tokenize = 'unicode61 remove_diacritics 2'
);
