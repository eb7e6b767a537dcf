import type { APIRoute } from 'astro';
import { getApp } from '#src/app.server.ts';
import { apiNotFound, apiUnauthorized } from '#features/auth/api-responses.ts';
import { itemJsonBySku, openBuyerApiContext } from '#features/browse/catalog-api.server.ts';

/** One item at the buyer's prices with its quantity breaks; 404 when the buyer may not see it. A SKU may contain "/". */
export const GET: APIRoute = async ({ locals, params }) => {
  if (!locals.user) return apiUnauthorized();
  const { database } = await getApp();
  const ctx = await openBuyerApiContext(database.db, locals.user, new Date());
  const body = ctx && params.catalog && params.sku ? await itemJsonBySku(database.db, ctx, params.catalog, params.sku) : null;
  if (!body) return apiNotFound();
  return Response.json(body, { headers: { 'cache-control': 'private, no-store' } });
};
