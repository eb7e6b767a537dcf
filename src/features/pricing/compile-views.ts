import type { PriceTier } from '#db/schema/catalogs.ts';
import type { ViewRules } from '#db/schema/views.ts';
import { normalizeCategoryPath } from './category-path.ts';
import { PricingRuleError } from './errors.ts';
import { percentToBasisPoints } from './percent.ts';
import type { ViewVersionInput } from './types.ts';
import { parseValidity, type ValidityWindow } from './validity.ts';

export interface CompiledPercent {
  basisPoints: number;
  /** As written by sales, e.g. 12.5 (for display; arithmetic uses basisPoints). */
  percentOff: number;
}

export interface CompiledCategoryRule extends CompiledPercent {
  categoryPath: string;
}

export interface CompiledFixedPrice {
  priceMinor: number;
  /** Sorted by minQty, highest first, so the first tier with minQty <= q is the one. */
  tiersDesc: readonly PriceTier[];
  /** The supplier's quantity breaks still apply where they give a lower price. */
  keepBreaks: boolean;
}

export interface CompiledCatalogRules {
  catalogRule: CompiledPercent | null;
  /**
   * Keyed by normalized path. Looked up with the item's ancestors deepest first, which
   * finds the most specific rule in O(depth) instead of scanning rules sorted by depth.
   */
  categoryRules: ReadonlyMap<string, CompiledCategoryRule>;
  fixedPrices: ReadonlyMap<string, CompiledFixedPrice>;
  includeCategories: ReadonlySet<string>;
  excludeCategories: ReadonlySet<string>;
  includeSkus: ReadonlySet<string>;
  excludeSkus: ReadonlySet<string>;
}

export interface CompiledView {
  viewId: number;
  validity: ValidityWindow;
  catalogs: ReadonlyMap<number, CompiledCatalogRules>;
}

/** A buyer's view versions, validated and indexed; views sorted by viewId (ties → earlier view). */
export interface CompiledViews {
  views: readonly CompiledView[];
}

type CatalogRulesInput = ViewRules['catalogs'][number];

function minorUnits(value: unknown, what: string): number {
  if (typeof value !== 'number' || !Number.isSafeInteger(value) || value < 0) {
    throw new PricingRuleError(`${what}: expected a whole, non-negative number of minor units, got ${String(value)}`);
  }
  return value;
}

function percent(value: number, what: string): CompiledPercent {
  const basisPoints = percentToBasisPoints(value, what);
  return { basisPoints, percentOff: basisPoints / 100 };
}

function pathSet(paths: readonly string[] | undefined, what: string): Set<string> {
  const out = new Set<string>();
  for (const raw of paths ?? []) {
    const path = normalizeCategoryPath(raw);
    if (path === '') throw new PricingRuleError(`${what}: empty category path`);
    out.add(path);
  }
  return out;
}

function compileFixedTiers(tiers: readonly PriceTier[] | undefined, what: string): PriceTier[] {
  const seen = new Set<number>();
  const out: PriceTier[] = [];
  for (const tier of tiers ?? []) {
    if (!Number.isSafeInteger(tier.minQty) || tier.minQty < 1) {
      throw new PricingRuleError(`${what}: tier quantity must be a positive whole number, got ${String(tier.minQty)}`);
    }
    if (seen.has(tier.minQty)) throw new PricingRuleError(`${what}: two tiers from ${tier.minQty} units`);
    seen.add(tier.minQty);
    out.push({ minQty: tier.minQty, priceMinor: minorUnits(tier.priceMinor, `${what}, tier from ${tier.minQty} units`) });
  }
  return out.sort((a, b) => b.minQty - a.minQty);
}

function compileCatalog(input: CatalogRulesInput, where: string): CompiledCatalogRules {
  const categoryRules = new Map<string, CompiledCategoryRule>();
  for (const rule of input.categoryPercentOff ?? []) {
    const categoryPath = normalizeCategoryPath(rule.categoryPath);
    const what = `${where}, category rule "${rule.categoryPath}"`;
    if (categoryPath === '') throw new PricingRuleError(`${what}: empty category path`);
    if (categoryRules.has(categoryPath)) throw new PricingRuleError(`${what}: two rules for the same category`);
    categoryRules.set(categoryPath, { categoryPath, ...percent(rule.percentOff, `${what}: percentOff`) });
  }
  const fixedPrices = new Map<string, CompiledFixedPrice>();
  for (const fixed of input.fixedPrices ?? []) {
    const what = `${where}, fixed price for SKU "${fixed.sku}"`;
    if (fixed.sku === '') throw new PricingRuleError(`${where}: fixed price without a SKU`);
    if (fixedPrices.has(fixed.sku)) throw new PricingRuleError(`${what}: two fixed prices for the same SKU`);
    fixedPrices.set(fixed.sku, {
      priceMinor: minorUnits(fixed.priceMinor, what),
      tiersDesc: compileFixedTiers(fixed.tiers, what),
      keepBreaks: fixed.keepBreaks === true,
    });
  }
  return {
    catalogRule: input.percentOff === undefined ? null : percent(input.percentOff, `${where}: percentOff`),
    categoryRules,
    fixedPrices,
    includeCategories: pathSet(input.includeCategories, `${where}, includeCategories`),
    excludeCategories: pathSet(input.excludeCategories, `${where}, excludeCategories`),
    includeSkus: new Set(input.includeSkus ?? []),
    excludeSkus: new Set(input.excludeSkus ?? []),
  };
}

/**
 * Validates and indexes view versions once, so a page of items is priced with map lookups.
 * Throws PricingRuleError (message naming view, catalog and rule) on anything invalid;
 * the views feature can call it on publish to refuse a bad view before buyers see it.
 */
export function compileViews(versions: readonly ViewVersionInput[]): CompiledViews {
  const views = versions.map((version): CompiledView => {
    const where = `view ${version.viewId}`;
    const catalogs = new Map<number, CompiledCatalogRules>();
    for (const input of version.rules.catalogs) {
      if (catalogs.has(input.catalogId)) {
        throw new PricingRuleError(`${where}: catalog ${input.catalogId} appears twice`);
      }
      catalogs.set(input.catalogId, compileCatalog(input, `${where}, catalog ${input.catalogId}`));
    }
    let validity: ValidityWindow;
    try {
      validity = parseValidity(version.validFrom, version.validUntil);
    } catch (error) {
      if (error instanceof PricingRuleError) throw new PricingRuleError(`${where}: ${error.message}`);
      throw error;
    }
    return { viewId: version.viewId, validity, catalogs };
  });
  // Stable sort: with equal net prices the earlier view wins, whatever order the caller used.
  views.sort((a, b) => a.viewId - b.viewId);
  return { views };
}
