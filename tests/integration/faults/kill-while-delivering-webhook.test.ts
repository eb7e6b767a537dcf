import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { eq } from 'drizzle-orm';
import { webhookDeliveries } from '#db/schema/index.ts';
import { createEndpoint, endpointForOwner, revealSecretOnce } from '#features/webhooks/webhook-endpoints.server.ts';
import { WEBHOOK_RETRY } from '#features/webhooks/retry-schedule.ts';
import type { ServerProcess } from '#tests/support/built-server.ts';
import { startWebhookReceiver, signatureIsValid, type WebhookReceiver } from '#tests/support/webhook-receiver.ts';
import { csv, meta } from '../imports/pipeline-world.ts';
import { api, openFaultWorld, type FaultWorld } from './fault-world.ts';

// The built server sends catalog.published to a real receiver on 127.0.0.1, which holds the
// first request open: the server is killed (SIGKILL) in the middle of that delivery. Restarted,
// it sends the delivery again once the dead process's claim has lapsed; the receiver answers 500
// once, and the retry that follows is delivered. Every copy is the same event, signed anew.
describe('the server killed while it delivers a webhook', () => {
  let fw: FaultWorld;
  let receiver: WebhookReceiver;
  let server: ServerProcess | undefined;
  const env = { WEBHOOK_ALLOW_PRIVATE_ADDRESSES: 'true', WEBHOOK_RETRY_BASE_MS: '300' };

  beforeAll(async () => { fw = await openFaultWorld(); }, 60_000);
  afterAll(async () => {
    await server?.kill('SIGKILL');
    await receiver?.close();
    fw?.w.close();
  });

  test('delivers it after the restart, and retries an answer of 500 until it is delivered', async () => {
    const w = fw.w;
    receiver = await startWebhookReceiver(['hold', { status: 500, body: 'try later' }]);
    const endpointId = await createEndpoint(w.db, w.acme, { url: receiver.url, description: 'ERP', events: ['catalog.published'] }, true, meta());
    const secret = (await revealSecretOnce(w.db, w.acme, await endpointForOwner(w.db, w.acme, endpointId), new Date()))!;
    const catalog = await w.catalog('Webhook fault catalog');
    const rev = await w.uploadAndRead(catalog.id, csv('WF-1,Fault bolt,1.00,Bolts,', 'WF-2,Fault nut,0.10,Nuts,'), 'webhook-fault.csv');
    expect(rev.state).toBe('ready');

    server = await fw.start({ env });
    const published = await api(server.base, fw.acmeToken, `/api/v1/catalogs/${catalog.id}/revisions/${rev.id}/publish`, { method: 'POST', body: '{}', headers: { 'content-type': 'application/json' } });
    expect(published.status, server.output.join('')).toBe(200);
    const [held] = await receiver.waitFor(1);
    expect(JSON.parse(held!.body)).toMatchObject({ type: 'catalog.published', data: { catalog: { id: catalog.id }, revision: { id: rev.id } } });

    // Killed with the request in flight: nothing of the attempt was recorded, the claim stands.
    expect((await server.kill('SIGKILL')).signal).toBe('SIGKILL');
    const [inFlight] = await w.db.select().from(webhookDeliveries).where(eq(webhookDeliveries.endpointId, endpointId));
    expect(inFlight).toMatchObject({ state: 'pending', attempts: 0 });
    const killedAt = Date.now();

    server = await fw.start({ env });
    const all = await receiver.waitFor(3, WEBHOOK_RETRY.leaseMs + 30_000);
    expect(all[1]!.at - killedAt, 'sent again only once the dead process\'s claim lapsed').toBeGreaterThanOrEqual(WEBHOOK_RETRY.leaseMs - 2_000);
    expect(all[2]!.at - all[1]!.at, 'the retry after the 500 waits for the backoff').toBeGreaterThanOrEqual(250);
    for (const got of all) {
      expect(got.body).toBe(held!.body);
      expect(signatureIsValid(got.headers['vitrine-signature'], got.body, secret)).toBe(true);
    }
    const until = Date.now() + 10_000;
    let delivery = (await w.db.select().from(webhookDeliveries).where(eq(webhookDeliveries.endpointId, endpointId)))[0]!;
    while (delivery.state !== 'delivered' && Date.now() < until) {
      await new Promise((r) => setTimeout(r, 100));
      delivery = (await w.db.select().from(webhookDeliveries).where(eq(webhookDeliveries.endpointId, endpointId)))[0]!;
    }
    expect(delivery).toMatchObject({ state: 'delivered', attempts: 2, responseStatus: 200, responseExcerpt: 'ok' });
    expect(receiver.received).toHaveLength(3);
  }, 120_000);
});
