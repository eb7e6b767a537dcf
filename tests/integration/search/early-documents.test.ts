import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { sql } from 'drizzle-orm';
import { LIGHTING, openSearchWorld, storedGeneration, type SearchWorld } from './search-world.ts';
import { EmbeddedSearchEngine } from '#features/search/embedded-engine.server.ts';
import { NO_FILTERS } from '#features/search/search-port.ts';
import { loadDocTable } from '#features/search/embedded-doc-table.server.ts';
import { readDocumentsEarly, removeReplacedDocuments, removeStrayDocuments, replaceCatalogDocuments, writeDocumentsAhead } from '#features/search/embedded-documents.server.ts';

// A publish reads the revision's search documents and writes them into the index before it
// takes the write lock for the switch, and takes them inside only while the revision's items
// are still the ones they were read from; the replaced revision's go after the commit.

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

  const indexed = (revision: number | null = revisionId) => w.db.all<{ item_id: number; sku: string; name: string }>(sql`SELECT item_id, sku, name FROM search_fts_documents WHERE catalog_id = ${w.ids.tools} AND (revision_id = ${revision} OR ${revision} IS NULL) ORDER BY sku`);
  const liveRevision = async () => (await w.db.all<{ id: number }>(sql`SELECT live_revision_id AS id FROM catalogs WHERE id = ${w.ids.tools}`))[0]!.id;
  const generation = () => storedGeneration(w.db);
  const items = () => w.db.all<{ id: number; sku: string; name: string }>(sql`SELECT id, sku, name FROM items WHERE revision_id = ${revisionId} ORDER BY sku`);

  test('only a revision that may go live is read ahead', async () => {
    const [live] = await w.db.all<{ id: number }>(sql`SELECT live_revision_id AS id FROM catalogs WHERE id = ${w.ids.tools}`);
    expect(await readDocumentsEarly(w.db, live!.id)).toBeNull(); // published: nothing to publish
    expect(await readDocumentsEarly(w.db, 987_654)).toBeNull();
    expect((await readDocumentsEarly(w.db, revisionId))?.documents.map((d) => d.sku).sort()).toEqual(['E-1', 'E-2']);
  });

  test('documents written ahead wait unsearched beside the live ones, and are the ones taken while the items are unchanged', async () => {
    const live = await liveRevision();
    const liveDocuments = await indexed(live);
    const early = (await readDocumentsEarly(w.db, revisionId))!;
    // Told apart from a fresh read by a name the items table does not hold.
    early.documents = early.documents.map((d) => (d.sku === 'E-1' ? { ...d, name: 'Read ahead' } : d));
    const ahead = await writeDocumentsAhead(w.db, early);
    expect((await indexed()).map((d) => d.name)).toEqual(['Read ahead', 'Orbital sander']);
    expect(await indexed(live)).toEqual(liveDocuments);
    // Another catalog's publish meanwhile moves the generation, and its document table is
    // read with these in the index: a buyer searching then finds neither of them.
    await w.publish(w.ids.lighting, LIGHTING);
    const { scope } = await w.scopeOf('buyer');
    const found = await new EmbeddedSearchEngine(w.db).search({ scope, text: 'orbital', filters: NO_FILTERS, sort: 'relevance', page: 1, pageSize: 10 });
    expect(found.total).toBe(0);
    // Nor does a serving process's table hold them: it has the live revisions' documents only.
    const table = await loadDocTable(w.db, await generation());
    const aheadIds = (await indexed()).map((d) => d.item_id);
    expect([...table.itemId].filter((id) => aheadIds.includes(id))).toEqual([]);
    expect([...table.itemId]).toEqual(expect.arrayContaining(liveDocuments.map((d) => d.item_id)));
    const before = await generation();
    await w.db.transaction((tx) => replaceCatalogDocuments(tx, w.ids.tools, revisionId, ahead));
    expect((await indexed()).map((d) => d.name)).toEqual(['Read ahead', 'Orbital sander']);
    expect(await generation()).toBe(before + 1);
    // Not made live here: the replaced documents are this revision's, and removing them leaves the live ones.
    await removeReplacedDocuments(w.db, w.ids.tools);
    expect(await indexed()).toEqual([]);
    expect(await indexed(live)).toEqual(liveDocuments);
  });

  test('items written again after the early read are read again inside the transaction', async () => {
    const ahead = await writeDocumentsAhead(w.db, (await readDocumentsEarly(w.db, revisionId))!);
    const written = await indexed();
    // As a column remap does: the revision's rows deleted and inserted again (new ids), one renamed.
    await w.db.run(sql`CREATE TEMP TABLE again AS SELECT * FROM items WHERE revision_id = ${revisionId}`);
    await w.db.run(sql`DELETE FROM items WHERE revision_id = ${revisionId}`);
    await w.db.run(sql`UPDATE again SET id = NULL, name = CASE sku WHEN 'E-2' THEN 'Random orbital sander' ELSE name END`);
    await w.db.run(sql`INSERT INTO items SELECT * FROM again`);
    await w.db.transaction((tx) => replaceCatalogDocuments(tx, w.ids.tools, revisionId, ahead));
    const now = await items();
    expect(ahead.count).toBe(2);
    expect(now.map((i) => i.id)).not.toEqual(written.map((d) => d.item_id));
    expect(await indexed()).toEqual(now.map((i) => ({ item_id: i.id, sku: i.sku, name: i.name })));
    expect((await indexed()).map((d) => d.name)).toEqual(['Angle grinder 125 mm', 'Random orbital sander']);
  });

  test('documents written ahead and removed since (by another publish of the catalog) are written inside the transaction', async () => {
    const ahead = await writeDocumentsAhead(w.db, (await readDocumentsEarly(w.db, revisionId))!);
    await removeReplacedDocuments(w.db, w.ids.tools);
    expect(await indexed()).toEqual([]);
    await w.db.transaction((tx) => replaceCatalogDocuments(tx, w.ids.tools, revisionId, ahead));
    expect(await indexed()).toEqual((await items()).map((i) => ({ item_id: i.id, sku: i.sku, name: i.name })));
  });

  test('what a publish that died left is removed when the background work starts again, and nothing live with it', async () => {
    const live = await liveRevision();
    const everyLive = () => w.db.all<{ item_id: number }>(sql`SELECT d.item_id FROM search_fts_documents d JOIN catalogs c ON c.id = d.catalog_id AND c.live_revision_id = d.revision_id ORDER BY d.item_id`);
    const liveBefore = await everyLive();
    expect(liveBefore.length).toBeGreaterThan(0);
    await writeDocumentsAhead(w.db, (await readDocumentsEarly(w.db, revisionId))!);
    expect(await indexed()).toHaveLength(2);
    expect(await removeStrayDocuments(w.db)).toBe(1); // one catalog had some
    expect(await indexed()).toEqual([]);
    expect(await liveRevision()).toBe(live);
    expect(await everyLive()).toEqual(liveBefore);
    expect(await removeStrayDocuments(w.db)).toBe(0);
  });

  test('a publish of the ready revision leaves exactly its items in the index for the catalog', async () => {
    await w.makeLive(revisionId);
    expect(await indexed(null)).toEqual((await items()).map((i) => ({ item_id: i.id, sku: i.sku, name: i.name })));
    const { scope } = await w.scopeOf('buyer');
    const found = await new EmbeddedSearchEngine(w.db).search({ scope, text: 'orbital', filters: NO_FILTERS, sort: 'relevance', page: 1, pageSize: 10 });
    expect(found.hits.map((h) => h.sku.map((p) => p.text).join(''))).toEqual(['E-2']);
  });
});
