import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { mkdirSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { serialize } from 'node:v8';
import { sql } from 'drizzle-orm';
import { LIGHTING, openSearchWorld, storedGeneration, TOOLS, type SearchWorld } from './search-world.ts';
import { databaseFileOf } from '#db/database-file.ts';
import { EmbeddedSearchEngine } from '#features/search/embedded-engine.server.ts';
import { loadDocTable } from '#features/search/embedded-doc-table.server.ts';
import { readVocabularyWords, withTermStarts } from '#features/search/embedded-vocabulary.server.ts';
import { serializeInParts } from '#kernel/serialized-in-parts.ts';
import type { PackedStrings } from '#kernel/packed-strings.ts';
import { prepareSearchSnapshot, readSnapshotTable, readSnapshotWords, removeTableAhead, writeTableAhead, type TableAhead } from '#features/search/search-snapshot.server.ts';
import { readDocumentsEarly, removeReplacedDocuments, replaceCatalogDocuments, writeDocumentsAhead } from '#features/search/embedded-documents.server.ts';
import { makeRevisionLive, PublishRefused } from '#features/catalogs/publish-revision.server.ts';
import { leaveSearchSnapshots } from '#features/search/search-snapshot-setting.ts';
import { NO_FILTERS } from '#features/search/search-port.ts';
import { FTS_COLUMNS, fieldBit } from '#features/search/fts-fields.ts';

// A publish reads the search state once (the document table in its transaction, the word list
// just after) and leaves it beside the database file for every serving process; these check
// that what they read from it is what SQL holds, and that nothing half-written or stale is used.
describe('a publish leaves the search state for the serving processes', () => {
  let w: SearchWorld;
  let file: string;
  beforeAll(async () => { w = await openSearchWorld(); file = databaseFileOf(w.db)!; }, 120_000);
  afterAll(() => w.close());

  const generation = () => storedGeneration(w.db);
  const stateFiles = () => readdirSync(dirname(file)).filter((n) => n.startsWith(`${basename(file)}.search-`)).sort();
  const grinder = (sku: string, name: string) => [...TOOLS, [sku, name, 'Tools > Grinders', '80.00', 'Makita']] as typeof TOOLS;
  const findSkus = async (engine: EmbeddedSearchEngine, text: string) => {
    const { scope } = await w.scopeOf('buyer');
    const found = await engine.search({ scope, text, filters: NO_FILTERS, sort: 'relevance', page: 1, pageSize: 50 });
    return found.hits.map((h) => `${h.sku.map((p) => p.text).join('')} ${h.netMinor}`);
  };

  test('what the file holds equals what SQL holds after the publish', async () => {
    await w.publish(w.ids.tools, grinder('G-1', 'Angle grinder 125 mm'));
    const g = await generation();
    expect(stateFiles()).toEqual(expect.arrayContaining([`${basename(file)}.search-table-${g}`, `${basename(file)}.search-words-${g}`]));
    const fromFile = await readSnapshotTable(w.db, file, g);
    const fromSql = await loadDocTable(w.db, g);
    expect(fromFile).toEqual(fromSql);
    const all = (strings: PackedStrings) => Array.from({ length: strings.size }, (_, i) => strings.at(i));
    expect(all(fromFile!.sku)).toEqual(all(fromSql.sku));
    expect(all(fromFile!.codes)).toEqual(all(fromSql.codes));
    expect(all(fromFile!.sku)).toContain('G-1');

    const words = await readSnapshotWords(w.db, file, g);
    const read = withTermStarts(await readVocabularyWords(w.db));
    expect({ sorted: words!.sorted, counts: words!.counts }).toEqual({ sorted: read.sorted, counts: read.counts });
    expect(all(words!.packed!)).toEqual(read.joined.split('\n'));
    expect(words!.counts.get('grinder')).toBe(1);
    // Each term's fields: "grinder" is in a name and a category path ("Tools > Grinders" folds to another word).
    const terms = read.joined.split('\n');
    const fieldsOf = (term: string) => FTS_COLUMNS.filter((column) => (words!.fields![terms.indexOf(term)]! & fieldBit(column)) !== 0);
    expect(words!.fields).toHaveLength(terms.length);
    expect(fieldsOf('grinder')).toEqual(['name']);
    expect(fieldsOf('grinders')).toEqual(['category_path']);
    expect(fieldsOf('g')).toEqual(['sku']); // "G-1" as words
    expect(fieldsOf('g1')).toEqual(['codes']); // and as one code
    expect(words!.fields!.every((f) => f !== 0)).toBe(true);
  });

  test('a serving process starting now finds the published item at the buyer\'s price (10 % off 80.00)', async () => {
    expect(await findSkus(new EmbeddedSearchEngine(w.db), 'grinder')).toEqual(['G-1 7200']);
    // The corrections come from the same word list: a typo of the new word is corrected.
    const { scope } = await w.scopeOf('buyer');
    const typo = await new EmbeddedSearchEngine(w.db).search({ scope, text: 'grindre', filters: NO_FILTERS, sort: 'relevance', page: 1, pageSize: 5 });
    expect(typo.corrections).toEqual([{ word: 'grindre', replacements: ['grinder'] }]);
  });

  test('only the two newest generations stay, and no temporary file is left', async () => {
    await w.publish(w.ids.tools, grinder('G-2', 'Bench grinder 150 mm'));
    await w.publish(w.ids.tools, grinder('G-3', 'Die grinder 6 mm'));
    const g = await generation();
    expect(stateFiles()).toEqual([g - 1, g].flatMap((n) => [`${basename(file)}.search-table-${n}`, `${basename(file)}.search-words-${n}`]).sort());
  });

  test('a refused publish writes no file and announces none', async () => {
    const before = stateFiles();
    const [live] = await w.db.all<{ id: number }>(sql`SELECT live_revision_id AS id FROM catalogs WHERE id = ${w.ids.tools}`);
    await expect(makeRevisionLive(w.db, live!.id, { id: null, email: null }, new Date())).rejects.toBeInstanceOf(PublishRefused);
    expect(stateFiles()).toEqual(before);
    const [marker] = await w.db.all<{ value: number }>(sql`SELECT value FROM search_fts_state WHERE key = 'search_snapshot'`);
    expect(marker!.value).toBe(await generation());
  });

  test('a publish rolled back after its table file was written leaves no file, and search goes on as before', async () => {
    const before = stateFiles();
    const g = await generation();
    // The publish fails after the search documents and their file are written: at its audit line.
    await w.db.run(sql`CREATE TRIGGER refuse_audit BEFORE INSERT ON audit_events WHEN NEW.kind = 'revision-published' BEGIN SELECT RAISE(ABORT, 'audit refused'); END`);
    try {
      await expect(w.publish(w.ids.tools, grinder('G-10', 'Rolled back grinder'))).rejects.toThrow(/audit_events/);
    } finally {
      await w.db.run(sql`DROP TRIGGER refuse_audit`);
    }
    expect(await generation()).toBe(g);
    expect(stateFiles()).toEqual(before); // the table written ahead, under its temporary name, is gone too
    expect(await findSkus(new EmbeddedSearchEngine(w.db), 'rolled back grinder')).toEqual([]);
    // And so are its search documents, written ahead of the switch.
    const [ahead] = await w.db.all<{ n: number }>(sql`SELECT count(*) AS n FROM search_fts_documents d JOIN catalogs c ON c.id = d.catalog_id
      WHERE d.catalog_id = ${w.ids.tools} AND d.revision_id <> c.live_revision_id`);
    expect(ahead!.n).toBe(0);
  });

  test('when the announced file is gone, a serving process reads SQL and still finds the new item', async () => {
    await w.publish(w.ids.tools, grinder('G-4', 'Straight grinder 50 mm'));
    for (const name of stateFiles()) rmSync(join(dirname(file), name));
    expect(await findSkus(new EmbeddedSearchEngine(w.db), 'straight grinder')).toEqual(['G-4 7200']);
  });

  test('a file another V8 wrote is not used', async () => {
    await w.publish(w.ids.tools, grinder('G-5', 'Pneumatic grinder'));
    const g = await generation();
    // The generation's file replaced, before anything read it, by one a made-up V8 wrote: deserialising it here could misread it.
    writeFileSync(`${file}.search-table-${g}`, serializeInParts({ format: 7, v8: '0.0.0-elsewhere', id: 1, generation: g }, { generation: g }));
    expect(await readSnapshotTable(w.db, file, g)).toBeNull();
    expect(await findSkus(new EmbeddedSearchEngine(w.db), 'pneumatic grinder')).toEqual(['G-5 7200']);
  });

  test('a file in the format of an earlier version (one object, serialised whole) is not used', async () => {
    await w.publish(w.ids.tools, grinder('G-6', 'Random orbit grinder'));
    const g = await generation();
    const [marker] = await w.db.all<{ value: number }>(sql`SELECT value FROM search_fts_state WHERE key = 'search_snapshot_id'`);
    writeFileSync(`${file}.search-table-${g}`, serialize({ format: 4, v8: process.versions.v8, id: marker!.value, generation: g, content: await loadDocTable(w.db, g) }));
    expect(await readSnapshotTable(w.db, file, g)).toBeNull();
    expect(await findSkus(new EmbeddedSearchEngine(w.db), 'random orbit grinder')).toEqual(['G-6 7200']);
  });

  test('a file in the format of the version before (each field through V8\'s serialisation) is not used', async () => {
    await w.publish(w.ids.tools, grinder('G-12', 'Bevel grinder'));
    const g = await generation();
    const [marker] = await w.db.all<{ value: number }>(sql`SELECT value FROM search_fts_state WHERE key = 'search_snapshot_id'`);
    // That layout: each part's byte length, then its V8 serialisation, the header first.
    const fields = { generation: g };
    const parts = [serialize({ format: 5, v8: process.versions.v8, id: marker!.value, generation: g, parts: Object.keys(fields) }), serialize(g)];
    writeFileSync(`${file}.search-table-${g}`, Buffer.concat(parts.flatMap((p) => [Buffer.from(Uint32Array.of(p.length).buffer), p])));
    expect(await readSnapshotTable(w.db, file, g)).toBeNull();
    expect(await findSkus(new EmbeddedSearchEngine(w.db), 'bevel grinder')).toEqual(['G-12 7200']);
  });

  test('a file of another line of publishes (the database restored from a backup) is not used', async () => {
    await w.publish(w.ids.tools, grinder('G-7', 'Cordless grinder'));
    const g = await generation();
    // Same generation, this V8, but another publish's id and an empty table: it must not be taken for this one's.
    writeFileSync(`${file}.search-table-${g}`, serializeInParts({ format: 7, v8: process.versions.v8, id: -1, generation: g }, { ...(await loadDocTable(w.db, g)), size: 0 }));
    expect(await findSkus(new EmbeddedSearchEngine(w.db), 'cordless grinder')).toEqual(['G-7 7200']);
  });

  test('a publish whose search file cannot be written, or installed, still goes live, and search reads SQL', async () => {
    // A directory where the next generation's temporary table file would go: writing it fails (as on a full disk).
    let next = (await generation()) + 1;
    mkdirSync(`${file}.search-table-${next}.${process.pid}.tmp`);
    await w.publish(w.ids.tools, grinder('G-8', 'Belt grinder'));
    expect(await generation()).toBe(next);
    expect(stateFiles()).not.toContain(`${basename(file)}.search-table-${next}`);
    expect(await findSkus(new EmbeddedSearchEngine(w.db), 'belt grinder')).toEqual(['G-8 7200']);
    // And where the word list would be installed after the commit: the publish has happened and stays.
    next += 1;
    mkdirSync(`${file}.search-words-${next}`);
    await w.publish(w.ids.tools, grinder('G-9', 'Wet grinder'));
    expect(await generation()).toBe(next);
    const [live] = await w.db.all<{ sku: string }>(sql`SELECT i.sku FROM items i JOIN catalogs c ON c.live_revision_id = i.revision_id WHERE c.id = ${w.ids.tools} AND i.sku = 'G-9'`);
    expect(live?.sku).toBe('G-9');
    expect(await findSkus(new EmbeddedSearchEngine(w.db), 'wet grinder')).toEqual(['G-9 7200']);
  });

  test('where Meilisearch answers, a publish leaves no file and announces none, and the embedded fallback reads SQL', async () => {
    const before = stateFiles();
    const [marker] = await w.db.all<{ value: number }>(sql`SELECT value FROM search_fts_state WHERE key = 'search_snapshot'`);
    leaveSearchSnapshots(false);
    try {
      await w.publish(w.ids.tools, grinder('G-11', 'Cut-off grinder'));
    } finally {
      leaveSearchSnapshots(true);
    }
    expect(stateFiles()).toEqual(before);
    const [after] = await w.db.all<{ value: number }>(sql`SELECT value FROM search_fts_state WHERE key = 'search_snapshot'`);
    expect(after!.value).toBe(marker!.value);
    expect(await generation()).toBeGreaterThan(marker!.value);
    expect(await findSkus(new EmbeddedSearchEngine(w.db), 'cut-off grinder')).toEqual(['G-11 7200']);
  });
});

// A publish reads the document table as its switch will leave the index before it takes the
// write lock, and its transaction puts that file in place only when nothing changed meanwhile.
describe('the document table written ahead of a publish', () => {
  let w: SearchWorld;
  let file: string;
  beforeAll(async () => { w = await openSearchWorld(); file = databaseFileOf(w.db)!; }, 120_000);
  afterAll(() => w.close());

  const marker = async () => (await w.db.all<{ value: number }>(sql`SELECT value FROM search_fts_state WHERE key = 'search_snapshot_id'`))[0]!.value;
  const generation = () => storedGeneration(w.db);
  const temporaryFiles = () => readdirSync(dirname(file)).filter((n) => n.startsWith(`${basename(file)}.search-`) && n.endsWith('.tmp'));

  /** A ready revision of the tools catalog with one new item, its documents written ahead. */
  async function readyWithDocumentsAhead(sku: string, name: string) {
    const path = join(w.dir, `${sku}.csv`);
    writeFileSync(path, ['SKU,Name,Category,Price,Manufacturer', ...TOOLS.map((r) => r.slice(0, 5).join(',')), `${sku},${name},Tools > Planers,80.00,Makita`].join('\n'));
    const { outcome, revision } = await w.readRevision(w.ids.tools, path, 'prices.csv');
    expect(outcome.state).toBe('ready');
    return { revisionId: revision.id, ahead: (await writeDocumentsAhead(w.db, (await readDocumentsEarly(w.db, revision.id))!)) };
  }

  /** The switch as makeRevisionLive's transaction makes it, with the table written ahead offered; committed. */
  async function switchWith(revisionId: number, ahead: Awaited<ReturnType<typeof writeDocumentsAhead>>, table: TableAhead | null) {
    const prepared = await w.db.transaction(async (tx) => {
      await tx.run(sql`UPDATE catalogs SET live_revision_id = ${revisionId} WHERE id = ${w.ids.tools}`);
      const { tookAhead } = await replaceCatalogDocuments(tx, w.ids.tools, revisionId, ahead);
      expect(tookAhead).toBe(true);
      return prepareSearchSnapshot(tx, file, table);
    });
    await removeTableAhead(file, table);
    await removeReplacedDocuments(w.db, w.ids.tools);
    await prepared!.install(w.db);
  }

  test('is the file put in place when nothing changed between it and the switch', async () => {
    const { revisionId, ahead } = await readyWithDocumentsAhead('P-1', 'Ahead planer');
    const table = (await writeTableAhead(w.db, file, w.ids.tools, revisionId))!;
    expect(table.generation).toBe((await generation()) + 1);
    await switchWith(revisionId, ahead, table);
    expect(await marker()).toBe(table.id);
    expect(await readSnapshotTable(w.db, file, table.generation)).toEqual(await loadDocTable(w.db, table.generation));
    expect(temporaryFiles()).toEqual([]);
    const { scope } = await w.scopeOf('buyer');
    const found = await new EmbeddedSearchEngine(w.db).search({ scope, text: 'ahead planer', filters: NO_FILTERS, sort: 'relevance', page: 1, pageSize: 5 });
    expect(found.hits.map((h) => h.sku.map((p) => p.text).join(''))).toEqual(['P-1']);
  });

  test('is read again in the transaction when another catalog was published in between', async () => {
    const { revisionId, ahead } = await readyWithDocumentsAhead('P-2', 'Second planer');
    const table = (await writeTableAhead(w.db, file, w.ids.tools, revisionId))!;
    // Lighting published again: its new items are not in the table written ahead.
    await w.publish(w.ids.lighting, LIGHTING.map((r) => [`${r[0]}-B`, ...r.slice(1)] as typeof r));
    await switchWith(revisionId, ahead, table);
    const g = await generation();
    expect(await marker()).not.toBe(table.id);
    const fromFile = await readSnapshotTable(w.db, file, g);
    expect(fromFile).toEqual(await loadDocTable(w.db, g));
    expect(Array.from({ length: fromFile!.size }, (_, i) => fromFile!.sku.at(i))).toEqual(expect.arrayContaining(['P-2', `${LIGHTING[0]![0]}-B`]));
    expect(temporaryFiles()).toEqual([]);
  });
});
