import { sql } from 'drizzle-orm';
import type { Db } from '#db/client.ts';
import type { EngineFacets, EngineHit, EngineHealth, EngineSearchRequest, EngineSearchResult, FacetName, SearchEngine, SearchScope } from './search-port.ts';
import type { SearchDocument } from './search-document.ts';
import { compactCode, queryWords } from './normalize-text.ts';
import { planMatch, codeMatch, type MatchPlan } from './fts-match.ts';
import { EVERY_FIELD, fieldBit, fieldsHoldingAll, type FtsColumn } from './fts-fields.ts';
import { VocabularyCache } from './embedded-vocabulary.server.ts';
import { scopedFarCorrections, scopedWordLookup, type ScopeRows } from './scoped-words.server.ts';
import { MARK_START, plainPieces, toPieces } from './highlight.ts';
import { LruCache } from '#kernel/lru.ts';
import { EmbeddedHighlighter, type MarkedText } from './embedded-highlighter.server.ts';
import { DocTableCache, rowMarks, rowOfItem, rowsOfIdList, type DocTable } from './embedded-doc-table.server.ts';
import { scopeNetPrices } from './embedded-scope-prices.ts';
import { evaluateCandidates, type Candidates } from './embedded-result.ts';
import { bumpGeneration, deleteEmbeddedDocuments, upsertEmbeddedDocuments, writeCatalogDocuments } from './embedded-documents.server.ts';

/**
 * Ranking weights of bm25 per FTS5 column: name, codes, sku, manufacturer, category_path,
 * description. Why these: see docs/decisions/004-search-ranking.md.
 */
const BM25 = sql.raw('bm25(search_fts, 10.0, 8.0, 6.0, 3.0, 2.0, 1.0)');
/** The same weights for ranking past RANK_CAP matches (description, the rest, is 1). */
const FIELD_WEIGHTS: ReadonlyArray<readonly [FtsColumn, number]> = [['name', 10], ['codes', 8], ['sku', 6], ['manufacturer', 3], ['category_path', 2]];
/** Candidates from which the code tier searches all codes at once (a 2 MB text: about a millisecond) instead of each candidate's. */
const MARK_CODES_FROM = 5_000;
/** Matches beyond which relevance ranks by best field instead of bm25 (see #matching). */
export const RANK_CAP = 1_000;

interface Row {
  kind: string; key: string | number | null; n: number | null; item_id: number | null; net: number | null; currency: string | null; tier: number | null; catalog_id: number | null;
  score: number | null; name_sort: string | null; sku: string | null;
}

/** SQLite FTS5 inside the same libSQL database: the default engine, nothing else to run. */
export class EmbeddedSearchEngine implements SearchEngine {
  readonly kind = 'embedded' as const;
  readonly #db: Db;
  readonly #vocabulary: VocabularyCache;
  readonly #documents: DocTableCache;
  readonly #kept: LruCache<Candidates>;
  readonly #highlighter: EmbeddedHighlighter;
  readonly #markCodesFrom: number;
  readonly #floorFromCounts: boolean;
  readonly #fieldsFromWords: boolean;

  /**
   * `matchesKept`: how many queries' matches to keep for the next search (0: none; benches
   * measure both). `markCodesFrom`: see MARK_CODES_FROM. `floorFromCounts` (default true): skip
   * the bm25 pass when the word counts say it would be cut off; `fieldsFromWords` (default true):
   * past the cap, ask only the fields the word list says the words share (tests compare both ways).
   */
  constructor(db: Db, options: { matchesKept?: number; markCodesFrom?: number; floorFromCounts?: boolean; fieldsFromWords?: boolean } = {}) {
    this.#db = db;
    this.#markCodesFrom = options.markCodesFrom ?? MARK_CODES_FROM;
    this.#floorFromCounts = options.floorFromCounts ?? true;
    this.#fieldsFromWords = options.fieldsFromWords ?? true;
    this.#vocabulary = new VocabularyCache(db);
    this.#documents = new DocTableCache(db);
    this.#highlighter = new EmbeddedHighlighter(db);
    this.#kept = new LruCache<Candidates>({ maxEntries: options.matchesKept ?? 512, maxSize: 32 * 1024 * 1024, sizeOf: (c) => c.rows.length * 4 + c.tiers.byteLength + (c.scores?.byteLength ?? 0) });
  }

  async replaceCatalog(catalogId: number, documents: readonly SearchDocument[]): Promise<void> {
    await this.#db.transaction((tx) => writeCatalogDocuments(tx, catalogId, documents));
  }

