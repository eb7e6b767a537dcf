import type { APIRequestContext, PlaywrightWorkerArgs } from '@playwright/test';

type Playwright = PlaywrightWorkerArgs['playwright'];
import { expect } from '@playwright/test';
import { DEMO_PASSWORD } from '#seed/demo-accounts.ts';
import type { Role } from '#db/schema/users.ts';

/**
 * Who the matrix asks as: nobody, each role's demo account, and a person of another organization
 * of the same kind (Bright against Acme's resources, Initech against Globex's).
 */
export interface Identity { name: string; email: string | null; role: Role | null; otherTenant: boolean }

export const IDENTITIES: readonly Identity[] = [
  { name: 'anonymous', email: null, role: null, otherTenant: false },
  { name: 'admin', email: 'admin@vitrine.test', role: 'admin', otherTenant: false },
  { name: 'sales', email: 'sales@vitrine.test', role: 'sales', otherTenant: false },
  { name: 'supplier (Acme)', email: 'supplier@acme.test', role: 'supplier', otherTenant: false },
  { name: 'buyer (Globex)', email: 'buyer@globex.test', role: 'buyer', otherTenant: false },
  { name: 'other supplier (Bright)', email: 'supplier@bright.test', role: 'supplier', otherTenant: true },
  { name: 'other buyer (Initech)', email: 'buyer@initech.test', role: 'buyer', otherTenant: true },
];

/** The browser's Origin for same-site form posts (Astro refuses cross-site ones). */
export function sameOrigin(baseURL: string): Record<string, string> {
  return { origin: new URL(baseURL).origin };
}

/** A request context signed in through the real sign-in form action, or anonymous. */
export async function contextFor(playwright: Playwright, baseURL: string, email: string | null, password = DEMO_PASSWORD): Promise<APIRequestContext> {
  const ctx = await playwright.request.newContext({ baseURL });
  if (email) {
    const res = await ctx.post('/login?_action=auth.signIn', { form: { email, password }, headers: sameOrigin(baseURL), maxRedirects: 0 });
    expect(res.status(), `sign-in of ${email}`).toBe(303);
  }
  return ctx;
}
