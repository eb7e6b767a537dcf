import type { Db } from '#db/client.ts';
import type { RevisionContext } from '#features/ingest/revisions/find-revision.server.ts';
import { reportCsv } from './report-csv.ts';
import { allProblems } from './revision-report.server.ts';

/** The report of a revision as a streamed CSV download named after the catalog and revision. */
export function reportCsvResponse(db: Db, ctx: RevisionContext): Response {
  const chunks = reportCsv(allProblems(db, ctx.revision.id));
  const encoder = new TextEncoder();
  const body = new ReadableStream<Uint8Array>({
    async pull(controller) {
      const next = await chunks.next();
      if (next.done) controller.close();
      else controller.enqueue(encoder.encode(next.value));
    },
    async cancel() {
      await chunks.return(undefined);
    },
  });
  const name = `${ctx.catalog.slug}-revision-${ctx.revision.id}-report.csv`;
  return new Response(body, {
    headers: { 'content-type': 'text/csv; charset=utf-8', 'content-disposition': `attachment; filename="${name}"`, 'cache-control': 'no-store' },
  });
}
