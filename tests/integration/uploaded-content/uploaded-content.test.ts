import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { signInCookie, startScanServer, type ScanServer } from '#tests/scan/scan-server.ts';
import { FORMULA_NAMES, MARKER, hostileCatalogZip } from './hostile-files.ts';

// A supplier uploads a catalog ZIP built to run script in the portal's origin (an SVG with a
// script, an HTML page named .jpg, a GIF/HTML polyglot, a JPEG with HTML in its EXIF, an SVG
// named .png) and to plant spreadsheet formulas (item names, an image name). Against the built
// server with the demo data: what is not an image is refused per file in words; what is served
// back is only WebP, typed, not sniffable and under a policy that runs nothing; every download
// is an attachment of the right type with the formulas made text.
describe('uploaded content served back', () => {
  let s: ScanServer;
  let supplier: string;
  let buyer: string;
  let catalogId: number;
  let revisionId: number;

  const get = (path: string, cookie: string) => fetch(s.base + path, { headers: { cookie }, redirect: 'manual' });
  const post = (path: string, cookie: string, form: Record<string, string>) => fetch(s.base + path, {
    method: 'POST', redirect: 'manual', body: new URLSearchParams(form), headers: { cookie, origin: s.base, 'content-type': 'application/x-www-form-urlencoded' },
  });
  /** The /media URLs a buyer's product page shows for the SKU itself (not its related items). */
  async function mediaUrlsOf(sku: string): Promise<string[]> {
    const page = await get(`/products/fasteners-2027/${sku}`, buyer);
    expect(page.status).toBe(200);
    const own = (await page.text()).split('class="product-related"')[0]!;
    return [...new Set([...own.matchAll(/\/media\/[0-9a-f]{64}\/\d+\.webp/g)].map((m) => m[0]))];
  }
  const csvRows = (text: string) => text.replace(/^\ufeff/, '').split('\r\n');

  beforeAll(async () => {
    s = await startScanServer();
    supplier = (await signInCookie(s.base, 'supplier@acme.test')).header;
    buyer = (await signInCookie(s.base, 'buyer@globex.test')).header;
    catalogId = Number(/href="\/supplier\/catalogs\/(\d+)"/.exec(await (await get('/supplier', supplier)).text())![1]);

    const sent = await fetch(`${s.base}/supplier/catalogs/${catalogId}/upload`, {
      method: 'POST', body: new Uint8Array(await hostileCatalogZip()),
      headers: { cookie: supplier, origin: s.base, accept: 'application/json', 'content-type': 'application/zip', 'x-file-name': 'hostile.zip' },
    });
    expect(sent.status).toBe(202);
    revisionId = (await sent.json()).revisionId;
    const deadline = Date.now() + 90_000;
    for (;;) {
      const { revision } = await (await get(`/api/v1/catalogs/${catalogId}/revisions/${revisionId}`, supplier)).json();
      if (revision.state !== 'processing') { expect(revision.state).toBe('ready'); break; }
      if (Date.now() > deadline) throw new Error(`revision ${revisionId} still processing\n${s.output.join('')}`);
      await new Promise((r) => setTimeout(r, 250));
    }
    const published = await post(`/supplier/revisions/${revisionId}?_action=revisions.publish`, supplier, { revisionId: String(revisionId) });
    expect(published.status).toBeLessThan(400);
  }, 180_000);
  afterAll(async () => { await s?.stop(); });

  test('what is not an image is refused per file, in the supplier\'s words, and its item kept without it', async () => {
    const report = await get(`/supplier/revisions/${revisionId}/report.csv`, supplier);
    const text = await report.text();
    expect(text).toContain('drawing.svg');
    expect(text).toMatch(/"drawing\.svg"" is in the ZIP but is not a JPEG, PNG, WebP, AVIF, GIF or TIFF image/);
    expect(text).toMatch(/"photo\.jpg"" is not an image we can read; expected a JPEG, PNG/);
    expect(text).toMatch(/"disguised\.png"" is an SVG drawing; expected a JPEG, PNG/);
    expect(text).not.toContain('<script');
    // The refused files' items have no image; the real images were converted and are shown.
    for (const sku of ['HX-1', 'HX-2', 'HX-5']) expect(await mediaUrlsOf(sku)).toEqual([]);
    for (const sku of ['HX-3', 'HX-4']) expect((await mediaUrlsOf(sku)).length).toBeGreaterThan(0);
  });

  test('a converted polyglot or tagged image comes back only as re-encoded WebP that no browser runs', async () => {
    for (const sku of ['HX-3', 'HX-4']) {
      for (const url of await mediaUrlsOf(sku)) {
        const res = await get(url, buyer);
        expect(res.status).toBe(200);
        expect(res.headers.get('content-type')).toBe('image/webp');
        expect(res.headers.get('x-content-type-options')).toBe('nosniff');
        const csp = res.headers.get('content-security-policy') ?? '';
        expect(csp).toContain("default-src 'none'");
        expect(csp).toContain('sandbox');
        expect(res.headers.get('content-disposition')).toMatch(/^inline; filename="[0-9a-f]{64}-\d+\.webp"$/);
        const bytes = Buffer.from(await res.arrayBuffer());
        expect(bytes.subarray(0, 4).toString('latin1')).toBe('RIFF');
        expect(bytes.subarray(8, 12).toString('latin1')).toBe('WEBP');
        // Re-encoding drops trailing bytes and metadata: nothing of the payload is left.
        expect(bytes.includes(MARKER)).toBe(false);
        expect(bytes.includes('<script')).toBe(false);
      }
    }
  });

  test('the kept original and any other name or type under /media answer 404', async () => {
    const [url] = await mediaUrlsOf('HX-3');
    const base = url!.replace(/\/\d+\.webp$/, '');
    const hash = base.split('/').pop()!;
    for (const path of [`${base}/orig`, `${base}/${hash}.orig`, `${base}/640.svg`, `${base}/640.html`, `${base}/640.webp.html`, `${base}/640.WEBP`, `${base}/../../${hash.slice(0, 2)}/${hash}.orig`]) {
      const res = await get(path, buyer);
      expect(res.status, path).toBe(404);
      expect(res.headers.get('content-type') ?? '', path).not.toMatch(/svg|image\/(?!webp)/);
    }
  });

  test('the buyer\'s catalog downloads are attachments of their type with formula names made text', async () => {
    const csv = await get('/catalogs/fasteners-2027/export.csv', buyer);
    expect(csv.headers.get('content-type')).toBe('text/csv; charset=utf-8');
    expect(csv.headers.get('content-disposition')).toMatch(/^attachment; filename="[a-z0-9-]+\.csv"$/);
    const rows = csvRows(await csv.text());
    for (const [sku, name] of Object.entries(FORMULA_NAMES)) {
      const row = rows.find((r) => r.startsWith(`${sku},`));
      expect(row, sku).toBeDefined();
      expect(row!).toContain(`'${name.replace(/"/g, '""')}`);
    }
    const xlsx = await get('/catalogs/fasteners-2027/export.xlsx', buyer);
    expect(xlsx.headers.get('content-type')).toBe('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
    expect(xlsx.headers.get('content-disposition')).toMatch(/^attachment; filename="[a-z0-9-]+\.xlsx"$/);
    await expectTextCells(Buffer.from(await xlsx.arrayBuffer()), (text) => text.startsWith("'"));
  });

  test('a requisition list with those items downloads the same way', async () => {
    await post('/lists?_action=lists.create', buyer, { name: 'Hostile names' });
    const listId = /href="\/lists\/(\d+)"/.exec(await (await get('/lists', buyer)).text())![1];
    const added = await post('/lists?_action=lists.quickOrder', buyer, { lines: Object.keys(FORMULA_NAMES).map((sku) => `${sku} 2`).join('\n'), list: listId!, newListName: '' });
    expect(added.status).toBeLessThan(400);
    for (const format of ['csv', 'xlsx'] as const) {
      const res = await get(`/lists/${listId}/export.${format}`, buyer);
      expect(res.status).toBe(200);
      expect(res.headers.get('content-disposition')).toMatch(new RegExp(`^attachment; filename="[a-z0-9-]+\\.${format}"$`));
      if (format === 'csv') {
        const text = await res.text();
        for (const name of Object.values(FORMULA_NAMES)) expect(text).toContain(`'${name.replace(/"/g, '""')}`);
      } else {
        await expectTextCells(Buffer.from(await res.arrayBuffer()), (text) => text.startsWith("'"));
      }
    }
  });

  test('the supplier\'s problem report and catalog exports are attachments and run no formula', async () => {
    const report = await get(`/supplier/revisions/${revisionId}/report.csv`, supplier);
    expect(report.headers.get('content-type')).toBe('text/csv; charset=utf-8');
    expect(report.headers.get('content-disposition')).toMatch(/^attachment; filename="[a-z0-9-]+\.csv"$/);
    const reportText = await report.text();
    // The image cell "=cmd|' /C calc'!A0.png" (images are separated by "|") comes back as text.
    expect(reportText).toContain("warning,7,HX-6,Image,'=cmd,");
    expect(csvRows(reportText).some((line) => line.split(',').some((cell) => /^"?[=+\-@]/.test(cell)))).toBe(false);

    const csv = await get(`/supplier/catalogs/${catalogId}/export.csv`, supplier);
    expect(csv.headers.get('content-disposition')).toMatch(/^attachment; /);
    const text = await csv.text();
    for (const name of Object.values(FORMULA_NAMES)) expect(text).toContain(`'${name.replace(/"/g, '""')}`);
    // The supplier's own workbook keeps their names exactly, as text cells: text never runs.
    const xlsx = await get(`/supplier/catalogs/${catalogId}/export.xlsx`, supplier);
    expect(xlsx.headers.get('content-disposition')).toMatch(/^attachment; /);
    await expectTextCells(Buffer.from(await xlsx.arrayBuffer()), () => true);
  });
});

/** No cell of the workbook is a formula, and each formula-like name passes `check` as a text cell. */
async function expectTextCells(data: Buffer, check: (text: string) => boolean): Promise<void> {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(data as unknown as ArrayBuffer);
  let seen = 0;
  workbook.eachSheet((sheet) => sheet.eachRow((row) => row.eachCell((cell) => {
    expect(cell.type, `${cell.address}: ${String(cell.value)}`).not.toBe(ExcelJS.ValueType.Formula);
    if (typeof cell.value === 'string' && Object.values(FORMULA_NAMES).some((n) => cell.value === n || cell.value === `'${n}`)) {
      expect(check(cell.value), `${cell.address}: ${cell.value}`).toBe(true);
      seen++;
    }
  })));
  expect(seen).toBeGreaterThanOrEqual(Object.keys(FORMULA_NAMES).length);
}
