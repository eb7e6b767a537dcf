import { setImmediate as nextTurn } from 'node:timers/promises';
import { sql, type SQL } from 'drizzle-orm';
import type { Db } from '#db/client.ts';
import { databaseFileOf } from '#db/database-file.ts';
import type { DbOrTx } from './db-executor.ts';
import { readSnapshotTable } from './search-snapshot.server.ts';
import { indexGeneration } from './embedded-documents.server.ts';
import { PackedStrings } from '#kernel/packed-strings.ts';

/**
 * What the embedded engine needs of every search document besides its words, held in arrays per
 * process: filters, facets, net prices and sort order are then worked out in JavaScript over the
 * rows FTS5 matched, instead of joining each match back to its document in SQL (which cost most
 * of a search's time). Rebuilt when the index generation moves (any write, in any process).
 */
export interface DocTable {
  generation: number;
  size: number;
  /** Ascending: a row is found by its item id with a merge or a binary search, no map needed. */
  itemId: Int32Array;
  catalogId: Int32Array;
  revisionId: Int32Array;
  listUnitMinor: Float64Array;
  /** Indexes into `catalogIds` and `supplierIds`: facet counts go into small arrays, not maps. */
  catalogSlot: Int32Array;
  supplierSlot: Int32Array;
  catalogIds: number[];
  supplierIds: number[];
  /** Indexes into `categories`, `manufacturers` (-1: none) and `currencies`. */
  category: Int32Array;
  manufacturer: Int32Array;
  currency: Int32Array;
  categories: string[];
  manufacturers: string[];
  currencies: string[];
  sku: PackedStrings;
  /** " code1 code2 " (spaces around each), for the exact-code tier. */
  codes: PackedStrings;
  /** Position in (name_sort, sku, item_id) order, SQLite's BINARY collation. */
  nameRank: Int32Array;
}

/** UTF-8 byte order, as SQLite's BINARY collation; plain comparison agrees unless a string has surrogates. */
export function binaryCompare(a: string, b: string): number {
  if (a === b) return 0;
  if (/[\ud800-\udfff\ue000-\uffff]/.test(a + b)) return Buffer.compare(Buffer.from(a), Buffer.from(b));
  return a < b ? -1 : 1;
}

const CHUNK = 5_000;
/**
 * Documents of live revisions only: a publish writes the next revision's documents before it
 * switches, and removes the replaced one's after (embedded-documents.server.ts). The name order
 * below walks its index unfiltered (covering, no row read): it leaves out what is not in the table.
 */
const LIVE = sql`revision_id IN (SELECT live_revision_id FROM catalogs)`;
/** Documents read per step of the name order (a walk along its index: about 5 ms each). */
const ORDER_CHUNK = 10_000;

/**
 * Reads every document of the live revisions (in chunks, yielding between them, so a rebuild
 * never holds the loop long); of `liveRevisions` instead when given (the table a publish will
 * leave, read before it: search-snapshot.server.ts).
 */
