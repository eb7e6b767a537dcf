import type { APIRoute } from 'astro';
import { getApp } from '#src/app.server.ts';
import { apiNotFound, apiUnauthorized } from '#features/auth/api-responses.ts';
import { catalogsJson, openBuyerApiContext } from '#features/browse/catalog-api.server.ts';

/** The catalogs the calling buyer's organization may see, with item counts. */
export const GET: APIRoute = async ({ locals }) => {
  if (!locals.user) return apiUnauthorized();
  const { database } = await getApp();
  const ctx = await openBuyerApiContext(database.db, locals.user, new Date());
  if (!ctx) return apiNotFound();
  return Response.json(await catalogsJson(database.db, ctx), { headers: { 'cache-control': 'private, no-store' } });
};
