import type { PricedList } from '#features/lists/priced-list.server.ts';
import type { ExportCell, ExportColumn, ExportTable } from './table.ts';

/**
 * A requisition list for an ERP import: SKU and quantity first, then what the buyer checks
 * (name, unit, their unit price at that quantity, line total, currency) and where it comes
 * from. Lines whose item left the buyer's catalogs have no price and are left out; the list
 * page says how many.
 */
export function listExportTable(priced: PricedList): ExportTable {
  const columns: ExportColumn[] = [
    { header: 'SKU', kind: 'text', width: 20 }, { header: 'Quantity', kind: 'int' }, { header: 'Unit', kind: 'text', width: 10 },
    { header: 'Name', kind: 'text', width: 48 }, { header: 'Unit price', kind: 'money' }, { header: 'Line total', kind: 'money' },
    { header: 'Currency', kind: 'text', width: 9 }, { header: 'GTIN', kind: 'text', width: 16 }, { header: 'Manufacturer part number', kind: 'text' },
    { header: 'Catalog', kind: 'text' }, { header: 'Supplier', kind: 'text' },
  ];
  const rows: ExportCell[][] = priced.lines.flatMap((l) => {
    if (!l.item || l.quantityProblem || l.unitNetMinor === null || l.lineTotalMinor === null || l.currency === null) return [];
    const currency = l.currency;
    return [[
      l.sku, l.quantity, l.item.unit, l.item.name, { minor: l.unitNetMinor, currency }, { minor: l.lineTotalMinor, currency },
      currency, l.item.gtin, l.item.mpn, l.item.catalog.name, l.item.catalog.supplierName,
    ]];
  });
  return { columns, rows, sheetName: priced.list.name };
}
