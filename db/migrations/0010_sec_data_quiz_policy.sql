ALTER TABLE `courses` ADD `quiz_mode` text DEFAULT 'graded' NOT NULL;--> statement-breakpoint
ALTER TABLE `courses` ADD `quiz_attempts` integer DEFAULT 3 NOT NULL;--> statement-breakpoint
ALTER TABLE `courses` ADD `quiz_wait_s` integer DEFAULT 30 NOT NULL;--> statement-breakpoint
ALTER TABLE `lessons` ADD `quiz_mode` text;--> statement-breakpoint
ALTER TABLE `quiz_attempts` ADD `graded` integer DEFAULT false NOT NULL;--> statement-breakpoint
ALTER TABLE `lesson_drafts` ADD `quiz_mode` text DEFAULT '' NOT NULL;