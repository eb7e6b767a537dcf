CREATE TABLE `form_results` (
	`id` text PRIMARY KEY NOT NULL,
	`sealed` text NOT NULL,
	`expires_at` integer NOT NULL
);
--> statement-breakpoint
CREATE INDEX `form_results_expires_idx` ON `form_results` (`expires_at`);