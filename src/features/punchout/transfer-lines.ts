import type { PricedLine } from '#features/lists/priced-list.server.ts';
import { rec20Code } from './unit-codes.ts';
import type { TransferLine } from './transfer-line.ts';

const attribute = (attributes: Record<string, string>, pattern: RegExp) => Object.entries(attributes).find(([name]) => pattern.test(name))?.[1]?.trim() || null;

/** Lead time in whole days from an attribute such as "Lead time: 5 days" or "Lieferzeit 3". */
function leadTimeDays(attributes: Record<string, string>): number | null {
  const value = attribute(attributes, /^(lead ?time|lieferzeit)/i);
  const days = value ? /\d+/.exec(value) : null;
  return days ? Number(days[0]) : null;
}

export interface BasketLines { lines: TransferLine[]; unavailable: string[]; unmappedUnits: string[]; currencies: string[] }

/**
 * The cart's priced lines as they travel: only lines still in the buyer's catalogs; a unit with
 * no Rec 20 code is reported (and the line held back) rather than sent with a guessed code.
 */
export function toTransferLines(priced: readonly PricedLine[]): BasketLines {
  const lines: TransferLine[] = [];
  const unavailable: string[] = [];
  const unmapped = new Set<string>();
  for (const p of priced) {
    if (!p.item || p.unitNetMinor === null || p.currency === null) {
      unavailable.push(p.sku);
      continue;
    }
    const unitCode = rec20Code(p.item.unit);
    if (!unitCode) {
      unmapped.add(p.item.unit);
      continue;
    }
    const unspsc = attribute(p.item.attributes, /^unspsc/i);
    lines.push({
      sku: p.sku, catalogSlug: p.item.catalog.slug, name: p.item.name, description: p.item.description || p.item.name,
      quantity: p.quantity, unitNetMinor: p.unitNetMinor, currency: p.currency, unitCode,
      classification: unspsc ? { domain: 'UNSPSC', code: unspsc } : { domain: p.item.catalog.name, code: p.item.categoryPath || p.item.catalog.name },
      mpn: p.item.mpn, manufacturer: p.item.manufacturer, gtin: p.item.gtin, leadTimeDays: leadTimeDays(p.item.attributes),
    });
  }
  return { lines, unavailable, unmappedUnits: [...unmapped], currencies: [...new Set(lines.map((l) => l.currency))] };
}
