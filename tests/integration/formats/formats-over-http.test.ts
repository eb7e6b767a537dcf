import { readFile } from 'node:fs/promises';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { DEMO_PASSWORD } from '#seed/demo-accounts.ts';
import { createApiToken } from '#features/auth/api-tokens.server.ts';
import { startApiServer, type BuiltServer } from '../api/built-server.ts';
import { meta } from '../imports/pipeline-world.ts';
import { FIXTURES, png, zipOf } from './formats-world.ts';

// The standard formats against the built server: a supplier's ERP sends a BMEcat ZIP with its
// images over the API, publishes it, reads the live revision back as BMEcat, CSV and XLSX and
// sends the BMEcat back unchanged; a person downloads their workbook with its problems marked.
describe('standard formats over HTTP', () => {
  let s: BuiltServer;
  let acmeToken: string;
  let brightToken: string;
  let catalogId: number;

  const call = (path: string, init: RequestInit & { token?: string | null } = {}) => {
    const headers = new Headers(init.headers);
    const token = init.token === undefined ? acmeToken : init.token;
    if (token) headers.set('authorization', `Bearer ${token}`);
    return fetch(`${s.base}${path}`, { ...init, headers });
  };
  const upload = (data: Uint8Array, name: string) => call(`/api/v1/catalogs/${catalogId}/revisions`, {
    method: 'POST', body: new Blob([new Uint8Array(data)]), headers: { 'content-type': 'application/octet-stream', 'x-file-name': encodeURIComponent(name) },
  });
  async function untilChecked(url: string): Promise<{ id: number; state: string; format: string; counts: { items: number; errors: number; warnings: number } }> {
    const deadline = Date.now() + 90_000;
    for (;;) {
      const body = await (await call(url)).json();
      if (body.revision.state !== 'processing') return body.revision;
      if (Date.now() > deadline) throw new Error(`still processing: ${JSON.stringify(body)}\n${s.output.join('')}`);
      await new Promise((r) => setTimeout(r, 200));
    }
  }

  beforeAll(async () => {
    s = await startApiServer(16 * 1024 * 1024);
    acmeToken = (await createApiToken(s.world.db, s.world.acme, 'ERP', meta())).token;
    brightToken = (await createApiToken(s.world.db, s.world.bright, 'ERP', meta())).token;
    catalogId = (await s.world.catalog('BMEcat over the API')).id;
  }, 120_000);
  afterAll(async () => { await s?.stop(); });

  test('a BMEcat ZIP sent by an ERP is checked, published, and read back as BMEcat, CSV and XLSX', async () => {
    const images = await Promise.all(['hex-bolt-z', 'washer-z', 'hex-nut-z', 'anchor', 'anchor-side'].map(async (n, i) => ({ name: `images/${n}.png`, data: await png(40 * i, 100, 200) })));
    const sent = await upload(zipOf([{ name: 'catalog.xml', data: await readFile(`${FIXTURES}bmecat-2005-new-catalog.xml`) }, ...images]), 'acme-bmecat.zip');
    expect(sent.status).toBe(202);
    const revision = await untilChecked(sent.headers.get('location')!);
    expect(revision).toMatchObject({ state: 'ready', format: 'bmecat-2005', counts: { items: 4, errors: 0, warnings: 0 } });
    const published = await call(`/api/v1/catalogs/${catalogId}/revisions/${revision.id}/publish`, { method: 'POST', body: '{}', headers: { 'content-type': 'application/json' } });
    expect(published.status).toBe(200);

    const xml = await call(`/api/v1/catalogs/${catalogId}/export.xml`);
    expect(xml.status).toBe(200);
    expect(xml.headers.get('content-type')).toBe('application/xml; charset=utf-8');
    const document = await xml.text();
    expect(document.match(/<PRODUCT mode="new">/g)).toHaveLength(4);
    expect(document.match(new RegExp(`<MIME_SOURCE>${s.base}/media/[0-9a-f]{64}/\\d+\\.webp</MIME_SOURCE>`, 'g'))).toHaveLength(5);

    const csv = await call(`/api/v1/catalogs/${catalogId}/export.csv`);
    expect((await csv.text()).split('\r\n')[0]).toMatch(/^SKU,Name,Description,Category,Unit,Currency,Price,Price 10\+,Price 50\+,Min order quantity,GTIN,Manufacturer,Manufacturer part number,Images,/);
    const xlsx = await call(`/api/v1/catalogs/${catalogId}/export.xlsx`);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(await xlsx.arrayBuffer());
    expect(workbook.worksheets[0]!.rowCount).toBe(5);

    // Sent back as it is, the exported BMEcat changes nothing.
    const again = await upload(new TextEncoder().encode(document), 'exported.xml');
    const checked = await untilChecked(again.headers.get('location')!);
    expect(checked).toMatchObject({ state: 'ready', counts: { items: 4, errors: 0, warnings: 0 } });
    const diff = await (await call(`/api/v1/catalogs/${catalogId}/revisions/${checked.id}/diff`)).json();
    expect(diff.summary).toMatchObject({ added: 0, removed: 0, changed: 0 });
  }, 180_000);

  test('the export answers 401 without a token and 404 for another supplier, an unknown format or a catalog with nothing live', async () => {
    expect((await call(`/api/v1/catalogs/${catalogId}/export.csv`, { token: null })).status).toBe(401);
    expect((await call(`/api/v1/catalogs/${catalogId}/export.csv`, { token: brightToken })).status).toBe(404);
    expect((await call(`/api/v1/catalogs/${catalogId}/export.pdf`)).status).toBe(404);
    const empty = await s.world.catalog('Nothing live yet');
    expect((await call(`/api/v1/catalogs/${empty.id}/export.xml`)).status).toBe(404);
  });

  test('a person downloads their own workbook with the problems marked', async () => {
    const workbook = new ExcelJS.Workbook();
    const sheet = workbook.addWorksheet('Prices');
    sheet.addRow(['SKU', 'Name', 'Price']);
    sheet.addRow(['AF-HB-M8-40-Z', 'Hex bolt', 12.4]);
    sheet.addRow(['AF-NEW-1', '', 'call us']);
    const xlsxCatalog = (await s.world.catalog('Workbook catalog')).id;
    const sent = await call(`/api/v1/catalogs/${xlsxCatalog}/revisions`, {
      method: 'POST', body: new Blob([new Uint8Array(await workbook.xlsx.writeBuffer())]), headers: { 'content-type': 'application/octet-stream', 'x-file-name': 'prices.xlsx' },
    });
    const revision = await untilChecked(sent.headers.get('location')!);
    expect(revision).toMatchObject({ state: 'ready', format: 'xlsx', counts: { errors: 2 } });

    const signIn = await fetch(`${s.base}/login?_action=auth.signIn`, {
      method: 'POST', redirect: 'manual', headers: { origin: s.base, 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ email: 'supplier@acme.test', password: DEMO_PASSWORD }),
    });
    const cookie = signIn.headers.getSetCookie().map((c) => c.split(';')[0]).join('; ');
    const page = await (await fetch(`${s.base}/supplier/revisions/${revision.id}`, { headers: { cookie } })).text();
    expect(page).toContain(`href="/supplier/revisions/${revision.id}/annotated.xlsx"`);
    const response = await fetch(`${s.base}/supplier/revisions/${revision.id}/annotated.xlsx`, { headers: { cookie } });
    expect(response.status).toBe(200);
    const annotated = new ExcelJS.Workbook();
    await annotated.xlsx.load(await response.arrayBuffer());
    expect(annotated.worksheets.map((w) => w.name)).toEqual(['Prices', 'Problems']);
    expect(annotated.getWorksheet('Problems')!.rowCount).toBe(3);
    const note = annotated.getWorksheet('Prices')!.getCell('C3').note;
    expect(typeof note === 'string' ? note : note.texts?.map((t) => t.text).join('')).toContain('"call us" is not a valid price');

    const bright = await fetch(`${s.base}/login?_action=auth.signIn`, {
      method: 'POST', redirect: 'manual', headers: { origin: s.base, 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ email: 'supplier@bright.test', password: DEMO_PASSWORD }),
    });
    const brightCookie = bright.headers.getSetCookie().map((c) => c.split(';')[0]).join('; ');
    expect((await fetch(`${s.base}/supplier/revisions/${revision.id}/annotated.xlsx`, { headers: { cookie: brightCookie } })).status).toBe(404);
  }, 120_000);
});