  async indexDocuments(documents: readonly SearchDocument[]): Promise<void> {
    await this.#db.transaction(async (tx) => { await upsertEmbeddedDocuments(tx, documents); await bumpGeneration(tx); });
  }

  async removeDocuments(catalogId: number, itemIds: readonly number[]): Promise<void> {
    await this.#db.transaction(async (tx) => { await deleteEmbeddedDocuments(tx, catalogId, itemIds); await bumpGeneration(tx); });
  }

  async health(): Promise<EngineHealth> {
    const [row] = await this.#db.all<{ n: number }>(sql`SELECT count(*) AS n FROM search_fts_documents`);
    return { engine: 'embedded', ok: true, detail: `${row?.n ?? 0} documents` };
  }

  async spellingIdeas(text: string, scope: SearchScope): Promise<string[]> {
    const typed = queryWords(text);
    const vocabulary = await this.#vocabulary.get();
    const rows = await this.#scopeRows(scope);
    const ideas: string[] = [];
    for (const [i, word] of typed.entries()) {
      if (ideas.length >= 3) break;
      for (const better of await scopedFarCorrections(rows, vocabulary, word, 2)) ideas.push(typed.map((w, j) => (j === i ? better : w)).join(' '));
    }
    return ideas.slice(0, 3);
  }

  async search(req: EngineSearchRequest): Promise<EngineSearchResult> {
    const empty: EngineSearchResult = { total: 0, hits: [], facets: { suppliers: [], catalogs: [], manufacturers: [], categories: [], prices: [] }, totalsWithout: {}, corrections: [] };
    if (req.scope.classes.length === 0) return empty;
    const typed = queryWords(req.text);
    const scoped = await this.#scopeRows(req.scope);
    const { table, nets } = scoped;
    const vocabulary = typed.length ? await this.#vocabulary.get() : null;
    // A word list of the table's generation holds every term of its documents, so it can say
    // which typed words no longer word begins (fts-match.ts); an older one cannot.
    const current = vocabulary !== null && this.#vocabulary.generationOf(vocabulary) === table.generation;
    // Corrections only from words of items this buyer may see (scoped-words.server.ts).
    const plan = vocabulary ? planMatch(typed, await scopedWordLookup(scoped, vocabulary, typed), current ? (word) => vocabulary.isOnlyTermStartingWith(word) : undefined) : null;
    const code = compactCode(req.text);
    // One typed word that is its own code ("w0300", "piece") already matches a code holding it,
    // codes being a column like the others: asking again for the codes column only made FTS5
    // read that word's matches twice (3 ms more for a word in most items).
    const codeAlsoAsked = code.length >= 2 && !(typed.length === 1 && typed[0] === code);
    const match = plan ? (codeAlsoAsked ? `(${plan.tolerant}) OR ${codeMatch(code)}` : plan.tolerant) : null;

    // Each typed word matches at least the documents holding it as typed, so their counts put a
    // floor under the matches (inclusion-exclusion for several words); known only from a word
    // list of the table's generation.
    const atLeast = current && vocabulary && this.#floorFromCounts ? matchesAtLeast(typed.map((word) => vocabulary.documentsWith(word)), table.size) : 0;
    // The same list says which fields hold its terms, so which fields the words can share.
    const fields = current && vocabulary && plan && this.#fieldsFromWords ? fieldsHoldingAll(plan, vocabulary) : EVERY_FIELD;
    const candidates = match === null ? everyVisibleRow(table, nets) : await this.#matching(table, plan!, match, code, req.sort === 'relevance', atLeast, fields);
    const { result, page } = await evaluateCandidates(table, nets, candidates, req);
    sortFacets(result.facets);
    result.corrections = plan?.corrections ?? [];
    const hitRows: Row[] = page.map((p) => ({
      kind: 'hit', key: null, n: null, item_id: table.itemId[p.row]!, net: p.net, currency: table.currencies[table.currency[p.row]!]!, tier: p.tier,
      catalog_id: table.catalogId[p.row]!, score: null, name_sort: null, sku: table.sku.at(p.row),
    }));
    result.hits = await this.#highlight(hitRows, match);
    return result;
  }

  /**
   * Reads what searches need (the document table, the vocabulary) when the index has changed
   * since the last read, and nothing otherwise (one small query): called in the background so
   * the first search after a start or a publish does not wait for it.
   */
  async warm(): Promise<void> {
    await this.#documents.get();
    await this.#vocabulary.get();
  }

