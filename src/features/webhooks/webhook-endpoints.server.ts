import { and, desc, eq, isNull, sql } from 'drizzle-orm';
import type { Db } from '#db/client.ts';
import { webhookDeliveries, webhookEndpoints, type WebhookAudience } from '#db/schema/index.ts';
import { NotFound } from '#kernel/person-problem.ts';
import { can } from '#features/auth/authorize.ts';
import type { SessionUser } from '#features/auth/session-user.ts';
import { recordAuditEvent } from '#features/audit/record-event.server.ts';
import { EVENTS_OF_AUDIENCE, isWebhookEventType, type WebhookEventType } from '#features/webhook-events/event-types.ts';
import { checkEndpointUrl } from './endpoint-url.ts';
import { generateEndpointSecret } from './endpoint-secret.ts';
import { WebhookProblem } from './webhook-problem.ts';

/** How many endpoints one area of one organization may have: enough for every system it runs, not a flood. */
export const MAX_ENDPOINTS = 20;
export const MAX_DESCRIPTION = 200;

export interface EndpointSummary {
  id: number; url: string; description: string; events: string[]; createdAt: string;
  failingSince: string | null; disabledAt: string | null; disabledReason: string | null;
  lastDelivery: { state: string; at: string | null; status: number | null } | null;
}
export interface Meta { ip: string | null; at: Date }

const endpointSubject = (id: number) => `webhook:${id}`;

/** The area an endpoint of this person belongs to (their role), refused for anyone else. */
export function audienceOf(user: SessionUser): WebhookAudience {
  if (!can(user, { do: 'manage-webhooks' })) throw new NotFound('webhook endpoints');
  return user.role as WebhookAudience;
}

/** The events a form's choice names, checked against what the person's area may hear of. */
export function chooseEvents(audience: WebhookAudience, chosen: string[]): WebhookEventType[] {
  const allowed = EVENTS_OF_AUDIENCE[audience];
  const events = [...new Set(chosen)];
  if (events.length === 0) throw new WebhookProblem('Choose at least one event to be told of.', 'events');
  const refused = events.filter((e) => !isWebhookEventType(e) || !allowed.includes(e));
  if (refused.length > 0) throw new WebhookProblem(`You cannot subscribe to ${refused.join(', ')}; choose among ${allowed.join(', ')}.`, 'events');
  return allowed.filter((e) => events.includes(e));
}

/**
 * Registers an endpoint in the person's area (their role and organization). Returns its id; its
 * secret is shown once, on the endpoint's page (revealSecretOnce).
 */
export async function createEndpoint(db: Db, owner: SessionUser, input: { url: string; description: string; events: string[] }, allowPrivate: boolean, meta: Meta): Promise<number> {
  const audience = audienceOf(owner);
  const url = checkEndpointUrl(input.url, allowPrivate);
  const description = input.description.trim();
  if (description.length > MAX_DESCRIPTION) throw new WebhookProblem(`Use at most ${MAX_DESCRIPTION} characters.`, 'description');
  const events = chooseEvents(audience, input.events);
  const [{ n }] = (await db.select({ n: sql<number>`count(*)` }).from(webhookEndpoints)
    .where(and(eq(webhookEndpoints.audience, audience), eq(webhookEndpoints.orgId, owner.orgId)))) as [{ n: number }];
  if (n >= MAX_ENDPOINTS) throw new WebhookProblem(`You have ${MAX_ENDPOINTS} endpoints already: delete one you no longer use first.`);
  const [row] = await db.insert(webhookEndpoints).values({
    audience, orgId: owner.orgId, createdBy: owner.id, url: url.href, description, events, secret: generateEndpointSecret(), createdAt: meta.at.toISOString(),
  }).returning({ id: webhookEndpoints.id });
  await recordAuditEvent(db, { kind: 'webhook-endpoint-created', actor: owner, ip: meta.ip, at: meta.at, subject: endpointSubject(row!.id), detail: { url: url.href, events } });
  return row!.id;
}

