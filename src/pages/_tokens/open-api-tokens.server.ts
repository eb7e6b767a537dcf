import type { AstroGlobal } from 'astro';
import { getApp } from '#src/app.server.ts';
import { pageUser } from '#src/guards.ts';
import { listApiTokens } from '#features/auth/api-tokens.server.ts';

// Not a route (Astro skips files starting with "_"): the signed-in person's API tokens, for the
// buyer's and the supplier's twin pages.
export async function openApiTokens(astro: AstroGlobal) {
  const user = pageUser(astro.locals);
  const { database } = await getApp();
  const tokens = await listApiTokens(database.db, user.id);
  astro.response.headers.set('cache-control', 'no-store'); // a new token is shown on this page
  return { user, tokens };
}
