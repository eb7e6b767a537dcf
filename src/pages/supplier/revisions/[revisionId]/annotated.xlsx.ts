import type { APIRoute } from 'astro';
import { getApp } from '#src/app.server.ts';
import { RevisionNotFound, RevisionProblem } from '#features/ingest/revisions/revision-problem.ts';
import { annotatedWorkbookDownload } from '#features/exports/supplier-downloads.server.ts';

/** The supplier's uploaded workbook with the faulty cells marked and a sheet listing every problem. */
export const GET: APIRoute = async (context) => {
  const { database, uploadsDir } = await getApp();
  try {
    return await annotatedWorkbookDownload(database.db, uploadsDir, context.locals.user, context.params.revisionId);
  } catch (e) {
    if (e instanceof RevisionNotFound) return context.rewrite('/404');
    if (e instanceof RevisionProblem) return new Response(e.message, { status: 409, headers: { 'content-type': 'text/plain; charset=utf-8', 'cache-control': 'no-store' } });
    throw e;
  }
};
