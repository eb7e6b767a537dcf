import type { Db } from '#db/client.ts';

/** What a format reader needs to know about the upload's catalog. */
export interface FormatContext {
  db: Db;
  catalog: { id: number; name: string; currency: string; liveRevisionId: number | null };
  /** When the file is read: chooses among prices by their validity dates. */
  now: Date;
}

/** The live revision an update file changes, or a sentence for the supplier when there is none. */
export function liveRevisionFor(context: FormatContext, what: string): number | string {
  return context.catalog.liveRevisionId
    ?? `This file is ${what}: it changes the live revision of "${context.catalog.name}", but the catalog has none yet. Upload the full catalog first.`;
}
