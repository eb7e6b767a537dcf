import { copyFile, mkdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { eq } from 'drizzle-orm';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { revisions } from '#db/schema/index.ts';
import type { SessionUser } from '#features/auth/session-user.ts';
import { annotatedWorkbookFile } from '#features/exports/supplier-downloads.server.ts';
import { exportFileResponse } from '#features/exports/export-file.server.ts';
import { annotationAvailable } from '#features/ingest/checks/may-annotate.server.ts';
import { openFormatsWorld, zipOf, type FormatsWorld } from './formats-world.ts';

let world: FormatsWorld;
beforeAll(async () => { world = await openFormatsWorld(); });
afterAll(() => world.close());

/** A supplier's own workbook: a title above the table, a bold header, widths, a second sheet with a formula. */
async function suppliersWorkbook(): Promise<string> {
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet('Preisliste 2027');
  sheet.addRow(['Acme Fasteners – Preisliste 2027']);
  sheet.addRow(['Artikelnummer', 'Bezeichnung', 'Preis', 'EAN', 'Material']);
  sheet.getRow(2).font = { bold: true };
  sheet.getColumn(2).width = 40;
  sheet.addRow(['AF-1', 'Holzschraube 3 x 12', 2.97, '4012300990017', 'Stahl']);
  sheet.addRow(['AF-2', '', 3.72, '', 'Stahl']);
  sheet.addRow(['AF-3', 'Holzschraube 3 x 25', 'auf Anfrage', '', 'Stahl']);
  sheet.addRow(['AF-4', 'Holzschraube 3 x 30', 0, '4012300990011', 'Edelstahl']);
  sheet.addRow(['AF-1', 'Holzschraube doppelt', 5, '', '']);
  const notes = workbook.addWorksheet('Notizen');
  notes.addRow(['Summe', { formula: 'SUM(Preisliste 2027!C3:C7)', result: 11.69 }]);
  const path = join(world.files, 'Preisliste 2027.xlsx');
  await workbook.xlsx.writeFile(path);
  return path;
}

const supplier = (orgId: number): SessionUser => ({ id: 1, email: 'supplier@acme.test', name: 'Supplier', role: 'supplier', orgId, orgKind: 'supplier', orgName: 'Acme Fasteners' });

describe('the supplier\'s own workbook back, annotated', () => {
  let revisionId: number;
  const uploadsDir = () => join(world.dir, 'uploads');

  beforeAll(async () => {
    const catalog = await world.newCatalog('Preisliste');
    const path = await suppliersWorkbook();
    const { outcome, revision } = await world.upload(catalog.id, path);
    expect(outcome).toMatchObject({ state: 'ready', errorCount: 4, warningCount: 1 });
    // Kept as the upload pipeline keeps it, until the revision is published or discarded.
    await mkdir(uploadsDir(), { recursive: true });
    await copyFile(path, join(uploadsDir(), 'kept.upload'));
    await world.db.update(revisions).set({ uploadPath: 'kept.upload' }).where(eq(revisions.id, revision.id));
    revisionId = revision.id;
  });

  test('faulty cells are filled and carry a note; a Problems sheet lists every problem with a link; the rest is untouched', async () => {
    const outcome = await annotatedWorkbookFile(world.db, { user: supplier(world.supplierOrgId), revision: String(revisionId), uploadsDir: uploadsDir() });
    if (!('file' in outcome)) throw new Error(`not annotated: ${JSON.stringify(outcome)}`);
    const response = exportFileResponse(outcome.file);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
    expect(response.headers.get('cache-control')).toBe('private, no-store');
    expect(response.headers.get('content-disposition')).toBe('attachment; filename="preisliste-2027-with-problems.xlsx"');
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(await response.arrayBuffer());
    expect(workbook.worksheets.map((s) => s.name)).toEqual(['Preisliste 2027', 'Notizen', 'Problems']);
    const sheet = workbook.getWorksheet('Preisliste 2027')!;
    const fill = (address: string) => (sheet.getCell(address).fill as ExcelJS.FillPattern | undefined)?.fgColor?.argb;
    const note = (address: string) => {
      const value = sheet.getCell(address).note;
      return typeof value === 'string' ? value : (value?.texts ?? []).map((t) => t.text).join('');
    };
    expect(fill('B4')).toBe('FFFFC7CE');
    expect(note('B4')).toBe('Error: Row 4, column "Bezeichnung": the name is missing; expected the product name.');
    expect(fill('C5')).toBe('FFFFC7CE');
    expect(note('C5')).toContain('"auf Anfrage" is not a valid price');
    expect(fill('D6')).toBe('FFFFC7CE');
    expect(note('D6')).toContain('has the check digit 1');
    expect(note('C6')).toBe('Warning: Row 6, column "Preis": the price is 0; buyers will see it as free.');
    expect(fill('C6')).toBe('FFFFEB9C');
    expect(note('A7')).toBe('Error: Row 7: SKU AF-1 already appears in row 3.');
    expect(fill('A3')).toBeUndefined();
    expect(sheet.getCell('A1').value).toBe('Acme Fasteners – Preisliste 2027');
    expect(sheet.getRow(2).font?.bold).toBe(true);
    expect(sheet.getColumn(2).width).toBe(40);
    expect(workbook.getWorksheet('Notizen')!.getCell('B1').formula).toBe('SUM(Preisliste 2027!C3:C7)');

    const problems = workbook.getWorksheet('Problems')!;
    expect(problems.getRow(1).values).toEqual([undefined, 'Severity', 'Row', 'Column', 'Value', 'Expected', 'Message', 'Cell']);
    expect(problems.rowCount).toBe(6);
    const link = problems.getRow(2).getCell(7).value as { text: string; hyperlink: string };
    expect(link).toEqual({ text: 'B4', hyperlink: "#'Preisliste 2027'!B4" });
  });

  test('another supplier, an unknown revision or a revision that is not a kept workbook is not found', async () => {
    const download = (user: SessionUser, id: string) => annotatedWorkbookFile(world.db, { user, revision: id, uploadsDir: uploadsDir() });
    expect(await download(supplier(world.supplierOrgId + 1000), String(revisionId))).toEqual({ notFound: true });
    expect(await download(supplier(world.supplierOrgId), '999999')).toEqual({ notFound: true });
    expect(await download(supplier(world.supplierOrgId), 'abc')).toEqual({ notFound: true });
    const catalog = await world.newCatalog('CSV only');
    const { revision } = await world.upload(catalog.id, await world.write('liste.csv', 'SKU;Name;Preis\nA;B;x\n'));
    expect(await download(supplier(world.supplierOrgId), String(revision.id))).toEqual({ notFound: true });
  });

  test('the revision page offers it for a workbook, or a ZIP holding one, with problems; not for a CSV in a ZIP', async () => {
    const [revision] = await world.db.select().from(revisions).where(eq(revisions.id, revisionId));
    expect(await annotationAvailable(uploadsDir(), revision!)).toBe(true);
    const keep = async (name: string, data: Buffer) => {
      const catalog = await world.newCatalog(name);
      const { revision: r } = await world.upload(catalog.id, await world.write(`${name}.zip`, data));
      await world.db.update(revisions).set({ uploadPath: `${name}.upload` }).where(eq(revisions.id, r.id));
      await copyFile(join(world.files, `${name}.zip`), join(uploadsDir(), `${name}.upload`));
      return (await world.db.select().from(revisions).where(eq(revisions.id, r.id)))[0]!;
    };
    const workbookZip = await keep('with-workbook', zipOf([{ name: 'prices.xlsx', data: await readFile(join(world.files, 'Preisliste 2027.xlsx')) }]));
    expect(workbookZip).toMatchObject({ format: 'zip', state: 'ready' });
    expect(await annotationAvailable(uploadsDir(), workbookZip)).toBe(true);
    const csvZip = await keep('with-csv', zipOf([{ name: 'prices.csv', data: 'SKU;Name;Preis\nA;;1,00\n' }]));
    expect(csvZip).toMatchObject({ format: 'zip', state: 'ready', errorCount: 1 });
    expect(await annotationAvailable(uploadsDir(), csvZip)).toBe(false);
  });

  test('a workbook too large to load whole is refused with a sentence pointing to the CSV report', async () => {
    const workbook = new ExcelJS.Workbook();
    const sheet = workbook.addWorksheet('Big');
    sheet.addRow(['SKU', 'Name', 'Price']);
    for (let i = 1; i <= 20_001; i++) sheet.addRow([`B-${i}`, i === 5 ? '' : `Item ${i}`, 1.5]);
    const path = join(world.files, 'big.xlsx');
    await workbook.xlsx.writeFile(path);
    const catalog = await world.newCatalog('Big workbook');
    const { revision } = await world.upload(catalog.id, path);
    expect(revision).toMatchObject({ state: 'ready', errorCount: 1, rowsRead: 20_001 });
    await copyFile(path, join(uploadsDir(), 'big.upload'));
    await world.db.update(revisions).set({ uploadPath: 'big.upload' }).where(eq(revisions.id, revision.id));
    const refused = await annotatedWorkbookFile(world.db, { user: supplier(world.supplierOrgId), revision: String(revision.id), uploadsDir: uploadsDir() });
    expect(refused).toEqual({ problem: '"big.xlsx" is too large to be marked up (over 20,000 rows); download the report as CSV instead.' });
  }, 120_000);
});
