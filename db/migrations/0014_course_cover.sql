ALTER TABLE `courses` ADD `cover_path` text;--> statement-breakpoint
ALTER TABLE `courses` ADD `cover_alt` text DEFAULT '' NOT NULL;--> statement-breakpoint
ALTER TABLE `courses` ADD `cover_width` integer;--> statement-breakpoint
ALTER TABLE `courses` ADD `cover_height` integer;