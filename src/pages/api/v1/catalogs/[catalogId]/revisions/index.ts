import { apiEndpoint, apiJson } from '#server/api/api-endpoint.server.ts';
import { catalogForSupplier } from '#features/ingest/revisions/find-revision.server.ts';
import { listCatalogRevisions } from '#features/catalogs/revision-history.server.ts';
import { revisionJson } from '#features/catalogs/revision-json.ts';
import { parsePage } from '#features/catalogs/report-page.server.ts';
import { wakeBackgroundJobs } from '#server/background-jobs.server.ts';
import { acceptUpload } from '#features/ingest/uploads/accept-upload.server.ts';
import { apiPaths } from '#src/paths.ts';

/** The catalog's revisions, newest first (`?page=`). */
export const GET = apiEndpoint('revisions.list', async ({ user, app, catalogId, context }) => {
  const catalog = await catalogForSupplier(app.database.db, user, catalogId);
  const history = await listCatalogRevisions(app.database.db, catalog.id, parsePage(context.url.searchParams.get('page')));
  const supplier = { id: catalog.supplierOrgId, name: user.orgName, slug: '', requiresApproval: catalog.requiresApproval };
  return apiJson({
    revisions: history.rows.map((row) => revisionJson({ revision: row.revision, catalog, supplier }, null)),
    page: history.page, pageCount: history.pageCount, total: history.total,
  });
});

/**
 * Uploads a price list as a new revision: the file as the request body (any content type but a
 * form's; name it with `X-File-Name` or `?name=`, a workbook sheet with `X-Sheet` or `?sheet=`),
 * or a multipart form with the field `file`. Answers 202 with the revision's URL; poll it until
 * `state` is `ready` or `failed`.
 */
export const POST = apiEndpoint('revisions.upload', async ({ user, app, catalogId, context, meta }) => {
  const catalog = await catalogForSupplier(app.database.db, user, catalogId);
  const revision = await acceptUpload({ db: app.database.db, uploadsDir: app.uploadsDir, uploadMaxBytes: app.uploadMaxBytes }, catalog, user, context.request, meta);
  wakeBackgroundJobs('uploads');
  const url = apiPaths.revision(catalog.id, revision.id);
  const supplier = { id: catalog.supplierOrgId, name: user.orgName, slug: '', requiresApproval: catalog.requiresApproval };
  return apiJson({ revision: revisionJson({ revision, catalog, supplier }, null), revisionUrl: url }, 202, { location: url });
});
