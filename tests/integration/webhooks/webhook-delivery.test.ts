import { afterAll, afterEach, beforeAll, describe, expect, test } from 'vitest';
import { eq, sql } from 'drizzle-orm';
import { openPipelineWorld, csv, meta, type PipelineWorld } from '../imports/pipeline-world.ts';
import { globexView } from '../faults/fault-world.ts';
import { webhookDeliveries, webhookEndpoints, webhookEvents } from '#db/schema/index.ts';
import { runHousekeeping } from '#features/housekeeping/housekeeping.server.ts';
import { webhookBacklog } from '#features/webhooks/webhook-backlog.server.ts';
import { createEndpoint, endpointForOwner, revealSecretOnce, switchEndpointOn } from '#features/webhooks/webhook-endpoints.server.ts';
import { listDeliveries, sendAgain } from '#features/webhooks/delivery-log.server.ts';
import { runWebhookRound } from '#features/webhooks/webhook-round.server.ts';
import type { WebhookSettings } from '#features/webhooks/deliver-webhooks.server.ts';
import { scheduleRevision } from '#features/catalogs/schedule-revision.server.ts';
import { withdrawView } from '#features/views/withdraw-view.server.ts';
import type { SessionUser } from '#features/auth/session-user.ts';
import { startWebhookReceiver, signatureIsValid, type Answer, type WebhookReceiver } from '#tests/support/webhook-receiver.ts';

// The webhook journey through its real parts: a real libSQL file, the upload pipeline and
// publish, the sender's rounds, and a real HTTP receiver on 127.0.0.1 (private addresses are
// allowed here, as in the demo; the guard has its own test below).
const settings: WebhookSettings = { allowPrivateAddresses: true, retryBaseMs: 200 };

interface Hook { id: number; secret: string; receiver: WebhookReceiver }

