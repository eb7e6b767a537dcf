import type { SearchDocument } from './search-document.ts';

/** A search document as Meilisearch stores it (primary key `id`). */
export interface MeiliDocument extends Omit<SearchDocument, 'itemId'> { id: number }

export function toMeiliDocument(d: SearchDocument): MeiliDocument {
  const { itemId, ...rest } = d;
  return { id: itemId, ...rest };
}

/** Index uid of a catalog: one index per catalog, so a republished catalog can be swapped in whole. */
export function catalogIndexUid(prefix: string, catalogId: number): string {
  return `${prefix}_catalog_${catalogId}`;
}

export function buildIndexUid(prefix: string, catalogId: number): string {
  return `${catalogIndexUid(prefix, catalogId)}_next`;
}
