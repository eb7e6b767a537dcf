import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createClient } from '@libsql/client';
import { startBuiltServer, type ServerProcess } from '#tests/support/built-server.ts';
import { signInOver } from '#tests/support/http-form.ts';
import { cxmlDtdProblems, cxmlSetupRequest, sendCxmlSetup, startBasketReceiver, transferFormOf, type BasketReceiver } from '#tests/support/procurement-system.ts';

// The procurement system's side of PunchOut against the built server on the seeded demo: the
// setup, the start link, the buyer adding items (as the catalog pages' forms post them), the
// transfer page's form posted to a real receiving server, and every refusal with its words.
const GLOBEX = { identity: 'globex-procurement', secret: 'vitrine-demo-punchout' };

describe('PunchOut over HTTP', () => {
  let server: ServerProcess;
  let receiver: BasketReceiver;
  let dir: string;
  let databaseUrl: string;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'vitrine-punchout-'));
    databaseUrl = `file:${join(dir, 'vitrine.db')}`;
    server = await startBuiltServer({ databaseUrl, mediaDir: join(dir, 'media'), script: 'tests/e2e/serve-seeded.ts', startTimeoutMs: 240_000, env: { LOG_LEVEL: 'warn' } });
    receiver = await startBasketReceiver();
  }, 300_000);

  afterAll(async () => {
    await receiver?.close();
    await server?.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  /** Opens the start link as the buyer's browser does; returns the punchout cookie. */
  async function start(startUrl: string): Promise<{ status: number; cookie: string | null; location: string | null; body: string }> {
    const res = await fetch(startUrl, { redirect: 'manual' });
    const set = res.headers.getSetCookie().find((c) => c.startsWith('punchout='));
    return { status: res.status, cookie: set ? set.split(';')[0]! : null, location: res.headers.get('location'), body: await res.text() };
  }

  const post = (path: string, cookie: string, fields: Record<string, string>) => fetch(new URL(path, server.base), {
    method: 'POST', redirect: 'manual', body: new URLSearchParams(fields),
    headers: { cookie, origin: server.base, 'content-type': 'application/x-www-form-urlencoded' },
  });
  const get = (path: string, cookie: string) => fetch(new URL(path, server.base), { redirect: 'manual', headers: { cookie } });

  it('a cXML session: setup, start link, three items added, the transfer carries the buyer’s net prices in a valid PunchOutOrderMessage', async () => {
    const setup = await sendCxmlSetup(server.base, cxmlSetupRequest({ ...GLOBEX, returnUrl: receiver.returnUrl, buyerCookie: 'globex-cookie-42' }));
    expect(setup.code, setup.body).toBe(200);
    expect(setup.startUrl).toMatch(/\/punchout\/start\/[a-z0-9]+\.[a-z0-9]+$/);
    expect(cxmlDtdProblems(setup.body)).toBe('');
    const opened = await start(setup.startUrl!);
    expect(opened.status).toBe(303);
    expect(opened.location).toBe('/catalogs');
    const cookie = opened.cookie!;
    const catalogs = (await (await get('/catalogs', cookie)).text()).replace(/ data-astro-cid-\w+/g, '');
    expect(catalogs).toContain('Shopping for <strong>Globex SAP Ariba</strong> at Globex Manufacturing’s prices.');
    expect(catalogs).toContain('<button type="submit">Transfer to Globex SAP Ariba</button>');
    // 10 packs reach the first quantity break (3.46 instead of 3.72), then Globex's 10 % off: 3.11.
    const added = await post('/catalogs/fasteners-2027?_action=lists.addItem', cookie, { catalog: 'fasteners-2027', sku: 'AF-WS-CS-3020-Z', quantity: '10' });
    expect(added.status).toBe(303);
    expect(added.headers.get('location')).toBe('/catalogs/fasteners-2027?added=10+%C3%97+AF-WS-CS-3020-Z');
    expect((await post('/products/indoor-lighting-2027/BL-PAN-25W-27-W?_action=lists.addItem', cookie, { catalog: 'indoor-lighting-2027', sku: 'BL-PAN-25W-27-W', quantity: '2' })).status).toBe(303);
    expect((await post('/search?q=anchor&_action=lists.addItem', cookie, { catalog: 'fasteners-2027', sku: 'AF-AN-UX-3030-Z', quantity: '1' })).status).toBe(303);
    const basket = await (await get('/punchout/cart', cookie)).text();
    expect(basket).toContain('AF-WS-CS-3020-Z');
    const transfer = await post('/punchout/transfer', cookie, {});
    expect(transfer.status).toBe(200);
    expect(transfer.headers.get('content-security-policy')).toContain(`form-action 'self' ${new URL(receiver.returnUrl).origin}`);
    const html = await transfer.text();
    expect(html).toContain('<script src="/punchout-transfer.js" defer></script>');
    const form = transferFormOf(html);
    expect(form.action).toBe(receiver.returnUrl);
    // The browser posts the form; the procurement system receives it.
    await fetch(form.action, { method: 'POST', body: form.fields, headers: { 'content-type': 'application/x-www-form-urlencoded' } });
    const message = (await receiver.nextBasket()).get('cxml-urlencoded')!;
    expect(cxmlDtdProblems(message)).toBe('');
    expect(message).toContain('<BuyerCookie>globex-cookie-42</BuyerCookie>');
    expect(message).toMatch(/<ItemIn quantity="10"><ItemID><SupplierPartID>AF-WS-CS-3020-Z<\/SupplierPartID><SupplierPartAuxiliaryID>fasteners-2027<\/SupplierPartAuxiliaryID><\/ItemID><ItemDetail><UnitPrice><Money currency="EUR">3.11<\/Money>/);
    expect(message).toMatch(/<ItemIn quantity="2"><ItemID><SupplierPartID>BL-PAN-25W-27-W<\/SupplierPartID>.*?<Money currency="EUR">21.28<\/Money>.*?<UnitOfMeasure>C62<\/UnitOfMeasure>/);
    expect(message).toMatch(/<SupplierPartID>AF-AN-UX-3030-Z<\/SupplierPartID>.*?<UnitOfMeasure>PK<\/UnitOfMeasure><Classification domain="Fasteners 2027">Anchors/);
    // 10 × 3.11 + 2 × 21.28 + the anchor pack: the total is the sum of the lines.
    const prices = [...message.matchAll(/<ItemIn quantity="(\d+)">.*?<UnitPrice><Money currency="EUR">([\d.]+)<\/Money>/g)].map((m) => Math.round(Number(m[1]) * Number(m[2]) * 100));
    expect(prices).toHaveLength(3);
    expect(message).toContain(`<Total><Money currency="EUR">${(prices.reduce((a, b) => a + b, 0) / 100).toFixed(2)}</Money></Total>`);
    // The session has ended: the cookie opens nothing any more.
    const after = await get('/punchout/cart', cookie);
    expect([302, 404]).toContain(after.status);
  }, 60_000);

  it('an edit starts from the ItemOut lines of the setup', async () => {
    const setup = await sendCxmlSetup(server.base, cxmlSetupRequest({ ...GLOBEX, returnUrl: receiver.returnUrl, operation: 'edit', lines: [{ sku: 'AF-WS-CS-3020-Z', quantity: 50 }] }));
    expect(setup.code).toBe(200);
    const opened = await start(setup.startUrl!);
    expect(opened.location).toBe('/punchout/cart');
    const basket = await (await get('/punchout/cart', opened.cookie!)).text();
    expect(basket).toContain('AF-WS-CS-3020-Z');
    expect(basket).toMatch(/value="50"/);
  }, 30_000);

  it('an inspect shows the basket but does not let it change; a setup may also come form-encoded', async () => {
    const xml = cxmlSetupRequest({ ...GLOBEX, returnUrl: receiver.returnUrl, operation: 'inspect', lines: [{ sku: 'BL-PAN-25W-27-W', quantity: 4 }] });
    const res = await fetch(new URL('/punchout/cxml', server.base), { method: 'POST', body: new URLSearchParams({ 'cxml-urlencoded': xml }), headers: { 'content-type': 'application/x-www-form-urlencoded', origin: 'https://ariba.example' } });
    const startUrl = /<StartPage><URL>([^<]+)<\/URL>/.exec(await res.text())![1]!;
    const { cookie, location } = await start(startUrl);
    expect(location).toBe('/punchout/cart');
    const basket = await (await get('/punchout/cart', cookie!)).text();
    expect(basket).toContain('BL-PAN-25W-27-W');
    expect(basket).not.toContain('Update quantities');
    const refused = await post('/products/fasteners-2027/AF-WS-CS-3020-Z?_action=lists.addItem', cookie!, { catalog: 'fasteners-2027', sku: 'AF-WS-CS-3020-Z', quantity: '1' });
    expect(refused.status).toBe(400);
    expect(await refused.text()).toContain('This basket was opened to be looked at (inspect): it cannot be changed.');
    const form = transferFormOf(await (await post('/punchout/transfer', cookie!, {})).text());
    expect(form.fields.get('cxml-urlencoded')).toContain('operationAllowed="inspect"');
  }, 30_000);

  it('refuses a wrong secret, a foreign return host and a malformed request, each with a clear cXML status', async () => {
    const wrong = await sendCxmlSetup(server.base, cxmlSetupRequest({ identity: GLOBEX.identity, secret: 'not-the-secret', returnUrl: receiver.returnUrl }));
    expect(wrong.code).toBe(401);
    expect(wrong.text).toBe('The identity or shared secret is not right for any connection.');
    expect(cxmlDtdProblems(wrong.body)).toBe('');
    const foreign = await sendCxmlSetup(server.base, cxmlSetupRequest({ ...GLOBEX, returnUrl: 'https://attacker.example/collect' }));
    expect(foreign.code).toBe(400);
    expect(foreign.text).toBe('The return host attacker.example is not allowed for this connection (allowed: 127.0.0.1, localhost).');
    const broken = await sendCxmlSetup(server.base, '<cXML><Header>');
    expect(broken.code).toBe(400);
    expect(broken.text).toMatch(/^The request is not well-formed XML/);
    // An OCI identity does not open a cXML session, even with its own password.
    const otherProtocol = await sendCxmlSetup(server.base, cxmlSetupRequest({ identity: 'initech-oci', secret: GLOBEX.secret, returnUrl: receiver.returnUrl }));
    expect(otherProtocol.code).toBe(401);
  }, 30_000);

  it('a start link works once and for 5 minutes', async () => {
    const setup = await sendCxmlSetup(server.base, cxmlSetupRequest({ ...GLOBEX, returnUrl: receiver.returnUrl }));
    expect((await start(setup.startUrl!)).status).toBe(303);
    const again = await start(setup.startUrl!);
    expect(again.status).toBe(403);
    expect(again.cookie).toBeNull();
    expect(again.body).toContain('This start link has been used already');
    // Six minutes later: the stored expiry is moved back, as the clock would.
    const late = await sendCxmlSetup(server.base, cxmlSetupRequest({ ...GLOBEX, returnUrl: receiver.returnUrl }));
    const id = /\/punchout\/start\/([a-z0-9]+)\./.exec(late.startUrl!)![1]!;
    const db = createClient({ url: databaseUrl });
    await db.execute({ sql: 'UPDATE punchout_sessions SET start_expires_at = start_expires_at - 360000 WHERE id = ?', args: [id] });
    db.close();
    const expired = await start(late.startUrl!);
    expect(expired.status).toBe(403);
    expect(expired.body).toContain('This start link has expired (links work for 5 minutes)');
  }, 30_000);

  it('a session idle for 60 minutes has ended; one in use stays open', async () => {
    const setup = await sendCxmlSetup(server.base, cxmlSetupRequest({ ...GLOBEX, returnUrl: receiver.returnUrl }));
    const { cookie } = await start(setup.startUrl!);
    expect((await get('/punchout/cart', cookie!)).status).toBe(200);
    const id = /^punchout=([a-z0-9]+)\./.exec(cookie!)![1]!;
    const db = createClient({ url: databaseUrl });
    // 59 idle minutes: still open. 61: ended, and the cookie is cleared.
    await db.execute({ sql: 'UPDATE punchout_sessions SET last_seen_at = ? WHERE id = ?', args: [Date.now() - 59 * 60_000, id] });
    expect((await get('/punchout/cart', cookie!)).status).toBe(200);
    await db.execute({ sql: 'UPDATE punchout_sessions SET last_seen_at = ? WHERE id = ?', args: [Date.now() - 61 * 60_000, id] });
    const idle = await get('/punchout/cart', cookie!);
    expect(idle.status).toBe(302);
    expect(idle.headers.getSetCookie().some((c) => /^punchout=[^;]*;.*Expires=Thu, 01 Jan 1970/i.test(c))).toBe(true);
    const ended = await db.execute({ sql: 'SELECT ended_at FROM punchout_sessions WHERE id = ?', args: [id] });
    db.close();
    expect(ended.rows[0]!.ended_at).not.toBeNull();
  }, 30_000);

  it('a unit without a Rec 20 code holds the transfer back with the reason and shows in the connection’s health', async () => {
    const setup = await sendCxmlSetup(server.base, cxmlSetupRequest({ ...GLOBEX, returnUrl: receiver.returnUrl }));
    const { cookie } = await start(setup.startUrl!);
    expect((await post('/products/fasteners-2027/AF-WS-CS-3012-Z?_action=lists.addItem', cookie!, { catalog: 'fasteners-2027', sku: 'AF-WS-CS-3012-Z', quantity: '1' })).status).toBe(303);
    // The supplier's unit for this item is one no procurement system knows.
    const db = createClient({ url: databaseUrl });
    await db.execute("UPDATE items SET unit = 'Bündel' WHERE sku = 'AF-WS-CS-3012-Z' AND revision_id = (SELECT live_revision_id FROM catalogs WHERE slug = 'fasteners-2027')");
    const refused = await post('/punchout/transfer', cookie!, {});
    await db.execute("UPDATE items SET unit = 'Pack' WHERE sku = 'AF-WS-CS-3012-Z'");
    db.close();
    expect(refused.status).toBe(400);
    expect(await refused.text()).toContain('The unit “Bündel” has no code Globex SAP Ariba understands yet; remove those lines or ask your supplier’s sales contact. Nothing was sent.');
    // The session is still open, and the basket still holds the line.
    expect(await (await get('/punchout/cart', cookie!)).text()).toContain('AF-WS-CS-3012-Z');
    const admin = await signInOver(server.base, 'admin@vitrine.test', 'vitrine-demo');
    const page = await (await get('/punchout/connections', admin)).text();
    expect(page).toMatch(/Units without a UN\/ECE code \(lines held back\): Bündel/);
  }, 30_000);

  it('setups, refusals and transfers are in the audit log, never with the secret', async () => {
    const db = createClient({ url: databaseUrl });
    const rows = (await db.execute("SELECT kind, detail FROM audit_events WHERE kind LIKE 'punchout-%' ORDER BY id")).rows;
    db.close();
    const kinds = new Set(rows.map((r) => String(r.kind)));
    for (const kind of ['punchout-connection-created', 'punchout-setup', 'punchout-setup-refused', 'punchout-transfer']) expect(kinds, kind).toContain(kind);
    const transfer = rows.find((r) => r.kind === 'punchout-transfer' && String(r.detail).includes('"protocol":"cxml"'));
    expect(JSON.parse(String(transfer!.detail))).toMatchObject({ protocol: 'cxml', lines: 3, returnHost: new URL(receiver.returnUrl).host });
    expect(rows.some((r) => String(r.detail).includes(GLOBEX.secret) || String(r.detail).includes('not-the-secret'))).toBe(false);
  });

  it('a punchout session reaches browsing only: account, lists, exports and form actions answer 404', async () => {
    const setup = await sendCxmlSetup(server.base, cxmlSetupRequest({ ...GLOBEX, returnUrl: receiver.returnUrl }));
    const { cookie } = await start(setup.startUrl!);
    for (const path of ['/account', '/lists', '/changes', '/account/tokens', '/catalogs/fasteners-2027/export.csv', '/catalogs/fasteners-2027/print', '/punchout/connections']) {
      expect((await get(path, cookie!)).status, path).toBe(404);
    }
    expect((await post('/account/tokens?_action=apiTokens.create', cookie!, { name: 'x' })).status).toBe(404);
    expect((await get('/search?q=screw', cookie!)).status).toBe(200);
    expect((await get('/products/fasteners-2027/AF-WS-CS-3020-Z', cookie!)).status).toBe(200);
  }, 30_000);

  it('Initech’s OCI connection shows Initech’s prices, never Globex’s, and returns OCI fields', async () => {
    const setupUrl = new URL('/punchout/oci', server.base);
    for (const [k, v] of Object.entries({ USERNAME: 'initech-oci', PASSWORD: 'vitrine-demo-punchout', HOOK_URL: receiver.returnUrl, '~OkCode': 'ADDI', '~target': '_top', '~caller': 'CTLG' })) setupUrl.searchParams.set(k, v);
    const setup = await fetch(setupUrl, { redirect: 'manual' });
    expect(setup.status).toBe(303);
    const { cookie } = await start(setup.headers.get('location')!);
    // Globex's fasteners are not Initech's business at all.
    expect((await get('/catalogs/fasteners-2027', cookie!)).status).toBe(404);
    const product = await (await get('/products/indoor-lighting-2027/BL-PAN-25W-27-W', cookie!)).text();
    // 22.40 list: Initech 8 % off is €20.61; Globex's 5 % off (€21.28) must not appear.
    expect(product).toContain('€20.61');
    expect(product).not.toContain('€21.28');
    expect((await post('/products/indoor-lighting-2027/BL-PAN-25W-27-W?_action=lists.addItem', cookie!, { catalog: 'indoor-lighting-2027', sku: 'BL-PAN-25W-27-W', quantity: '3' })).status).toBe(303);
    const form = transferFormOf(await (await post('/punchout/transfer', cookie!, {})).text());
    await fetch(form.action, { method: 'POST', body: form.fields, headers: { 'content-type': 'application/x-www-form-urlencoded' } });
    const fields = await receiver.nextBasket();
    expect(fields.get('NEW_ITEM-VENDORMAT[1]')).toBe('BL-PAN-25W-27-W');
    expect(fields.get('NEW_ITEM-PRICE[1]')).toBe('20.61');
    expect(fields.get('NEW_ITEM-QUANTITY[1]')).toBe('3');
    expect(fields.get('NEW_ITEM-UNIT[1]')).toBe('C62');
    expect(fields.get('NEW_ITEM-CURRENCY[1]')).toBe('EUR');
    expect(fields.get('NEW_ITEM-EXT_PRODUCT_ID[1]')).toBe('5098700009800');
    expect(fields.getAll('NEW_ITEM-LONGTEXT_1:132[]').join('')).toContain('LED panel 600x600');
    expect(fields.get('~OkCode')).toBe('ADDI');
    expect(fields.get('~target')).toBe('_top');
    expect(fields.get('~caller')).toBe('CTLG');
  }, 30_000);

  it('refuses an OCI call with a wrong password or a foreign HOOK_URL, saying which', async () => {
    const call = async (fields: Record<string, string>) => {
      const res = await fetch(new URL('/punchout/oci', server.base), { method: 'POST', redirect: 'manual', body: new URLSearchParams(fields), headers: { 'content-type': 'application/x-www-form-urlencoded', origin: 'https://erp.initech.example' } });
      return { status: res.status, body: await res.text() };
    };
    const wrong = await call({ USERNAME: 'initech-oci', PASSWORD: 'guess', HOOK_URL: receiver.returnUrl });
    expect(wrong.status).toBe(401);
    expect(wrong.body).toContain('The identity or shared secret is not right for any connection.');
    const foreign = await call({ USERNAME: 'initech-oci', PASSWORD: 'vitrine-demo-punchout', HOOK_URL: 'https://evil.example/hook' });
    expect(foreign.status).toBe(400);
    expect(foreign.body).toContain('The return host evil.example is not allowed for this connection');
  }, 30_000);
});
