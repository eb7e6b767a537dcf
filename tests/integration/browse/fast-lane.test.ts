import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { openDatabase } from '#db/client.ts';
import { organizations, users } from '#db/schema/index.ts';
import { hashPassword } from '#features/auth/passwords.server.ts';
import { DEMO_PASSWORD } from '#seed/demo-accounts.ts';
import { startOwnServer, type OwnServer } from '#tests/e2e/buyer-support/own-server.ts';
import { publishWithNewPrices } from '#tests/e2e/buyer-support/publish.ts';

// The page cache's fast lane answers repeat visits to category pages in front of Astro, from
// memos of sessions and scopes. Through the built server: every visitor still sees their own
// name and only their own customer's page, a signed-out session is not served again, and a
// publish made by another process shows at once.

const PAGE = '/catalogs/indoor-lighting-2027/indoor/panels/recessed';
let server: OwnServer;

async function signIn(email: string): Promise<string> {
  const res = await fetch(`${server.baseURL}/login?_action=auth.signIn`, {
    method: 'POST', redirect: 'manual',
    headers: { origin: server.baseURL, 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ email, password: DEMO_PASSWORD }),
  });
  const cookie = res.headers.getSetCookie().find((c) => c.startsWith('session='))?.split(';')[0];
  if (res.status !== 303 || !cookie) throw new Error(`sign-in of ${email} answered ${res.status}`);
  return cookie;
}

async function visit(cookie: string, path = PAGE): Promise<{ status: number; cache: string | null; body: string; location: string | null }> {
  const res = await fetch(server.baseURL + path, { headers: { cookie }, redirect: 'manual' });
  return { status: res.status, cache: res.headers.get('x-page-cache'), body: await res.text(), location: res.headers.get('location') };
}

beforeAll(async () => {
  server = await startOwnServer();
  // A second buyer at Globex: two people of one customer share cached pages, never names.
  const database = await openDatabase(server.databaseUrl);
  const [globex] = await database.db.select().from(organizations).where(eq(organizations.slug, 'globex-manufacturing'));
  if (!globex) throw new Error('the demo has no Globex organization');
  await database.db.insert(users).values({
    orgId: globex.id, email: 'second.buyer@globex.test', name: 'Sam Second', role: 'buyer',
    passwordHash: await hashPassword(DEMO_PASSWORD), createdAt: new Date().toISOString(),
  });
  database.client.close();
}, 240_000);

afterAll(async () => { await server?.stop(); });

describe('repeat visits to category pages', () => {
  it('share the cached page within a customer but each visitor gets their own header', async () => {
    const greta = await signIn('buyer@globex.test');
    const sam = await signIn('second.buyer@globex.test');
    const ivan = await signIn('buyer@initech.test');

    const first = await visit(greta);
    expect(first.status).toBe(200);
    const repeats = [await visit(greta), await visit(greta), await visit(sam), await visit(sam)];
    for (const r of repeats) expect(r.cache).toBe('hit');
    expect(repeats[1]!.body).toContain('Greta Globex');
    expect(repeats[1]!.body).not.toContain('Sam Second');
    expect(repeats[3]!.body).toContain('Sam Second');
    expect(repeats[3]!.body).not.toContain('Greta Globex');
    // Apart from the name, the two people get the very same page as the full render.
    const unnamed = (html: string) => html.replace(/Greta Globex|Sam Second/g, 'NAME');
    expect(unnamed(repeats[3]!.body)).toBe(unnamed(first.body));

    // Initech's buyer sees Initech's prices, never a page kept for Globex.
    const initech = [await visit(ivan), await visit(ivan)];
    expect(initech[1]!.cache).toBe('hit');
    expect(initech[1]!.body).toContain('Ivan Initech');
    expect(unnamed(initech[1]!.body.replace('Ivan Initech', 'NAME'))).not.toBe(unnamed(first.body));
  });

  it('stop at once for a session that signed out', async () => {
    const cookie = await signIn('buyer@globex.test');
    await visit(cookie);
    expect((await visit(cookie)).cache).toBe('hit');
    const out = await fetch(`${server.baseURL}/logout`, { method: 'POST', redirect: 'manual', headers: { cookie, origin: server.baseURL } });
    expect(out.status).toBe(303);
    const after = await visit(cookie);
    expect(after.status).toBe(302);
    expect(after.location).toContain('/login');
  });

  it('show a publish made by another process on the next visit', async () => {
    const cookie = await signIn('buyer@globex.test');
    await visit(cookie);
    const before = await visit(cookie);
    expect(before.cache).toBe('hit');
    expect(before.body).toContain('€21.28');
    await publishWithNewPrices(server.databaseUrl, server.mediaDir, 'indoor-lighting-2027', { 'BL-PAN-25W-27-W': 2500 });
    const after = await visit(cookie);
    expect(after.cache).toBe('miss');
    expect(after.body).toContain('€23.75'); // 5% off the new €25.00
    expect(after.body).not.toContain('€21.28');
  });

  it('keep another catalog\'s cached pages through a publish', async () => {
    const cookie = await signIn('buyer@globex.test');
    const other = '/catalogs/fasteners-2027/screws';
    await visit(cookie, other);
    expect((await visit(cookie, other)).cache).toBe('hit');
    await publishWithNewPrices(server.databaseUrl, server.mediaDir, 'indoor-lighting-2027', { 'BL-PAN-25W-27-W': 2600 });
    const kept = await visit(cookie, other);
    expect(kept.status).toBe(200);
    expect(kept.cache).toBe('hit'); // the kept page, not rendered again
    const published = await visit(cookie);
    expect(published.cache).toBe('miss');
    expect(published.body).toContain('€24.70'); // 5% off the new €26.00
  });
});

