import type { AstroGlobal } from 'astro';
import { actions } from 'astro:actions';
import { getApp } from '#src/app.server.ts';
import { pageUser } from '#src/guards.ts';
import { webhookPaths } from '#src/paths.ts';
import { formFeedback } from '#components/form/form-feedback.ts';
import { NotFound } from '#kernel/person-problem.ts';
import { audienceOf, endpointForOwner, listEndpoints, revealSecretOnce } from '#features/webhooks/webhook-endpoints.server.ts';
import { listDeliveries } from '#features/webhooks/delivery-log.server.ts';
import { EVENTS_OF_AUDIENCE, WEBHOOK_EVENT_TYPES } from '#features/webhook-events/event-types.ts';
import { routeId } from '#features/views/or-not-found.ts';

// Not routes (Astro skips files starting with "_"): the webhook pages of admins, suppliers and
// sales, the same pages in three areas. Each person sees only their own area's endpoints.

const SCOPE = {
  admin: 'any supplier\'s price list checked or refused, a catalog published or scheduled, a customer view published or withdrawn',
  supplier: 'a price list of your catalogs checked or refused, a revision published or scheduled',
  sales: 'a customer view published or withdrawn',
} as const;

/** The list and the "new endpoint" form; a registered endpoint's page follows (Post/Redirect/Get). */
export async function openWebhooks(astro: AstroGlobal) {
  const user = pageUser(astro.locals);
  const area = audienceOf(user);
  const created = astro.getActionResult(actions.webhooks.create);
  if (created && !created.error) return astro.redirect(webhookPaths(area).endpoint(created.data.endpointId), 303);
  // After a refused form, what was typed comes back through Post/Redirect/Get (locals.keptForm).
  const kept = created?.error ? astro.locals.keptForm : null;
  const { database } = await getApp();
  astro.response.headers.set('cache-control', 'no-store');
  return {
    area, scope: SCOPE[area],
    endpoints: await listEndpoints(database.db, user),
    events: EVENTS_OF_AUDIENCE[area].map((type) => ({ type, label: WEBHOOK_EVENT_TYPES[type] })),
    feedback: formFeedback(created),
    notice: astro.url.searchParams.get('deleted') ? 'The endpoint is deleted: nothing more is sent to it.' : null,
    typed: { url: kept?.url?.[0] ?? '', description: kept?.description?.[0] ?? '', events: kept ? (kept.events ?? []) : null },
  };
}

/** One endpoint with its delivery log; null when it is not the person's to see (the page answers 404). */
export async function openWebhookEndpoint(astro: AstroGlobal) {
  const user = pageUser(astro.locals);
  const area = audienceOf(user);
  const links = webhookPaths(area);
  const deleted = astro.getActionResult(actions.webhooks.delete);
  if (deleted && !deleted.error) return astro.redirect(`${links.list()}?deleted=1`, 303);
  const resent = astro.getActionResult(actions.webhooks.sendAgain);
  if (resent && !resent.error) return astro.redirect(`${links.endpoint(resent.data.endpointId)}?resent=${resent.data.deliveryId}`, 303);
  const switched = astro.getActionResult(actions.webhooks.switchOn);
  if (switched && !switched.error) return astro.redirect(`${links.endpoint(switched.data.endpointId)}?on=1`, 303);
  const error = [deleted, resent, switched].map((r) => formFeedback(r)).map((f) => f.message ?? Object.values(f.fields).flat()[0]).find(Boolean) ?? null;
  const { database } = await getApp();
  try {
    const endpoint = await endpointForOwner(database.db, user, routeId(astro.params.endpointId));
    // The page that shows the secret must never be stored anywhere.
    astro.response.headers.set('cache-control', 'no-store');
    const secret = await revealSecretOnce(database.db, user, endpoint, new Date());
    const resentId = astro.url.searchParams.get('resent');
    const notice = resentId ? `Delivery ${resentId} is on its way: it is sent again now, and retried if it fails.` : astro.url.searchParams.get('on') ? 'The endpoint is on again: new events are sent to it.' : null;
    return { area, endpoint, secret, deliveries: await listDeliveries(database.db, endpoint.id), notice, error };
  } catch (e) {
    if (e instanceof NotFound) return null;
    throw e;
  }
}
