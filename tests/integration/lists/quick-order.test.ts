import { describe, expect, test } from 'vitest';
import { parseQuickOrder, MAX_QUICK_ORDER_LINES } from '#features/lists/quick-order.ts';

describe('reading a pasted quick order', () => {
  test('reads the ways people paste SKUs and quantities', () => {
    const { lines, problems } = parseQuickOrder('A-1\t10\r\nA-2;3\nA-3, 4\nA-4 5\n5 x A-5\n7x A-6\nA-7\n# a comment\n\n  A 8 9 ');
    expect(problems).toEqual([]);
    expect(lines.map((l) => [l.sku, l.quantity])).toEqual([['A-1', 10], ['A-2', 3], ['A-3', 4], ['A-4', 5], ['A-5', 5], ['A-6', 7], ['A-7', 1], ['A 8', 9]]);
    expect(lines.map((l) => l.lineNumber)).toEqual([1, 2, 3, 4, 5, 6, 7, 10]);
  });

  test('skips a header line only when it is one', () => {
    expect(parseQuickOrder('SKU\tQty\nA-1\t2').lines.map((l) => l.sku)).toEqual(['A-1']);
    expect(parseQuickOrder('Artikelnummer;Menge\nA-1;2').lines.map((l) => l.sku)).toEqual(['A-1']);
    // A real SKU that starts like a header word is an item.
    expect(parseQuickOrder('ITEM-1 2').lines.map((l) => [l.sku, l.quantity])).toEqual([['ITEM-1', 2]]);
  });

  test('lists back lines it cannot read, with the reason', () => {
    const { lines, problems } = parseQuickOrder('A-1 2.5\nA-2 0\nA-3 -4\n;5\nA-4 99999999');
    expect(lines).toEqual([]);
    expect(problems.map((p) => [p.lineNumber, p.reason])).toEqual([
      [1, 'the quantity "2.5" is not a whole number'],
      [2, 'the quantity must be at least 1'],
      [3, 'the quantity "-4" is not a whole number'],
      [4, 'there is no SKU on this line'],
      [5, 'the quantity must be at most 1,000,000'],
    ]);
  });

  test('reads at most a thousand lines and says so for the rest', () => {
    const text = Array.from({ length: MAX_QUICK_ORDER_LINES + 2 }, (_, n) => `S-${n} 1`).join('\n');
    const { lines, problems } = parseQuickOrder(text);
    expect(lines).toHaveLength(MAX_QUICK_ORDER_LINES);
    expect(problems).toHaveLength(2);
    expect(problems[0]!.reason).toContain('only 1000 lines');
  });
});
