import { sql, type SQL } from 'drizzle-orm';
import type { Db } from '#db/client.ts';
import type { EngineFacets, EngineHit, EngineHealth, EngineSearchRequest, EngineSearchResult, FacetName, SearchEngine, SearchSort, SearchScope } from './search-port.ts';
import { MAX_TOTAL_HITS } from './search-port.ts';
import type { SearchDocument } from './search-document.ts';
import { compactCode, queryWords } from './normalize-text.ts';
import { planMatch, codeMatch, type MatchPlan } from './fts-match.ts';
import { VocabularyCache } from './embedded-vocabulary.server.ts';
import { scopedFarCorrections, scopedWordLookup } from './scoped-words.server.ts';
import { netPriceSql } from './embedded-scope-sql.ts';
import { childCategorySql, filterSql, orderSql, priceBandSql } from './embedded-query-sql.ts';
import { bandOf } from './price-bands.ts';
import { MARK_END, MARK_START, plainPieces, toPieces } from './highlight.ts';
import { bumpGeneration, deleteEmbeddedDocuments, upsertEmbeddedDocuments, writeCatalogDocuments } from './embedded-documents.server.ts';

/**
 * Ranking weights of bm25 per FTS5 column: name, codes, sku, manufacturer, category_path,
 * description. Why these: see docs/decisions/004-search-ranking.md.
 */
const BM25 = sql.raw('bm25(search_fts, 10.0, 8.0, 6.0, 3.0, 2.0, 1.0)');

interface Row {
  kind: string; key: string | number | null; n: number | null; item_id: number | null; net: number | null; currency: string | null; tier: number | null; catalog_id: number | null;
  score: number | null; name_sort: string | null; sku: string | null;
}

/** SQLite FTS5 inside the same libSQL database: the default engine, nothing else to run. */
export class EmbeddedSearchEngine implements SearchEngine {
  readonly kind = 'embedded' as const;
  readonly #db: Db;
  readonly #vocabulary: VocabularyCache;

