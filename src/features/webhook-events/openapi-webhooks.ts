import { EVENTS_OF_AUDIENCE, WEBHOOK_EVENT_TYPES, type WebhookEventType } from './event-types.ts';

// The `webhooks` section of the API's OpenAPI 3.1 document: what Vitrine POSTs to a registered
// endpoint, event by event, and the schemas of their payloads. Keep it in step with
// event-payloads.ts.

const json = (schema: object) => ({ 'application/json': { schema } });
const ref = (name: string) => ({ $ref: `#/components/schemas/${name}` });
const id = { type: 'integer' };
const url = { type: 'string', format: 'uri', description: 'Read with an API token' };
const nullable = (type: string) => ({ type: [type, 'null'] });

const catalog = { type: 'object', properties: { id, name: { type: 'string' }, slug: { type: 'string' }, url } };
const revisionLinks = { id, url, reportUrl: url, diffUrl: url };
const counts = { type: 'object', properties: { items: id, errors: id, warnings: id } };
const diff = { type: ['object', 'null'], description: 'Items added, removed and changed against the revision that was live when this one was checked', properties: { added: id, removed: id, changed: id, comparedWithRevisionId: nullable('integer') } };
const view = { type: 'object', properties: { id, name: { type: 'string' }, version: nullable('integer'), url: { type: 'string', format: 'uri', description: 'The view in the sales area' } } };
const customer = { type: 'object', properties: { id, name: nullable('string') } };

const DATA: Record<WebhookEventType, object> = {
  'revision.ready': { type: 'object', properties: { catalog, revision: { type: 'object', properties: { ...revisionLinks, counts, diff } } } },
  'revision.failed': { type: 'object', properties: { catalog, revision: { type: 'object', properties: { id, url, reason: { type: 'string', description: 'Why the file could not be read, in the supplier\'s words' } } } } },
  'catalog.published': {
    type: 'object',
    properties: { catalog, revision: { type: 'object', properties: { ...revisionLinks, counts, diff } }, previousRevisionId: nullable('integer'), rollback: { type: 'boolean', description: 'True when an earlier revision was made live again' } },
  },
  'catalog.scheduled': { type: 'object', properties: { catalog, revision: { type: 'object', properties: revisionLinks }, scheduledAt: { type: 'string', format: 'date-time' } } },
  'view.published': { type: 'object', properties: { customer, view: { ...view, properties: { ...view.properties, validFrom: nullable('string'), validUntil: nullable('string') } } } },
  'view.withdrawn': { type: 'object', properties: { customer, view } },
};

const header = (name: string, description: string, example: string) => ({ name, in: 'header', required: true, description, schema: { type: 'string', example } });
const HEADERS = [
  header('Vitrine-Signature', '`t=<unix seconds>,v1=<hex HMAC-SHA256 of "<t>.<raw body>" keyed with the endpoint\'s secret>`. Compute it over the raw bytes, compare in constant time, and refuse a `t` more than 5 minutes away from your clock.', 't=1767225600,v1=6d2045…'),
  header('Vitrine-Event', 'The event type, as in the body', 'catalog.published'),
  header('Vitrine-Delivery', 'The delivery\'s id (the same for each retry of it; "Send again" makes a new one)', '42'),
];

const who = (type: WebhookEventType) => {
  const areas = (['supplier', 'sales'] as const).filter((a) => EVENTS_OF_AUDIENCE[a].includes(type));
  return `Sent to endpoints registered by admins${areas.includes('supplier') ? ' and by the catalog\'s own supplier' : ''}${areas.includes('sales') ? ' and by sales' : ''}.`;
};

export const WEBHOOKS_SECTION = Object.fromEntries(Object.entries(WEBHOOK_EVENT_TYPES).map(([type, summary]) => [type, {
  post: {
    summary,
    description: `${who(type as WebhookEventType)} Answer with any 2xx within 10 s; anything else (a redirect included: none is followed) is retried with exponential backoff for 24 hours, and an endpoint failing for 24 hours is switched off. A delivery may arrive more than once: tell by the event \`id\`.`,
    parameters: HEADERS,
    requestBody: { required: true, content: json({ allOf: [ref('WebhookEvent'), { type: 'object', properties: { type: { const: type }, data: DATA[type as WebhookEventType] } }] }) },
    responses: { '2XX': { description: 'Received' } },
  },
}]));

export const WEBHOOK_SCHEMAS = {
  WebhookEvent: {
    type: 'object', required: ['id', 'type', 'createdAt', 'data'],
    properties: { id: { type: 'string', example: 'evt_42', description: 'The event\'s id: the same in every delivery of it' }, type: { enum: Object.keys(WEBHOOK_EVENT_TYPES) }, createdAt: { type: 'string', format: 'date-time' }, data: { type: 'object' } },
  },
};
