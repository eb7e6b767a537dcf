import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { openPipelineWorld, csv, meta, type PipelineWorld } from '../imports/pipeline-world.ts';
import { createEndpoint } from '#features/webhooks/webhook-endpoints.server.ts';
import { listDeliveries } from '#features/webhooks/delivery-log.server.ts';
import { runWebhookRound } from '#features/webhooks/webhook-round.server.ts';
import { startWebhookReceiver, type WebhookReceiver } from '#tests/support/webhook-receiver.ts';

// With WEBHOOK_ALLOW_PRIVATE_ADDRESSES off (the production default), an endpoint can neither be
// registered on a private address nor reach one later, when its host name has come to point
// there; and no delivery follows a redirect.
describe('webhooks and private addresses', () => {
  let w: PipelineWorld;
  let receiver: WebhookReceiver;
  let elsewhere: WebhookReceiver;
  const guarded = { allowPrivateAddresses: false, retryBaseMs: 60_000 };

  beforeAll(async () => {
    w = await openPipelineWorld();
    elsewhere = await startWebhookReceiver();
    receiver = await startWebhookReceiver();
  });
  afterAll(async () => {
    await receiver?.close();
    await elsewhere?.close();
    w?.close();
  });

  test('an endpoint on a private, loopback or link-local address is refused with a reason, and only https is accepted', async () => {
    const refused = async (url: string) => {
      try {
        await createEndpoint(w.db, w.acme, { url, description: '', events: ['catalog.published'] }, false, meta());
        return 'accepted';
      } catch (e) {
        return (e as Error).message;
      }
    };
    for (const url of ['https://10.0.0.8/hook', 'https://192.168.1.20/hook', 'https://169.254.169.254/latest/meta-data', 'https://[::1]/hook', 'https://[fd00::5]/hook', 'https://[::ffff:127.0.0.1]/hook', 'https://localhost/hook', 'https://127.0.0.1:8443/hook']) {
      expect(await refused(url), url).toMatch(/private network range/);
    }
    expect(await refused('http://erp.example.com/hook')).toMatch(/Use an https:\/\/ URL/);
    expect(await refused(receiver.url)).toMatch(/Use an https:\/\/ URL/);
    expect(await refused('https://user:secret@erp.example.com/hook')).toMatch(/Leave the user name and password out/);
    expect(await refused('erp.example.com/hook')).toMatch(/not a complete URL/);
    expect(await refused('https://erp.example.com/vitrine-events')).toBe('accepted');
  });

  test('a delivery whose host now resolves to a loopback address is refused before connecting, and the log says why', async () => {
    // Registered while the host was (say) public; now "localhost" leads to this machine.
    const viaName = await createEndpoint(w.db, w.acme, { url: receiver.url.replace('127.0.0.1', 'localhost'), description: '', events: ['catalog.published'] }, true, meta());
    const viaAddress = await createEndpoint(w.db, w.acme, { url: receiver.url, description: '', events: ['catalog.published'] }, true, meta());
    const catalog = await w.catalog('Guarded catalog');
    const rev = await w.uploadAndRead(catalog.id, csv('GD-1,Guarded bolt,1.00,Bolts,'), 'guarded.csv');
    await w.publish(rev.id);
    await runWebhookRound(w.db, guarded);
    expect(receiver.received, 'nothing reached the loopback receiver').toEqual([]);
    const [byName] = await listDeliveries(w.db, viaName);
    expect(byName).toMatchObject({ state: 'pending', attempts: 1, responseStatus: null });
    expect(byName!.lastError).toMatch(/^refused: localhost resolves to (127\.0\.0\.1|::1), a private address/);
    expect((await listDeliveries(w.db, viaAddress))[0]!.lastError).toMatch(/^refused: 127\.0\.0\.1 .*private address/);
  });

  test('a redirect is not followed: the delivery fails with the answer, and the other address gets nothing', async () => {
    const redirecting = await startWebhookReceiver([{ status: 307, body: 'moved', headers: { location: elsewhere.url } }]);
    try {
      const id = await createEndpoint(w.db, w.acme, { url: redirecting.url, description: '', events: ['catalog.published'] }, true, meta());
      const catalog = await w.catalog('Redirected catalog');
      const rev = await w.uploadAndRead(catalog.id, csv('RD-1,Redirected bolt,1.00,Bolts,'), 'redirected.csv');
      await w.publish(rev.id);
      // The receiver points elsewhere; allowed private addresses, so only the redirect rule can stop it.
      await runWebhookRound(w.db, { allowPrivateAddresses: true, retryBaseMs: 60_000 });
      expect(redirecting.received).toHaveLength(1);
      expect(elsewhere.received).toEqual([]);
      expect((await listDeliveries(w.db, id))[0]).toMatchObject({ state: 'pending', responseStatus: 307, responseExcerpt: 'moved', lastError: `answered 307 (redirect to ${elsewhere.url} not followed)` });
    } finally {
      await redirecting.close();
    }
  });
});
