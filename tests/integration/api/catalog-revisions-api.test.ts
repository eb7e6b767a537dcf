import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { request as httpRequest } from 'node:http';
import { readFile, readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { startApiServer, type BuiltServer } from './built-server.ts';
import { createApiToken } from '#features/auth/api-tokens.server.ts';
import { csv, meta } from '../imports/pipeline-world.ts';

const FIXTURES = join(import.meta.dirname, '..', '..', 'fixtures', 'imports');

// The JSON API a supplier's ERP uses, against the built server with a bearer token: upload
// (202 + URL), poll the state, read the report and the diff, publish, schedule, roll back,
// discard; refusals with a status and a sentence; another supplier's catalog is 404.
describe('catalog revisions API', () => {
  let s: BuiltServer;
  let acmeToken: string;
  let brightToken: string;
  let catalogId: number;
  let brightCatalogId: number;
  let firstLive: number;

  const call = (path: string, init: RequestInit & { token?: string | null } = {}) => {
    const headers = new Headers(init.headers);
    const token = init.token === undefined ? acmeToken : init.token;
    if (token) headers.set('authorization', `Bearer ${token}`);
    return fetch(`${s.base}${path}`, { ...init, headers });
  };
  const post = (path: string, body: unknown = {}, token?: string) => call(path, { method: 'POST', body: JSON.stringify(body), headers: { 'content-type': 'application/json' }, token });
  const upload = (data: Uint8Array | string, name: string, headers: Record<string, string> = {}) =>
    call(`/api/v1/catalogs/${catalogId}/revisions`, { method: 'POST', body: data as BodyInit, headers: { 'content-type': 'application/octet-stream', 'x-file-name': encodeURIComponent(name), ...headers } });

  // The revision as the API answers it (loosely typed: the assertions check its shape).
  async function untilChecked(url: string): Promise<Record<string, unknown> & { state: string; failureReason: string | null }> {
    const deadline = Date.now() + 60_000;
    for (;;) {
      const body = await (await call(url)).json();
      if (body.revision.state !== 'processing') return body.revision;
      if (Date.now() > deadline) throw new Error(`still processing: ${JSON.stringify(body)}\n${s.output.join('')}`);
      await new Promise((r) => setTimeout(r, 150));
    }
  }

  beforeAll(async () => {
    s = await startApiServer(1024 * 1024);
    const w = s.world;
    acmeToken = (await createApiToken(w.db, w.acme, 'ERP', meta())).token;
    brightToken = (await createApiToken(w.db, w.bright, 'ERP', meta())).token;
    catalogId = (await w.catalog('API fasteners')).id;
    brightCatalogId = (await w.catalog('API lights', 'EUR', w.bright)).id;
    const first = await w.uploadAndRead(catalogId, csv('SCH-4711,Holzschraube,11.00,Befestigung > Schrauben,', 'OLD-1,Old item,1.00,Old,'), 'first.csv');
    await w.publish(first.id);
    firstLive = first.id;
  }, 120_000);
  afterAll(async () => { await s?.stop(); });

  test('without a token, or with an unknown one, the API answers 401', async () => {
    expect((await call('/api/v1/catalogs', { token: null })).status).toBe(401);
    const bad = await call('/api/v1/catalogs', { token: 'vit_unknown.secret' });
    expect(bad.status).toBe(401);
    expect(bad.headers.get('www-authenticate')).toContain('Bearer');
  });

  test('lists only the caller’s catalogs; another supplier’s catalog and revisions are 404', async () => {
    const body = await (await call('/api/v1/catalogs')).json();
    expect(body.catalogs.map((c: { name: string }) => c.name)).toEqual(['API fasteners']);
    expect((await call(`/api/v1/catalogs/${brightCatalogId}`)).status).toBe(404);
    expect((await call(`/api/v1/catalogs/${catalogId}`, { token: brightToken })).status).toBe(404);
    expect((await call(`/api/v1/catalogs/${catalogId}/revisions/${firstLive}`, { token: brightToken })).status).toBe(404);
    expect((await call(`/api/v1/catalogs/${brightCatalogId}/revisions/${firstLive}`, { token: brightToken })).status).toBe(404);
    expect((await call('/api/v1/catalogs/not-a-number/revisions')).status).toBe(404);
    expect((await post(`/api/v1/catalogs/${catalogId}/revisions/${firstLive}/rollback`, {}, brightToken)).status).toBe(404);
  });

  let revisionUrl: string;
  let revisionId: number;

  test('a German semicolon Windows-1252 price list is accepted (202 + URL) and checked in the background', async () => {
    const res = await upload(await readFile(join(FIXTURES, 'preisliste-cp1252.csv')), 'Preisliste März.csv');
    expect(res.status).toBe(202);
    const body = await res.json();
    revisionUrl = body.revisionUrl;
    revisionId = body.revision.id;
    expect(res.headers.get('location')).toBe(revisionUrl);
    expect(revisionUrl).toBe(`/api/v1/catalogs/${catalogId}/revisions/${revisionId}`);
    const rev = await untilChecked(revisionUrl);
    expect(rev).toMatchObject({
      state: 'ready', fileName: 'Preisliste März.csv', format: 'csv', counts: { items: 2, errors: 1, warnings: 2 }, progress: { rowsRead: 3, rowsChecked: 3 },
      diff: { added: 1, removed: 1, changed: 1, baseRevisionId: firstLive }, can: { publish: true, submit: false, discard: true },
    });
  });

  test('the report: every problem with row, column, value and expectation; filter; CSV', async () => {
    const report = await (await call(`${revisionUrl}/report`)).json();
    expect(report.counts).toEqual({ rowsRead: 3, items: 2, errors: 1, warnings: 2 });
    expect(report.problems.map((p: { severity: string; row: number; column: string }) => [p.severity, p.row, p.column])).toEqual([['warning', 2, 'Bild'], ['warning', 3, 'Bild'], ['error', 5, 'EAN']]);
    const errors = await (await call(`${revisionUrl}/report?severity=error`)).json();
    expect(errors.problems).toEqual([{ severity: 'error', row: 5, column: 'EAN', value: '40063813339', expected: 'a GTIN/EAN of 8, 12, 13 or 14 digits with a valid check digit', message: 'Row 5, column "EAN": "40063813339" has 11 digits; expected a GTIN/EAN of 8, 12, 13 or 14 digits with a valid check digit.' }]);
    const csvRes = await call(`${revisionUrl}/report?format=csv`);
    expect(csvRes.headers.get('content-type')).toBe('text/csv; charset=utf-8');
    expect((await csvRes.text()).split('\r\n').filter(Boolean)).toHaveLength(4);
  });

  test('the diff: kinds, fields and price moves', async () => {
    const diff = await (await call(`${revisionUrl}/diff?sort=price-move`)).json();
    expect(diff.summary).toMatchObject({ added: 1, removed: 1, changed: 1 });
    expect(diff.entries[0]).toMatchObject({ kind: 'changed', sku: 'SCH-4711', beforePriceMinor: 1100, afterPriceMinor: 1250, priceMovePercent: 13.6 });
    expect(diff.entries[0].fields).toEqual(expect.arrayContaining(['name', 'priceMinor', 'tiers']));
    const added = await (await call(`${revisionUrl}/diff?kind=added`)).json();
    expect(added.entries.map((e: { sku: string }) => e.sku)).toEqual(['DUE-0815']);
  });

  test('publishing is refused while errors remain (409), unless only the valid rows are chosen', async () => {
    const refused = await post(`${revisionUrl}/publish`);
    expect(refused.status).toBe(409);
    expect((await refused.json()).error).toEqual({ code: 'conflict', field: 'validRowsOnly', message: '1 error remains (1 row would be left out). Fix the file and upload it again, or choose to publish only the 2 valid rows.' });
    expect((await post(`${revisionUrl}/publish`, { validRowsOnly: 'yes' })).status).toBe(400);
    const published = await post(`${revisionUrl}/publish`, { validRowsOnly: true });
    expect(published.status).toBe(200);
    expect((await published.json()).revision).toMatchObject({ state: 'published', validRowsOnly: true });
    expect((await (await call(`/api/v1/catalogs/${catalogId}`)).json()).catalog.liveRevisionId).toBe(revisionId);
  });

  test('schedule (UTC) and cancel; discard; roll back to an earlier revision in one step', async () => {
    const res = await upload(csv('N-1,New,1.00,New,'), 'next.csv');
    const url = (await res.json()).revisionUrl;
    await untilChecked(url);
    const past = await post(`${url}/schedule`, { at: '2001-01-01T00:00:00Z' });
    expect(past.status).toBe(400);
    expect((await past.json()).error.message).toMatch(/^2001-01-01 00:00 UTC has already passed/);
    expect((await post(`${url}/schedule`, { at: 'tomorrow' })).status).toBe(400);
    const at = new Date(Date.now() + 86_400_000).toISOString().slice(0, 16) + ':00Z';
    const scheduled = await post(`${url}/schedule`, { at });
    expect(scheduled.status).toBe(200);
    expect((await scheduled.json()).revision).toMatchObject({ state: 'ready', status: 'Scheduled', scheduledAt: new Date(at).toISOString() });
    const cancelled = await call(`${url}/schedule`, { method: 'DELETE', headers: { 'content-type': 'application/json' } });
    expect((await cancelled.json()).revision).toMatchObject({ scheduledAt: null, status: 'Ready to publish' });
    expect((await (await post(`${url}/discard`)).json()).revision.state).toBe('discarded');
    expect((await post(`${url}/publish`)).status).toBe(409);

    const rolled = await post(`/api/v1/catalogs/${catalogId}/revisions/${firstLive}/rollback`);
    expect(rolled.status).toBe(200);
    expect((await rolled.json()).revision).toMatchObject({ id: firstLive, state: 'published' });
    expect((await (await call(`/api/v1/catalogs/${catalogId}`)).json()).catalog.liveRevisionId).toBe(firstLive);
    const history = await (await call(`/api/v1/catalogs/${catalogId}/revisions`)).json();
    expect(history.revisions.map((r: { state: string }) => r.state).slice(0, 3)).toEqual(['discarded', 'superseded', 'published']);
  });

  test('a PDF sent as a price list is accepted for checking, then fails with a reason; the live revision stays', async () => {
    const res = await upload(Buffer.from('%PDF-1.7\n1 0 obj\n<<>>\nendobj\n'), 'prices.csv');
    const rev = await untilChecked((await res.json()).revisionUrl);
    expect(rev.state).toBe('failed');
    expect(rev.failureReason).toMatch(/^"prices\.csv" cannot be read as a price list: it looks like a PDF document/);
    expect((await (await call(`/api/v1/catalogs/${catalogId}`)).json()).catalog.liveRevisionId).toBe(firstLive);
  });

  test('an empty body is refused (400) with a sentence', async () => {
    const res = await upload(new Uint8Array(0), 'empty.csv');
    expect(res.status).toBe(400);
    expect((await res.json()).error).toEqual({ code: 'empty', message: 'The file is empty (0 bytes). Choose the price list file again.' });
  });

  test('a multipart form upload works too, with no Origin: a bearer-token client is exempt from the cross-site check', async () => {
    const form = new FormData();
    form.set('file', new Blob([csv('M-1,Multipart,1.00,M,')], { type: 'text/csv' }), 'form.csv');
    const res = await call(`/api/v1/catalogs/${catalogId}/revisions`, { method: 'POST', body: form });
    expect(res.status).toBe(202);
    expect(await untilChecked((await res.json()).revisionUrl)).toMatchObject({ state: 'ready', fileName: 'form.csv', counts: { items: 1 } });
  });

  test('a file over the limit is refused by its declared length, unread', async () => {
    const big = Buffer.alloc(s.uploadLimit + 1, 'a');
    const res = await upload(big, 'big.csv');
    expect(res.status).toBe(413);
    expect((await res.json()).error.message).toBe('The file is larger than the limit of 1 MB. Split the price list, or send the images in a separate ZIP.');
  });

  test('a streamed body without a length is cut off at the limit: the 413 comes before the client has sent it all', async () => {
    const chunk = Buffer.alloc(256 * 1024, 'b');
    const total = s.uploadLimit * 8;
    let sent = 0;
    const status = await new Promise<number>((done, fail) => {
      const req = httpRequest(`${s.base}/api/v1/catalogs/${catalogId}/revisions`, {
        method: 'POST', headers: { authorization: `Bearer ${acmeToken}`, 'content-type': 'application/octet-stream', 'transfer-encoding': 'chunked', 'x-file-name': 'stream.csv' },
      });
      let answered = false;
      req.on('response', (res) => { answered = true; res.resume(); done(res.statusCode ?? 0); });
      req.on('error', (e) => (answered ? undefined : fail(e)));
      const pump = () => {
        while (!answered && sent < total) {
          sent += chunk.length;
          if (!req.write(chunk)) return void req.once('drain', pump);
        }
        if (!answered) req.end();
      };
      pump();
    });
    expect(status).toBe(413);
    expect(sent).toBeLessThan(total);
    const leftovers = (await readdir(join(s.world.dir, 'uploads'))).filter((f) => f.endsWith('.part'));
    expect(leftovers).toEqual([]);
  });

  test('column mapping through the API: headers with samples, a mapping, the file read again', async () => {
    const res = await upload('Art.Kz;Text 1;VK 1\nK-1;Kabelbinder;4,20\n', 'odd.csv');
    const url = (await res.json()).revisionUrl;
    const failed = await untilChecked(url);
    expect(failed).toMatchObject({ state: 'failed', needsColumnMapping: true, can: { remapColumns: true } });
    const columns = await (await call(`${url}/columns`)).json();
    expect(columns.columns).toEqual([{ header: 'Art.Kz', samples: ['K-1'], readAs: 'attribute' }, { header: 'Text 1', samples: ['Kabelbinder'], readAs: 'attribute' }, { header: 'VK 1', samples: ['4,20'], readAs: 'attribute' }]);
    const wrong = await post(`${url}/columns`, { columns: { 'Art.Kz': 'sku', 'Text 1': 'name' } });
    expect([wrong.status, (await wrong.json()).error.message]).toEqual([400, 'Choose the column holding the price.']);
    const mapped = await post(`${url}/columns`, { columns: { 'Art.Kz': 'sku', 'Text 1': 'name', 'VK 1': 'price' } });
    expect(mapped.status).toBe(202);
    expect(await untilChecked((await mapped.json()).revisionUrl)).toMatchObject({ state: 'ready', counts: { items: 1, errors: 0 } });
  });

  test('a session cookie works for reads, but changes must come from our own pages (Origin)', async () => {
    const signIn = await fetch(`${s.base}/login?_action=auth.signIn`, { method: 'POST', redirect: 'manual', headers: { origin: s.base, 'content-type': 'application/x-www-form-urlencoded' }, body: 'email=supplier%40acme.test&password=vitrine-demo' });
    const cookie = signIn.headers.getSetCookie().map((c) => c.split(';')[0]).join('; ');
    expect((await fetch(`${s.base}/api/v1/catalogs`, { headers: { cookie } })).status).toBe(200);
    const forged = await fetch(`${s.base}/api/v1/catalogs/${catalogId}/revisions/${firstLive}/rollback`, { method: 'POST', headers: { cookie, 'content-type': 'application/json' }, body: '{}' });
    expect(forged.status).toBe(403);
  });

  test('the OpenAPI description is served to API clients', async () => {
    const doc = await (await call('/api/v1/openapi.json')).json();
    expect(doc.openapi).toBe('3.1.0');
    expect(Object.keys(doc.paths)).toEqual(expect.arrayContaining(['/api/v1/catalogs/{catalogId}/revisions', '/api/v1/catalogs/{catalogId}/revisions/{revisionId}/publish', '/api/v1/catalogs/{catalogId}/revisions/{revisionId}/rollback']));
    expect((await call('/api/v1/openapi.json', { token: null })).status).toBe(401);
  });
});
