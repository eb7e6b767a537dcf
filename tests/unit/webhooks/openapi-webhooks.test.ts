import { describe, expect, test } from 'vitest';
import { OPENAPI_DOCUMENT } from '#features/catalogs/openapi-document.ts';
import { ALL_EVENT_TYPES } from '#features/webhook-events/event-types.ts';
import {
  catalogPublishedEvent, catalogScheduledEvent, revisionFailedEvent, revisionReadyEvent, viewPublishedEvent, viewWithdrawnEvent,
} from '#features/webhook-events/event-payloads.ts';

type Schema = { type?: string | string[]; properties?: Record<string, Schema>; allOf?: Schema[] };

/** Every key path of `value` that the schema does not describe. */
function undocumented(value: unknown, schema: Schema | undefined, path: string): string[] {
  if (!value || typeof value !== 'object' || Array.isArray(value)) return [];
  if (!schema?.properties) return [`${path} (no properties documented)`];
  return Object.entries(value).flatMap(([key, v]) => (schema.properties![key] ? undocumented(v, schema.properties![key], `${path}.${key}`) : [`${path}.${key}`]));
}

describe('the webhooks section of the OpenAPI document', () => {
  const catalog = { id: 3, name: 'Fasteners 2027', slug: 'fasteners-2027', supplierOrgId: 2 };
  const counts = { itemCount: 979, errorCount: 0, warningCount: 2 };
  const diff = { added: 4, removed: 1, changed: 30, baseRevisionId: 6 };
  const view = { id: 5, name: 'Globex agreement', customerOrgId: 4, customerName: 'Globex Manufacturing' };
  const samples = [
    revisionReadyEvent(catalog, 7, counts, diff), revisionFailedEvent(catalog, 8, 'The file is empty.'),
    catalogPublishedEvent(catalog, 7, counts, diff, { previousRevisionId: 6, rollback: false }), catalogScheduledEvent(catalog, 7, '2027-09-01T06:00:00.000Z'),
    viewPublishedEvent(view, 2, { validFrom: null, validUntil: '2027-12-31' }), viewWithdrawnEvent(view, 2),
  ];
  const webhooks = (OPENAPI_DOCUMENT as unknown as { webhooks: Record<string, { post: { parameters: Array<{ name: string }>; requestBody: { content: { 'application/json': { schema: Schema } } } } }> }).webhooks;

  test('documents every event an endpoint can subscribe to, with the signature header', () => {
    expect(Object.keys(webhooks).sort()).toEqual([...ALL_EVENT_TYPES].sort());
    for (const type of ALL_EVENT_TYPES) expect(webhooks[type]!.post.parameters.map((p) => p.name)).toContain('Vitrine-Signature');
  });

  test('describes every field each event\'s payload carries', () => {
    expect(samples.map((s) => s.type).sort()).toEqual([...ALL_EVENT_TYPES].sort());
    for (const sample of samples) {
      const schema = webhooks[sample.type]!.post.requestBody.content['application/json'].schema;
      const data = schema.allOf!.find((s) => s.properties?.data)!.properties!.data;
      expect(undocumented(sample.data, data, sample.type)).toEqual([]);
    }
  });
});
