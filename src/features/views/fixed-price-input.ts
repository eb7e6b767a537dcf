import { MAX_SKU_LENGTH } from '#features/ingest/checks/validate-row.ts';
import { parseMoney } from '#kernel/money/parse-money.ts';
import type { FixedPrice } from './rules-edit.ts';

export interface FixedPriceForm {
  sku: string;
  price: string;
  /** Quantity-break overrides as typed: "from" quantity and price; empty pairs are ignored. */
  tiers: Array<{ minQty: string; price: string }>;
  /** Whether the supplier's quantity breaks still apply where they are lower (else the fixed price replaces them). */
  keepBreaks?: boolean;
}

export type FixedPriceInput = { ok: true; fixed: FixedPrice } | { ok: false; field: string; message: string };

/** Reads the fixed-price form with the import's money reader, in the catalog's currency. */
export function parseFixedPriceForm(form: FixedPriceForm, currency: string): FixedPriceInput {
  const sku = form.sku.trim();
  if (sku === '') return { ok: false, field: 'sku', message: 'Enter the SKU (article number) the price is for.' };
  if (sku.length > MAX_SKU_LENGTH) return { ok: false, field: 'sku', message: `A SKU has at most ${MAX_SKU_LENGTH} characters.` };
  const price = parseMoney(form.price, currency);
  if (!price.ok) return { ok: false, field: 'price', message: `${price.message} Expected ${price.expected}.` };
  const tiers: Array<{ minQty: number; priceMinor: number }> = [];
  for (const [index, tier] of form.tiers.entries()) {
    const qtyText = tier.minQty.trim();
    const priceText = tier.price.trim();
    if (qtyText === '' && priceText === '') continue;
    const field = `tier${index + 1}`;
    const row = `Quantity break ${index + 1}`;
    if (!/^\d{1,9}$/.test(qtyText) || Number(qtyText) < 2) return { ok: false, field, message: `${row}: enter the quantity it starts from, a whole number of 2 or more.` };
    const minQty = Number(qtyText);
    if (tiers.some((t) => t.minQty === minQty)) return { ok: false, field, message: `${row}: there is already a price from ${minQty} units.` };
    const tierPrice = parseMoney(priceText, currency);
    if (!tierPrice.ok) return { ok: false, field, message: `${row}: ${tierPrice.message} Expected ${tierPrice.expected}.` };
    tiers.push({ minQty, priceMinor: tierPrice.minor });
  }
  const fixed = tiers.length > 0 ? { sku, priceMinor: price.minor, tiers } : { sku, priceMinor: price.minor };
  return { ok: true, fixed: form.keepBreaks ? { ...fixed, keepBreaks: true } : fixed };
}
