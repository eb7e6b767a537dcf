import type { EngineHealth, EngineSearchRequest, EngineSearchResult, SearchEngine, SearchScope } from './search-port.ts';
import type { SearchDocument } from './search-document.ts';

/**
 * Searches the primary engine (Meilisearch) and, when it cannot answer, the embedded one:
 * the embedded index is always current (written in the publish transaction), so buyers keep
 * searching through a Meilisearch outage. Writes go to the primary only.
 */
export class FallbackSearchEngine implements SearchEngine {
  readonly kind: SearchEngine['kind'];
  readonly #primary: SearchEngine;
  readonly #fallback: SearchEngine;
  readonly #log: (line: string) => void;

  constructor(primary: SearchEngine, fallback: SearchEngine, log: (line: string) => void = console.error) {
    this.kind = primary.kind;
    this.#primary = primary;
    this.#fallback = fallback;
    this.#log = log;
  }

  replaceCatalog(catalogId: number, documents: readonly SearchDocument[]): Promise<void> { return this.#primary.replaceCatalog(catalogId, documents); }
  indexDocuments(documents: readonly SearchDocument[]): Promise<void> { return this.#primary.indexDocuments(documents); }
  removeDocuments(catalogId: number, itemIds: readonly number[]): Promise<void> { return this.#primary.removeDocuments(catalogId, itemIds); }
  health(): Promise<EngineHealth> { return this.#primary.health(); }

  async search(request: EngineSearchRequest): Promise<EngineSearchResult> {
    try {
      return await this.#primary.search(request);
    } catch (e) {
      this.#log(`search: ${this.#primary.kind} failed, answered by ${this.#fallback.kind}: ${e instanceof Error ? e.message : String(e)}`);
      return this.#fallback.search(request);
    }
  }

  /** The primary's ideas, else the embedded word list's (the caller checks each idea finds items). */
  async spellingIdeas(text: string, scope: SearchScope): Promise<string[]> {
    const ideas = await this.#primary.spellingIdeas(text, scope).catch(() => []);
    return ideas.length ? ideas : this.#fallback.spellingIdeas(text, scope);
  }
}
