import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { readdirSync, readFileSync } from 'node:fs';
import { basename, dirname } from 'node:path';
import { request as httpRequest } from 'node:http';
import { gunzipSync, brotliDecompressSync } from 'node:zlib';
import { DEMO_PASSWORD } from '#seed/demo-accounts.ts';
import { startOwnServer, type OwnServer } from '#tests/e2e/buyer-support/own-server.ts';
import { publishWithNewPrices } from '#tests/e2e/buyer-support/publish.ts';
import { eq } from 'drizzle-orm';
import { filePathOf, openDatabase } from '#db/client.ts';
import { catalogs, organizations, users } from '#db/schema/index.ts';
import { createApiToken } from '#features/auth/api-tokens.server.ts';
import { toSessionUser } from '#features/auth/session-user.ts';
import { parse as parseCsv } from 'csv-parse/sync';

// The production shape through the built server: two serving processes and one for background
// work (src/server/cluster.server.ts) on one seeded database, each serving process with caches
// of its own; and compression, checked byte for byte against the uncompressed page.

const PAGE = '/catalogs/indoor-lighting-2027/indoor/panels/recessed';
let server: OwnServer;
let primaryPid: number;

beforeAll(async () => {
  server = await startOwnServer({ SINGLE_PROCESS: '0', WEB_CONCURRENCY: '2', LOG_LEVEL: 'info' });
  primaryPid = server.pid;
}, 240_000);
afterAll(async () => { await server?.stop(); });

/** The processes the primary started, by role (read from their environment). */
function children(): Array<{ pid: number; role: string }> {
  const pids = readFileSync(`/proc/${primaryPid}/task/${primaryPid}/children`, 'utf8').trim().split(/\s+/).filter(Boolean).map(Number);
  return pids.flatMap((pid) => {
    try {
      const role = /(?:^|\0)VITRINE_ROLE=(\w+)/.exec(readFileSync(`/proc/${pid}/environ`, 'latin1'))?.[1] ?? '?';
      return [{ pid, role }];
    } catch { return []; } // ended meanwhile
  });
}

/** Field `n` (numbered as in proc(5): 19 niceness, 41 scheduling policy) of a process's or thread's stat file. */
function statField(statFile: string, n: number): number {
  return Number(readFileSync(statFile, 'latin1').replace(/^.*\) /s, '').split(' ')[n - 3]);
}

async function signIn(email: string): Promise<string> {
  const res = await fetch(`${server.baseURL}/login?_action=auth.signIn`, {
    method: 'POST', redirect: 'manual',
    headers: { origin: server.baseURL, 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ email, password: DEMO_PASSWORD }),
  });
  const cookie = res.headers.getSetCookie().find((c) => /^(__Host-)?session=/.test(c))?.split(';')[0];
  if ((res.status !== 302 && res.status !== 303) || !cookie) throw new Error(`sign-in of ${email} answered ${res.status}`);
  return cookie;
}

/**
 * One visit on a connection of its own (the primary hands each new connection to the next
 * process), read as the bytes on the wire: fetch would undo the compression itself.
 */
function visit(cookie: string, encoding = 'identity', path = PAGE): Promise<{ status: number; lane: string | null; encoding: string | null; vary: string | null; raw: Buffer }> {
  return new Promise((resolve, reject) => {
    const req = httpRequest(server.baseURL + path, { agent: false, headers: { cookie, 'accept-encoding': encoding, connection: 'close' } }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('error', reject);
      res.on('end', () => {
        const h = (name: string) => (res.headers[name] as string | undefined) ?? null;
        resolve({ status: res.statusCode!, lane: h('x-page-cache-lane') ?? h('x-page-cache'), encoding: h('content-encoding'), vary: h('vary'), raw: Buffer.concat(chunks) });
      });
    });
    req.setTimeout(20_000, () => req.destroy(new Error(`no answer to ${path} in 20 s`)));
    req.on('error', reject);
    req.end();
  });
}

