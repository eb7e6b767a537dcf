import { sql, type SQL } from 'drizzle-orm';
import type { PriceClass } from './price-classes.ts';

// Renders price classes as SQL over an alias of search_fts_documents. Must agree with
// price-classes.ts inClass/netOfClass (tested on the demo data and random items).

const col = (alias: string, name: string) => sql.raw(`${alias}.${name}`);

/**
 * The item's category is `path` or below it. Paths below "P" are exactly the strings from
 * "P > " up to (not including) "P >!" in binary order ('!' follows ' '): two comparisons the
 * index can use, cheaper than LIKE, and case-sensitive as the pricing rules are.
 */
export function underPathSql(alias: string, path: string): SQL {
  const c = col(alias, 'category_path');
  return sql`(${c} = ${path} OR (${c} > ${path + ' > '} AND ${c} < ${path + ' >!'}))`;
}

function classSql(alias: string, c: PriceClass): SQL {
  const parts: SQL[] = [sql`${col(alias, 'catalog_id')} = ${c.catalogId}`, sql`${col(alias, 'revision_id')} = ${c.revisionId}`];
  if (c.sku !== null) {
    parts.push(sql`${col(alias, 'sku')} = ${c.sku}`);
  } else {
    if (c.exceptSkus.length) parts.push(sql`${col(alias, 'sku')} NOT IN (${sql.join(c.exceptSkus.map((s) => sql`${s}`), sql`, `)})`);
    if (c.underPath !== null) parts.push(underPathSql(alias, c.underPath));
    for (const p of c.notUnder) parts.push(sql`NOT ${underPathSql(alias, p)}`);
  }
  return sql.join(parts, sql` AND `);
}

/** An integer literal: a bound JS number may arrive as REAL and turn the division into a float one. */
export function intSql(n: number): SQL {
  if (!Number.isSafeInteger(n)) throw new RangeError(`not a safe integer: ${n}`);
  return sql.raw(String(n));
}

function netSql(alias: string, c: PriceClass): SQL {
  if (c.price.kind === 'constant') return intSql(c.price.netMinor);
  // Half-up rounding in integers, as pricing/rounding.ts applyBasisPointsOff.
  return sql`((${col(alias, 'list_unit_minor')} * ${intSql(10_000 - c.price.basisPoints)} + 5000) / 10000)`;
}

/**
 * The buyer's net unit price of the row, NULL when no view shows it. Named-SKU classes come
 * first so they win over the path classes of the same catalog.
 */
export function netPriceSql(alias: string, classes: readonly PriceClass[]): SQL {
  if (classes.length === 0) return sql`NULL`;
  const ordered = [...classes.filter((c) => c.sku !== null), ...classes.filter((c) => c.sku === null)];
  return sql`(CASE ${sql.join(ordered.map((c) => sql`WHEN ${classSql(alias, c)} THEN ${netSql(alias, c)}`), sql` `)} END)`;
}