describe('cross-site submissions', () => {
  it('are refused with the security headers, while API clients with a token need no Origin', async () => {
    const cookie = await signIn('buyer@globex.test');
    const forged = await fetch(`${server.baseURL}/logout`, { method: 'POST', redirect: 'manual', headers: { cookie, origin: 'https://evil.example', 'content-type': 'application/x-www-form-urlencoded' }, body: '' });
    expect(forged.status).toBe(403);
    expect(await forged.text()).toMatch(/another site/);
    expect(forged.headers.get('content-security-policy')).toContain("frame-ancestors 'none'");
    expect(forged.headers.get('x-content-type-options')).toBe('nosniff');
    // The session survived the forged sign-out.
    expect((await visit(cookie)).status).toBe(200);

    // A bearer-token client may post a form-like body without an Origin (it used to be refused):
    // an unknown token is answered 401 by the API, not 403 by the cross-site check.
    const api = await fetch(`${server.baseURL}/api/v1/catalogs`, { method: 'POST', headers: { authorization: 'Bearer not-a-real-token', 'content-type': 'application/x-www-form-urlencoded' }, body: 'name=x' });
    expect(api.status).toBe(401);
  });

  it('answer with the headers every page carries, gzipped or not, each with a request id of its own', async () => {
    const cookie = await signIn('buyer@globex.test');
    const ask = (encoding: string) => fetch(server.baseURL + PAGE, { headers: { cookie, 'accept-encoding': encoding } });
    const rendered = await ask('identity');
    await rendered.text();
    for (const encoding of ['identity', 'gzip']) {
      const res = await ask(encoding);
      expect(res.headers.get('x-page-cache-lane'), encoding).toBe('fast');
      expect(res.headers.get('content-type')).toMatch(/^text\/html\b/);
      expect(await res.text()).toContain('</html>');
      expect(res.headers.get('content-encoding') ?? 'identity').toBe(encoding);
      for (const name of ['content-security-policy', 'x-content-type-options', 'x-frame-options', 'referrer-policy', 'strict-transport-security', 'x-xss-protection', 'cache-control']) {
        expect(res.headers.get(name), `${name} (${encoding})`).toBe(rendered.headers.get(name));
      }
      expect(res.headers.get('x-request-id')).toMatch(/^[0-9a-f-]{36}$/);
      expect(res.headers.get('x-request-id')).not.toBe(rendered.headers.get('x-request-id'));
    }
    expect(rendered.headers.get('x-request-id')).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('static files carry the same headers as pages', async () => {
    const res = await fetch(`${server.baseURL}/favicon.svg`);
    expect(res.status).toBe(200);
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
    expect(res.headers.get('x-frame-options')).toBe('DENY');
    expect(res.headers.get('content-security-policy')).toContain("default-src 'self'");
  });
});
