ALTER TABLE `revisions` ADD `number` integer DEFAULT 0 NOT NULL;--> statement-breakpoint
-- Hand-written: revisions already there are numbered per catalog in the order they were uploaded.
UPDATE `revisions` SET `number` = (SELECT count(*) FROM `revisions` AS `r` WHERE `r`.`catalog_id` = `revisions`.`catalog_id` AND `r`.`id` <= `revisions`.`id`);