  async #scopeRows(scope: SearchScope): Promise<ScopeRows> {
    const table = await this.#documents.get();
    return { db: this.#db, table, nets: await scopeNetPrices(table, scope.classes) };
  }

  /**
   * The rows FTS5 matches, read as one string per query: thousands of matches cost one row, not
   * thousands, between SQLite and JavaScript. For relevance, up to RANK_CAP matches are scored
   * with bm25; beyond that bm25 alone would cost more than everything else (150 ms for 100,000
   * matches), so they are ranked by the most important field the words match in, as
   * Meilisearch's attribute rule does, one cheap column-filtered query per field.
   */
  async #matching(table: DocTable, plan: MatchPlan, match: string, code: string, relevance: boolean, atLeast: number, fields: number): Promise<Candidates> {
    // A query's matches do not depend on the buyer: kept per index generation, they make the
    // next buyer's same search, every facet click and every further page of it skip FTS5 (and
    // the same search asked twice at once runs once).
    // Bounded by count and by bytes (a word in every item keeps 100,000 rows: under 1 MB).
    const key = `${table.generation}\u0000${relevance}\u0000${code}\u0000${plan.exact}\u0000${match}`;
    return this.#kept.load(key, () => this.#match(table, plan, match, code, relevance, atLeast, fields));
  }

  async #match(table: DocTable, plan: MatchPlan, match: string, code: string, relevance: boolean, atLeast: number, fields: number): Promise<Candidates> {
    // For relevance, bm25 over at most RANK_CAP + 1 matches first: all of them for most queries,
    // in one FTS5 pass instead of a list and then the scores. Not when the word counts already
    // say there are more: bm25 reads every match of a word to count them, so that pass cost as
    // much as the list itself (5-6 ms for a word in 70,000 of 100,000 items) only to be cut off.
    const scored = relevance && atLeast <= RANK_CAP ? await this.#scored(table, match, RANK_CAP + 1) : null;
    let rows: Int32Array;
    let scores: Float64Array | null = null;
    if (scored?.complete) ({ rows, scores } = scored);
    else {
      rows = rowsOfIdList(table, await this.#idList(match));
      if (relevance) scores = await this.#fieldScores(table, rows, plan.tolerant, fields);
    }
    const exact = plan.corrections.length ? rowMarks(table, rowsOfIdList(table, await this.#idList(plan.exact))) : null;
    const tiers = new Uint8Array(rows.length);
    const codeText = code.length >= 2 ? ` ${code} ` : null;
    // For many candidates, the rows whose codes hold the typed code are found in one search of
    // the packed codes rather than by cutting out each candidate's (100,000 for a broad query).
    const byCode = codeText !== null && rows.length >= this.#markCodesFrom ? table.codes.markContaining(codeText) : null;
    const hasCode = (row: number) => (byCode ? byCode[row] === 1 : codeText !== null && table.codes.at(row).includes(codeText));
    for (let i = 0; i < rows.length; i++) {
      const row = rows[i]!;
      tiers[i] = hasCode(row) ? 0 : exact === null || exact[row] ? 1 : 2;
    }
    return { rows, tiers, scores };
  }

  async #idList(match: string): Promise<string | null> {
    const [found] = await this.#db.all<{ list: string | null }>(sql`SELECT group_concat(rowid) AS list FROM search_fts WHERE search_fts MATCH ${match}`);
    return found?.list ?? null;
  }

  /** The first `limit` matches with their bm25 scores; `complete` when there are no more. */
  async #scored(table: DocTable, match: string, limit: number): Promise<{ rows: Int32Array; scores: Float64Array; complete: boolean }> {
    const [found] = await this.#db.all<{ list: string | null; n: number }>(sql`WITH s AS MATERIALIZED (SELECT rowid AS id, ${BM25} AS b FROM search_fts WHERE search_fts MATCH ${match} LIMIT ${limit}) SELECT group_concat(id || ':' || b) AS list, count(*) AS n FROM s`);
    const rows: number[] = [];
    const scores: number[] = [];
    for (const entry of found?.list ? found.list.split(',') : []) {
      const colon = entry.indexOf(':');
      const row = rowOfItem(table, Number(entry.slice(0, colon)));
      if (row < 0) continue; // written after the table was read: the next generation has it
      rows.push(row);
      scores.push(Number(entry.slice(colon + 1)));
    }
    return { rows: Int32Array.from(rows), scores: Float64Array.from(scores), complete: (found?.n ?? 0) < limit };
  }

  /**
   * Minus the weight of the best field each row's words all match in (description: -1), lower
   * first like bm25. Only `fields` are asked: each query reads every match of the words (about
   * 2 ms for a word in 100,000 items), even when the field holds none of them.
   */
  async #fieldScores(table: DocTable, rows: Int32Array, words: string, fields: number): Promise<Float64Array> {
    const best = new Int8Array(table.size);
    const asked = FIELD_WEIGHTS.filter(([column]) => (fields & fieldBit(column)) !== 0);
    // Of several, first which rows match in any of them: for a word every description holds,
    // often none do, and one query settles it. A single field is asked directly, to the end.
    let left = asked.length > 1 ? rowsOfIdList(table, await this.#idList(`{${asked.map(([column]) => column).join(' ')}} : (${words})`)).length : Number.POSITIVE_INFINITY;
    for (const [column, weight] of asked) {
      if (left === 0) break;
      for (const row of rowsOfIdList(table, await this.#idList(`{${column}} : (${words})`))) if (best[row] === 0) { best[row] = weight; left--; }
    }
    const scores = new Float64Array(rows.length);
    for (let i = 0; i < rows.length; i++) scores[i] = -(best[rows[i]!] || 1);
    return scores;
  }

  async #highlight(hitRows: Row[], match: string | null): Promise<EngineHit[]> {
    if (hitRows.length === 0) return [];
    let marked = new Map<number, MarkedText>();
    if (match !== null) {
      marked = await this.#highlighter.mark(hitRows.map((r) => r.item_id!), match);
    } else {
      const ids = sql.join(hitRows.map((r) => sql`${r.item_id}`), sql`, `);
      const rows = await this.#db.all<{ id: number; name: string; sku: string }>(sql`SELECT item_id AS id, name, sku FROM search_fts_documents WHERE item_id IN (${ids})`);
      for (const r of rows) marked.set(r.id, { ...r, description: '' });
    }
    return hitRows.map((r) => {
      const m = marked.get(r.item_id!) ?? { name: '', sku: '', description: '' };
      const codeMatch = r.tier === 0;
      const sku = codeMatch && !m.sku.includes(MARK_START) ? [{ text: m.sku, match: true }] : toPieces(m.sku);
      return {
        itemId: r.item_id!, catalogId: r.catalog_id!, netMinor: r.net!, currency: r.currency!, codeMatch,
        name: match === null ? plainPieces(m.name) : toPieces(m.name), sku,
        description: m.description.includes(MARK_START) ? toPieces(m.description) : [],
      };
    });
  }
}

