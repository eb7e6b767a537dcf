import { test, expect, type APIRequestContext, type PlaywrightWorkerArgs } from '@playwright/test';
import { listRouteFiles } from './auth-support/route-files.ts';
import { concreteRoute, type ParamSource } from './auth-support/route-params.ts';
import { loadSeededValues } from './auth-support/seeded-values.ts';
import { IDENTITIES, contextFor, sameOrigin, type Identity } from './auth-support/identities.ts';
import { describeOutcome, expectedOutcome, matches } from './auth-support/route-expectations.ts';
import { routeAccess } from '#features/auth/route-access.ts';
import { startOwnServer, type OwnServer } from './buyer-support/own-server.ts';

// Every route of src/pages (enumerated now, so a new page is in without editing this file) ×
// anonymous, each role, and a person of another organization of the same kind, against the
// built server. Expectations follow route-access.ts, with exceptions in OVERRIDES. The matrix
// POSTs to every endpoint, so it runs a seeded server of its own: nothing it does reaches other specs.
const routes = listRouteFiles();
const TOKEN_ROLES = new Set(['supplier', 'buyer']);

test.describe('authorization matrix', () => {
  test.describe.configure({ timeout: 120_000 });
  let server: OwnServer;
  let baseURL: string;
  let source: ParamSource;
  const contexts = new Map<string, APIRequestContext>();
  const bearer = new Map<string, string>();

  test.beforeAll(async ({ playwright }) => {
    test.setTimeout(240_000); // seeding the server's own database loads the demo catalogs
    server = await startOwnServer();
    baseURL = server.baseURL;
    for (const identity of IDENTITIES) contexts.set(identity.name, await contextFor(playwright, baseURL, identity.email));
    // A live invitation, made the way an admin makes one, for /invite/[token].
    const seeded = await loadSeededValues(server.databaseUrl);
    const invited = await contexts.get('admin')!.post('/admin/users?_action=invitations.invite', {
      form: { email: 'matrix.invitee@globex.test', orgId: String(seeded.globexOrg.id), role: 'buyer' }, headers: sameOrigin(baseURL),
    });
    const link = /\/invite\/([a-z0-9]+\.[a-z0-9]+)/.exec(await invited.text());
    expect(link, 'the invitation link is shown to the admin').not.toBeNull();
    source = { ...seeded, inviteToken: link![1]! };
    // API tokens, created by their owners on their tokens page, for the bearer column of /api routes.
    for (const identity of IDENTITIES.filter((i) => i.role && TOKEN_ROLES.has(i.role))) {
      const page = identity.role === 'supplier' ? '/supplier/tokens' : '/account/tokens';
      const res = await contexts.get(identity.name)!.post(`${page}?_action=apiTokens.create`, { form: { name: 'matrix' }, headers: sameOrigin(baseURL) });
      bearer.set(identity.name, /vit_[a-z0-9]+\.[a-z0-9]+/.exec(await res.text())![0]);
    }
  });

  test.afterAll(async () => {
    for (const ctx of contexts.values()) await ctx.dispose();
    await server?.stop();
  });

  test('covers every route file, each with an entry in route-access.ts', () => {
    expect(routes.length).toBeGreaterThan(10);
    // Without an entry a page is refused to everyone (fail closed): a forgotten entry shows up here.
    expect(routes.filter((r) => !r.prerendered && routeAccess(r.pattern) === null).map((r) => r.file)).toEqual([]);
    const requests = routes.reduce((n, r) => n + r.methods.length, 0);
    console.log(`authorization matrix: ${routes.length} routes (${requests} route-methods) × ${IDENTITIES.length} identities = ${requests * IDENTITIES.length} requests`);
  });

  for (const route of routes) {
    test(`${route.methods.join(',')} ${route.pattern}`, async ({ playwright }) => {
      const concrete = concreteRoute(route, source);
      const problems: string[] = [];
      for (const method of route.methods) {
        for (const identity of IDENTITIES) {
          // Non-GET requests may end the session (POST /logout): each gets a fresh one.
          const fresh = method === 'GET' ? null : await contextFor(playwright, baseURL, identity.email);
          const ctx = fresh ?? contexts.get(identity.name)!;
          const res = await ctx.fetch(concrete.path, { method, headers: sameOrigin(baseURL), maxRedirects: 0 });
          const expected = expectedOutcome({ route, concrete, method, identity });
          if (!matches(expected, res.status(), res.headers().location)) {
            problems.push(`${method} ${concrete.path} as ${identity.name}: expected ${describeOutcome(expected)}, got ${res.status()}${res.headers().location ? ` → ${res.headers().location}` : ''}`);
          }
          if (route.pattern.startsWith('/api/')) problems.push(...(await bearerProblems(playwright, identity, method, concrete.path, res.status())));
          await fresh?.dispose();
        }
      }
      expect(problems).toEqual([]);
    });
  }

  /** An API route answers a bearer token as it answers its owner's session; a bad token gets 401. */
  async function bearerProblems(playwright: PlaywrightWorkerArgs['playwright'], identity: Identity, method: string, path: string, sessionStatus: number): Promise<string[]> {
    const token = identity.role === null ? 'vit_unknown.token' : bearer.get(identity.name);
    if (!token) return [];
    const ctx = await playwright.request.newContext({ baseURL });
    // Same-origin like the session requests: this compares authentication, not the Origin check.
    const res = await ctx.fetch(path, { method, headers: { authorization: `Bearer ${token}`, ...sameOrigin(baseURL) }, maxRedirects: 0 });
    await ctx.dispose();
    const expected = identity.role === null ? 401 : sessionStatus;
    return res.status() === expected ? [] : [`${method} ${path} with ${identity.name}'s bearer token: expected ${expected}, got ${res.status()}`];
  }
});
