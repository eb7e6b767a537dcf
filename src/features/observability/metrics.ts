import { collectDefaultMetrics, Gauge, Histogram, Registry } from 'prom-client';

/**
 * The process's Prometheus metrics, shared by the HTTP front (request durations) and the app's
 * `/metrics` endpoint (backlogs read from the database when scraped). Default metrics include
 * the event-loop delay (nodejs_eventloop_lag_*).
 */
export interface Metrics {
  registry: Registry;
  requestDuration: Histogram<'route' | 'method' | 'status'>;
  searchOutboxPending: Gauge;
  mailOutboxPending: Gauge;
  mailOutboxFailed: Gauge;
  uploadsWaiting: Gauge;
  sessionsActive: Gauge;
  webhookDeliveriesPending: Gauge;
  webhookEndpointsOff: Gauge;
}

const SLOT = Symbol.for('vitrine.metrics');
type Slot = Record<symbol, Metrics | undefined>;

function create(): Metrics {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry, eventLoopMonitoringPrecision: 20 });
  const gauge = (name: string, help: string) => new Gauge({ name, help, registers: [registry] });
  return {
    registry,
    requestDuration: new Histogram({
      name: 'vitrine_http_request_duration_seconds', help: 'Time to answer a request, by route pattern, method and status.',
      labelNames: ['route', 'method', 'status'], buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10], registers: [registry],
    }),
    searchOutboxPending: gauge('vitrine_search_outbox_pending', 'Publishes not yet synced to the external search engine.'),
    mailOutboxPending: gauge('vitrine_mail_outbox_pending', 'Mails waiting to be sent (including retries).'),
    mailOutboxFailed: gauge('vitrine_mail_outbox_failed', 'Mails given up after their last retry (kept for /admin/mail).'),
    uploadsWaiting: gauge('vitrine_uploads_waiting', 'Uploaded price lists waiting to be read or being read.'),
    sessionsActive: gauge('vitrine_sessions_active', 'Sign-in sessions not yet expired.'),
    webhookDeliveriesPending: gauge('vitrine_webhook_deliveries_pending', 'Webhook deliveries waiting to be sent (including retries).'),
    webhookEndpointsOff: gauge('vitrine_webhook_endpoints_off', 'Webhook endpoints switched off after 24 hours of failed deliveries.'),
  };
}

export function metrics(): Metrics {
  return ((globalThis as Slot)[SLOT] ??= create());
}
