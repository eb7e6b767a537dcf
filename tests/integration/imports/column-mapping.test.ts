import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { eq } from 'drizzle-orm';
import ExcelJS from 'exceljs';
import { openPipelineWorld, meta, type PipelineWorld } from './pipeline-world.ts';
import { catalogs } from '#db/schema/index.ts';
import { remapColumns, checkColumnChoice } from '#features/catalogs/remap-columns.server.ts';
import { columnChoiceFromForm } from '#features/ingest/mapping/column-choice-form.ts';
import { RevisionNotFound, RevisionProblem } from '#features/ingest/revisions/revision-problem.ts';
import { revisionAbilities, revisionFacts } from '#features/catalogs/revision-status.ts';

// Headers nobody could recognize ("Art.Kz", "Text 1", "VK 1") stop the reading with the file's
// headers and sample values kept; the supplier's choice is saved with the catalog, the kept
// upload is read again, and the next upload with the same headers is read right away.
const ODD = 'Art.Kz;Text 1;VK 1;VK 2;Gruppe;Gruppe 2\nK-100;Kabelbinder 200 mm;4,20;3,90;Elektro;Kabel\nK-101;Kabelbinder 300 mm;5,10;4,80;Elektro;Kabel\n';

describe('column mapping', () => {
  let w: PipelineWorld;
  let catalogId: number;
  beforeAll(async () => {
    w = await openPipelineWorld();
    catalogId = (await w.catalog('Cable ties')).id;
  });
  afterAll(() => w.close());

  test('unrecognized headers fail the reading with the headers and sample values kept for the mapping screen', async () => {
    const rev = await w.uploadAndRead(catalogId, ODD, 'kabel.csv');
    expect(rev.state).toBe('failed');
    expect(rev.failureReason).toBe('Some columns were not recognized: no column holds the article number (SKU), product name, price. Choose the field of each column.');
    expect(rev.columnPreview).toEqual([
      { header: 'Art.Kz', values: ['K-100', 'K-101'] }, { header: 'Text 1', values: ['Kabelbinder 200 mm', 'Kabelbinder 300 mm'] },
      { header: 'VK 1', values: ['4,20', '5,10'] }, { header: 'VK 2', values: ['3,90', '4,80'] },
      { header: 'Gruppe', values: ['Elektro', 'Elektro'] }, { header: 'Gruppe 2', values: ['Kabel', 'Kabel'] },
    ]);
    expect(rev.uploadPath).not.toBeNull();
    expect(revisionAbilities(revisionFacts(rev), false)).toMatchObject({ remap: true, publish: false, discard: true });
    expect(revisionFacts(rev).needsMapping).toBe(true);
  });

  test('a choice missing a required field or naming one twice is refused with a sentence', () => {
    const headers = ['Art.Kz', 'Text 1', 'VK 1'];
    expect(() => checkColumnChoice(headers, { 'Art.Kz': 'sku', 'Text 1': 'name' })).toThrow('Choose the column holding the price.');
    expect(() => checkColumnChoice(headers, { 'Art.Kz': 'sku', 'Text 1': 'price', 'VK 1': 'price' })).toThrow('Columns "Text 1" and "VK 1" are both set to price; choose it for one column only.');
    expect(() => checkColumnChoice(headers, { 'Art.Kz': 'sku', 'Text 1': 'name', 'VK 1': 'colour' })).toThrow('Choose a field for column "VK 1".');
    expect(() => checkColumnChoice(headers, { 'Art.Kz': 'sku', 'Text 1': 'name', 'VK 1': 'tier:1' })).toThrow('Column "VK 1": a quantity break starts at 2 units or more.');
  });

  test('the form’s choices become roles; a quantity break needs its quantity', () => {
    const form = new FormData();
    for (const [i, header, role, n] of [[0, 'Art.Kz', 'sku', ''], [1, 'VK 2', 'tier', '10'], [2, 'Gruppe 2', 'category-level', '2']] as const) {
      form.set(`header-${i}`, header); form.set(`role-${i}`, role); form.set(`number-${i}`, n);
    }
    expect(columnChoiceFromForm(form)).toEqual({ columns: { 'Art.Kz': 'sku', 'VK 2': 'tier:10', 'Gruppe 2': 'category:2' }, sheet: null });
    form.set('number-1', '');
    expect(() => columnChoiceFromForm(form)).toThrow('Column "VK 2": enter the quantity from which this price applies (2 or more).');
  });

  test('the supplier’s mapping is saved with the catalog and the kept upload is read again into the same revision', async () => {
    const [failed] = await w.db.select().from(catalogs).where(eq(catalogs.id, catalogId));
    expect(failed!.columnMapping).toBeNull();
    const rev = (await w.audit()).filter((e) => e.kind === 'revision-failed').at(-1)!;
    const id = Number(/revision (\d+)/.exec(rev.subject!)![1]);
    const choice = { 'Art.Kz': 'sku', 'Text 1': 'name', 'VK 1': 'price', 'VK 2': 'tier:10', Gruppe: 'category:1', 'Gruppe 2': 'category:2' };
    // Another supplier cannot touch it.
    await expect(remapColumns(w.db, w.bright, w.uploadsDir, id, { columns: choice, sheet: null }, meta())).rejects.toBeInstanceOf(RevisionNotFound);
    const { revisionId } = await remapColumns(w.db, w.acme, w.uploadsDir, id, { columns: choice, sheet: null }, meta());
    expect(revisionId).toBe(id);
    expect((await w.revision(id)).state).toBe('processing');
    await w.readWaiting();
    const ready = await w.revision(id);
    expect(ready).toMatchObject({ state: 'ready', itemCount: 2, errorCount: 0, failureReason: null, columnRoles: choice });
    expect((await w.itemsOf(id)).map((i) => [i.sku, i.name, i.priceMinor, i.tiers, i.categoryPath])).toEqual([
      ['K-100', 'Kabelbinder 200 mm', 420, [{ minQty: 10, priceMinor: 390 }], 'Elektro > Kabel'],
      ['K-101', 'Kabelbinder 300 mm', 510, [{ minQty: 10, priceMinor: 480 }], 'Elektro > Kabel'],
    ]);
    const [saved] = await w.db.select().from(catalogs).where(eq(catalogs.id, catalogId));
    expect(saved!.columnMapping).toEqual(choice);
    expect((await w.audit(`revision ${id}`)).map((e) => e.kind)).toEqual(['revision-uploaded', 'revision-failed', 'column-mapping-saved', 'revision-reread', 'revision-checked']);
  });

  test('the next upload with the same headers is read with the saved mapping at once', async () => {
    const rev = await w.uploadAndRead(catalogId, ODD.replace('4,20', '4,40'), 'kabel-2.csv');
    expect(rev).toMatchObject({ state: 'ready', itemCount: 2 });
    expect((await w.itemsOf(rev.id))[0]!.priceMinor).toBe(440);
  });

  test('re-mapping a checked revision reads its file again as a new revision and discards the old one', async () => {
    const rev = await w.uploadAndRead(catalogId, ODD, 'kabel-3.csv');
    const choice = { 'Art.Kz': 'sku', 'Text 1': 'name', 'VK 1': 'price', 'VK 2': 'ignore', Gruppe: 'category', 'Gruppe 2': 'attribute' };
    const { revisionId } = await remapColumns(w.db, w.acme, w.uploadsDir, rev.id, { columns: choice, sheet: null }, meta());
    expect(revisionId).not.toBe(rev.id);
    expect((await w.revision(rev.id)).state).toBe('discarded');
    expect(await w.itemsOf(rev.id)).toEqual([]);
    await w.readWaiting();
    const again = await w.revision(revisionId);
    expect(again).toMatchObject({ state: 'ready', fileName: 'kabel-3.csv', itemCount: 2 });
    expect((await w.itemsOf(revisionId))[0]).toMatchObject({ tiers: [], categoryPath: 'Elektro', attributes: { 'Gruppe 2': 'Kabel' } });
  });

  test('a workbook can be read from another sheet', async () => {
    const book = new ExcelJS.Workbook();
    book.addWorksheet('Cover').addRows([['Price list 2028'], ['Cable ties']]);
    book.addWorksheet('Prices').addRows([['SKU', 'Name', 'Price'], ['K-200', 'Cable tie 400 mm', 6.5]]);
    const bytes = Buffer.from(await book.xlsx.writeBuffer());
    const rev = await w.uploadAndRead(catalogId, bytes, 'book.xlsx');
    expect(rev.state).toBe('failed');
    await expect(remapColumns(w.db, w.acme, w.uploadsDir, rev.id, { columns: null, sheet: 'Nope' }, meta())).resolves.toEqual({ revisionId: rev.id });
    await w.readWaiting();
    expect((await w.revision(rev.id)).failureReason).toBe('"book.xlsx" has no sheet named "Nope"; its sheets are "Cover", "Prices".');
    // A failed revision whose file could not be read at all keeps no upload; upload the workbook again.
    await expect(remapColumns(w.db, w.acme, w.uploadsDir, rev.id, { columns: null, sheet: 'Prices' }, meta())).rejects.toBeInstanceOf(RevisionProblem);
    const second = await w.upload(catalogId, bytes, 'book.xlsx', { sheet: 'Prices' });
    await w.readWaiting();
    expect(await w.revision(second)).toMatchObject({ state: 'ready', sheet: 'Prices', itemCount: 1, format: 'xlsx' });
  });
});
