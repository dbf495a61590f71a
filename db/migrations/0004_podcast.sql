CREATE TABLE `episodes` (
	`id` text PRIMARY KEY NOT NULL,
	`slug` text NOT NULL,
	`guid` text NOT NULL,
	`title` text NOT NULL,
	`summary` text DEFAULT '' NOT NULL,
	`date` text NOT NULL,
	`published_at` integer NOT NULL,
	`season` integer DEFAULT 1 NOT NULL,
	`number` integer NOT NULL,
	`type` text DEFAULT 'full' NOT NULL,
	`explicit` integer DEFAULT false NOT NULL,
	`status` text DEFAULT 'published' NOT NULL,
	`guests` text DEFAULT '[]' NOT NULL,
	`chapters` text DEFAULT '[]' NOT NULL,
	`notes_md` text DEFAULT '' NOT NULL,
	`notes_html` text DEFAULT '' NOT NULL,
	`transcript_vtt` text,
	`demo` integer DEFAULT false NOT NULL,
	`content_hash` text NOT NULL,
	`media_asset_id` text,
	`created_at` integer NOT NULL,
	`updated_at` integer NOT NULL,
	FOREIGN KEY (`media_asset_id`) REFERENCES `media_assets`(`id`) ON UPDATE no action ON DELETE set null
);
--> statement-breakpoint
CREATE UNIQUE INDEX `episodes_slug_uq` ON `episodes` (`slug`);--> statement-breakpoint
CREATE UNIQUE INDEX `episodes_guid_uq` ON `episodes` (`guid`);--> statement-breakpoint
CREATE INDEX `episodes_published_idx` ON `episodes` (`published_at`);--> statement-breakpoint
CREATE TABLE `ingest_jobs` (
	`id` text PRIMARY KEY NOT NULL,
	`episode_id` text NOT NULL,
	`source_path` text NOT NULL,
	`asset_hash` text NOT NULL,
	`status` text DEFAULT 'queued' NOT NULL,
	`percent` integer DEFAULT 0 NOT NULL,
	`reason` text,
	`attempts` integer DEFAULT 0 NOT NULL,
	`claimed_by` text,
	`claimed_at` integer,
	`created_at` integer NOT NULL,
	`finished_at` integer,
	FOREIGN KEY (`episode_id`) REFERENCES `episodes`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `ingest_jobs_status_idx` ON `ingest_jobs` (`status`,`created_at`);--> statement-breakpoint
CREATE INDEX `ingest_jobs_episode_idx` ON `ingest_jobs` (`episode_id`);--> statement-breakpoint
CREATE TABLE `listening_positions` (
	`user_id` text NOT NULL,
	`episode_id` text NOT NULL,
	`position_ms` integer NOT NULL,
	`duration_ms` integer NOT NULL,
	`client_at` integer NOT NULL,
	`heard` integer DEFAULT false NOT NULL,
	`heard_at` integer,
	`updated_at` integer NOT NULL,
	PRIMARY KEY(`user_id`, `episode_id`),
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`episode_id`) REFERENCES `episodes`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `listening_user_updated_idx` ON `listening_positions` (`user_id`,`updated_at`);--> statement-breakpoint
CREATE TABLE `media_assets` (
	`id` text PRIMARY KEY NOT NULL,
	`hash` text NOT NULL,
	`source_hash` text NOT NULL,
	`duration_ms` integer NOT NULL,
	`mp3_bytes` integer NOT NULL,
	`hls_bytes` integer NOT NULL,
	`source_bytes` integer NOT NULL,
	`input_lufs` real,
	`peaks` text DEFAULT '[]' NOT NULL,
	`created_at` integer NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `media_assets_hash_unique` ON `media_assets` (`hash`);--> statement-breakpoint
CREATE TABLE `podcast_daily_stats` (
	`day` text NOT NULL,
	`episode_id` text NOT NULL,
	`plays` integer DEFAULT 0 NOT NULL,
	`heard` integer DEFAULT 0 NOT NULL,
	`downloads` integer DEFAULT 0 NOT NULL,
	PRIMARY KEY(`day`, `episode_id`),
	FOREIGN KEY (`episode_id`) REFERENCES `episodes`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE TABLE `podcast_salts` (
	`day` text PRIMARY KEY NOT NULL,
	`salt` text NOT NULL
);
--> statement-breakpoint
CREATE TABLE `podcast_seen` (
	`day` text NOT NULL,
	`kind` text NOT NULL,
	`hash` text NOT NULL,
	PRIMARY KEY(`day`, `kind`, `hash`)
);
--> statement-breakpoint
CREATE TABLE `podcast_show` (
	`id` text PRIMARY KEY NOT NULL,
	`title` text NOT NULL,
	`description` text NOT NULL,
	`description_html` text DEFAULT '' NOT NULL,
	`author` text NOT NULL,
	`owner_name` text NOT NULL,
	`owner_email` text NOT NULL,
	`language` text DEFAULT 'de' NOT NULL,
	`category` text NOT NULL,
	`subcategory` text,
	`explicit` integer DEFAULT false NOT NULL,
	`image_path` text NOT NULL,
	`image_type` text NOT NULL,
	`link` text,
	`demo` integer DEFAULT false NOT NULL,
	`content_hash` text NOT NULL,
	`updated_at` integer NOT NULL
);
