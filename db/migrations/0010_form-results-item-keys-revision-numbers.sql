CREATE TABLE `form_results` (
	`id` text PRIMARY KEY NOT NULL,
	`sealed` text NOT NULL,
	`expires_at` integer NOT NULL
);
--> statement-breakpoint
CREATE INDEX `form_results_expires_idx` ON `form_results` (`expires_at`);--> statement-breakpoint
ALTER TABLE `items` ADD `sku_key` text;--> statement-breakpoint
ALTER TABLE `items` ADD `gtin_key` text;--> statement-breakpoint
ALTER TABLE `items` ADD `mpn_key` text;--> statement-breakpoint
ALTER TABLE `items` ADD `name_sort` text;--> statement-breakpoint
ALTER TABLE `items` ADD `sku_sort` text;--> statement-breakpoint
ALTER TABLE `revisions` ADD `number` integer DEFAULT 0 NOT NULL;--> statement-breakpoint
-- Hand-written: revisions already there are numbered per catalog in the order they were uploaded.
UPDATE `revisions` SET `number` = (SELECT count(*) FROM `revisions` AS `r` WHERE `r`.`catalog_id` = `revisions`.`catalog_id` AND `r`.`id` <= `revisions`.`id`);
