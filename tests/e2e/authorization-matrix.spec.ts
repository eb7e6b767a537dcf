import { test, expect, type APIRequestContext, type APIResponse, type PlaywrightWorkerArgs } from '@playwright/test';
import { listRouteFiles } from './auth-support/route-files.ts';
import { loadSeededValues } from './auth-support/seeded-values.ts';
import { MISSING_VALUE } from './auth-support/route-params.ts';
import { IDENTITIES, contextFor, sameOrigin, type Identity } from './auth-support/identities.ts';
import { EXPECTED_MATRIX, tablePathMatchesPattern } from './auth-support/expected-matrix.ts';
import { startOwnServer, type OwnServer } from './buyer-support/own-server.ts';

// Every route of src/pages × anonymous, each role, and a person of another organization of the
// same kind, against the built server, compared with the hand-written table in
// auth-support/expected-matrix.ts (never with route-access.ts, which it checks). Every answer
// behind sign-in, or given to someone signed in, must also forbid storing it (Cache-Control:
// no-store), public prerendered pages excepted. The matrix POSTs to every endpoint, so it runs
// a seeded server of its own: nothing it does reaches other specs.
const routes = listRouteFiles();
const TOKEN_ROLES = new Set(['supplier', 'buyer']);

test.describe('authorization matrix', () => {
  test.describe.configure({ timeout: 120_000 });
  let server: OwnServer;
  let baseURL: string;
  let values: Record<string, string>;
  const contexts = new Map<string, APIRequestContext>();
  const bearer = new Map<string, string>();

  test.beforeAll(async ({ playwright }) => {
    test.setTimeout(240_000); // seeding the server's own database loads the demo catalogs
    server = await startOwnServer();
    baseURL = server.baseURL;
    for (const identity of IDENTITIES) contexts.set(identity.name, await contextFor(playwright, baseURL, identity.email, undefined, identity.punchout));
    // A requisition list of the Globex buyer, made the way the buyer makes one, for /lists/[id].
    const made = await contexts.get('buyer (Globex)')!.post('/lists?_action=lists.create', { form: { name: 'Matrix list' }, headers: sameOrigin(baseURL), maxRedirects: 0 });
    expect(made.status(), 'the Globex buyer makes a list').toBeLessThan(400);
    // A live invitation, made the way an admin makes one, for /invite/[token].
    const seeded = await loadSeededValues(server.databaseUrl);
    const invited = await contexts.get('admin')!.post('/admin/users?_action=invitations.invite', {
      form: { email: 'matrix.invitee@globex.test', orgId: String(seeded.globexOrg.id), role: 'buyer' }, headers: sameOrigin(baseURL),
    });
    const link = /\/invite\/([a-z0-9]+\.[a-z0-9]+)/.exec(await invited.text());
    expect(link, 'the invitation link is shown to the admin').not.toBeNull();
    expect(seeded.acmeCatalog && seeded.acmeSku && seeded.helpSlug && seeded.globexViewId && seeded.globexListId, 'the demo has every value the table names').toBeTruthy();
    // A webhook endpoint in each area, registered the way its owner registers one, for /<area>/webhooks/[endpointId].
    const hooks: Record<string, string> = {};
    const areas = [['acmeHook', 'supplier (Acme)', 'supplier', 'catalog.published'], ['salesHook', 'sales', 'sales', 'view.published'], ['adminHook', 'admin', 'admin', 'catalog.published']] as const;
    for (const [name, identity, area, events] of areas) {
      const res = await contexts.get(identity)!.post(`/${area}/webhooks?_action=webhooks.create`, {
        form: { url: `https://erp-${area}.example.com/vitrine-events`, description: 'matrix', events }, headers: sameOrigin(baseURL),
      });
      // Post/Redirect/Get back to the list, which sends its maker on to the new endpoint's page.
      const id = new RegExp(`^/${area}/webhooks/(\\d+)$`).exec(new URL(res.url()).pathname);
      expect(id, `${identity} registers a webhook endpoint (${res.status()})`).not.toBeNull();
      hooks[name] = id![1]!;
    }
    values = {
      ...hooks,
      cat: seeded.acmeCatalog!.slug, catId: String(seeded.acmeCatalog!.id), rev: String(seeded.acmeCatalog!.liveRevisionId), sku: seeded.acmeSku!,
      org: String(seeded.globexOrg.id), view: String(seeded.globexViewId), list: String(seeded.globexListId), user: String(seeded.globexBuyerId),
      invite: link![1]!, help: seeded.helpSlug!, none: MISSING_VALUE,
    };
    // API tokens, created by their owners on their tokens page, for the bearer column of /api routes.
    for (const identity of IDENTITIES.filter((i) => i.role && TOKEN_ROLES.has(i.role) && !i.punchout)) {
      const page = identity.role === 'supplier' ? '/supplier/tokens' : '/account/tokens';
      const res = await contexts.get(identity.name)!.post(`${page}?_action=apiTokens.create`, { form: { name: 'matrix' }, headers: sameOrigin(baseURL) });
      bearer.set(identity.name, /vit_[a-z0-9]+\.[a-z0-9]+/.exec(await res.text())![0]);
    }
  });

  test.afterAll(async () => {
    for (const ctx of contexts.values()) await ctx.dispose();
    await server?.stop();
  });

  test('the table has a row for every route file and method, and only for those', () => {
    expect(routes.length).toBeGreaterThan(10);
    const missing = routes.flatMap((r) => r.methods.filter((m) => !EXPECTED_MATRIX.some(([method, path]) => method === m && tablePathMatchesPattern(path, r.pattern))).map((m) => `${m} ${r.pattern}`));
    expect(missing, 'write the expected answers of these routes into expected-matrix.ts').toEqual([]);
    const stray = EXPECTED_MATRIX.filter(([method, path]) => !routes.some((r) => r.methods.includes(method) && tablePathMatchesPattern(path, r.pattern))).map(([m, p]) => `${m} ${p}`);
    expect(stray).toEqual([]);
    for (const [, path, outcomes] of EXPECTED_MATRIX) expect(outcomes.split(' '), path).toHaveLength(IDENTITIES.length);
    console.log(`authorization matrix: ${EXPECTED_MATRIX.length} route-methods × ${IDENTITIES.length} identities = ${EXPECTED_MATRIX.length * IDENTITIES.length} requests`);
  });

  for (const [method, template, outcomes] of EXPECTED_MATRIX) {
    test(`${method} ${template}`, async ({ playwright }) => {
      const fill = (s: string) => s.replace(/\{(\w+)\}/g, (_, name: string) => encodeURIComponent(values[name] ?? MISSING_VALUE));
      const path = fill(template);
      const expected = outcomes.split(' ').map(fill);
      const prerendered = routes.some((r) => r.prerendered && tablePathMatchesPattern(template, r.pattern));
      const privateRoute = expected[0] === 'L' || expected[0] === 'U';
      const problems: string[] = [];
      for (const [i, identity] of IDENTITIES.entries()) {
        // Non-GET requests may end the session (POST /logout): each gets a fresh one.
        const fresh = method === 'GET' ? null : await contextFor(playwright, baseURL, identity.email, undefined, identity.punchout);
        const ctx = fresh ?? contexts.get(identity.name)!;
        const res = await ctx.fetch(path, { method, headers: sameOrigin(baseURL), maxRedirects: 0 });
        const problem = differs(expected[i]!, path, res);
        if (problem) problems.push(`${method} ${path} as ${identity.name}: expected ${expected[i]}, got ${problem}`);
        const cache = res.headers()['cache-control'] ?? '';
        if (!prerendered && !path.startsWith('/media/') && (privateRoute || identity.role) && !/\bno-store\b/.test(cache)) {
          problems.push(`${method} ${path} as ${identity.name}: Cache-Control is "${cache}", expected no-store`);
        }
        if (prerendered && /\bno-store\b/.test(cache)) problems.push(`${method} ${path}: a public prerendered page lost its caching (${cache})`);
        if (path.startsWith('/api/')) problems.push(...(await bearerProblems(playwright, identity, method, path, res.status())));
        await fresh?.dispose();
      }
      expect(problems).toEqual([]);
    });
  }

  /** How the answer differs from the table's code, or null when it is that answer. */
  function differs(code: string, path: string, res: APIResponse): string | null {
    const status = res.status();
    const location = res.headers().location;
    const got = `${status}${location ? ` → ${location}` : ''}`;
    const want: Record<string, () => boolean> = {
      K: () => status === 200, N: () => status === 404, U: () => status === 401, E: () => status === 500,
      L: () => status === 302 && location === `/login?next=${encodeURIComponent(path)}`,
      H: () => status < 500 && status !== 401 && status !== 404 && !(location ?? '').startsWith('/login'),
    };
    if (code.startsWith('>')) return (status === 302 || status === 303) && location === code.slice(1) ? null : got;
    return want[code]?.() ? null : got;
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
    const problems = res.status() === expected ? [] : [`${method} ${path} with ${identity.name}'s bearer token: expected ${expected}, got ${res.status()}`];
    if (!/\bno-store\b/.test(res.headers()['cache-control'] ?? '')) problems.push(`${method} ${path} with ${identity.name}'s bearer token: Cache-Control is not no-store`);
    return problems;
  }
});
