CREATE TABLE `lesson_drafts` (
	`id` text PRIMARY KEY NOT NULL,
	`lesson_id` text NOT NULL,
	`author_id` text NOT NULL,
	`title` text NOT NULL,
	`duration` real NOT NULL,
	`summary_en` text DEFAULT '' NOT NULL,
	`episode` text DEFAULT '' NOT NULL,
	`body` text NOT NULL,
	`base_revision_id` text,
	`updated_at` integer NOT NULL,
	FOREIGN KEY (`lesson_id`) REFERENCES `lessons`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`author_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE UNIQUE INDEX `lesson_drafts_lesson_author_uq` ON `lesson_drafts` (`lesson_id`,`author_id`);--> statement-breakpoint
CREATE INDEX `lesson_drafts_author_idx` ON `lesson_drafts` (`author_id`);--> statement-breakpoint
ALTER TABLE `courses` ADD `description_md` text DEFAULT '' NOT NULL;--> statement-breakpoint
ALTER TABLE `courses` ADD `origin` text DEFAULT 'import' NOT NULL;--> statement-breakpoint
ALTER TABLE `lessons` ADD `import_hash` text;--> statement-breakpoint
ALTER TABLE `modules` ADD `origin` text DEFAULT 'import' NOT NULL;