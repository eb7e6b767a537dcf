import type { AstroGlobal } from 'astro';
import { getApp } from '#src/app.server.ts';
import { loadReviewPage } from '#features/catalogs/review-page.server.ts';

// Not a route (Astro skips files starting with "_"): a submitted revision for sales' and admins'
// twin review pages. Null: 404.
export async function openRevisionReview(astro: AstroGlobal) {
  const { database } = await getApp();
  const loaded = await loadReviewPage(database.db, astro.locals.user, astro.params.revisionId, astro.url.searchParams);
  if (loaded) astro.response.headers.set('cache-control', 'no-store');
  return loaded;
}