/** Every row the scope shows (the empty query: browsing by facets). */
function everyVisibleRow(table: DocTable, nets: Float64Array): Candidates {
  const rows = new Int32Array(table.size);
  let n = 0;
  for (let r = 0; r < table.size; r++) if (!Number.isNaN(nets[r]!)) rows[n++] = r;
  return { rows: rows.subarray(0, n), tiers: new Uint8Array(n).fill(1), scores: null };
}

export function activeFacets(req: EngineSearchRequest): FacetName[] {
  const f = req.filters;
  const out: FacetName[] = [];
  if (f.supplierIds.length) out.push('supplier');
  if (f.catalogIds.length) out.push('catalog');
  if (f.categoryPath !== null) out.push('category');
  if (f.manufacturers.length) out.push('manufacturer');
  if (f.price) out.push('price');
  return out;
}

/** Most items first, then by value; price bands in price order. Shared by both engines. */
export function sortFacets(facets: EngineFacets): void {
  const byCount = <K>(a: { value: K; count: number }, b: { value: K; count: number }) => b.count - a.count || String(a.value).localeCompare(String(b.value));
  facets.suppliers.sort(byCount);
  facets.catalogs.sort(byCount);
  facets.manufacturers.sort(byCount);
  facets.categories.sort((a, b) => a.value.localeCompare(b.value));
  facets.prices.sort((a, b) => a.range.currency.localeCompare(b.range.currency) || a.range.loMinor - b.range.loMinor);
}

/**
 * The fewest documents an AND of words can match, given how many documents hold each word out of
 * `documents`: every document lacks at most all but one of them (inclusion-exclusion).
 */
export function matchesAtLeast(documentsWithEach: readonly number[], documents: number): number {
  if (documentsWithEach.length === 0) return 0;
  const sum = documentsWithEach.reduce((total, n) => total + n, 0);
  return Math.max(0, sum - (documentsWithEach.length - 1) * documents);
}
