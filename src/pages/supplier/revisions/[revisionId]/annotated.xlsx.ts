import type { APIRoute } from 'astro';
import { getApp } from '#src/app.server.ts';
import { annotatedWorkbookFile, type AnnotatedWorkbookAsk } from '#features/exports/supplier-downloads.server.ts';
import { exportFileResponse } from '#features/exports/export-file.server.ts';
import { offLoop } from '#kernel/off-loop.ts';

/**
 * The supplier's uploaded workbook with the faulty cells marked and a sheet listing every
 * problem: rewritten where heavy work runs and streamed here.
 */
export const GET: APIRoute = async (context) => {
  const { database, uploadsDir } = await getApp();
  const ask: AnnotatedWorkbookAsk = { user: context.locals.user, revision: context.params.revisionId, uploadsDir };
  const outcome = await offLoop('exports.annotated-workbook', ask, (a) => annotatedWorkbookFile(database.db, a));
  if ('notFound' in outcome) return context.rewrite('/404');
  if ('problem' in outcome) return new Response(outcome.problem, { status: 409, headers: { 'content-type': 'text/plain; charset=utf-8', 'cache-control': 'no-store' } });
  return exportFileResponse(outcome.file);
};
