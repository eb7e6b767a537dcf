CREATE TABLE `punchout_connections` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`customer_org_id` integer NOT NULL,
	`system_name` text NOT NULL,
	`protocol` text NOT NULL,
	`identity` text NOT NULL,
	`secret_hash` text NOT NULL,
	`buyer_user_id` integer NOT NULL,
	`return_hosts` text NOT NULL,
	`enabled` integer DEFAULT true NOT NULL,
	`unmapped_units` text DEFAULT '[]' NOT NULL,
	`created_by` integer,
	`created_at` text NOT NULL,
	FOREIGN KEY (`customer_org_id`) REFERENCES `organizations`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`buyer_user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`created_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `punchout_connections_identity_unique` ON `punchout_connections` (`identity`);--> statement-breakpoint
CREATE INDEX `punchout_connections_customer_idx` ON `punchout_connections` (`customer_org_id`);--> statement-breakpoint
CREATE TABLE `punchout_sessions` (
	`id` text PRIMARY KEY NOT NULL,
	`connection_id` integer NOT NULL,
	`start_secret_hash` blob NOT NULL,
	`start_expires_at` integer NOT NULL,
	`started_at` integer,
	`cookie_secret_hash` blob,
	`last_seen_at` integer,
	`ended_at` integer,
	`operation` text NOT NULL,
	`buyer_cookie` text,
	`return_url` text NOT NULL,
	`pass_back` text DEFAULT '{}' NOT NULL,
	`list_id` integer NOT NULL,
	`created_at` integer NOT NULL,
	FOREIGN KEY (`connection_id`) REFERENCES `punchout_connections`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`list_id`) REFERENCES `requisition_lists`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `punchout_sessions_connection_idx` ON `punchout_sessions` (`connection_id`);