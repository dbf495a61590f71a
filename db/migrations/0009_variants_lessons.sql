CREATE TABLE `lesson_variants` (
	`lesson_id` text NOT NULL,
	`lang` text NOT NULL,
	`title` text NOT NULL,
	`duration_min` integer NOT NULL,
	`published_revision_id` text,
	`source_path` text DEFAULT '' NOT NULL,
	`import_hash` text,
	`archived_at` integer,
	`created_at` integer NOT NULL,
	`updated_at` integer NOT NULL,
	PRIMARY KEY(`lesson_id`, `lang`),
	FOREIGN KEY (`lesson_id`) REFERENCES `lessons`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
DROP INDEX `lesson_drafts_lesson_author_uq`;--> statement-breakpoint
ALTER TABLE `lesson_drafts` ADD `lang` text DEFAULT '' NOT NULL;--> statement-breakpoint
CREATE UNIQUE INDEX `lesson_drafts_lesson_lang_author_uq` ON `lesson_drafts` (`lesson_id`,`lang`,`author_id`);--> statement-breakpoint
ALTER TABLE `users` ADD `plain_language` integer DEFAULT false NOT NULL;--> statement-breakpoint
ALTER TABLE `lesson_revisions` ADD `lang` text DEFAULT '' NOT NULL;