import type { APIRoute } from 'astro';
import { apiUnauthorized } from '#features/auth/api-responses.ts';
import { OPENAPI_DOCUMENT } from '#features/catalogs/openapi-document.ts';

/** The API's description for integrators (signed in, or with their API token). */
export const GET: APIRoute = ({ locals }) => {
  if (!locals.user) return apiUnauthorized();
  return Response.json(OPENAPI_DOCUMENT, { headers: { 'cache-control': 'no-store' } });
};
