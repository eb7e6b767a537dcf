import { Meilisearch } from 'meilisearch';
import type { EngineHealth, EngineSearchRequest, EngineSearchResult, SearchEngine } from './search-port.ts';
import type { SearchDocument } from './search-document.ts';
import { addCatalogDocuments, applySettingsToAll, deleteCatalogDocuments, dropOtherIndexes, replaceCatalogIndex } from './meili-index.server.ts';
import { meiliSearch } from './meili-search.server.ts';

export interface MeiliConfig {
  url: string;
  apiKey?: string;
  /** Index names start with it, so several deployments (or test runs) can share one server. */
  indexPrefix?: string;
  /** Milliseconds per HTTP request. */
  timeoutMs?: number;
}

/**
 * Meilisearch through the official client: one index per catalog, each republished by a fresh
 * index swapped in atomically; every write task awaited, failures thrown (the outbox retries).
 */
export class MeilisearchEngine implements SearchEngine {
  readonly kind = 'meilisearch' as const;
  readonly client: Meilisearch;
  readonly prefix: string;

  constructor(config: MeiliConfig) {
    this.prefix = config.indexPrefix ?? 'vitrine';
    if (!/^[A-Za-z0-9_-]{1,100}$/.test(this.prefix)) throw new Error(`Meilisearch index prefix "${this.prefix}" may use only letters, digits, - and _.`);
    this.client = new Meilisearch({ host: config.url, apiKey: config.apiKey, timeout: config.timeoutMs ?? 10_000 });
  }

  /** Applies the index settings to every catalog index (at start). */
  applySettings(): Promise<number> {
    return applySettingsToAll(this.client, this.prefix);
  }

  /** Deletes indexes of catalogs that no longer exist and half-built ones (reindex). */
  dropIndexesExcept(catalogIds: ReadonlySet<number>): Promise<number> {
    return dropOtherIndexes(this.client, this.prefix, catalogIds);
  }

  replaceCatalog(catalogId: number, documents: readonly SearchDocument[]): Promise<void> {
    return replaceCatalogIndex(this.client, this.prefix, catalogId, documents);
  }

  async indexDocuments(documents: readonly SearchDocument[]): Promise<void> {
    const byCatalog = new Map<number, SearchDocument[]>();
    for (const d of documents) byCatalog.set(d.catalogId, [...(byCatalog.get(d.catalogId) ?? []), d]);
    for (const [catalogId, docs] of byCatalog) await addCatalogDocuments(this.client, this.prefix, catalogId, docs);
  }

  removeDocuments(catalogId: number, itemIds: readonly number[]): Promise<void> {
    return deleteCatalogDocuments(this.client, this.prefix, catalogId, itemIds);
  }

  search(request: EngineSearchRequest): Promise<EngineSearchResult> {
    return meiliSearch(this.client, this.prefix, request);
  }

  /** Meilisearch corrects typos itself and keeps no word list we could offer. */
  async spellingIdeas(): Promise<string[]> {
    return [];
  }

  async health(): Promise<EngineHealth> {
    try {
      await this.client.health();
      return { engine: 'meilisearch', ok: true, detail: 'available' };
    } catch (e) {
      return { engine: 'meilisearch', ok: false, detail: describeSearchError(e) };
    }
  }
}

/** A short reason for logs, the outbox and /healthz; never the API key. */
export function describeSearchError(e: unknown): string {
  if (e instanceof Error) {
    const cause = e.cause instanceof Error ? `: ${e.cause.message}` : '';
    return `${e.name}: ${e.message}${cause}`.slice(0, 500);
  }
  return String(e).slice(0, 500);
}
