-- A whole catalog's listing in name or SKU order reads its page from these instead of sorting
-- every item (src/features/visibility/visible-items.server.ts orders by the same expressions).
CREATE INDEX `items_revision_name_order_idx` ON `items` (`revision_id`, coalesce(`name_sort`, lower(`name`)), coalesce(`sku_sort`, `sku`), `sku`);--> statement-breakpoint
CREATE INDEX `items_revision_sku_order_idx` ON `items` (`revision_id`, coalesce(`sku_sort`, `sku`), `sku`);
