import type { APIRoute } from 'astro';
import { getApp } from '#src/app.server.ts';
import { parseId, revisionForSupplier } from '#features/ingest/revisions/find-revision.server.ts';
import { RevisionNotFound } from '#features/ingest/revisions/revision-problem.ts';
import { reportCsvResponse } from '#features/catalogs/report-csv-response.server.ts';

/** The validation report as a CSV download (formulas neutralized), streamed. */
export const GET: APIRoute = async (context) => {
  const { database } = await getApp();
  try {
    const ctx = await revisionForSupplier(database.db, context.locals.user, parseId(context.params.revisionId));
    return reportCsvResponse(database.db, ctx);
  } catch (e) {
    if (e instanceof RevisionNotFound) return context.rewrite('/404');
    throw e;
  }
};
