CREATE TABLE `known_browsers` (
	`key` text PRIMARY KEY NOT NULL,
	`last_used_at` integer NOT NULL
);