describe('webhooks', () => {
  let w: PipelineWorld;
  const receivers: WebhookReceiver[] = [];
  let catalogCount = 0;

  beforeAll(async () => { w = await openPipelineWorld(); });
  afterEach(async () => {
    await Promise.all(receivers.splice(0).map((r) => r.close()));
    // Each test's endpoints end with it, so the next test's events reach only its own.
    await w.db.delete(webhookEndpoints);
  });
  afterAll(() => w?.close());

  async function hook(owner: SessionUser, events: string[], answers: Answer[] = []): Promise<Hook> {
    const receiver = await startWebhookReceiver(answers);
    receivers.push(receiver);
    const id = await createEndpoint(w.db, owner, { url: receiver.url, description: 'ERP', events }, true, meta());
    const secret = await revealSecretOnce(w.db, owner, await endpointForOwner(w.db, owner, id), new Date());
    return { id, secret: secret!, receiver };
  }

  /** A new catalog of Acme with a checked revision ready to publish. */
  async function readyRevision(owner = w.acme) {
    const catalog = await w.catalog(`Hook catalog ${++catalogCount}`, 'EUR', owner);
    const rev = await w.uploadAndRead(catalog.id, csv('HK-1,Hook bolt,1.50,Bolts,', 'HK-2,Hook nut,0.20,Nuts,', 'HK-3,Hook washer,0.05,Washers,'), 'hooks.csv', { by: owner });
    expect(rev.state).toBe('ready');
    return { catalog, rev };
  }

  const bodies = (r: WebhookReceiver) => r.received.map((x) => JSON.parse(x.body) as { id: string; type: string; data: Record<string, unknown> });

  test('a supplier\'s endpoint gets catalog.published after a publish, signed with its secret, with counts, the diff and URLs', async () => {
    const h = await hook(w.acme, ['catalog.published']);
    expect(h.secret).toMatch(/^whsec_[a-z2-7]{32}$/);
    expect(await revealSecretOnce(w.db, w.acme, await endpointForOwner(w.db, w.acme, h.id), new Date()), 'the secret is shown once').toBeNull();
    const { catalog, rev } = await readyRevision();
    await w.publish(rev.id);
    await runWebhookRound(w.db, settings);

    const [got] = await h.receiver.waitFor(1);
    expect(h.receiver.received).toHaveLength(1); // revision.ready was not chosen
    expect(got!.headers['vitrine-event']).toBe('catalog.published');
    expect(got!.headers['content-type']).toBe('application/json');
    expect(signatureIsValid(got!.headers['vitrine-signature'], got!.body, h.secret)).toBe(true);
    expect(signatureIsValid(got!.headers['vitrine-signature'], got!.body, 'whsec_someoneelse')).toBe(false);
    expect(signatureIsValid(got!.headers['vitrine-signature'], got!.body.replace('"items":3', '"items":4'), h.secret)).toBe(false);
    const [event] = bodies(h.receiver);
    expect(event).toMatchObject({
      type: 'catalog.published',
      data: {
        catalog: { id: catalog.id, name: catalog.name, url: expect.stringMatching(new RegExp(`/api/v1/catalogs/${catalog.id}$`)) },
        revision: { id: rev.id, counts: { items: 3, errors: 0, warnings: 0 }, diff: { added: 3, removed: 0, changed: 0 }, url: expect.stringMatching(new RegExp(`/api/v1/catalogs/${catalog.id}/revisions/${rev.id}$`)) },
        previousRevisionId: null, rollback: false,
      },
    });
    expect(event!.id).toMatch(/^evt_\d+$/);
    const [line] = await listDeliveries(w.db, h.id);
    expect(line).toMatchObject({ state: 'delivered', attempts: 1, responseStatus: 200, responseExcerpt: 'ok', eventType: 'catalog.published' });
  });

  test('a delivery answered with 500 is retried with backoff: the same event arrives again, and the log shows each answer as it comes', async () => {
    const h = await hook(w.acme, ['catalog.published'], [{ status: 500, body: 'down for maintenance' }]);
    const { rev } = await readyRevision();
    await w.publish(rev.id);
    await runWebhookRound(w.db, settings);
    await h.receiver.waitFor(1);
    const [failed] = await listDeliveries(w.db, h.id);
    expect(failed).toMatchObject({ state: 'pending', attempts: 1, responseStatus: 500, responseExcerpt: 'down for maintenance', lastError: 'answered 500' });
    expect(Date.parse(failed!.nextAttemptAt!)).toBeGreaterThan(Date.now() - 50);
    expect((await webhookBacklog(w.db)).pending, 'what /metrics reports').toBe(1);
    expect((await w.db.select().from(webhookEndpoints).where(eq(webhookEndpoints.id, h.id)))[0]!.failingSince).not.toBeNull();

    await runWebhookRound(w.db, settings); // not due yet: nothing is sent before the backoff has passed
    expect(h.receiver.received).toHaveLength(1);
    await new Promise((r) => setTimeout(r, 250));
    await runWebhookRound(w.db, settings);
    const [first, second] = await h.receiver.waitFor(2);
    expect(second!.body).toBe(first!.body);
    expect(second!.headers['vitrine-delivery']).toBe(first!.headers['vitrine-delivery']);
    expect(signatureIsValid(second!.headers['vitrine-signature'], second!.body, h.secret)).toBe(true);
    expect((await listDeliveries(w.db, h.id))[0]).toMatchObject({ state: 'delivered', attempts: 2, responseStatus: 200 });
    expect((await w.db.select().from(webhookEndpoints).where(eq(webhookEndpoints.id, h.id)))[0]!.failingSince).toBeNull();
  });

  test('"send again" repeats a delivered event with the same id, logged as a new delivery', async () => {
    const h = await hook(w.acme, ['catalog.published']);
    const { rev } = await readyRevision();
    await w.publish(rev.id);
    await runWebhookRound(w.db, settings);
    const [original] = await listDeliveries(w.db, h.id);
    const again = await sendAgain(w.db, w.acme, h.id, original!.id, meta());
    await runWebhookRound(w.db, settings);
    const [a, b] = bodies(h.receiver);
    expect(b!.id).toBe(a!.id);
    const log = await listDeliveries(w.db, h.id);
    expect(log.map((l) => [l.id, l.state, l.resendOf])).toEqual([[again, 'delivered', original!.id], [original!.id, 'delivered', null]]);
  });

  test('a supplier hears only of its own catalogs, never of views, and cannot see or use another supplier\'s endpoint', async () => {
    const acme = await hook(w.acme, ['catalog.published', 'revision.ready']);
    const bright = await hook(w.bright, ['catalog.published', 'revision.ready', 'revision.failed', 'catalog.scheduled']);
    const sales = await hook(await w.user('sales@vitrine.test'), ['view.published', 'view.withdrawn']);
    const admin = await hook(await w.user('admin@vitrine.test'), ['catalog.published', 'view.published']);
    await expect(createEndpoint(w.db, w.bright, { url: 'https://erp.bright.example/hooks', description: '', events: ['view.published'] }, true, meta()))
      .rejects.toThrow(/cannot subscribe to view\.published/);
    await expect(endpointForOwner(w.db, w.bright, acme.id)).rejects.toThrow(/not found/);
    await expect(sendAgain(w.db, w.bright, acme.id, 1, meta())).rejects.toThrow(/not found/);

    const { catalog, rev } = await readyRevision();
    await w.publish(rev.id);
    const viewId = await globexView(w, catalog.id, 10);
    await withdrawView(w.db, viewId, { id: null, email: null }, new Date());
    await runWebhookRound(w.db, settings);

    expect(bodies(acme.receiver).map((b) => b.type)).toEqual(['revision.ready', 'catalog.published']);
    expect(bright.receiver.received, 'Bright hears nothing of Acme\'s catalog').toEqual([]);
    expect(bodies(sales.receiver).map((b) => b.type)).toEqual(['view.published', 'view.withdrawn']);
    expect(bodies(sales.receiver)[0]!.data).toMatchObject({ customer: { id: w.orgIds.get('globex-manufacturing') }, view: { id: viewId, version: 1 } });
    expect(bodies(admin.receiver).map((b) => b.type)).toEqual(['catalog.published', 'view.published']);
    for (const r of [acme, sales, admin]) for (const got of r.receiver.received) expect(signatureIsValid(got.headers['vitrine-signature'], got.body, r.secret)).toBe(true);
  });

  test('revision.failed and catalog.scheduled reach the supplier\'s endpoint', async () => {
    const h = await hook(w.acme, ['revision.failed', 'catalog.scheduled']);
    const catalog = await w.catalog('Hook catalog broken');
    const broken = await w.uploadAndRead(catalog.id, new Uint8Array([0x50, 0x4b, 0x03, 0x04, 0xff, 0xfe, 0x00]), 'broken.xlsx');
    expect(broken.state).toBe('failed');
    const { rev } = await readyRevision();
    const at = new Date(Date.now() + 3_600_000);
    await scheduleRevision(w.db, w.acme, rev.id, at, { validRowsOnly: false }, meta());
    await runWebhookRound(w.db, settings);
    const got = bodies(h.receiver);
    expect(got.map((b) => b.type)).toEqual(['revision.failed', 'catalog.scheduled']);
    expect(got[0]!.data).toMatchObject({ catalog: { id: catalog.id }, revision: { id: broken.id, reason: broken.failureReason } });
    expect(got[1]!.data).toMatchObject({ revision: { id: rev.id }, scheduledAt: at.toISOString() });
  });

  test('an endpoint failing for 24 hours is switched off, its waiting deliveries given up, and its owner told by mail', async () => {
    const h = await hook(w.acme, ['catalog.published'], Array.from({ length: 5 }, () => ({ status: 503, body: 'no' })));
    await w.db.update(webhookEndpoints).set({ failingSince: new Date(Date.now() - 25 * 3_600_000).toISOString() }).where(eq(webhookEndpoints.id, h.id));
    const { rev } = await readyRevision();
    await w.publish(rev.id);
    await runWebhookRound(w.db, settings);
    const [endpoint] = await w.db.select().from(webhookEndpoints).where(eq(webhookEndpoints.id, h.id));
    expect(endpoint!.disabledAt).not.toBeNull();
    expect(endpoint!.disabledReason).toBe('answered 503');
    expect((await listDeliveries(w.db, h.id))[0]).toMatchObject({ state: 'failed', responseStatus: 503 });
    expect(await webhookBacklog(w.db), 'what /metrics reports').toEqual({ pending: 0, endpointsOff: 1 });
    const mails = await w.db.all<{ to_address: string; text_body: string }>(sql`SELECT to_address, text_body FROM mail_outbox WHERE kind = 'webhook-switched-off'`);
    expect(mails.map((m) => m.to_address)).toEqual(['supplier@acme.test']);
    expect(mails[0]!.text_body).toContain(h.receiver.url);
    expect((await w.audit(`webhook:${h.id}`)).map((e) => e.kind)).toEqual(['webhook-endpoint-created', 'webhook-endpoint-switched-off']);

    // Switched off, it is sent nothing more until its owner switches it on again.
    const next = await readyRevision();
    await w.publish(next.rev.id);
    await runWebhookRound(w.db, settings);
    expect(h.receiver.received).toHaveLength(1);
    await expect(sendAgain(w.db, w.acme, h.id, (await listDeliveries(w.db, h.id))[0]!.id, meta())).rejects.toThrow(/switched off/);
    await switchEndpointOn(w.db, w.acme, h.id, meta());
    const third = await readyRevision();
    await w.publish(third.rev.id);
    await runWebhookRound(w.db, settings);
    expect(h.receiver.received).toHaveLength(2);
  });

  test('housekeeping removes webhook events and their delivery log after 30 days, unless a delivery is still retried', async () => {
    const h = await hook(w.acme, ['catalog.published'], [{ status: 500 }]);
    const delivered = await hook(w.acme, ['catalog.published']);
    const { rev } = await readyRevision();
    await w.publish(rev.id);
    await runWebhookRound(w.db, settings);
    expect((await listDeliveries(w.db, h.id))[0]!.state).toBe('pending');
    expect((await listDeliveries(w.db, delivered.id))[0]!.state).toBe('delivered');
    const eventId = (await listDeliveries(w.db, h.id))[0]!.eventId;
    const eventKept = async () => (await w.db.select().from(webhookEvents).where(eq(webhookEvents.id, eventId))).length === 1;
    const later = new Date(Date.now() + 31 * 86_400_000);
    await runHousekeeping(w.db, { now: later });
    expect(await eventKept(), 'still retried for one endpoint').toBe(true);
    await w.db.update(webhookDeliveries).set({ state: 'failed', nextAttemptAt: null }).where(eq(webhookDeliveries.endpointId, h.id));
    await runHousekeeping(w.db, { now: new Date() });
    expect(await eventKept(), 'a recent event stays').toBe(true);
    expect((await runHousekeeping(w.db, { now: later })).webhookEvents).toBeGreaterThanOrEqual(1);
    expect(await eventKept()).toBe(false);
    expect(await listDeliveries(w.db, h.id)).toEqual([]);
    expect(await listDeliveries(w.db, delivered.id)).toEqual([]);
  });
});
