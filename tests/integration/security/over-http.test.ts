import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { request as httpRequest } from 'node:http';
import { createClient } from '@libsql/client';
import { DEMO_PASSWORD } from '#seed/demo-accounts.ts';
import { startOwnServer, type OwnServer } from '#tests/e2e/buyer-support/own-server.ts';

// The second security round through the built server (npm run build) on a seeded database of its own.

const PAGE = '/catalogs/indoor-lighting-2027/indoor/panels/recessed';
let server: OwnServer;

const SETTINGS = {
  PUBLIC_URL: 'https://vitrine.example.com', TRUSTED_PROXIES: '127.0.0.1, 10.0.0.0/8',
  HSTS_INCLUDE_SUBDOMAINS: 'true', HEALTHZ_TOKEN: 'monitor-secret-4711',
};

beforeAll(async () => {
  const saved = { ...process.env };
  Object.assign(process.env, SETTINGS); // the server is started with process.env
  try {
    server = await startOwnServer();
  } finally {
    for (const name of Object.keys(SETTINGS)) if (saved[name] === undefined) delete process.env[name]; else process.env[name] = saved[name];
  }
}, 240_000);

afterAll(async () => { await server?.stop(); });

function post(path: string, body: Record<string, string>, headers: Record<string, string> = {}): Promise<Response> {
  return fetch(server.baseURL + path, {
    method: 'POST', redirect: 'manual',
    headers: { origin: server.baseURL, 'content-type': 'application/x-www-form-urlencoded', ...headers },
    body: new URLSearchParams(body),
  });
}

async function signIn(email: string, headers: Record<string, string> = {}): Promise<string> {
  const res = await post('/login?_action=auth.signIn', { email, password: DEMO_PASSWORD }, headers);
  const cookie = res.headers.getSetCookie().find((c) => /^(__Host-)?session=/.test(c))?.split(';')[0];
  if (res.status !== 303 || !cookie) throw new Error(`sign-in of ${email} answered ${res.status}`);
  return cookie;
}

async function visit(cookie: string, path = PAGE): Promise<{ status: number; cache: string | null }> {
  const res = await fetch(server.baseURL + path, { headers: { cookie }, redirect: 'manual' });
  await res.arrayBuffer();
  return { status: res.status, cache: res.headers.get('x-page-cache-lane') === 'fast' ? 'fast-lane' : res.headers.get('x-page-cache') };
}

describe('requests that change nothing a page shows', () => {
  it('leave the fast lane serving: an anonymous sign-out and a failed sign-in', async () => {
    const cookie = await signIn('buyer@globex.test');
    await visit(cookie);
    expect((await visit(cookie)).cache).toBe('fast-lane');
    const out = await post('/logout', {});
    expect(out.status).toBe(303);
    expect((await visit(cookie)).cache).toBe('fast-lane');
    const failed = await post('/login?_action=auth.signIn', { email: 'buyer@initech.test', password: 'not-the-password' });
    expect(failed.status).toBe(401);
    expect((await visit(cookie)).cache).toBe('fast-lane');
    // The person's own sign-out still ends their session at once.
    await post('/logout', {}, { cookie });
    expect((await visit(cookie)).status).toBe(302);
  });
});

/** A request with a Host header of the caller's choosing (fetch does not allow one). */
function rawPost(path: string, host: string, headers: Record<string, string>, body: string): Promise<{ status: number; body: string; location?: string | undefined; setCookie: string[] }> {
  const url = new URL(server.baseURL);
  return new Promise((done, fail) => {
    const req = httpRequest({ host: url.hostname, port: url.port, path, method: 'POST', headers: { host, origin: `http://${host}`, 'content-type': 'application/x-www-form-urlencoded', 'content-length': Buffer.byteLength(body), ...headers } }, (res) => {
      let text = '';
      res.on('data', (d: Buffer) => { text += d.toString(); });
      res.on('end', () => done({ status: res.statusCode ?? 0, body: text, location: res.headers.location, setCookie: res.headers['set-cookie'] ?? [] }));
    });
    req.on('error', fail);
    req.end(body);
  });
}

