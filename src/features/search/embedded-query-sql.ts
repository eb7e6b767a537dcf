import { sql, type SQL } from 'drizzle-orm';
import type { FacetName, SearchFilters, SearchSort } from './search-port.ts';
import { bandEdges } from './price-bands.ts';
import { underPathSql } from './embedded-scope-sql.ts';

// SQL pieces over the CTE `m` of the embedded search (one row per visible matching item,
// columns item_id, catalog_id, supplier_org_id, category_path, manufacturer, currency, name_sort,
// sku, net, tier, score).

const list = (values: readonly (string | number)[]) => sql.join(values.map((v) => sql`${v}`), sql`, `);

/** The active filters, all ANDed, leaving out `except` (facet counts ignore their own filter). */
export function filterSql(f: SearchFilters, except?: FacetName): SQL {
  const parts: SQL[] = [sql`1`];
  if (except !== 'supplier' && f.supplierIds.length) parts.push(sql`m.supplier_org_id IN (${list(f.supplierIds)})`);
  if (except !== 'catalog' && f.catalogIds.length) parts.push(sql`m.catalog_id IN (${list(f.catalogIds)})`);
  if (except !== 'category' && f.categoryPath !== null) parts.push(underPathSql('m', f.categoryPath));
  if (except !== 'manufacturer' && f.manufacturers.length) parts.push(sql`m.manufacturer IN (${list(f.manufacturers)})`);
  if (except !== 'price' && f.price) {
    parts.push(sql`m.currency = ${f.price.currency} AND m.net >= ${f.price.loMinor}`);
    if (f.price.hiMinor !== null) parts.push(sql`m.net < ${f.price.hiMinor}`);
  }
  return sql.join(parts, sql` AND `);
}

/** The child level of `parent` an item's category falls in (top level for null); NULL when none. */
export function childCategorySql(parent: string | null): SQL {
  const firstLevel = (text: SQL) => sql`(CASE WHEN instr(${text}, ' > ') > 0 THEN substr(${text}, 1, instr(${text}, ' > ') - 1) ELSE ${text} END)`;
  if (parent === null) return sql`(CASE WHEN m.category_path = '' THEN NULL ELSE ${firstLevel(sql`m.category_path`)} END)`;
  const rest = sql`substr(m.category_path, ${[...parent].length + 4})`;
  return sql`(CASE WHEN m.category_path > ${parent + ' > '} AND m.category_path < ${parent + ' >!'} THEN ${parent + ' > '} || ${firstLevel(rest)} END)`;
}

/** "EUR:3": the price band of the net price, in the currency's own bands. */
export function priceBandSql(currencies: readonly string[]): SQL {
  const perCurrency = currencies.map((c) => {
    const edges = bandEdges(c).slice(1);
    const steps = edges.map((e, i) => sql`WHEN m.net < ${e} THEN ${i}`);
    return sql`WHEN ${c} THEN (CASE ${sql.join(steps, sql` `)} ELSE ${edges.length} END)`;
  });
  return sql`m.currency || ':' || (CASE m.currency ${sql.join(perCurrency, sql` `)} END)`;
}

export function orderSql(sort: SearchSort): SQL {
  switch (sort) {
    case 'relevance': return sql`m.tier, m.score, m.name_sort, m.sku, m.item_id`;
    case 'name': return sql`m.name_sort, m.sku, m.item_id`;
    case 'price': return sql`m.currency, m.net, m.name_sort, m.sku, m.item_id`;
  }
}
