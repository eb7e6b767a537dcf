import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_PASSWORD } from '../../../db/seed/demo-accounts.ts';
import { startOwnServer, type OwnServer } from '../../e2e/buyer-support/own-server.ts';

// The second security round through the built server (npm run build) on a seeded database of its own.

const PAGE = '/catalogs/indoor-lighting-2027/indoor/panels/recessed';
let server: OwnServer;

beforeAll(async () => {
  server = await startOwnServer();
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
  if (res.status !== 302 || !cookie) throw new Error(`sign-in of ${email} answered ${res.status}`);
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
