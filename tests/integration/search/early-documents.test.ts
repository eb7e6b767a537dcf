import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { sql } from 'drizzle-orm';
import { openSearchWorld, type SearchWorld } from './search-world.ts';
import { readDocumentsEarly, replaceCatalogDocuments } from '#features/search/embedded-documents.server.ts';

// A publish reads the revision's search documents before it takes the write lock, and takes
// them inside only while the revision's items are still the ones they were read from.

describe('search documents read before the publish transaction', () => {
  let w: SearchWorld;
  let revisionId: number;
  beforeAll(async () => {
    w = await openSearchWorld();
    const path = join(w.dir, 'next-tools.csv');
    writeFileSync(path, ['SKU,Name,Category,Price,Manufacturer', 'E-1,Angle grinder 125 mm,Tools > Grinders,79.00,Bosch', 'E-2,Orbital sander,Tools > Sanders,59.00,Makita'].join('\n'));
    const { outcome, revision } = await w.readRevision(w.ids.tools, path, 'prices.csv');
    expect(outcome.state).toBe('ready');
    revisionId = revision.id;
  }, 120_000);
  afterAll(() => w.close());

  const indexed = () => w.db.all<{ item_id: number; sku: string; name: string }>(sql`SELECT item_id, sku, name FROM search_fts_documents WHERE catalog_id = ${w.ids.tools} ORDER BY sku`);
  const items = () => w.db.all<{ id: number; sku: string; name: string }>(sql`SELECT id, sku, name FROM items WHERE revision_id = ${revisionId} ORDER BY sku`);

  test('only a revision that may go live is read ahead', async () => {
    const [live] = await w.db.all<{ id: number }>(sql`SELECT live_revision_id AS id FROM catalogs WHERE id = ${w.ids.tools}`);
    expect(await readDocumentsEarly(w.db, live!.id)).toBeNull(); // published: nothing to publish
    expect(await readDocumentsEarly(w.db, 987_654)).toBeNull();
    expect((await readDocumentsEarly(w.db, revisionId))?.documents.map((d) => d.sku).sort()).toEqual(['E-1', 'E-2']);
  });

  test('documents read ahead are the ones indexed while the items are unchanged', async () => {
    const early = (await readDocumentsEarly(w.db, revisionId))!;
    // Told apart from a fresh read by a name the items table does not hold.
    early.documents = early.documents.map((d) => (d.sku === 'E-1' ? { ...d, name: 'Read ahead' } : d));
    await w.db.transaction((tx) => replaceCatalogDocuments(tx, w.ids.tools, revisionId, early));
    expect((await indexed()).map((d) => d.name)).toEqual(['Read ahead', 'Orbital sander']);
  });

  test('items written again after the early read are read again inside the transaction', async () => {
    const early = (await readDocumentsEarly(w.db, revisionId))!;
    // As a column remap does: the revision's rows deleted and inserted again (new ids), one renamed.
    await w.db.run(sql`CREATE TEMP TABLE again AS SELECT * FROM items WHERE revision_id = ${revisionId}`);
    await w.db.run(sql`DELETE FROM items WHERE revision_id = ${revisionId}`);
    await w.db.run(sql`UPDATE again SET id = NULL, name = CASE sku WHEN 'E-2' THEN 'Random orbital sander' ELSE name END`);
    await w.db.run(sql`INSERT INTO items SELECT * FROM again`);
    await w.db.transaction((tx) => replaceCatalogDocuments(tx, w.ids.tools, revisionId, early));
    const now = await items();
    expect(now.map((i) => i.id)).not.toEqual(early.documents.map((d) => d.itemId).sort((a, b) => a - b));
    expect(await indexed()).toEqual(now.map((i) => ({ item_id: i.id, sku: i.sku, name: i.name })));
    expect((await indexed()).map((d) => d.name)).toEqual(['Angle grinder 125 mm', 'Random orbital sander']);
  });

  test('a publish of the ready revision indexes exactly its items', async () => {
    await w.makeLive(revisionId);
    expect(await indexed()).toEqual((await items()).map((i) => ({ item_id: i.id, sku: i.sku, name: i.name })));
  });
});
