import type { ViewRules } from '#db/schema/views.ts';
import type { PricedItemInput, ViewVersionInput } from '#features/pricing/types.ts';

export type CatalogRules = ViewRules['catalogs'][number];

/** A view version showing catalog 1 with the given rules, always in force unless dates are given. */
export function view(rules: Omit<CatalogRules, 'catalogId'> & { catalogId?: number }, extra: Partial<ViewVersionInput> = {}): ViewVersionInput {
  return {
    viewId: 1,
    validFrom: null,
    validUntil: null,
    ...extra,
    rules: { catalogs: [{ catalogId: 1, ...rules }] },
  };
}

export function item(overrides: Partial<PricedItemInput> = {}): PricedItemInput {
  return {
    catalogId: 1,
    sku: 'DRL-100',
    categoryPath: 'Tools > Drills > Cordless',
    priceMinor: 10_000,
    tiers: [],
    currency: 'EUR',
    ...overrides,
  };
}

export const NOW = new Date('2027-06-15T12:00:00Z');