describe('smaller hardening', () => {
  it('names the session cookie __Host-session when people reach Vitrine over HTTPS (PUBLIC_URL), Secure, for the whole host', async () => {
    const res = await post('/login?_action=auth.signIn', { email: 'buyer@globex.test', password: DEMO_PASSWORD });
    const cookie = res.headers.getSetCookie().find((c) => c.startsWith('__Host-session='));
    expect(cookie).toBeDefined();
    expect(cookie).toMatch(/; Secure/i);
    expect(cookie).toMatch(/; Path=\//i);
    expect(cookie).not.toMatch(/Domain=/i);
    expect((await visit(cookie!.split(';')[0]!, '/catalogs')).status).toBe(200);
  });

  it('builds invitation links on PUBLIC_URL, whatever Host header the request came with', async () => {
    const admin = await signIn('admin@vitrine.test');
    const db = createClient({ url: server.databaseUrl });
    const globex = (await db.execute("SELECT id FROM organizations WHERE slug = 'globex-manufacturing'")).rows[0]!.id;
    db.close();
    const posted = await rawPost('/admin/users?_action=invitations.invite', 'evil.example', { cookie: admin }, new URLSearchParams({ email: 'host.header@globex.test', orgId: String(globex), role: 'buyer' }).toString());
    expect(posted.status).toBe(303);
    // The link is shown on the page the form redirects to, with the cookie that carries the outcome.
    const outcome = posted.setCookie.map((c) => c.split(';')[0]!).find((c) => c.startsWith('form-outcome='));
    const page = { body: await (await fetch(new URL(posted.location!, server.baseURL), { headers: { cookie: `${admin}; ${outcome}` } })).text() };
    expect(page.body).not.toContain('evil.example/invite');
    expect(page.body).toMatch(/https:\/\/vitrine\.example\.com\/invite\/[a-z0-9]+\.[a-z0-9]+/);
  });

  it('sends X-XSS-Protection: 0 and HSTS with includeSubDomains when set, on pages and static files', async () => {
    for (const path of ['/login', '/favicon.svg']) {
      const res = await fetch(server.baseURL + path);
      await res.arrayBuffer();
      expect(res.headers.get('x-xss-protection'), path).toBe('0');
      expect(res.headers.get('strict-transport-security'), path).toBe('max-age=31536000; includeSubDomains');
    }
  });

  it('answers an anonymous probe before Astro exactly as the route does: the status alone, uncached, with the security headers', async () => {
    // /healthz alone takes the front's quick answer; with a query string it goes to the route.
    await fetch(`${server.baseURL}/`); // the app has started, so the quick answer is in place
    const quick = await fetch(`${server.baseURL}/healthz`);
    const routed = await fetch(`${server.baseURL}/healthz?from=route`);
    for (const res of [quick, routed]) {
      expect(res.status).toBe(200);
      expect(await res.json()).toEqual({ status: 'ok' });
      expect(res.headers.get('cache-control')).toBe('no-store');
      expect(res.headers.get('content-type')).toMatch(/^application\/json/);
      expect(res.headers.get('x-content-type-options')).toBe('nosniff');
      expect(res.headers.get('x-request-id')).toMatch(/^[0-9a-f-]{36}$/);
    }
    const head = await fetch(`${server.baseURL}/healthz`, { method: 'HEAD' });
    expect(head.status).toBe(200);
    expect(await head.text()).toBe('');
  });

  it('shows /healthz in detail to admins and to the monitoring token only', async () => {
    const health = async (headers: Record<string, string>) => (await fetch(`${server.baseURL}/healthz`, { headers })).json() as Promise<Record<string, unknown>>;
    expect(await health({})).toEqual({ status: 'ok' });
    expect(await health({ authorization: 'Bearer wrong-token' })).toEqual({ status: 'ok' });
    expect(await health({ cookie: await signIn('supplier@acme.test') })).toEqual({ status: 'ok' });
    expect(await health({ authorization: `Bearer ${SETTINGS.HEALTHZ_TOKEN}` })).toMatchObject({ status: 'ok', database: 'ok', search: { engine: 'embedded' } });
    expect(await health({ cookie: await signIn('admin@vitrine.test') })).toMatchObject({ status: 'ok', database: 'ok', search: { engine: 'embedded' } });
  });
});

describe('behind a trusted proxy (TRUSTED_PROXIES)', () => {
  it('takes the client address from X-Forwarded-For, right to left, so one visitor\'s failures do not block the next', async () => {
    const attempt = (xff: string, password: string) => post('/login?_action=auth.signIn', { email: 'sales@vitrine.test', password }, { 'x-forwarded-for': xff });
    for (let i = 0; i < 10; i++) expect((await attempt('203.0.113.5', `wrong-${i}-xxxx`)).status).toBe(401);
    expect((await attempt('203.0.113.5', DEMO_PASSWORD)).status).toBe(429);
    // What the client wrote itself stands left of what the proxies appended: it is not believed.
    expect((await attempt('198.51.100.9, 203.0.113.5', DEMO_PASSWORD)).status).toBe(429);
    // Another visitor behind the same proxy (hops of our own, 10.x, are skipped) is not blocked.
    expect((await attempt('198.51.100.9, 10.1.2.3', DEMO_PASSWORD)).status).toBe(303);
    const db = createClient({ url: server.databaseUrl });
    const rows = await db.execute("SELECT DISTINCT ip FROM audit_events WHERE actor_email = 'sales@vitrine.test' AND kind LIKE 'sign-in%' ORDER BY ip");
    db.close();
    expect(rows.rows.map((r) => r.ip)).toEqual(['198.51.100.9', '203.0.113.5']);
  });

  it("tells the owner at the next sign-in that others tried their password", async () => {
    const attempt = (xff: string, password: string) => post('/login?_action=auth.signIn', { email: 'supplier@bright.test', password }, { 'x-forwarded-for': xff });
    expect((await attempt('192.0.2.44', DEMO_PASSWORD)).headers.get('location')).toBe('/supplier');
    for (let i = 0; i < 6; i++) expect((await attempt(`198.51.100.${60 + (i % 2)}`, `guess-${i}-xxxx`)).status).toBe(401);
    const owner = await attempt('192.0.2.44', DEMO_PASSWORD);
    expect(owner.headers.get('location')).toBe('/account?sign-in-attempts');
    const cookie = owner.headers.getSetCookie().find((c) => /^(__Host-)?session=/.test(c))!.split(';')[0]!;
    const page = await (await fetch(`${server.baseURL}/account?sign-in-attempts`, { headers: { cookie } })).text();
    expect(page).toContain('Someone tried to sign in to your account');
    expect(page).toMatch(/6 failed sign-ins from 2 addresses/);
    // Told once.
    expect((await attempt('192.0.2.44', DEMO_PASSWORD)).headers.get('location')).toBe('/supplier');
  });
});
