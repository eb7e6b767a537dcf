import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { parse } from 'csv-parse/sync';
import { openPipelineWorld, type PipelineWorld } from '../imports/pipeline-world.ts';
import { listProblems, allProblems } from '#features/catalogs/revision-report.server.ts';
import { reportCsv, csvField } from '#features/catalogs/report-csv.ts';
import { revisionDiff } from '#features/catalogs/revision-diff.server.ts';
import { revisionForSupplier } from '#features/ingest/revisions/find-revision.server.ts';

async function text(chunks: AsyncIterable<string>): Promise<string> {
  let out = '';
  for await (const c of chunks) out += c;
  return out;
}

// The validation report (paginated, errors apart from warnings, CSV safe to open in a
// spreadsheet) and the diff against the live revision (kinds, fields, price moves).
describe('report and diff', () => {
  let w: PipelineWorld;
  let catalogId: number;
  let draftId: number;
  beforeAll(async () => {
    w = await openPipelineWorld();
    catalogId = (await w.catalog('Tools 2028')).id;
    const live = await w.uploadAndRead(catalogId, [
      'SKU,Name,Price,Category,Unit',
      'T-1,Hammer,10.00,Tools > Hammers,piece',
      'T-2,Saw,20.00,Tools > Saws,piece',
      'T-3,Drill,100.00,Tools > Drills,piece',
      'T-4,File,5.00,Tools > Files,piece',
    ].join('\n'), 'live.csv');
    await w.publish(live.id);
    const rows = ['SKU,Name,Price,Category,Unit'];
    rows.push('T-1,Hammer,10.00,Tools > Hammers,piece'); // unchanged
    rows.push('T-2,Saw,21.00,Tools > Saws,piece'); // +5 %
    rows.push('T-3,Cordless drill,40.00,Tools > Drills,piece'); // -60 %, renamed: a warning too
    rows.push('T-5,Chisel,7.50,Tools > Chisels,piece'); // added; T-4 removed
    rows.push('=HYPERLINK("http://evil.test"),Formula,1.00,X,piece'); // a formula as SKU: valid text, must not run in Excel
    for (let n = 0; n < 120; n++) rows.push(`B-${n},Bad ${n},not a price,X,piece`);
    draftId = (await w.uploadAndRead(catalogId, rows.join('\n'), 'draft.csv')).id;
  });
  afterAll(() => w.close());

  test('problems come one page at a time, in file order, errors apart from warnings', async () => {
    const rev = await w.revision(draftId);
    expect(rev).toMatchObject({ state: 'ready', itemCount: 5, errorCount: 120, warningCount: 1 });
    const first = await listProblems(w.db, draftId, { page: 1 });
    expect([first.total, first.pageCount, first.problems.length]).toEqual([121, 3, 50]);
    expect(first.problems[0]).toMatchObject({ severity: 'warning', rowNumber: 4, column: 'Price', value: '40.00' });
    const errors = await listProblems(w.db, draftId, { severity: 'error', page: 3 });
    expect([errors.total, errors.page, errors.problems.length]).toEqual([120, 3, 20]);
    expect(errors.problems.at(-1)).toMatchObject({ rowNumber: 126, column: 'Price', value: 'not a price', expected: 'an amount in EUR such as 12.50' });
    expect((await listProblems(w.db, draftId, { severity: 'warning' })).problems.map((p) => p.message))
      .toEqual(['Row 4: the price of T-3 moved -60% (from 100.00 to 40.00).']);
    expect((await listProblems(w.db, draftId, { page: 99 })).page).toBe(3);
  });

  test('the CSV download has every problem; a value that Excel would run as a formula is made text', async () => {
    const csvText = await text(reportCsv(allProblems(w.db, draftId, 7)));
    expect(csvText.startsWith('\ufeffSeverity,Row,SKU,Column,Value found,Expected,Message\r\n')).toBe(true);
    const records = parse(csvText.slice(1), { columns: true }) as Array<Record<string, string>>;
    expect(records).toHaveLength(121);
    expect(records.find((r) => r.Row === '10')).toEqual({
      Severity: 'error', Row: '10', SKU: 'B-3', Column: 'Price', 'Value found': 'not a price', Expected: 'an amount in EUR such as 12.50',
      Message: 'Row 10, column "Price": "not a price" is not a valid price: it is not a number; expected an amount in EUR such as 12.50.',
    });
    for (const dangerous of ['=1+1', '+SUM(A1)', '-2+3', '@cmd', '\tTAB', '\rCR']) expect(csvField(dangerous).replace(/^"/, '')).toMatch(/^'/);
    expect(csvField('=HYPERLINK("http://evil.test")')).toBe('"\'=HYPERLINK(""http://evil.test"")"');
    expect(csvField(12)).toBe('12');
  });

  test('the diff shows added, removed and changed items with the fields that changed and price moves', async () => {
    const { revision, catalog } = await revisionForSupplier(w.db, w.acme, draftId);
    const all = await revisionDiff(w.db, revision, catalog, {});
    expect(all.summary).toMatchObject({ added: 2, removed: 1, changed: 2 });
    expect(all.entries.map((e) => [e.kind, e.sku, e.priceMovePercent, e.fields])).toEqual([
      ['added', '=HYPERLINK("http://evil.test")', null, []],
      ['changed', 'T-2', 5, ['priceMinor']],
      ['changed', 'T-3', -60, ['name', 'priceMinor']],
      ['removed', 'T-4', null, []],
      ['added', 'T-5', null, []],
    ]);
    expect(all.entries.find((e) => e.sku === 'T-3')!.changes).toEqual([
      { field: 'name', label: 'name', before: 'Drill', after: 'Cordless drill' },
      { field: 'priceMinor', label: 'price', before: '€100.00', after: '€40.00' },
    ]);
    expect(all.entries.find((e) => e.sku === 'T-4')!.leftOutRow).toBeNull(); // not in the file at all: removed
    const bySize = await revisionDiff(w.db, revision, catalog, { kind: 'changed', sort: 'price-move' });
    expect(bySize.entries.map((e) => e.sku)).toEqual(['T-3', 'T-2']);
    expect(bySize.entries[0]).toMatchObject({ beforePriceMinor: 10000, afterPriceMinor: 4000 });
    const removed = await revisionDiff(w.db, revision, catalog, { kind: 'removed' });
    expect(removed.entries.map((e) => e.sku)).toEqual(['T-4']);
  });

  test('a revision not yet live is compared with what is live now, even when that changed after it was checked', async () => {
    const other = await w.uploadAndRead(catalogId, 'SKU,Name,Price,Category,Unit\nT-1,Hammer,10.00,Tools > Hammers,piece\n', 'only-hammer.csv');
    await w.publish(other.id);
    const { revision, catalog } = await revisionForSupplier(w.db, w.acme, draftId);
    const diff = await revisionDiff(w.db, revision, catalog, {});
    expect(diff.base).toBe(other.id);
    expect(diff.summary).toMatchObject({ added: 4, removed: 0, changed: 0, baseRevisionId: other.id });
  });
});
