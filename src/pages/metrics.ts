import type { APIRoute } from 'astro';
import { getApp } from '#src/app.server.ts';
import { collectMetrics, metricsAuthorized } from '#server/collect-metrics.server.ts';

// Prometheus text, only for `Authorization: Bearer $METRICS_TOKEN` (refused when no token is set).
export const GET: APIRoute = async ({ request }) => {
  const app = await getApp();
  if (!metricsAuthorized(request.headers.get('authorization'), app.metricsToken)) {
    return new Response('Unauthorized: send Authorization: Bearer <METRICS_TOKEN>.\n', { status: 401, headers: { 'www-authenticate': 'Bearer realm="metrics"', 'content-type': 'text/plain; charset=utf-8', 'cache-control': 'no-store' } });
  }
  const { contentType, body } = await collectMetrics(app.database.db);
  return new Response(body, { headers: { 'content-type': contentType, 'cache-control': 'no-store' } });
};
