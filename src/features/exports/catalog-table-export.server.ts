import type { Db } from '#db/client.ts';
import type { ExportCell, ExportColumn, ExportTable } from './table.ts';
import { mediaReference } from '#features/ingest/images/media-reference.ts';
import { revisionItemBatches, revisionShape } from '#features/ingest/revisions/revision-items.server.ts';

export interface ExportedCatalog { name: string; currency: string; revisionId: number }

// Headers the upload pipeline recognizes (recognize-headers.ts), so the file goes straight back in.
const HEADERS = {
  sku: 'SKU', name: 'Name', description: 'Description', category: 'Category', unit: 'Unit', currency: 'Currency', price: 'Price',
  minOrderQty: 'Min order quantity', gtin: 'GTIN', manufacturer: 'Manufacturer', mpn: 'Manufacturer part number', images: 'Images',
} as const;
export const IMAGE_SEPARATOR = ' | ';

/**
 * A revision as Vitrine's own CSV/XLSX layout: one row per item with the columns the upload
 * reads back (SKU, Name, … "Price 10+" per quantity break, Images), then one column per
 * attribute name. Images are written as the addresses of the stored images, which an upload
 * of the same catalog recognizes, so export → edit → upload changes only what was edited.
 * XLSX text cells are written as they are; CSV cells starting with = + - @ get the usual
 * protective apostrophe (csv.ts), so XLSX is the exact round-trip format for such values.
 */
export async function catalogTableExport(db: Db, catalog: ExportedCatalog, origin: string): Promise<ExportTable> {
  const shape = await revisionShape(db, catalog.revisionId);
  const columns: ExportColumn[] = [
    { header: HEADERS.sku, kind: 'text', width: 20 }, { header: HEADERS.name, kind: 'text', width: 48 }, { header: HEADERS.description, kind: 'text', width: 60 },
    { header: HEADERS.category, kind: 'text', width: 36 }, { header: HEADERS.unit, kind: 'text', width: 10 }, { header: HEADERS.currency, kind: 'text', width: 9 },
    { header: HEADERS.price, kind: 'money' },
    ...shape.tierQuantities.map((q): ExportColumn => ({ header: `Price ${q}+`, kind: 'money' })),
    { header: HEADERS.minOrderQty, kind: 'int' }, { header: HEADERS.gtin, kind: 'text', width: 16 }, { header: HEADERS.manufacturer, kind: 'text' },
    { header: HEADERS.mpn, kind: 'text' }, { header: HEADERS.images, kind: 'text', width: 40 },
    ...shape.attributeNames.map((name): ExportColumn => ({ header: name, kind: 'text' })),
  ];
  const money = (minor: number) => ({ minor, currency: catalog.currency });
  async function* rows(): AsyncGenerator<ExportCell[]> {
    for await (const batch of revisionItemBatches(db, catalog.revisionId)) {
      for (const item of batch) {
        const tiers = new Map(item.tiers.map((t) => [t.minQty, t.priceMinor]));
        yield [
          item.sku, item.name, item.description, item.categoryPath, item.unit, catalog.currency, money(item.priceMinor),
          ...shape.tierQuantities.map((q) => (tiers.has(q) ? money(tiers.get(q)!) : null)),
          item.minOrderQty, item.gtin, item.manufacturer, item.mpn,
          item.images.map((hash, i) => mediaReference(origin, hash, item.imageWidths[i]!)).join(IMAGE_SEPARATOR) || null,
          ...shape.attributeNames.map((name) => (Object.hasOwn(item.attributes, name) ? (item.attributes[name] ?? null) : null)),
        ];
      }
    }
  }
  return { columns, rows: rows(), sheetName: catalog.name, textAsWritten: true };
}
