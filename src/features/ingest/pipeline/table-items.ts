import type { RawRow } from '../readers/raw-row.ts';
import type { HeaderMapping } from '../mapping/recognize-headers.ts';
import { validateRow } from '../checks/validate-row.ts';
import type { CheckedItem, ProblemColumns } from './item-source.ts';

/** The rows of a CSV or workbook checked one by one: the same stream of checked items a format reader gives. */
export async function* checkedRows(rows: AsyncIterable<RawRow>, mapping: HeaderMapping, currency: string): AsyncGenerator<CheckedItem> {
  for await (const row of rows) yield { rowNumber: row.rowNumber, ...validateRow(row.cells, mapping, currency, row.rowNumber) };
}

/** The file's own headers for the problems the pipeline adds (duplicate SKU, GTIN, image, price move). */
export function mappedColumns(mapping: HeaderMapping): ProblemColumns {
  const header = (field: string) => mapping.columns.find((c) => c.role.field === field)?.header ?? null;
  return { sku: header('sku'), gtin: header('gtin'), image: header('image'), price: header('price') };
}
