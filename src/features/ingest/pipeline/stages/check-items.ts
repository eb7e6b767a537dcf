import type { ItemDraft } from '../../checks/validate-row.ts';
import type { CheckedItem, ProblemColumns } from '../item-source.ts';
import { noteProblem, type ReportSoFar } from '../revision-in-progress.ts';

/** One row after the check stage: its item, or null when the row yields none (errors, a repeated SKU). */
export interface CheckedRow<T = ItemDraft> { rowNumber: number; item: T | null }

/**
 * The check stage: each row's own problems go to the report, then what only the whole file
 * shows: a SKU used twice (the later row is dropped) and a GTIN used twice (a warning).
 * Every row is passed on, so the store stage counts the rows read.
 */
export async function* checkItems(items: AsyncIterable<CheckedItem>, columns: ProblemColumns, report: ReportSoFar): AsyncGenerator<CheckedRow> {
  const seenSkus = new Map<string, number>();
  const seenGtins = new Map<string, number>();
  const note = noteProblem.bind(null, report);
  for await (const row of items) {
    const { item, problems: found, rowNumber } = row;
    for (const p of found) note(item && !p.sku ? { ...p, sku: item.sku } : p);
    if (!item) {
      yield { rowNumber, item: null };
      continue;
    }
    const firstRow = seenSkus.get(item.sku);
    if (firstRow !== undefined) {
      note({ severity: 'error', rowNumber, sku: item.sku, column: columns.sku, value: item.sku, expected: 'a SKU used once in the file', message: `Row ${rowNumber}: SKU ${item.sku} already appears in row ${firstRow}.` });
      yield { rowNumber, item: null };
      continue;
    }
    seenSkus.set(item.sku, rowNumber);
    if (item.gtin) {
      const gtinRow = seenGtins.get(item.gtin);
      if (gtinRow !== undefined) note({ severity: 'warning', rowNumber, sku: item.sku, column: columns.gtin, value: item.gtin, expected: 'a GTIN used by one item', message: `Row ${rowNumber}: GTIN ${item.gtin} is also used in row ${gtinRow}.` });
      else seenGtins.set(item.gtin, rowNumber);
    }
    yield { rowNumber, item };
  }
}
