import { sql } from 'drizzle-orm';
import type { Db } from '#db/client.ts';
import type { BrowseContext, LiveCatalog } from '#features/visibility/browse-context.server.ts';
import { visibleItemBatches, whereFor } from '#features/visibility/visible-items.server.ts';
import type { ExportCell, ExportColumn, ExportTable } from './table.ts';
import { agreementNames } from '#features/visibility/agreement-names.server.ts';
import { explainPriceForBuyer } from '#features/pricing/explain-for-buyer.ts';
import type { NetPrice } from '#features/pricing/types.ts';

const MAX_ATTRIBUTE_COLUMNS = 100;

/** Attribute names used by the visible items, most used first (one column each). */
async function attributeNames(db: Db, ctx: BrowseContext, catalogId: number): Promise<string[]> {
  const rows = await db.all<{ key: string }>(sql`SELECT a.key AS key FROM items i, json_each(i.attributes) a WHERE ${whereFor(ctx, { catalogId })} GROUP BY a.key ORDER BY count(*) DESC, a.key LIMIT ${MAX_ATTRIBUTE_COLUMNS}`);
  return rows.map((r) => r.key);
}

/** The most quantity breaks an item can have: supplier tiers plus fixed-price tiers of the views. */
async function maxBreaks(db: Db, ctx: BrowseContext, catalogId: number): Promise<number> {
  const [row] = await db.all<{ n: number | null }>(sql`SELECT max(json_array_length(i.tiers)) AS n FROM items i WHERE ${whereFor(ctx, { catalogId })}`);
  let fixed = 0;
  for (const view of ctx.compiled.views) for (const f of view.catalogs.get(catalogId)?.fixedPrices.values() ?? []) fixed = Math.max(fixed, f.tiersDesc.length);
  return (row?.n ?? 0) + fixed;
}

/**
 * The whole catalog as the buyer sees it: their items only, at their prices, with their
 * quantity breaks, one row per item in category then SKU order. Columns are the same for CSV
 * and XLSX, so a buyer's import works with either.
 */
export async function catalogExportTable(db: Db, ctx: BrowseContext, catalog: LiveCatalog): Promise<ExportTable> {
  const attributes = await attributeNames(db, ctx, catalog.id);
  const breaks = await maxBreaks(db, ctx, catalog.id);
  const names = await agreementNames(db, ctx);
  const why = (price: NetPrice) => explainPriceForBuyer(price.rule, price.listTierMinQty, { catalogName: catalog.name, agreementName: price.rule.viewId === undefined ? null : names.get(price.rule.viewId) ?? null });
  const columns: ExportColumn[] = [
    { header: 'SKU', kind: 'text', width: 20 }, { header: 'Name', kind: 'text', width: 48 }, { header: 'Category', kind: 'text', width: 36 },
    { header: 'Unit', kind: 'text', width: 10 }, { header: 'Minimum order', kind: 'int' }, { header: 'Currency', kind: 'text', width: 9 },
    { header: 'List price', kind: 'money' }, { header: 'Your price', kind: 'money' }, { header: 'Why this price', kind: 'text', width: 48 },
    ...Array.from({ length: breaks }, (_, n): ExportColumn[] => [{ header: `Break ${n + 1} from quantity`, kind: 'int' }, { header: `Break ${n + 1} your price`, kind: 'money' }]).flat(),
    { header: 'GTIN', kind: 'text', width: 16 }, { header: 'Manufacturer', kind: 'text' }, { header: 'Manufacturer part number', kind: 'text' },
    { header: 'Description', kind: 'text', width: 60 },
    ...attributes.map((a): ExportColumn => ({ header: a, kind: 'text' })),
    { header: 'Catalog', kind: 'text' }, { header: 'Supplier', kind: 'text' }, { header: 'Revision', kind: 'int' },
  ];
  async function* rows(): AsyncGenerator<ExportCell[]> {
    for await (const batch of visibleItemBatches(db, ctx, catalog.id)) {
      for (const item of batch) {
        const money = (minor: number) => ({ minor, currency: catalog.currency });
        const itemBreaks = item.netTiers;
        yield [
          item.sku, item.name, item.categoryPath, item.unit, item.minOrderQty, catalog.currency,
          money(item.listPriceMinor), money(item.price.netMinor), why(item.price),
          ...Array.from({ length: breaks }, (_, n): ExportCell[] => {
            const b = itemBreaks[n];
            return b ? [b.minQty, money(b.netMinor)] : [null, null];
          }).flat(),
          item.gtin, item.manufacturer, item.mpn, item.description,
          ...attributes.map((a) => (Object.hasOwn(item.attributes, a) ? (item.attributes[a] ?? null) : null)),
          catalog.name, catalog.supplierName, catalog.revisionId,
        ];
      }
    }
  }
  return { columns, rows: rows(), sheetName: catalog.name };
}