export async function loadDocTable(db: DbOrTx, generation: number, orderChunk = ORDER_CHUNK, liveRevisions?: readonly number[]): Promise<DocTable> {
  const live = liveRevisions ? sql`revision_id IN (${sql.join(liveRevisions.map((id) => sql`${id}`), sql`, `)})` : LIVE;
  type RowTuple = [number, number, number, number, string, string, string | null, string, number, string];
  type Row = { item_id: number; catalog_id: number; revision_id: number; supplier_org_id: number; sku: string; category_path: string; manufacturer: string | null; codes: string; list_unit_minor: number; currency: string };
  const rows: Row[] = [];
  for (let after = -1; ;) {
    // One JSON string per chunk: JSON.parse builds the rows many times faster than the driver
    // builds one object per row (100,000 documents: about 0.3 s instead of 2.5 s).
    const [found] = await db.all<{ rows: string }>(sql`SELECT json_group_array(json_array(item_id, catalog_id, revision_id, supplier_org_id, sku, category_path, manufacturer, codes, list_unit_minor, currency)) AS rows
      FROM (SELECT * FROM search_fts_documents WHERE item_id > ${after} AND ${live} ORDER BY item_id LIMIT ${CHUNK})`);
    const chunk = (JSON.parse(found?.rows ?? '[]') as RowTuple[]).map(([item_id, catalog_id, revision_id, supplier_org_id, sku, category_path, manufacturer, codes, list_unit_minor, currency]): Row => ({ item_id, catalog_id, revision_id, supplier_org_id, sku, category_path, manufacturer, codes, list_unit_minor, currency }));
    rows.push(...chunk);
    if (chunk.length < CHUNK) break;
    after = chunk.at(-1)!.item_id;
    await nextTurn();
  }
  const size = rows.length;
  const intern = <K>() => { const list: K[] = []; const ids = new Map<K, number>(); return { list, id: (s: K) => { let i = ids.get(s); if (i === undefined) { i = list.length; list.push(s); ids.set(s, i); } return i; } }; };
  const categories = intern<string>();
  const manufacturers = intern<string>();
  const currencies = intern<string>();
  const catalogs = intern<number>();
  const suppliers = intern<number>();
  const table: DocTable = {
    generation, size,
    itemId: new Int32Array(size), catalogId: new Int32Array(size), revisionId: new Int32Array(size),
    catalogSlot: new Int32Array(size), supplierSlot: new Int32Array(size), catalogIds: catalogs.list, supplierIds: suppliers.list,
    listUnitMinor: new Float64Array(size), category: new Int32Array(size), manufacturer: new Int32Array(size), currency: new Int32Array(size),
    categories: categories.list, manufacturers: manufacturers.list, currencies: currencies.list,
    sku: PackedStrings.of(rows.map((r) => r.sku)), codes: PackedStrings.of(rows.map((r) => ` ${r.codes} `)), nameRank: new Int32Array(size),
  };
  rows.forEach((r, i) => {
    table.itemId[i] = r.item_id;
    table.catalogSlot[i] = catalogs.id(r.catalog_id);
    table.supplierSlot[i] = suppliers.id(r.supplier_org_id);
    table.catalogId[i] = r.catalog_id;
    table.revisionId[i] = r.revision_id;
    table.listUnitMinor[i] = r.list_unit_minor;
    table.category[i] = categories.id(r.category_path);
    table.manufacturer[i] = r.manufacturer === null ? -1 : manufacturers.id(r.manufacturer);
    table.currency[i] = currencies.id(r.currency);
  });
  const byName = await nameOrder(db, table, orderChunk);
  byName.forEach((row, rank) => { table.nameRank[row] = rank; });
  // A document written after the chunks were read is missing from the table; one removed since
  // is missing from the order: the next generation has both right. Rank the unranked last.
  if (byName.length < size) {
    const ranked = rowMarks(table, byName);
    let rank = byName.length;
    for (let row = 0; row < size; row++) if (!ranked[row]) table.nameRank[row] = rank++;
  }
  return table;
}

/**
 * The table's rows in name order, from SQLite, whose BINARY collation the order is: walked along
 * the (name_sort, sku, item_id) index in keyed chunks, with a yield between them, instead of
 * one sort of every document (a third of a second under load) on the serving event loop.
 */
