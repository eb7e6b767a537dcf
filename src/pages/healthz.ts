import type { APIRoute } from 'astro';
import { getApp } from '#src/app.server.ts';
import { getSearchService, searchHealth } from '#server/search-service.server.ts';
import { mayReadHealthDetail } from '#server/health-detail-access.ts';
import { deploymentSettings } from '#features/security/deployment-settings.ts';

// Liveness: 200 while the database answers, 503 otherwise. Also reports the search engine and
// how far an external search index lags behind publishing (search_outbox); search trouble alone
// does not fail the check (buyers fall back to the embedded index). Anonymous callers get the
// status alone; details go to admins and to a monitor holding HEALTHZ_TOKEN.
export const GET: APIRoute = async ({ locals, request }) => {
  const detailed = mayReadHealthDetail(locals.user?.role ?? null, request.headers.get('authorization'), deploymentSettings().healthzToken);
  try {
    const { database } = await getApp();
    await database.client.execute('SELECT 1');
    if (!detailed) {
      // The first check of a new process also starts the search service and its outbox sync, as the
      // detailed answer does: a server that only answers probes and the API still syncs its index.
      getSearchService().catch((e: unknown) => console.error('healthz: search service did not start', e));
      return Response.json({ status: 'ok' }, { headers: { 'cache-control': 'no-store' } });
    }
    // Counts only: error texts (hosts, reasons) go to the log, not to an anonymous caller.
    const search = await searchHealth().then(
      (h) => ({ engine: h.engine, ok: h.ok, outbox: { pending: h.outbox.pending, lagSeconds: h.outbox.lagSeconds, failing: h.outbox.failing } }),
      (e: unknown) => { console.error('healthz: search check failed', e); return { ok: false }; },
    );
    return Response.json({ status: 'ok', database: 'ok', search }, { headers: { 'cache-control': 'no-store' } });
  } catch (e) {
    console.error('healthz: database check failed', e);
    return Response.json(detailed ? { status: 'error', database: 'unreachable' } : { status: 'error' }, { status: 503, headers: { 'cache-control': 'no-store' } });
  }
};
