import type { ViewRules } from '#db/schema/views.ts';
import { formatMoney } from '#kernel/money/format-money.ts';
import type { CatalogRules } from './canonical-rules.ts';

/** What a draft looked like, as far as the audit log tells of it. */
export interface DraftState { name: string; note: string; rules: ViewRules; validFrom: string | null; validUntil: string | null }

const pct = (p: number | undefined) => (p === undefined ? 'none' : `${p.toLocaleString('en')} % off`);
const day = (iso: string | null) => (iso ? iso.slice(0, 10) : 'open');

function listChanges(label: string, before: readonly string[] = [], after: readonly string[] = []): string[] {
  const added = after.filter((v) => !before.includes(v));
  const removed = before.filter((v) => !after.includes(v));
  const out: string[] = [];
  if (added.length) out.push(`${label} added: ${added.slice(0, 10).join(', ')}${added.length > 10 ? ` and ${added.length - 10} more` : ''}`);
  if (removed.length) out.push(`${label} no longer: ${removed.slice(0, 10).join(', ')}${removed.length > 10 ? ` and ${removed.length - 10} more` : ''}`);
  return out;
}

function fixedText(f: NonNullable<CatalogRules['fixedPrices']>[number], currency: string): string {
  const tiers = (f.tiers ?? []).map((t) => `, from ${t.minQty}: ${formatMoney(t.priceMinor, currency)}`).join('');
  return `${formatMoney(f.priceMinor, currency)}${tiers}${f.keepBreaks ? ', keeping the supplier\'s breaks' : ''}`;
}

function catalogChanges(before: CatalogRules, after: CatalogRules, currency: string): string[] {
  const out: string[] = [];
  if (before.percentOff !== after.percentOff) out.push(`discount on the whole catalog ${pct(before.percentOff)} → ${pct(after.percentOff)}`);
  const catBefore = new Map((before.categoryPercentOff ?? []).map((r) => [r.categoryPath, r.percentOff]));
  const catAfter = new Map((after.categoryPercentOff ?? []).map((r) => [r.categoryPath, r.percentOff]));
  for (const path of new Set([...catBefore.keys(), ...catAfter.keys()])) {
    if (catBefore.get(path) !== catAfter.get(path)) out.push(`discount on ${path} ${pct(catBefore.get(path))} → ${pct(catAfter.get(path))}`);
  }
  const fixedBefore = new Map((before.fixedPrices ?? []).map((f) => [f.sku, fixedText(f, currency)]));
  const fixedAfter = new Map((after.fixedPrices ?? []).map((f) => [f.sku, fixedText(f, currency)]));
  for (const sku of new Set([...fixedBefore.keys(), ...fixedAfter.keys()])) {
    const b = fixedBefore.get(sku);
    const a = fixedAfter.get(sku);
    if (b !== a) out.push(`fixed price for ${sku} ${b ?? 'none'} → ${a ?? 'none'}`);
  }
  out.push(...listChanges('categories shown', before.includeCategories, after.includeCategories));
  out.push(...listChanges('categories hidden', before.excludeCategories, after.excludeCategories));
  out.push(...listChanges('SKUs shown', before.includeSkus, after.includeSkus));
  out.push(...listChanges('SKUs hidden', before.excludeSkus, after.excludeSkus));
  return out;
}

/**
 * A change of a view's draft in sentences for the audit log: "Fasteners 2027: discount on the
 * whole catalog 10 % off → 12 % off", "Fasteners 2027: fixed price for AF-1 none → €70.00".
 * `catalogs` names each catalog and gives its currency.
 */
export function describeDraftChange(before: DraftState, after: DraftState, catalogs: ReadonlyMap<number, { name: string; currency: string }>): string[] {
  const out: string[] = [];
  if (before.name !== after.name) out.push(`name “${before.name}” → “${after.name}”`);
  if (before.note !== after.note) out.push('internal note changed');
  if (before.validFrom !== after.validFrom || before.validUntil !== after.validUntil) {
    out.push(`valid ${day(before.validFrom)} to ${day(before.validUntil)} → ${day(after.validFrom)} to ${day(after.validUntil)}`);
  }
  const name = (id: number) => catalogs.get(id)?.name ?? `catalog ${id}`;
  const beforeById = new Map(before.rules.catalogs.map((c) => [c.catalogId, c]));
  const afterById = new Map(after.rules.catalogs.map((c) => [c.catalogId, c]));
  for (const [id, c] of afterById) if (!beforeById.has(id)) out.push(`${name(id)} added${c.percentOff !== undefined ? ` at ${pct(c.percentOff)}` : ''}`);
  for (const id of beforeById.keys()) if (!afterById.has(id)) out.push(`${name(id)} removed`);
  for (const [id, b] of beforeById) {
    const a = afterById.get(id);
    if (a) out.push(...catalogChanges(b, a, catalogs.get(id)?.currency ?? 'EUR').map((s) => `${name(id)}: ${s}`));
  }
  return out;
}
