import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { parsePrometheusText } from '#tests/support/parse-prometheus.ts';
import { startApiServer, type BuiltServer } from '../api/built-server.ts';
import { signInOver } from '#tests/support/http-form.ts';
import { DEMO_PASSWORD } from '#seed/demo-accounts.ts';

const METRICS_TOKEN = 'metrics-secret-for-tests';

// The built server's request log (one JSON line per request) and /metrics (Prometheus text).
describe('logs and metrics', () => {
  let server: BuiltServer;
  let cookie: string;
  beforeAll(async () => {
    server = await startApiServer(1024 * 1024, { METRICS_TOKEN, LOG_LEVEL: 'info' });
    cookie = await signInOver(server.base, 'supplier@acme.test', DEMO_PASSWORD);
    await fetch(`${server.base}/supplier?secret-looking=query-value`, { headers: { cookie } });
    await fetch(`${server.base}/no/such/page`);
  });
  afterAll(() => server?.stop());

  test('one JSON line per request: time, request id, route pattern, status, duration, user and organization; no password, token or query', async () => {
    // Each process writes its lines in batches: wait for the three requests' lines.
    for (const line of [/"method":"GET","route":"\/supplier"/, /"status":404/, /"method":"POST","route":"\/login"/]) await server.waitFor(line, 5_000);
    const lines = server.output.join('').split('\n').filter((l) => l.startsWith('{')).map((l) => JSON.parse(l) as Record<string, unknown>);
    const requests = lines.filter((l) => l.msg === 'request');
    const page = requests.find((l) => l.route === '/supplier' && l.method === 'GET');
    expect(page).toMatchObject({ status: 200, userId: expect.any(Number), orgId: expect.any(Number), reqId: expect.stringMatching(/^[0-9a-f-]{36}$/) });
    expect(typeof page!.ms).toBe('number');
    expect(Date.parse(String(page!.time))).toBeGreaterThan(0);
    expect(requests.find((l) => l.status === 404)).toMatchObject({ userId: null });
    expect(requests.find((l) => l.route === '/login' && l.method === 'POST')).toMatchObject({ status: 303 }); // the sign-in form's Post/Redirect/Get
    const text = server.output.join('');
    expect(text).not.toContain(DEMO_PASSWORD);
    expect(text).not.toContain(cookie.split('=')[1]);
    expect(text).not.toContain('query-value');
  });

  test('/metrics refuses without the bearer token', async () => {
    expect((await fetch(`${server.base}/metrics`)).status).toBe(401);
    expect((await fetch(`${server.base}/metrics`, { headers: { authorization: 'Bearer wrong' } })).status).toBe(401);
    expect((await fetch(`${server.base}/metrics`, { headers: { cookie } })).status).toBe(401);
  });

  test('/metrics in Prometheus text: request durations by route pattern, event-loop delay, backlogs, uploads, sessions', async () => {
    const r = await fetch(`${server.base}/metrics`, { headers: { authorization: `Bearer ${METRICS_TOKEN}` } });
    expect(r.status).toBe(200);
    expect(r.headers.get('content-type')).toMatch(/^text\/plain; version=0\.0\.4/);
    const families = parsePrometheusText(await r.text());
    // The official parser names a histogram family without its _bucket/_sum/_count suffixes.
    const durations = families.get('vitrine_http_request_duration_seconds')!;
    expect(durations.type).toBe('histogram');
    const count = durations.samples.find((s) => s.name.endsWith('_count') && s.labels.route === '/supplier' && s.labels.status === '200' && s.labels.method === 'GET');
    expect(count!.value).toBeGreaterThanOrEqual(1);
    const buckets = durations.samples.filter((s) => s.name.endsWith('_bucket') && s.labels.route === '/supplier');
    expect(buckets.map((b) => b.labels.le)).toContain('0.1');
    expect(durations.samples.some((s) => s.labels.route === '/login' && s.labels.method === 'POST')).toBe(true);
    expect(durations.samples.every((s) => !s.labels.route?.includes('?'))).toBe(true);
    expect(families.get('nodejs_eventloop_lag_seconds')?.type).toBe('gauge');
    for (const name of ['vitrine_search_outbox_pending', 'vitrine_mail_outbox_pending', 'vitrine_mail_outbox_failed', 'vitrine_uploads_waiting', 'vitrine_sessions_active']) {
      expect(families.get(name)?.type, name).toBe('gauge');
    }
    expect(families.get('vitrine_sessions_active')!.samples[0]!.value).toBeGreaterThanOrEqual(1);
  });
});
