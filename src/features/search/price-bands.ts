import { currencyDecimals } from '#kernel/money/currency-marks.ts';
import { formatMinor, parseMoney } from '#kernel/money/parse-money.ts';

/** A net price range in one currency: lo inclusive, hi exclusive (null: no upper bound). */
export interface PriceRange { currency: string; loMinor: number; hiMinor: number | null }

// Price facet bands in whole currency units, 1-2-5 steps as shops use; the last is open.
const BAND_EDGES = [0, 1, 2, 5, 10, 20, 50, 100, 200, 500, 1_000, 2_000, 5_000, 10_000];
/** How many bands a currency has. */
export const BAND_COUNT = BAND_EDGES.length;

/** Band edges of a currency in minor units. */
export function bandEdges(currency: string): number[] {
  const unit = 10 ** currencyDecimals(currency);
  return BAND_EDGES.map((e) => e * unit);
}

export function bandOf(currency: string, index: number): PriceRange {
  const edges = bandEdges(currency);
  return { currency, loMinor: edges[index]!, hiMinor: edges[index + 1] ?? null };
}

export function bandIndex(currency: string, netMinor: number): number {
  return bandAmong(bandEdges(currency), netMinor);
}

/** The band of a price among edges from bandEdges (for loops that look the edges up once). */
export function bandAmong(edges: readonly number[], netMinor: number): number {
  let i = 0;
  while (i + 1 < edges.length && netMinor >= edges[i + 1]!) i++;
  return i;
}

const plain = (minor: number, currency: string) => formatMinor(minor, currency).replace(/\.0+$/, '');

/** The URL form: "EUR:10-20", "EUR:10000-" (whole or decimal units). */
export function formatPriceParam(r: PriceRange): string {
  return `${r.currency}:${plain(r.loMinor, r.currency)}-${r.hiMinor === null ? '' : plain(r.hiMinor, r.currency)}`;
}

/** "10 – 20 EUR", "10,000 EUR and more". */
export function describePriceRange(r: PriceRange): string {
  const fmt = (m: number) => Number(formatMinor(m, r.currency)).toLocaleString('en', { maximumFractionDigits: currencyDecimals(r.currency) });
  if (r.hiMinor === null) return `${fmt(r.loMinor)} ${r.currency} and more`;
  return r.loMinor === 0 ? `under ${fmt(r.hiMinor)} ${r.currency}` : `${fmt(r.loMinor)} – ${fmt(r.hiMinor)} ${r.currency}`;
}

/** Reads the URL form; a message in words when it cannot. */
export function parsePriceParam(value: string): { ok: true; range: PriceRange } | { ok: false; message: string } {
  const bad = { ok: false as const, message: `"${value}" is not a price range such as EUR:10-20 (from 10 to under 20 EUR) or EUR:100- (100 EUR and more).` };
  const m = /^([A-Z]{3}):([\d.]+)?-([\d.]+)?$/.exec(value.trim());
  if (!m) return bad;
  const currency = m[1]!;
  const lo = m[2] === undefined ? { ok: true as const, minor: 0 } : parseMoney(m[2], currency);
  const hi = m[3] === undefined ? null : parseMoney(m[3], currency);
  if (!lo.ok || (hi !== null && !hi.ok)) return bad;
  const hiMinor = hi === null ? null : (hi as { minor: number }).minor;
  if (hiMinor !== null && hiMinor <= lo.minor) return { ok: false, message: `In the price range "${value}" the upper end must be above the lower end.` };
  return { ok: true, range: { currency, loMinor: lo.minor, hiMinor } };
}
