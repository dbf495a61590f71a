CREATE TABLE `episode_owners` (
	`episode_id` text NOT NULL,
	`user_id` text NOT NULL,
	`role` text DEFAULT 'owner' NOT NULL,
	`created_at` integer NOT NULL,
	PRIMARY KEY(`episode_id`, `user_id`),
	FOREIGN KEY (`episode_id`) REFERENCES `episodes`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `episode_owners_user_idx` ON `episode_owners` (`user_id`);--> statement-breakpoint
-- Hand-written backfill: studio episodes made before this table existed are owned by whoever created them (from the audit log).
INSERT OR IGNORE INTO `episode_owners` (`episode_id`, `user_id`, `role`, `created_at`) SELECT e.`id`, u.`id`, 'owner', a.`created_at` FROM `audit_log` a JOIN `episodes` e ON e.`id` = json_extract(a.`detail`, '$.id') JOIN `users` u ON u.`id` = a.`actor_id` WHERE a.`action` = 'studio.episode.create';
