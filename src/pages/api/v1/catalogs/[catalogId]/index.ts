import { apiEndpoint, apiJson } from '#server/api/api-endpoint.server.ts';
import { catalogForSupplier } from '#features/ingest/revisions/find-revision.server.ts';
import { catalogJson } from '#features/catalogs/revision-json.ts';

/** One of the caller's catalogs. */
export const GET = apiEndpoint('catalogs.get', async ({ user, app, catalogId }) => {
  const catalog = await catalogForSupplier(app.database.db, user, catalogId);
  return apiJson({ catalog: { ...catalogJson(catalog), requiresApproval: catalog.requiresApproval } });
});
