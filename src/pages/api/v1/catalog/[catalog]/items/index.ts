import type { APIRoute } from 'astro';
import { getApp } from '#src/app.server.ts';
import { apiNotFound, apiUnauthorized } from '#features/auth/api-responses.ts';
import { itemsJson, openBuyerApiContext } from '#features/browse/catalog-api.server.ts';
import { parsePageQuery } from '#features/browse/api-page-query.ts';

/** A page of a catalog's items at the buyer's net prices: ?page=1&pageSize=50 (at most 200), optional q= (SKU or name). */
export const GET: APIRoute = async ({ locals, params, url }) => {
  if (!locals.user) return apiUnauthorized();
  const query = parsePageQuery(url.searchParams);
  if (!query.ok) return Response.json({ error: { code: 'bad-request', message: query.message } }, { status: 400, headers: { 'cache-control': 'no-store' } });
  const { database } = await getApp();
  const ctx = await openBuyerApiContext(database.db, locals.user, new Date());
  const body = ctx && params.catalog ? await itemsJson(database.db, ctx, params.catalog, query.value) : null;
  if (!body) return apiNotFound();
  return Response.json(body, { headers: { 'cache-control': 'private, no-store' } });
};
