import type { Db } from '#db/client.ts';
import { ImportInputError } from '#features/ingest/checks/import-input-error.ts';
import type { ImportProblem } from '#features/ingest/checks/validate-row.ts';
import { buildCategoryTree, rulesFromSelection, type NewCategories } from '#features/visibility/category-tree.ts';
import { editDraft } from './edit-draft.server.ts';
import { parseFixedPriceForm, type FixedPriceForm } from './fixed-price-input.ts';
import { fixedPriceWarning, fixedPriceWarnings, readFixedPriceFile } from './fixed-price-file.server.ts';
import { categoryCounts, itemsBySku, type LiveItemRef } from './live-items.server.ts';
import { findAttention, LiveRevisionLookup } from './needs-attention.server.ts';
import { parsePercentInput } from './percent-input.ts';
import {
  applyFixedPrices, catalogRulesOf, removeFixedPrice, removeRulesFor, setFixedPrice, setSkuVisibility, updateCatalogRules, type SkuVisibility,
} from './rules-edit.ts';
import { catalogInfos, getView, type CatalogInfo, type Reader, type ViewRow } from './view-records.server.ts';
import { ViewNotFound, ViewProblem } from './view-problem.ts';

async function catalogOfView(tx: Reader, view: ViewRow, catalogId: number): Promise<CatalogInfo> {
  const info = (await catalogInfos(tx, [catalogId])).get(catalogId);
  if (!info || !catalogRulesOf(view.draftRules, catalogId)) throw new ViewNotFound('catalog in this view');
  return info;
}

export interface CatalogRulesForm {
  percentOff: string;
  newCategories: NewCategories;
  /** Paths of the checked categories. */
  shown: string[];
  /** Every category drawn in the form, with the percentage typed beside it ('' for none), in the same order. */
  categoryPaths: string[];
  categoryPercents: string[];
  stamp: string;
}

/**
 * Saves the category tree form: which categories show (whole subtrees), the percentage off the
 * catalog and per category. The tree is the live revision's, read again here, so a category
 * that vanished since the form was drawn keeps its rules and shows up under "needs attention".
 */
export async function saveCatalogRules(db: Db, viewId: number, catalogId: number, actorId: number | null, now: Date, form: CatalogRulesForm): Promise<{ view: ViewRow; notes: string[] }> {
  const catalogPercent = parsePercentInput(form.percentOff, 'Percentage off the whole catalog');
  if (!catalogPercent.ok) throw new ViewProblem(catalogPercent.message, 'percentOff');
  if (form.categoryPaths.length !== form.categoryPercents.length) throw new ViewProblem('The form arrived incomplete; reload the page and try again.');
  const errors: string[] = [];
  const categoryPercentOff: Array<{ categoryPath: string; percentOff: number }> = [];
  form.categoryPaths.forEach((path, index) => {
    const parsed = parsePercentInput(form.categoryPercents[index] ?? '', path);
    if (!parsed.ok) errors.push(parsed.message);
    else if (parsed.percentOff !== undefined) categoryPercentOff.push({ categoryPath: path, percentOff: parsed.percentOff });
  });
  if (errors.length > 0) throw new ViewProblem(errors.join(' '), 'categoryPercents');
  let notes: string[] = [];
  const view = await editDraft(db, viewId, actorId, now, async (current, tx) => {
    const info = await catalogOfView(tx, current, catalogId);
    const tree = buildCategoryTree(info.liveRevisionId ? await categoryCounts(tx, info.liveRevisionId) : []);
    const drawn = new Set(form.categoryPaths);
    const rules = updateCatalogRules(current.draftRules, catalogId, (c) => {
      const result = rulesFromSelection(tree, { checked: new Set(form.shown), newCategories: form.newCategories }, c);
      notes = result.notes;
      // Percentages for categories not drawn in this form (gone from the live revision) are kept.
      const kept = (c.categoryPercentOff ?? []).filter((r) => !drawn.has(r.categoryPath));
      return {
        ...c, percentOff: catalogPercent.percentOff,
        includeCategories: result.includeCategories, excludeCategories: result.excludeCategories,
        categoryPercentOff: [...kept, ...categoryPercentOff],
      };
    });
    return { rules };
  }, { expectedStamp: form.stamp });
  return { view, notes };
}

/** Always show, always hide, or let the categories decide for one SKU; warns when the SKU is not in the live revision. */
export async function setSkuRule(db: Db, viewId: number, catalogId: number, actorId: number | null, now: Date, form: { sku: string; visibility: SkuVisibility }): Promise<{ view: ViewRow; warning: string | null }> {
  const sku = form.sku.trim();
  if (sku === '') throw new ViewProblem('Enter a SKU.', 'sku');
  let warning: string | null = null;
  const view = await editDraft(db, viewId, actorId, now, async (current, tx) => {
    const info = await catalogOfView(tx, current, catalogId);
    if (form.visibility !== 'default' && (!info.liveRevisionId || !(await itemsBySku(tx, info.liveRevisionId, [sku])).has(sku))) {
      warning = `SKU ${sku} is not in the live revision of “${info.name}”; the rule applies if the supplier publishes it.`;
    }
    return { rules: updateCatalogRules(current.draftRules, catalogId, (c) => setSkuVisibility(c, sku, form.visibility)) };
  });
  return { view, warning };
}

