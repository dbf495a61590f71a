CREATE TABLE `accessibility_feedback` (
	`id` text PRIMARY KEY NOT NULL,
	`message` text NOT NULL,
	`page` text DEFAULT '' NOT NULL,
	`name` text DEFAULT '' NOT NULL,
	`email` text DEFAULT '' NOT NULL,
	`locale` text NOT NULL,
	`created_at` integer NOT NULL
);
--> statement-breakpoint
CREATE INDEX `accessibility_feedback_created_idx` ON `accessibility_feedback` (`created_at`);--> statement-breakpoint
CREATE TABLE `glossary_entries` (
	`slug` text PRIMARY KEY NOT NULL,
	`term` text NOT NULL,
	`data` text NOT NULL,
	`source_path` text NOT NULL,
	`source_hash` text NOT NULL,
	`updated_at` integer NOT NULL
);
