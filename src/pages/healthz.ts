import type { APIRoute } from 'astro';
import { getApp } from '#src/app.server.ts';
import { searchHealth } from '#server/search-service.server.ts';

// Liveness: 200 while the database answers, 503 otherwise. Also reports the search engine and
// how far an external search index lags behind publishing (search_outbox); search trouble alone
// does not fail the check (buyers fall back to the embedded index).
export const GET: APIRoute = async () => {
  try {
    const { database } = await getApp();
    await database.client.execute('SELECT 1');
    // Counts only: error texts (hosts, reasons) go to the log, not to an anonymous caller.
    const search = await searchHealth().then(
      (h) => ({ engine: h.engine, ok: h.ok, outbox: { pending: h.outbox.pending, lagSeconds: h.outbox.lagSeconds, failing: h.outbox.failing } }),
      (e: unknown) => { console.error('healthz: search check failed', e); return { ok: false }; },
    );
    return Response.json({ status: 'ok', database: 'ok', search }, { headers: { 'cache-control': 'no-store' } });
  } catch (e) {
    console.error('healthz: database check failed', e);
    return Response.json({ status: 'error', database: 'unreachable' }, { status: 503, headers: { 'cache-control': 'no-store' } });
  }
};