async function nameOrder(db: DbOrTx, table: DocTable, chunkSize: number): Promise<Int32Array> {
  const parts: Int32Array[] = [];
  let after: { name: string; sku: string; id: number } | null = null;
  for (;;) {
    await nextTurn();
    const from: SQL = after ? sql`WHERE (name_sort, sku, item_id) > (${after.name}, ${after.sku}, ${after.id})` : sql``;
    const [chunk] = await db.all<{ list: string | null; n: number }>(sql`
      SELECT group_concat(item_id, ',' ORDER BY name_sort, sku, item_id) AS list, count(*) AS n FROM (
        SELECT item_id, name_sort, sku FROM search_fts_documents ${from} ORDER BY name_sort, sku, item_id LIMIT ${chunkSize})`);
    if (!chunk?.list) break;
    parts.push(rowsOfIdList(table, chunk.list));
    if (chunk.n < chunkSize) break;
    const id: number = Number(chunk.list.slice(chunk.list.lastIndexOf(',') + 1));
    const [last] = await db.all<{ name_sort: string; sku: string }>(sql`SELECT name_sort, sku FROM search_fts_documents WHERE item_id = ${id}`);
    if (!last) break; // removed meanwhile: the next generation reads the order again
    after = { name: last.name_sort, sku: last.sku, id };
  }
  const out = new Int32Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const part of parts) { out.set(part, at); at += part.length; }
  return out;
}

/**
 * The table rows of a comma-separated list of item ids (what `group_concat(rowid)` answers),
 * read digit by digit: no substring per id. FTS5 lists rowids ascending, so a short forward walk
 * over the ascending `itemId` finds most; a jump or an id out of order is found by binary search. Ids not in
 * the table (written after it was read: the next generation has them) are left out.
 */
export function rowsOfIdList(table: DocTable, list: string | null): Int32Array {
  if (!list) return new Int32Array(0);
  const ids = table.itemId;
  const out = new Int32Array(countIds(list));
  let n = 0;
  let at = 0;
  let id = 0;
  const place = () => {
    // A few steps forward for the next id of an ascending list; a binary search for a jump or
    // an id out of order (a list in name order is all jumps).
    let steps = 0;
    while (at < table.size && ids[at]! < id && steps < 8) { at++; steps++; }
    if ((at < table.size && ids[at]! < id) || (at > 0 && ids[at - 1]! >= id)) at = lowerBound(ids, id);
    if (at < table.size && ids[at] === id) out[n++] = at++;
  };
  for (let i = 0; i < list.length; i++) {
    const c = list.charCodeAt(i);
    if (c === 44 /* , */) { place(); id = 0; } else id = id * 10 + (c - 48);
  }
  place();
  return n === out.length ? out : out.slice(0, n);
}

function countIds(list: string): number {
  let n = 1;
  for (let i = 0; i < list.length; i++) if (list.charCodeAt(i) === 44) n++;
  return n;
}

function lowerBound(sorted: Int32Array, value: number): number {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) { const mid = (lo + hi) >> 1; if (sorted[mid]! < value) lo = mid + 1; else hi = mid; }
  return lo;
}

/** A mark per table row: 1 for the rows given. */
export function rowMarks(table: DocTable, rows: ArrayLike<number>): Uint8Array {
  const marks = new Uint8Array(table.size);
  for (let i = 0; i < rows.length; i++) marks[rows[i]!] = 1;
  return marks;
}

/** The row of one item id, or -1. */
export function rowOfItem(table: DocTable, itemId: number): number {
  const at = lowerBound(table.itemId, itemId);
  return table.itemId[at] === itemId ? at : -1;
}

/**
 * The table of the current generation, read once per generation per process: from the file the
 * publish wrote when there is one (search-snapshot.server.ts), otherwise from SQL.
 */
export class DocTableCache {
  readonly #db: Db;
  #table: DocTable | null = null;
  #loading: Promise<DocTable> | null = null;

  constructor(db: Db) { this.#db = db; }

  async get(): Promise<DocTable> {
    const generation = await indexGeneration(this.#db);
    if (this.#table?.generation === generation) return this.#table;
    this.#loading ??= this.#load(generation).then((t) => (this.#table = t)).finally(() => { this.#loading = null; });
    return this.#loading;
  }

  async #load(generation: number): Promise<DocTable> {
    const file = databaseFileOf(this.#db);
    const written = file === null ? null : await readSnapshotTable(this.#db, file, generation);
    return written ?? loadDocTable(this.#db, generation);
  }
}