  constructor(db: Db) {
    this.#db = db;
    this.#vocabulary = new VocabularyCache(db);
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
    const ideas: string[] = [];
    for (const [i, word] of typed.entries()) {
      if (ideas.length >= 3) break;
      for (const better of await scopedFarCorrections(this.#db, vocabulary, scope, word, 2)) ideas.push(typed.map((w, j) => (j === i ? better : w)).join(' '));
    }
    return ideas.slice(0, 3);
  }

  async search(req: EngineSearchRequest): Promise<EngineSearchResult> {
    const empty: EngineSearchResult = { total: 0, hits: [], facets: { suppliers: [], catalogs: [], manufacturers: [], categories: [], prices: [] }, totalsWithout: {}, corrections: [] };
    if (req.scope.classes.length === 0) return empty;
    const typed = queryWords(req.text);
    // Corrections only from words of items this buyer may see (scoped-words.server.ts).
    const plan = typed.length ? planMatch(typed, await scopedWordLookup(this.#db, await this.#vocabulary.get(), req.scope, typed)) : null;
    const code = compactCode(req.text);
    const match = plan ? (code.length >= 2 ? `(${plan.tolerant}) OR ${codeMatch(code)}` : plan.tolerant) : null;

    const rows = await this.#db.all<Row>(this.#statement(req, plan, match, code));
    const result = this.#collect(rows);
    result.corrections = plan?.corrections ?? [];
    const hitRows = rows.filter((r) => r.kind === 'hit').sort(hitOrder(req.sort));
    result.hits = await this.#highlight(hitRows, match);
    return result;
  }

  #statement(req: EngineSearchRequest, plan: MatchPlan | null, match: string | null, code: string): SQL {
    const catalogIds = sql.join(req.scope.catalogs.map((c) => sql`${c.id}`), sql`, `);
    const net = netPriceSql('d', req.scope.classes);
    const codeTier = code.length >= 2 ? sql`instr(' ' || d.codes || ' ', ${` ${code} `}) > 0` : sql`0`;
    const exactTier = plan && plan.corrections.length ? sql`search_fts.rowid IN (SELECT rowid FROM search_fts WHERE search_fts MATCH ${plan.exact})` : sql`1`;
    const cols0 = sql.raw('d.item_id, d.catalog_id, d.supplier_org_id, d.category_path, d.manufacturer, d.currency, d.name_sort, d.sku');
    const source = match === null
      ? sql`SELECT ${cols0}, ${net} AS net, 1 AS tier, 0.0 AS score FROM search_fts_documents d WHERE d.catalog_id IN (${catalogIds})`
      : sql`SELECT ${cols0}, ${net} AS net, (CASE WHEN ${codeTier} THEN 0 WHEN ${exactTier} THEN 1 ELSE 2 END) AS tier, ${BM25} AS score
            FROM search_fts CROSS JOIN search_fts_documents d ON d.item_id = search_fts.rowid
            WHERE search_fts MATCH ${match} AND d.catalog_id IN (${catalogIds})`;
    const f = req.filters;
    const all = filterSql(f);
    const currencies = [...new Set(req.scope.catalogs.map((c) => c.currency))];
    const pageSize = req.pageSize;
    const offset = Math.min((req.page - 1) * pageSize, MAX_TOTAL_HITS);
    const limit = Math.max(0, Math.min(pageSize, MAX_TOTAL_HITS - offset));
    const cols = (kind: string, key: SQL) => sql`SELECT ${kind} AS kind, ${key} AS key, count(*) AS n, NULL AS item_id, NULL AS net, NULL AS currency, NULL AS tier, NULL AS catalog_id, NULL AS score, NULL AS name_sort, NULL AS sku FROM m`;
    const parts: SQL[] = [
      sql`${cols('total', sql`NULL`)} WHERE ${all}`,
      sql`${cols('supplier', sql`m.supplier_org_id`)} WHERE ${filterSql(f, 'supplier')} GROUP BY 2`,
      sql`${cols('catalog', sql`m.catalog_id`)} WHERE ${filterSql(f, 'catalog')} GROUP BY 2`,
      sql`${cols('manufacturer', sql`m.manufacturer`)} WHERE ${filterSql(f, 'manufacturer')} AND m.manufacturer IS NOT NULL GROUP BY 2`,
      sql`SELECT * FROM (${cols('category', childCategorySql(f.categoryPath))} WHERE ${all} GROUP BY 2) WHERE key IS NOT NULL`,
      sql`${cols('price', priceBandSql(currencies))} WHERE ${filterSql(f, 'price')} GROUP BY 2`,
    ];
    for (const facet of activeFacets(req)) parts.push(sql`${cols('without', sql`${facet}`)} WHERE ${filterSql(f, facet)}`);
    if (limit > 0) {
      // UNION ALL keeps no order: the page's rows carry their sort keys and are sorted again in hitOrder.
      parts.push(sql`SELECT * FROM (SELECT 'hit', NULL, NULL, m.item_id, m.net, m.currency, m.tier, m.catalog_id, m.score, m.name_sort, m.sku
        FROM m WHERE ${all} ORDER BY ${orderSql(req.sort)} LIMIT ${limit} OFFSET ${offset})`);
    }
    return sql`WITH m AS MATERIALIZED (SELECT * FROM (${source}) WHERE net IS NOT NULL) ${sql.join(parts, sql` UNION ALL `)}`;
  }

  #collect(rows: Row[]): EngineSearchResult {
    const facets: EngineFacets = { suppliers: [], catalogs: [], manufacturers: [], categories: [], prices: [] };
    const totalsWithout: EngineSearchResult['totalsWithout'] = {};
    let total = 0;
    for (const r of rows) {
      const n = r.n ?? 0;
      switch (r.kind) {
        case 'total': total = n; break;
        case 'supplier': facets.suppliers.push({ value: Number(r.key), count: n }); break;
        case 'catalog': facets.catalogs.push({ value: Number(r.key), count: n }); break;
        case 'manufacturer': facets.manufacturers.push({ value: String(r.key), count: n }); break;
        case 'category': facets.categories.push({ value: String(r.key), count: n }); break;
        case 'price': {
          const [currency, band] = String(r.key).split(':');
          facets.prices.push({ range: bandOf(currency!, Number(band)), count: n });
          break;
        }
        case 'without': totalsWithout[r.key as FacetName] = n; break;
      }
    }
    sortFacets(facets);
    return { total, hits: [], facets, totalsWithout, corrections: [] };
  }

  async #highlight(hitRows: Row[], match: string | null): Promise<EngineHit[]> {
    if (hitRows.length === 0) return [];
    const ids = sql.join(hitRows.map((r) => sql`${r.item_id}`), sql`, `);
    const marked = new Map<number, { name: string; sku: string; description: string }>();
    if (match !== null) {
      const rows = await this.#db.all<{ id: number; name: string; sku: string; description: string }>(sql`
        SELECT rowid AS id, highlight(search_fts, 0, ${MARK_START}, ${MARK_END}) AS name, highlight(search_fts, 2, ${MARK_START}, ${MARK_END}) AS sku,
               snippet(search_fts, 5, ${MARK_START}, ${MARK_END}, '…', 16) AS description
        FROM search_fts WHERE search_fts MATCH ${match} AND rowid IN (${ids})`);
      for (const r of rows) marked.set(r.id, r);
    } else {
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

/** SQLite's BINARY collation: UTF-8 byte order. */
const binary = (a: string | null, b: string | null) => Buffer.compare(Buffer.from(a ?? ''), Buffer.from(b ?? ''));

/** The order of orderSql, for the page's rows in JavaScript. */
function hitOrder(sort: SearchSort): (a: Row, b: Row) => number {
  const byName = (a: Row, b: Row) => binary(a.name_sort, b.name_sort) || binary(a.sku, b.sku) || a.item_id! - b.item_id!;
  if (sort === 'name') return byName;
  if (sort === 'price') return (a, b) => binary(a.currency, b.currency) || a.net! - b.net! || byName(a, b);
  return (a, b) => a.tier! - b.tier! || a.score! - b.score! || byName(a, b);
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