/** The endpoints of the person's area and organization, newest first, with how their last delivery went. */
export async function listEndpoints(db: Db, owner: SessionUser): Promise<EndpointSummary[]> {
  const audience = audienceOf(owner);
  const rows = await db.select().from(webhookEndpoints)
    .where(and(eq(webhookEndpoints.audience, audience), eq(webhookEndpoints.orgId, owner.orgId))).orderBy(desc(webhookEndpoints.id));
  return Promise.all(rows.map(async (r) => {
    const [last] = await db.select({ state: webhookDeliveries.state, at: webhookDeliveries.lastAttemptAt, status: webhookDeliveries.responseStatus })
      .from(webhookDeliveries).where(eq(webhookDeliveries.endpointId, r.id)).orderBy(desc(webhookDeliveries.id)).limit(1);
    return {
      id: r.id, url: r.url, description: r.description, events: r.events, createdAt: r.createdAt,
      failingSince: r.failingSince, disabledAt: r.disabledAt, disabledReason: r.disabledReason, lastDelivery: last ?? null,
    };
  }));
}

export type EndpointRow = typeof webhookEndpoints.$inferSelect;

/** One endpoint, when the person may see it; anyone else's answers as if it did not exist. */
export async function endpointForOwner(db: Db, owner: SessionUser, endpointId: number | null): Promise<EndpointRow> {
  if (endpointId === null) throw new NotFound('webhook endpoint');
  const [row] = await db.select().from(webhookEndpoints).where(eq(webhookEndpoints.id, endpointId)).limit(1);
  if (!row || !can(owner, { do: 'manage-webhook-endpoint', audience: row.audience, orgId: row.orgId })) throw new NotFound('webhook endpoint');
  return row;
}

/**
 * The endpoint's secret, the first time its creator looks at it after creating it; null ever
 * after (and for anyone else), so the secret leaves the server once.
 */
export async function revealSecretOnce(db: Db, owner: SessionUser, endpoint: EndpointRow, at: Date): Promise<string | null> {
  if (endpoint.secretShownAt !== null || endpoint.createdBy !== owner.id) return null;
  const [shown] = await db.update(webhookEndpoints).set({ secretShownAt: at.toISOString() })
    .where(and(eq(webhookEndpoints.id, endpoint.id), isNull(webhookEndpoints.secretShownAt))).returning({ secret: webhookEndpoints.secret });
  return shown?.secret ?? null;
}

/** Removes an endpoint and its delivery log; nothing more is sent to it. */
export async function deleteEndpoint(db: Db, owner: SessionUser, endpointId: number | null, meta: Meta): Promise<void> {
  const endpoint = await endpointForOwner(db, owner, endpointId);
  await db.delete(webhookEndpoints).where(eq(webhookEndpoints.id, endpoint.id));
  await recordAuditEvent(db, { kind: 'webhook-endpoint-deleted', actor: owner, ip: meta.ip, at: meta.at, subject: endpointSubject(endpoint.id), detail: { url: endpoint.url } });
}

/** Switches an endpoint that was switched off (after 24 hours of failures) on again; new events reach it from now on. */
export async function switchEndpointOn(db: Db, owner: SessionUser, endpointId: number | null, meta: Meta): Promise<void> {
  const endpoint = await endpointForOwner(db, owner, endpointId);
  if (endpoint.disabledAt === null) throw new WebhookProblem('This endpoint is on already.');
  await db.update(webhookEndpoints).set({ disabledAt: null, disabledReason: null, failingSince: null }).where(eq(webhookEndpoints.id, endpoint.id));
  await recordAuditEvent(db, { kind: 'webhook-endpoint-switched-on', actor: owner, ip: meta.ip, at: meta.at, subject: endpointSubject(endpoint.id), detail: { url: endpoint.url } });
}

export { endpointSubject };
