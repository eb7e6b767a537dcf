import { createWriteStream } from 'node:fs';
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { eq } from 'drizzle-orm';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { catalogs, organizations } from '#db/schema/index.ts';
import { seedDemo } from '#seed/seed-demo.ts';
import { csvStream } from '#features/exports/csv.ts';
import { xlsxStream } from '#features/exports/xlsx.server.ts';
import { bmecatDocument, textStream } from '#features/exports/bmecat-export.server.ts';
import { catalogTableExport } from '#features/exports/catalog-table-export.server.ts';
import { createRevision } from '#features/ingest/revisions/create-revision.server.ts';
import { processRevision } from '#features/ingest/pipeline/process-revision.server.ts';
import { listDiff, summarizeDiff } from '#features/ingest/revisions/diff-revisions.server.ts';
import { openTempDatabase, type TempDatabase } from '#tests/support/temp-database.ts';

const ORIGIN = 'https://vitrine.example';
let t: TempDatabase;
beforeAll(async () => {
  t = await openTempDatabase();
  await seedDemo(t.database, { mediaDir: t.mediaDir });
}, 120_000);
afterAll(() => t.close());

async function liveCatalog(slug: string) {
  const [row] = await t.database.db.select({ c: catalogs, supplier: organizations.name }).from(catalogs)
    .innerJoin(organizations, eq(organizations.id, catalogs.supplierOrgId)).where(eq(catalogs.slug, slug)).limit(1);
  return { ...row!.c, supplierName: row!.supplier, revisionId: row!.c.liveRevisionId! };
}

async function save(stream: ReadableStream<Uint8Array>, name: string): Promise<string> {
  const path = join(t.dir, name);
  await pipeline(Readable.fromWeb(stream as import('node:stream/web').ReadableStream<Uint8Array>), createWriteStream(path));
  return path;
}

async function exportAs(slug: string, format: 'csv' | 'xlsx' | 'xml'): Promise<string> {
  const catalog = await liveCatalog(slug);
  const db = t.database.db;
  if (format === 'xml') return save(textStream(bmecatDocument(db, catalog, ORIGIN, new Date())), `${slug}.xml`);
  const table = await catalogTableExport(db, catalog, ORIGIN);
  return save(format === 'csv' ? csvStream(table) : xlsxStream(table), `${slug}.${format}`);
}

async function upload(slug: string, path: string) {
  const db = t.database.db;
  const catalog = await liveCatalog(slug);
  const revision = await createRevision(db, { catalogId: catalog.id, fileName: path.split('/').pop()!, uploadedBy: null }, new Date());
  const outcome = await processRevision({ db, mediaDir: t.mediaDir }, revision.id, { path, originalName: path.split('/').pop()! });
  return { outcome, revisionId: revision.id, liveId: catalog.revisionId };
}

const DEMO_CATALOGS = ['fasteners-2027', 'indoor-lighting-2027', 'outdoor-lighting-and-controls-2027'];

describe.each(['csv', 'xlsx', 'xml'] as const)('export as %s → upload → empty diff', (format) => {
  test.each(DEMO_CATALOGS)('%s comes back unchanged, images included (found by their addresses, not sent again)', async (slug) => {
    const path = await exportAs(slug, format);
    const { outcome, revisionId, liveId } = await upload(slug, path);
    expect(outcome).toMatchObject({ state: 'ready', errorCount: 0, warningCount: 0 });
    expect(await summarizeDiff(t.database.db, liveId, revisionId)).toEqual({ added: 0, removed: 0, changed: 0, baseRevisionId: liveId });
  }, 60_000);
});

describe('export, edit, upload: the diff shows only the edit', () => {
  test('a price changed in the exported CSV is the only change', async () => {
    const path = await exportAs('fasteners-2027', 'csv');
    const text = await readFile(path, 'utf8');
    const line = text.split('\r\n').find((l) => l.startsWith('AF-WS-CS-3012-Z,'))!;
    const edited = text.replace(line, line.replace(',2.97,', ',3.15,'));
    expect(edited).not.toBe(text);
    await writeFile(path, edited);
    const { outcome, revisionId, liveId } = await upload('fasteners-2027', path);
    expect(outcome).toMatchObject({ state: 'ready', errorCount: 0 });
    const { entries } = await listDiff(t.database.db, liveId, revisionId);
    expect(entries).toEqual([expect.objectContaining({ kind: 'changed', sku: 'AF-WS-CS-3012-Z', beforePriceMinor: 297, afterPriceMinor: 315, fields: ['priceMinor'] })]);
  });

  test('a row deleted and a name changed in the exported workbook are the only changes', async () => {
    const path = await exportAs('indoor-lighting-2027', 'xlsx');
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.readFile(path);
    const sheet = workbook.worksheets[0]!;
    const sku = (row: number) => String(sheet.getRow(row).getCell(1).value);
    const removed = sku(3);
    const renamed = sku(4);
    sheet.getRow(4).getCell(2).value = 'Renamed panel';
    sheet.spliceRows(3, 1);
    await workbook.xlsx.writeFile(path);
    const { outcome, revisionId, liveId } = await upload('indoor-lighting-2027', path);
    expect(outcome).toMatchObject({ state: 'ready', errorCount: 0 });
    const { entries } = await listDiff(t.database.db, liveId, revisionId);
    expect(entries.map((e) => [e.kind, e.sku, e.fields])).toEqual([['removed', removed, []], ['changed', renamed, ['name']]].sort((a, b) => String(a[1]).localeCompare(String(b[1]))));
  });
});

describe('values that are easy to lose on the way', () => {
  const TRICKY = [
    'SKU;Name;Beschreibung;Warengruppe;Mengeneinheit;Preis;Preis ab 10 Stk;Mindestmenge;EAN;Hersteller;Farbe;-;Norm',
    'T-1;"Schraube ""Spezial""";"- rostfrei\n- zweite Zeile";Schrauben > Holz/Metall;Pack;0,05;0,04;100;04012300000013;Acme;rot;Brandschutz F120;=DIN 7997',
    'T-2;Mutter M8;+ passend zu T-1;Muttern;100 pieces;12,00;;2;;;blau;;@ISO',
    'T-3;Dübel;;;Stück;1.234,56;;1;;;;;',
  ].join('\n');

  test.each(['xlsx', 'xml'] as const)('%s keeps leading "-", "+", "=", "@", quotes, line breaks, bundles and units exactly', async (format) => {
    const db = t.database.db;
    const [acme] = await db.select().from(organizations).where(eq(organizations.slug, 'acme-fasteners'));
    const { createCatalog } = await import('#features/catalogs/create-catalog.server.ts');
    const { makeRevisionLive } = await import('#features/catalogs/publish-revision.server.ts');
    const catalog = await createCatalog(db, { supplierOrgId: acme!.id, name: `Tricky ${format}`, currency: 'EUR' });
    const source = join(t.dir, `tricky-${format}.csv`);
    await writeFile(source, TRICKY);
    const first = await upload(catalog.slug, source);
    expect(first.outcome).toMatchObject({ state: 'ready', itemCount: 3, errorCount: 0 });
    await makeRevisionLive(db, first.revisionId, { id: null, email: null }, new Date());
    const again = await upload(catalog.slug, await exportAs(catalog.slug, format));
    expect(again.outcome).toMatchObject({ state: 'ready', errorCount: 0 });
    expect((await listDiff(db, first.revisionId, again.revisionId)).entries).toEqual([]);
  }, 60_000);
});
