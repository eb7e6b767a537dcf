import { apiEndpoint } from '#server/api/api-endpoint.server.ts';
import { liveCatalogDownload } from '#features/exports/supplier-downloads.server.ts';

/** The live revision as export.csv, export.xlsx or export.xml (BMEcat 2005), for the supplier's systems. */
export const GET = apiEndpoint('catalogs.export', async ({ user, app, context }) =>
  liveCatalogDownload(app.database.db, user, context.params.catalogId, context.params.format, context.url.origin, new Date()));
