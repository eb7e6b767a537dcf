import type { APIRoute } from 'astro';
import { getApp } from '#src/app.server.ts';
import { RevisionNotFound } from '#features/ingest/revisions/revision-problem.ts';
import { liveCatalogDownload } from '#features/exports/supplier-downloads.server.ts';

/** The live revision of the supplier's own catalog: export.csv, export.xlsx or export.xml (BMEcat 2005). */
export const GET: APIRoute = async (context) => {
  const { database } = await getApp();
  try {
    return await liveCatalogDownload(database.db, context.locals.user, context.params.catalogId, context.params.format, context.url.origin, new Date());
  } catch (e) {
    if (e instanceof RevisionNotFound) return context.rewrite('/404');
    throw e;
  }
};