/** A search hit's net price: the last one before the hit's add-to-list form names its SKU (the SKU itself is highlighted in pieces). */
const hitPriceOf = (html: string, sku: string) => [...html.slice(0, html.indexOf(`name="sku" value="${sku}"`)).matchAll(/class="net-price"[^>]*><strong>(?:<span[^>]*>)?([^<]+)</g)].at(-1)?.[1];
const priceOf = (html: string, sku: string) => new RegExp(`${sku}[\\s\\S]*?class="net-price"[\\s\\S]*?<strong>([^<]+)</strong>`).exec(html)?.[1];

describe('several serving processes', () => {
  test('a whole catalog listed by price is ordered by the jobs process, page after page, at the buyer\'s prices', async () => {
    // First in the file: the task reaches the jobs process in its first seconds, before its
    // background work listens for tasks (src/server/early-messages.ts keeps it until then).
    // 979 items: more than a serving process orders itself (PRICE_ORDER_HERE_UP_TO).
    const globex = await signIn('buyer@globex.test');
    const netPrices = async (path: string) => {
      const res = await fetch(`${server.baseURL}${path}`, { headers: { cookie: globex } });
      expect(res.status).toBe(200);
      const html = await res.text();
      return [...html.matchAll(/class="net-price"><strong>([^<]+)<\/strong>/g)].map((m) => Math.round(Number(m[1]!.replace(/[^\d.]/g, '')) * 100));
    };
    const first = await netPrices('/catalogs/fasteners-2027?sort=price');
    const second = await netPrices('/catalogs/fasteners-2027?sort=price&page=2');
    expect(first).toHaveLength(50);
    expect(second).toHaveLength(50);
    expect([...first, ...second]).toEqual([...first, ...second].sort((a, b) => a - b));
    expect(second[0]).toBeGreaterThanOrEqual(first.at(-1)!);
    await server.waitFor(/"job":"browse.price-order","status":"done"/, 5_000);
  }, 60_000);

  test('two serving processes and one for background work run under the primary', async () => {
    const roles = children().map((c) => c.role).sort();
    expect(roles).toEqual(['jobs', 'web', 'web']);
    // Serving processes' heaps are bounded and they keep one V8 background thread; the jobs process, which reads whole uploads, keeps V8's defaults.
    const argsOf = (pid: number) => readFileSync(`/proc/${pid}/cmdline`, 'latin1').split('\0');
    for (const { pid, role } of children()) {
      expect(argsOf(pid)).toContain('--max-semi-space-size=16');
      expect(argsOf(pid).includes('--max-old-space-size=320')).toBe(role === 'web');
      expect(argsOf(pid).includes('--v8-pool-size=1')).toBe(role === 'web');
    }
    // The background work runs below the serving processes' priority, every thread of it: a publish does not take a core from buyers.
    const nicenessOf = (pid: number) => readdirSync(`/proc/${pid}/task`).map((tid) => statField(`/proc/${pid}/task/${tid}/stat`, 19));
    const jobs = children().find((c) => c.role === 'jobs')!;
    // The jobs process sets it first thing it runs, after loading its modules (slow on a busy machine).
    await expect.poll(() => nicenessOf(jobs.pid).every((n) => n === 10), { timeout: 30_000 }).toBe(true);
    expect(nicenessOf(jobs.pid).length).toBeGreaterThan(1);
    for (const { pid } of children().filter((c) => c.role === 'web')) expect(new Set(nicenessOf(pid))).toEqual(new Set([0]));
  }, 60_000);

  test.runIf(process.platform === 'linux')('every thread of the jobs process runs as idle work, the serving processes\' loops as normal', async () => {
    // Scheduling policy, field 41 of a thread's stat: 0 normal, 5 idle (SCHED_IDLE: a waking serving loop takes its core at once).
    const policiesOf = (pid: number) => readdirSync(`/proc/${pid}/task`).map((tid) => statField(`/proc/${pid}/task/${tid}/stat`, 41));
    const jobs = children().find((c) => c.role === 'jobs')!;
    // The jobs process sets it first thing it runs, after loading its modules (slow on a busy machine).
    await expect.poll(() => policiesOf(jobs.pid).every((p) => p === 5), { timeout: 30_000 }).toBe(true);
    expect(policiesOf(jobs.pid).length).toBeGreaterThan(1);
    for (const { pid } of children().filter((c) => c.role === 'web')) {
      expect(statField(`/proc/${pid}/stat`, 41)).toBe(0);
    }
  }, 60_000);

  test('each process keeps its own page cache, and a publish is seen by the next request in either', async () => {
    const globex = await signIn('buyer@globex.test');
    // Until both processes have rendered the page once, a visit may still be a full render.
    const lanes: Array<string | null> = [];
    for (let i = 0; i < 6; i++) lanes.push((await visit(globex)).lane);
    expect(lanes.slice(-2)).toEqual(['fast', 'fast']);
    expect(lanes.filter((l) => l === 'miss').length).toBeGreaterThanOrEqual(2); // one first render per process
    expect(priceOf((await visit(globex)).raw.toString(), 'BL-PAN-25W-27-W')).toBe('€21.28');

    await new Promise((r) => setTimeout(r, 1100));
    await publishWithNewPrices(server.databaseUrl, server.mediaDir, 'indoor-lighting-2027', { 'BL-PAN-25W-27-W': 2500 });
    for (let i = 0; i < 4; i++) {
      const after = await visit(globex);
      expect(after.status).toBe(200);
      expect(priceOf(after.raw.toString(), 'BL-PAN-25W-27-W')).toBe('€23.75'); // 5 % off the new €25.00, in every process
    }
  });

  test('a publish asked of a serving process is done by the jobs process, and both serving processes show it next', async () => {
    const globex = await signIn('buyer@globex.test');
    const revisionId = await publishWithNewPrices(server.databaseUrl, server.mediaDir, 'indoor-lighting-2027', { 'BL-PAN-25W-27-W': 2700 }, { publish: false });
    const database = await openDatabase(server.databaseUrl);
    let token: string;
    let catalogId: number;
    try {
      const [row] = await database.db.select({ u: users, o: organizations, c: catalogs.id }).from(catalogs)
        .innerJoin(organizations, eq(organizations.id, catalogs.supplierOrgId)).innerJoin(users, eq(users.orgId, organizations.id))
        .where(eq(catalogs.slug, 'indoor-lighting-2027')).limit(1);
      token = (await createApiToken(database.db, toSessionUser(row!.u, row!.o), 'ERP', { ip: null, at: new Date() })).token;
      catalogId = row!.c;
    } finally {
      database.client.close();
    }
    const publish = await fetch(`${server.baseURL}/api/v1/catalogs/${catalogId}/revisions/${revisionId}/publish`, {
      method: 'POST', headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' }, body: '{}',
    });
    expect(publish.status).toBe(200);
    expect((await publish.json()).revision).toMatchObject({ id: revisionId, state: 'published' });
    for (let i = 0; i < 4; i++) expect(priceOf((await visit(globex)).raw.toString(), 'BL-PAN-25W-27-W')).toBe('€25.65'); // 5 % off €27.00
    // Search too, in both serving processes, from the search state the publish left beside the database.
    for (let i = 0; i < 4; i++) expect(hitPriceOf((await visit(globex, 'identity', '/search?q=BL-PAN-25W-27-W')).raw.toString(), 'BL-PAN-25W-27-W')).toBe('€25.65');
    const databaseFile = filePathOf(server.databaseUrl)!;
    expect(readdirSync(dirname(databaseFile)).some((name) => name.startsWith(`${basename(databaseFile)}.search-`))).toBe(true);
    await server.waitFor(/"job":"catalogs.go-live","status":"done"/, 5_000);
  }, 60_000);

  test('what changed since a publish is compared and priced by the jobs process and shown by the serving one', async () => {
    const since = new Date(Date.now() - 1000).toISOString();
    await new Promise((r) => setTimeout(r, 1100));
    await publishWithNewPrices(server.databaseUrl, server.mediaDir, 'indoor-lighting-2027', { 'BL-PAN-25W-27-W': 2900 });
    const globex = await signIn('buyer@globex.test');
    const page = await fetch(`${server.baseURL}/changes?since=${encodeURIComponent(since)}`, { headers: { cookie: globex } });
    expect(page.status).toBe(200);
    const html = await page.text();
    expect(html).toContain('BL-PAN-25W-27-W');
    expect(html).toContain('€27.55'); // 5 % off the new €29.00
    await server.waitFor(/"job":"browse.change-group","status":"done"/, 5_000);
  }, 60_000);

  test('a whole-catalog download is written by the jobs process and sent whole by the serving one', async () => {
    const globex = await signIn('buyer@globex.test');
    const res = await fetch(`${server.baseURL}/catalogs/fasteners-2027/export.csv`, { headers: { cookie: globex, 'accept-encoding': 'identity' } });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-disposition')).toMatch(/^attachment; filename="fasteners-2027-globex-manufacturing-\d{4}-\d{2}-\d{2}\.csv"$/);
    const body = Buffer.from(await res.arrayBuffer());
    expect(Number(res.headers.get('content-length'))).toBe(body.length);
    const rows = parseCsv(body.toString('utf8').replace(/^\uFEFF/, ''), { columns: true }) as Array<Record<string, string>>;
    expect(rows).toHaveLength(979);
    expect(rows[0]).toHaveProperty('Your price');
    await server.waitFor(/"job":"exports.buyer-catalog","status":"done"/, 5_000);
    // A catalog outside Initech's views is not found, wherever the work runs.
    const initech = await signIn('buyer@initech.test');
    expect((await fetch(`${server.baseURL}/catalogs/fasteners-2027/export.csv`, { headers: { cookie: initech }, redirect: 'manual' })).status).toBe(404);
  }, 60_000);

  test('a buyer\'s requisition list download is written by the jobs process and sent whole by the serving one', async () => {
    const globex = await signIn('buyer@globex.test');
    const added = await fetch(`${server.baseURL}/lists?_action=lists.quickOrder`, {
      method: 'POST', redirect: 'manual',
      headers: { cookie: globex, origin: server.baseURL, 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ lines: 'BL-PAN-25W-27-W 3\nBL-PAN-36W-27-W 12', list: 'new', newListName: 'Jobs process order' }),
    });
    expect(added.status).toBeLessThan(400);
    const listsPage = await (await fetch(`${server.baseURL}/lists`, { headers: { cookie: globex } })).text();
    const listId = new RegExp(`href="/lists/(\\d+)"[^>]*>\\s*Jobs process order`).exec(listsPage)?.[1];
    expect(listId).toBeDefined();
    const res = await fetch(`${server.baseURL}/lists/${listId}/export.csv`, { headers: { cookie: globex, 'accept-encoding': 'identity' } });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('text/csv; charset=utf-8');
    expect(res.headers.get('content-disposition')).toMatch(/^attachment; filename="list-jobs-process-order-\d{4}-\d{2}-\d{2}\.csv"$/);
    const body = Buffer.from(await res.arrayBuffer());
    expect(Number(res.headers.get('content-length'))).toBe(body.length);
    const rows = parseCsv(body.toString('utf8').replace(/^\uFEFF/, ''), { columns: true }) as Array<Record<string, string>>;
    expect(rows.map((r) => [r.SKU, r.Quantity])).toEqual([['BL-PAN-25W-27-W', '3'], ['BL-PAN-36W-27-W', '12']]);
    await server.waitFor(/"job":"exports.list","status":"done"/, 5_000);
    // Another buyer's list is not found, wherever the work runs.
    const initech = await signIn('buyer@initech.test');
    expect((await fetch(`${server.baseURL}/lists/${listId}/export.csv`, { headers: { cookie: initech }, redirect: 'manual' })).status).toBe(404);
  }, 60_000);

  test('the jobs process copies the write-ahead log back into the database file', async () => {
    // Serving processes never checkpoint on a commit (db/checkpoints-elsewhere.ts); the jobs
    // process does it every second. A sign-in's commit is far below the 1,000 pages at which
    // SQLite would checkpoint by itself, so only the jobs process's checkpoint copies it.
    const file = filePathOf(server.databaseUrl)!;
    const log = () => { const shm = readFileSync(`${file}-shm`); return { frames: shm.readUInt32LE(16), copied: shm.readUInt32LE(96) }; };
    await signIn('buyer@initech.test');
    expect(log().frames).toBeGreaterThan(0);
    await expect.poll(() => { const { frames, copied } = log(); return frames > 0 && copied === frames; }, { timeout: 5000, interval: 100 }).toBe(true);
  });

  test('a serving process killed mid-request is replaced, and the other serves meanwhile', async () => {
    const before = children();
    const victim = before.find((c) => c.role === 'web')!;
    const globex = await signIn('buyer@globex.test');
    // Requests in flight while it dies: some may fail with it, none may hang the others.
    const inFlight = Array.from({ length: 6 }, () => visit(globex, 'identity', '/search?q=panel').then((r) => r.status, () => 'reset'));
    process.kill(victim.pid, 'SIGKILL');
    await Promise.all(inFlight);
    for (let i = 0; i < 6; i++) expect((await visit(globex, 'identity', '/')).status).toBe(200);
    const deadline = Date.now() + 30_000;
    for (;;) {
      const now = children();
      const web = now.filter((c) => c.role === 'web');
      if (web.length === 2 && !web.some((c) => c.pid === victim.pid)) break;
      if (Date.now() > deadline) throw new Error(`no replacement: ${JSON.stringify(now)}`);
      await new Promise((r) => setTimeout(r, 200));
    }
    await server.waitFor(new RegExp(`"role":"web","pid":${victim.pid},"code":null,"signal":"SIGKILL".*A web process ended unexpectedly`), 5_000);
    // The replacement serves too: with two connections in a row, both processes answer.
    for (let i = 0; i < 4; i++) expect((await visit(globex, 'identity', '/')).status).toBe(200);
  }, 60_000);
});

