import { apiEndpoint, apiJson, jsonBody } from '#server/api/api-endpoint.server.ts';
import { addCatalog } from '#features/catalogs/add-catalog.server.ts';
import { listSupplierCatalogs } from '#features/catalogs/list-supplier-catalogs.server.ts';
import { catalogJson } from '#features/catalogs/revision-json.ts';
import { apiPaths } from '#src/paths.ts';
import { RevisionNotFound } from '#features/ingest/revisions/revision-problem.ts';

/** The caller's catalogs (suppliers only; anyone else has none to manage). */
export const GET = apiEndpoint('catalogs.list', async ({ user, app }) => {
  if (user.role !== 'supplier') throw new RevisionNotFound();
  const rows = await listSupplierCatalogs(app.database.db, user.orgId);
  return apiJson({
    catalogs: rows.map((c) => ({
      id: c.id, name: c.name, slug: c.slug, currency: c.currency, liveRevisionId: c.liveRevisionId, itemCount: c.itemCount ?? 0, lastPublishedAt: c.lastPublishedAt,
      links: { self: apiPaths.catalog(c.id), revisions: apiPaths.revisions(c.id) },
    })),
  });
});

/** Creates a catalog: {"name": "Fasteners 2028", "currency": "EUR"}. */
export const POST = apiEndpoint('catalogs.create', async ({ user, app, context, meta }) => {
  const body = await jsonBody(context.request);
  const catalog = await addCatalog(app.database.db, user, { name: String(body.name ?? ''), currency: String(body.currency ?? '') }, meta);
  return apiJson({ catalog: catalogJson(catalog) }, 201, { location: apiPaths.catalog(catalog.id) });
});
