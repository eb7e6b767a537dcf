import type { APIRoute } from 'astro';
import { getApp } from '#src/app.server.ts';
import { apiNotFound, apiUnauthorized } from '#features/auth/api-responses.ts';
import { catalogJsonBySlug, openBuyerApiContext } from '#features/browse/catalog-api.server.ts';

/** One catalog the buyer may see, with its categories and the number of items in each. */
export const GET: APIRoute = async ({ locals, params }) => {
  if (!locals.user) return apiUnauthorized();
  const { database } = await getApp();
  const ctx = await openBuyerApiContext(database.db, locals.user, new Date());
  const body = ctx && params.catalog ? await catalogJsonBySlug(database.db, ctx, params.catalog) : null;
  if (!body) return apiNotFound();
  return Response.json(body, { headers: { 'cache-control': 'private, no-store' } });
};
