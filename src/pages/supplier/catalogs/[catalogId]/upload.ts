import type { APIRoute } from 'astro';
import { getApp } from '#src/app.server.ts';
import { clientAddress } from '#features/auth/client-address.ts';
import { catalogForSupplier, parseId } from '#features/ingest/revisions/find-revision.server.ts';
import { RevisionNotFound } from '#features/ingest/revisions/revision-problem.ts';
import { wakeBackgroundJobs } from '#server/background-jobs.server.ts';
import { acceptUpload } from '#features/ingest/uploads/accept-upload.server.ts';
import { UploadRefused } from '#features/ingest/uploads/upload-refused.ts';
import { supplierPaths } from '#src/paths.ts';
import { isCrossSiteSubmission } from '#server/cross-site-check.ts';

/**
 * Receives a revision's file from the catalog page: the raw file from the drag-and-drop uploader
 * (answered in JSON), or the plain multipart form (answered with a redirect). The body is
 * streamed to disk and refused at the size limit.
 */
export const POST: APIRoute = async (context) => {
  const { params, request, locals, url } = context;
  const json = (request.headers.get('accept') ?? '').includes('application/json');
  // The middleware refused cross-site forms; the raw uploader's body (the file's own type) is refused here too.
  if (isCrossSiteSubmission(request, url.origin, { bearer: locals.apiTokenId !== null, anyBody: true })) {
    return Response.json({ error: { code: 'forbidden', message: 'Uploads must come from this site’s own page.' } }, { status: 403 });
  }
  const app = await getApp();
  try {
    const catalog = await catalogForSupplier(app.database.db, locals.user, parseId(params.catalogId));
    const revision = await acceptUpload({ db: app.database.db, uploadsDir: app.uploadsDir, uploadMaxBytes: app.uploadMaxBytes }, catalog, locals.user!, request, { ip: clientAddress(context), at: new Date() });
    wakeBackgroundJobs('uploads');
    const revisionUrl = supplierPaths.revision(revision.id);
    return json ? Response.json({ revisionId: revision.id, revisionUrl }, { status: 202, headers: { location: revisionUrl } }) : context.redirect(revisionUrl, 303);
  } catch (e) {
    if (e instanceof RevisionNotFound) return context.rewrite('/404');
    if (e instanceof UploadRefused) {
      // The refused body may still be arriving: close the connection rather than leave it to the next request.
      if (json) return Response.json({ error: { code: e.code, message: e.message } }, { status: e.status, headers: { connection: 'close' } });
      return context.redirect(`${supplierPaths.catalog(parseId(params.catalogId)!)}?upload=${e.code}#upload`, 303);
    }
    if (!json) throw e; // the 500 page logs it with a reference
    const reference = crypto.randomUUID().slice(0, 8);
    console.error(`upload to catalog ${params.catalogId} failed (reference ${reference})`, e);
    return Response.json({ error: { code: 'internal', message: `The file could not be stored because of a problem on our side. Please try again; if it keeps happening, quote reference ${reference}.` } }, { status: 500 });
  }
};