describe('compression', () => {
  test('a cached page gzipped by the fast lane is byte for byte the page, with each buyer\'s own person bar', async () => {
    for (const [email, name] of [['buyer@globex.test', 'Greta Globex'], ['buyer@initech.test', 'Ivan Initech']] as const) {
      const cookie = await signIn(email);
      for (let i = 0; i < 4; i++) await visit(cookie); // both processes render it once
      const plain = await visit(cookie);
      const zipped = await visit(cookie, 'gzip, deflate, br');
      expect([plain.lane, zipped.lane]).toEqual(['fast', 'fast']);
      expect(plain.encoding).toBeNull();
      expect(zipped.encoding).toBe('gzip');
      expect(zipped.vary).toMatch(/accept-encoding/i);
      expect(zipped.raw.byteLength).toBeLessThan(plain.raw.byteLength / 4);
      const unzipped = gunzipSync(zipped.raw);
      expect(unzipped.equals(plain.raw)).toBe(true);
      expect(unzipped.toString()).toContain(name);
    }
  });

  test('pages Astro renders come with Brotli or gzip as asked, and as they are without', async () => {
    const cookie = await signIn('buyer@initech.test');
    const plain = await visit(cookie, 'identity', '/search?q=panel');
    const br = await visit(cookie, 'br', '/search?q=panel');
    const gz = await visit(cookie, 'gzip', '/search?q=panel');
    expect([plain.encoding, br.encoding, gz.encoding]).toEqual([null, 'br', 'gzip']);
    const strip = (html: string) => html.replace(/<input type="hidden" name="csrf"[^>]*>/g, '');
    expect(strip(brotliDecompressSync(br.raw).toString())).toBe(strip(plain.raw.toString()));
    expect(strip(gunzipSync(gz.raw).toString())).toBe(strip(plain.raw.toString()));
    expect(brotliDecompressSync(br.raw).toString()).toContain('Ivan Initech');
    // Images stay as they are.
    const img = /src="(\/media\/[^"]+)"/.exec(plain.raw.toString())?.[1];
    if (img) expect((await visit(cookie, 'br, gzip', img)).encoding).toBeNull();
  });
});
