import type { MatchPlan } from './fts-match.ts';

/**
 * The embedded index's columns in FTS5's order (db/migrations/0001_search_fts.sql). What fields a
 * term is in is kept as one bit per column, in this order.
 */
export const FTS_COLUMNS = ['name', 'codes', 'sku', 'manufacturer', 'category_path', 'description'] as const;
export type FtsColumn = (typeof FTS_COLUMNS)[number];
export const EVERY_FIELD = (1 << FTS_COLUMNS.length) - 1;
export const fieldBit = (column: FtsColumn): number => 1 << FTS_COLUMNS.indexOf(column);

/** What a word list can tell of the fields its terms are in (vocabulary.ts): null when it cannot. */
export interface FieldLookup {
  fieldsHolding(word: string, prefix: boolean): number | null;
}

/**
 * The fields that may hold every word of `plan` at once (a bit each): per word, the fields of any
 * term it asks for (the terms it begins, its corrections), then those every word shares. No
 * document matches the words within a field outside these, so no query need ask one. A word
 * whose fields are unknown narrows nothing.
 */
export function fieldsHoldingAll(plan: MatchPlan, lookup: FieldLookup): number {
  let shared = EVERY_FIELD;
  for (const { word, prefix, corrections } of plan.asked) {
    const each = [lookup.fieldsHolding(word, prefix), ...corrections.map((correction) => lookup.fieldsHolding(correction, false))];
    if (each.every((fields) => fields !== null)) shared &= each.reduce((any: number, fields) => any | fields!, 0);
  }
  return shared;
}
