ALTER TABLE `items` ADD `sku_key` text;--> statement-breakpoint
ALTER TABLE `items` ADD `gtin_key` text;--> statement-breakpoint
ALTER TABLE `items` ADD `mpn_key` text;--> statement-breakpoint
ALTER TABLE `items` ADD `name_sort` text;--> statement-breakpoint
ALTER TABLE `items` ADD `sku_sort` text;