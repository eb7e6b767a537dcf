import type { APIRequestContext, PlaywrightWorkerArgs } from '@playwright/test';

type Playwright = PlaywrightWorkerArgs['playwright'];
import { expect } from '@playwright/test';
import { DEMO_PASSWORD } from '#seed/demo-accounts.ts';
import { DEMO_PUNCHOUT_SECRET } from '#seed/demo-punchout.ts';
import { cxmlSetupRequest } from '#tests/support/procurement-system.ts';
import type { Role } from '#db/schema/users.ts';

/**
 * Who the matrix asks as: nobody, each role's demo account, and a person of another organization
 * of the same kind (Bright against Acme's resources, Initech against Globex's).
 */
export interface Identity {
  name: string; email: string | null; role: Role | null; otherTenant: boolean;
  /** A procurement system's punchout session (cXML, the demo's Globex connection) instead of a sign-in. */
  punchout?: true;
}

export const IDENTITIES: readonly Identity[] = [
  { name: 'anonymous', email: null, role: null, otherTenant: false },
  { name: 'admin', email: 'admin@vitrine.test', role: 'admin', otherTenant: false },
  { name: 'sales', email: 'sales@vitrine.test', role: 'sales', otherTenant: false },
  { name: 'supplier (Acme)', email: 'supplier@acme.test', role: 'supplier', otherTenant: false },
  { name: 'buyer (Globex)', email: 'buyer@globex.test', role: 'buyer', otherTenant: false },
  { name: 'other supplier (Bright)', email: 'supplier@bright.test', role: 'supplier', otherTenant: true },
  { name: 'other buyer (Initech)', email: 'buyer@initech.test', role: 'buyer', otherTenant: true },
  { name: 'punchout (Globex)', email: null, role: 'buyer', otherTenant: false, punchout: true },
];

/** The browser's Origin for same-site form posts (Astro refuses cross-site ones). */
export function sameOrigin(baseURL: string): Record<string, string> {
  return { origin: new URL(baseURL).origin };
}

/**
 * A request context in a punchout session of the demo's Globex connection, opened as its
 * procurement system does: a cXML setup, then the start link.
 */
export async function punchoutContextFor(playwright: Playwright, baseURL: string): Promise<APIRequestContext> {
  const ctx = await playwright.request.newContext({ baseURL });
  const xml = cxmlSetupRequest({ identity: 'globex-procurement', secret: DEMO_PUNCHOUT_SECRET, returnUrl: 'http://127.0.0.1:9/return' });
  const setup = await ctx.post('/punchout/cxml', { data: xml, headers: { 'content-type': 'text/xml' } });
  const start = /<StartPage><URL>([^<]+)<\/URL>/.exec(await setup.text());
  expect(start, 'the setup answers a start page').not.toBeNull();
  const opened = await ctx.get(start![1]!, { maxRedirects: 0 });
  expect(opened.status(), 'the start link opens the session').toBe(303);
  return ctx;
}

/** A request context signed in through the real sign-in form action, or anonymous. */
export async function contextFor(playwright: Playwright, baseURL: string, email: string | null, password = DEMO_PASSWORD, punchout = false): Promise<APIRequestContext> {
  if (punchout) return punchoutContextFor(playwright, baseURL);
  const ctx = await playwright.request.newContext({ baseURL });
  if (email) {
    const res = await ctx.post('/login?_action=auth.signIn', { form: { email, password }, headers: sameOrigin(baseURL), maxRedirects: 0 });
    expect(res.status(), `sign-in of ${email}`).toBe(303);
  }
  return ctx;
}
