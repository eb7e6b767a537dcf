import { MAX_QUANTITY } from './list-problem.ts';

/** One line of a pasted quick order that reads as a SKU and a quantity. */
export interface QuickOrderLine { lineNumber: number; text: string; sku: string; quantity: number }
/** A line that could not be read, with the reason in the buyer's words. */
export interface QuickOrderProblem { lineNumber: number; text: string; reason: string }

export const MAX_QUICK_ORDER_LINES = 1000;

const WHOLE = /^\d+$/;
const HEADER_WORDS = /^(qty|quantity|menge|anzahl|amount|count|stück|pcs)$/i;
const HEADER_SKU = /^(sku|item|item number|article|artikel|artikelnummer|part number)$/i;

function readQuantity(text: string | undefined): number | string {
  if (text === undefined || text === '') return 1;
  const t = text.replace(/^[x×*]|[x×*]$/i, '').trim();
  if (!WHOLE.test(t)) return `the quantity "${text}" is not a whole number`;
  const n = Number(t);
  if (n < 1) return 'the quantity must be at least 1';
  if (n > MAX_QUANTITY) return `the quantity must be at most ${MAX_QUANTITY.toLocaleString('en-GB')}`;
  return n;
}

/** SKU and quantity text of one line: split on a tab, ";" or "," (spreadsheets), else on spaces. */
function fieldsOf(line: string): [string, string | undefined] {
  if (/[\t;,]/.test(line)) {
    const [sku = '', quantity] = line.split(/\t|;|,/).map((f) => f.trim());
    return [sku, quantity === '' ? undefined : quantity];
  }
  const words = line.split(/\s+/);
  if (words.length === 1) return [words[0]!, undefined];
  const lastWord = words[words.length - 1]!;
  const firstWord = words[0]!;
  // "SKU 5" and "5 x SKU" / "5x SKU" both read; a quantity at the end wins when both look numeric.
  if (readQuantityLike(lastWord)) return [words.slice(0, -1).join(' '), lastWord];
  if (readQuantityLike(firstWord)) return [words.slice(1).join(' ').replace(/^[x×*]\s+/i, ''), firstWord];
  return [words.slice(0, -1).join(' '), lastWord];
}

const readQuantityLike = (word: string) => /^[x×*]?\d+[.,]?\d*[x×*]?$/i.test(word);

/**
 * Reads pasted lines of SKU and quantity, as copied from a spreadsheet or an e-mail:
 * "AF-123	10", "AF-123;10", "AF-123 10", "10 x AF-123", or just "AF-123" (quantity 1).
 * Empty lines and lines starting with # are skipped, and so is a first line that is a header
 * ("SKU;Quantity"). Every other line that cannot be read is returned as a problem, never dropped.
 */
export function parseQuickOrder(text: string): { lines: QuickOrderLine[]; problems: QuickOrderProblem[] } {
  const lines: QuickOrderLine[] = [];
  const problems: QuickOrderProblem[] = [];
  const raw = text.replace(/\r\n?/g, '\n').split('\n');
  let seen = 0;
  raw.forEach((original, index) => {
    const line = original.trim();
    if (line === '' || line.startsWith('#')) return;
    seen++;
    const lineNumber = index + 1;
    const [sku, quantityText] = fieldsOf(line);
    if (seen === 1 && quantityText !== undefined && !readQuantityLike(quantityText) && (HEADER_WORDS.test(quantityText) || HEADER_SKU.test(sku))) return;
    if (seen > MAX_QUICK_ORDER_LINES) {
      problems.push({ lineNumber, text: line, reason: `only ${MAX_QUICK_ORDER_LINES} lines are read at a time` });
      return;
    }
    if (sku === '') { problems.push({ lineNumber, text: line, reason: 'there is no SKU on this line' }); return; }
    const quantity = readQuantity(quantityText);
    if (typeof quantity === 'string') { problems.push({ lineNumber, text: line, reason: quantity }); return; }
    lines.push({ lineNumber, text: line, sku, quantity });
  });
  return { lines, problems };
}