/** Adds or replaces one SKU's fixed net price (with optional quantity breaks), typed in the catalog's currency. */
export async function saveFixedPrice(db: Db, viewId: number, catalogId: number, actorId: number | null, now: Date, form: FixedPriceForm): Promise<{ view: ViewRow; sku: string; warning: string | null }> {
  let warning: string | null = null;
  let sku = '';
  const view = await editDraft(db, viewId, actorId, now, async (current, tx) => {
    const info = await catalogOfView(tx, current, catalogId);
    const parsed = parseFixedPriceForm(form, info.currency);
    if (!parsed.ok) throw new ViewProblem(parsed.message, parsed.field);
    sku = parsed.fixed.sku;
    const live = info.liveRevisionId ? await itemsBySku(tx, info.liveRevisionId, [sku]) : new Map<string, LiveItemRef>();
    const text = fixedPriceWarning(parsed.fixed, live.get(sku), info.currency);
    warning = text === null ? null : `${text.charAt(0).toUpperCase()}${text.slice(1)}.`;
    return { rules: updateCatalogRules(current.draftRules, catalogId, (c) => setFixedPrice(c, parsed.fixed)) };
  });
  return { view, sku, warning };
}

export async function deleteFixedPrice(db: Db, viewId: number, catalogId: number, actorId: number | null, now: Date, sku: string): Promise<ViewRow> {
  return editDraft(db, viewId, actorId, now, (current) => {
    const rules = catalogRulesOf(current.draftRules, catalogId);
    if (!rules?.fixedPrices?.some((f) => f.sku === sku)) throw new ViewNotFound('fixed price');
    return { rules: updateCatalogRules(current.draftRules, catalogId, (c) => removeFixedPrice(c, sku)) };
  });
}

export interface FixedPriceUpload { applied: boolean; count: number; rowsRead: number; problems: ImportProblem[] }

/**
 * Reads an uploaded fixed-price list and, when it has no errors, adds its prices to the draft
 * (or replaces all fixed prices of the catalog). With any error nothing is changed, and every
 * problem is reported by row and column, as for a supplier's upload.
 */
export async function importFixedPrices(db: Db, viewId: number, catalogId: number, actorId: number | null, now: Date, upload: { path: string; originalName: string; mode: 'merge' | 'replace' }): Promise<FixedPriceUpload> {
  const info = await catalogOfView(db, await getView(db, viewId), catalogId);
  const file = await readFixedPriceFile(upload.path, upload.originalName, info.currency).catch((error: unknown) => {
    // The reader's own words ("looks like a PNG image; upload a .csv or .xlsx file"), beside the file input.
    if (error instanceof ImportInputError) throw new ViewProblem(error.message, 'file');
    throw error;
  });
  const errors = file.problems.filter((p) => p.severity === 'error');
  if (errors.length > 0) return { applied: false, count: 0, rowsRead: file.rowsRead, problems: file.problems };
  if (file.prices.length === 0) throw new ViewProblem('The file has no rows with a SKU and a price.', 'file');
  const live = info.liveRevisionId ? await itemsBySku(db, info.liveRevisionId, file.prices.map((p) => p.sku)) : new Map();
  const warnings = fixedPriceWarnings(file, live, info.currency);
  await editDraft(db, viewId, actorId, now, (current) => ({
    rules: updateCatalogRules(current.draftRules, catalogId, (c) => applyFixedPrices(c, file.prices, upload.mode)),
  }));
  return { applied: true, count: file.prices.length, rowsRead: file.rowsRead, problems: [...file.problems, ...warnings] };
}

/** Removes every rule of a catalog that names a category or SKU missing from the live revision. */
export async function removeStaleRules(db: Db, viewId: number, catalogId: number, actorId: number | null, now: Date): Promise<{ view: ViewRow; removed: number }> {
  let removed = 0;
  const view = await editDraft(db, viewId, actorId, now, async (current, tx) => {
    const info = await catalogOfView(tx, current, catalogId);
    const rules = catalogRulesOf(current.draftRules, catalogId)!;
    const [found] = await findAttention({ catalogs: [rules] }, new Map([[catalogId, info]]), new LiveRevisionLookup(tx));
    if (!found || info.liveRevisionId === null) throw new ViewProblem('Nothing to remove: every rule of this catalog names a category or SKU of its live revision.');
    removed = found.categories.length + found.skus.length;
    const stale = { categories: found.categories.map((c) => c.path), skus: found.skus.map((s) => s.sku) };
    return { rules: updateCatalogRules(current.draftRules, catalogId, (c) => removeRulesFor(c, stale)) };
  });
  return { view, removed };
}
