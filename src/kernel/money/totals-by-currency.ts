import { lineTotal, sumLineTotals, type Money } from './line-totals.ts';

/**
 * One total per currency, in currency order. A list may hold items of catalogs in different
 * currencies; their amounts are never added together (sumLineTotals would refuse), so the
 * list shows one total for each currency instead.
 */
export function totalsByCurrency(lines: ReadonlyArray<Money>): Money[] {
  const groups = new Map<string, Money[]>();
  for (const line of lines) groups.set(line.currency, [...(groups.get(line.currency) ?? []), line]);
  return [...groups.keys()].sort().map((currency) => sumLineTotals(groups.get(currency)!)!);
}

export { lineTotal };
