import { afterAll } from 'vitest';
import type { CheckedItem, ItemSource } from '#features/ingest/pipeline/item-source.ts';
import { openItemSource } from '#features/ingest/pipeline/open-item-source.server.ts';
import { openTempDatabase, type TempDatabase } from '#tests/support/temp-database.ts';

export const FIXTURES = new URL('../../fixtures/formats/', import.meta.url).pathname;
export const fixture = (name: string) => FIXTURES + name;

let temp: Promise<TempDatabase> | undefined;
/** One migrated temporary database per test file, closed after its tests. */
function database(): Promise<TempDatabase> {
  if (!temp) {
    temp = openTempDatabase();
    afterAll(async () => (await temp!).close());
  }
  return temp;
}
/** Call at the top level of a test file that reads catalog files. */
export function useCatalogReader(): void {
  void database();
}

/** Reads a whole file through the format readers, for a catalog without a live revision. */
export async function readCatalogFile(path: string, options: { name?: string; currency?: string; now?: Date } = {}): Promise<{ source: ItemSource; checked: CheckedItem[] }> {
  const { database: { db }, mediaDir } = await database();
  const source = await openItemSource(path, options.name ?? path.split('/').pop()!, {
    db, mediaDir, catalog: { id: 1, name: 'Test catalog', currency: options.currency ?? 'EUR', liveRevisionId: null },
    now: options.now ?? new Date('2026-11-29T12:00:00Z'),
  });
  if (!source) throw new Error(`${path} was not recognized as a standard catalog format`);
  const checked: CheckedItem[] = [];
  try {
    for await (const c of source.items) checked.push(c);
  } finally {
    await source.cleanup();
  }
  return { source, checked };
}

export const itemsOf = (checked: CheckedItem[]) => checked.flatMap((c) => (c.item ? [c.item] : []));
export const problemsOf = (checked: CheckedItem[]) => checked.flatMap((c) => c.problems);
