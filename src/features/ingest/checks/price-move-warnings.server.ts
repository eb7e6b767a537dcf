import { sql } from 'drizzle-orm';
import type { Db } from '#db/client.ts';
import type { ImportProblem } from './validate-row.ts';
import { formatMinor } from '#kernel/money/parse-money.ts';

/** A list price that moved by more than this share against the live revision is worth a second look. */
export const PRICE_MOVE_WARNING_RATIO = 0.5;

/** Warnings for prices that moved more than 50% against the live revision, found in SQL. */
export async function priceMoveWarnings(db: Db, liveRevisionId: number, revisionId: number, currency: string, priceHeader: string | null): Promise<ImportProblem[]> {
  const rows = await db.all<{ sku: string; row_number: number; before: number; after: number }>(sql`
    SELECT n.sku, n.row_number, o.price_minor AS before, n.price_minor AS after
    FROM items n JOIN items o ON o.revision_id = ${liveRevisionId} AND o.sku = n.sku
    WHERE n.revision_id = ${revisionId} AND o.price_minor > 0
      AND abs(n.price_minor - o.price_minor) > o.price_minor * ${PRICE_MOVE_WARNING_RATIO}
    ORDER BY n.row_number`);
  return rows.map((r) => {
    const pct = Math.round(((r.after - r.before) * 1000) / r.before) / 10;
    return {
      severity: 'warning', rowNumber: r.row_number, sku: r.sku, column: priceHeader, value: formatMinor(r.after, currency),
      expected: `a price within 50% of the live ${formatMinor(r.before, currency)}`,
      message: `Row ${r.row_number}: the price of ${r.sku} moved ${pct > 0 ? '+' : ''}${pct}% (from ${formatMinor(r.before, currency)} to ${formatMinor(r.after, currency)}).`,
    };
  });
}
