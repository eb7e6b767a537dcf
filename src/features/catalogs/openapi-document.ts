// The catalog-revision API for suppliers' systems (ERP), as OpenAPI 3.1. Served at
// /api/v1/openapi.json; keep it in step with src/pages/api/v1/catalogs/**. The webhooks Vitrine
// sends are its `webhooks` section (webhook-events/openapi-webhooks.ts).
import { WEBHOOK_SCHEMAS, WEBHOOKS_SECTION } from '#features/webhook-events/openapi-webhooks.ts';

const json = (schema: object) => ({ 'application/json': { schema } });
const ref = (name: string) => ({ $ref: `#/components/schemas/${name}` });
const errors = (...codes: number[]) => Object.fromEntries(codes.map((c) => [String(c), { $ref: `#/components/responses/E${c}` }]));
const catalogId = { name: 'catalogId', in: 'path', required: true, schema: { type: 'integer' } };
const revisionId = { name: 'revisionId', in: 'path', required: true, schema: { type: 'integer' } };
const revisionAnswer = { description: 'The revision after the command', content: json({ type: 'object', properties: { revision: ref('Revision') } }) };
const command = (summary: string, body: object | null, extra: Record<string, unknown> = {}) => ({
  summary, parameters: [catalogId, revisionId],
  ...(body ? { requestBody: { required: false, content: json(body) } } : {}),
  responses: { 200: revisionAnswer, ...errors(400, 401, 404, 409) }, ...extra,
});

export const OPENAPI_DOCUMENT = {
  openapi: '3.1.0',
  info: {
    title: 'Vitrine catalog API',
    version: '1.0.0',
    description: [
      'Send price lists from your ERP unattended: upload a file as a new revision of a catalog, poll it until it is checked, read its validation report and its diff against the live revision, then publish it now, schedule it, or submit it for approval; roll back to an earlier revision in one step.',
      'Authenticate with an API token (Supplier › API tokens) as `Authorization: Bearer <token>`. Send a `Content-Type` with every POST/DELETE (e.g. `application/json`, or the file type of an upload): bodiless requests without one are refused as cross-site form posts.',
      'Times are UTC, ISO 8601. Prices are integers in minor units (cents) of the catalog currency. Errors are `{"error": {"code", "message", "field"?}}` with a message a person can act on; what you may not see answers 404.',
      'Webhooks: register an endpoint under Webhooks (suppliers for their catalogs, sales for customers\' views, admins for everything) and Vitrine POSTs the events of the `webhooks` section to it, signed with the endpoint\'s secret in `Vitrine-Signature`. A payload carries ids and URLs; read the detail with an API token.',
    ].join('\n\n'),
  },
  servers: [{ url: '/' }],
  security: [{ bearer: [] }],
  paths: {
    '/api/v1/catalogs': {
      get: { summary: 'Your catalogs', responses: { 200: { description: 'Catalogs', content: json({ type: 'object', properties: { catalogs: { type: 'array', items: ref('Catalog') } } }) }, ...errors(401, 404) } },
      post: {
        summary: 'Create a catalog',
        requestBody: { required: true, content: json({ type: 'object', required: ['name', 'currency'], properties: { name: { type: 'string', example: 'Fasteners 2028' }, currency: { type: 'string', example: 'EUR' } } }) },
        responses: { 201: { description: 'Created', content: json({ type: 'object', properties: { catalog: ref('Catalog') } }) }, ...errors(400, 401, 404, 409) },
      },
    },
    '/api/v1/catalogs/{catalogId}': {
      get: { summary: 'One catalog', parameters: [catalogId], responses: { 200: { description: 'The catalog', content: json({ type: 'object', properties: { catalog: ref('Catalog') } }) }, ...errors(401, 404) } },
    },
    '/api/v1/catalogs/{catalogId}/export.{format}': {
      get: {
        summary: 'The live revision as a file',
        description: '`csv` and `xlsx` in the layout uploads read back, `xml` as BMEcat 2005 (T_NEW_CATALOG). Images are named by their addresses here, so the file can be edited and uploaded again without them; the diff then shows only the edits. 404 while nothing is live.',
        parameters: [catalogId, { name: 'format', in: 'path', required: true, schema: { enum: ['csv', 'xlsx', 'xml'] } }],
        responses: { 200: { description: 'The file', content: { 'text/csv': { schema: { type: 'string' } }, 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet': { schema: { type: 'string', format: 'binary' } }, 'application/xml': { schema: { type: 'string' } } } }, ...errors(401, 404) },
      },
    },
    '/api/v1/catalogs/{catalogId}/revisions': {
      get: {
        summary: 'Revision history, newest first', parameters: [catalogId, { name: 'page', in: 'query', schema: { type: 'integer', minimum: 1 } }],
        responses: { 200: { description: 'One page', content: json({ type: 'object', properties: { revisions: { type: 'array', items: ref('Revision') }, page: { type: 'integer' }, pageCount: { type: 'integer' }, total: { type: 'integer' } } }) }, ...errors(401, 404) },
      },
      post: {
        summary: 'Upload a price list as a new revision',
        description: 'The file is the request body (CSV, XLSX, BMEcat 1.2 or 2005 XML, Ariba CIF 3.0, or a ZIP holding one of them and its images; the kind is judged by content). A table with only SKU and price columns, a BMEcat T_UPDATE_PRICES or T_UPDATE_PRODUCTS, or a CIF with LOADMODE: I changes the live revision instead of replacing it. Name it with `X-File-Name` (URI-encoded) or `?name=`; pick a workbook sheet with `X-Sheet` or `?sheet=`. A `multipart/form-data` body with the field `file` (and `sheet`) is also accepted; a request with a bearer token needs no `Origin` header. The body is streamed to disk and refused with 413 at the size limit (default 100 MB). The answer comes at once (202): poll the revision until `state` is `ready` or `failed`.',
        parameters: [catalogId, { name: 'name', in: 'query', schema: { type: 'string' } }, { name: 'sheet', in: 'query', schema: { type: 'string' } }, { name: 'X-File-Name', in: 'header', schema: { type: 'string' } }, { name: 'X-Sheet', in: 'header', schema: { type: 'string' } }],
        requestBody: { required: true, content: { 'application/octet-stream': { schema: { type: 'string', format: 'binary' } }, 'text/csv': { schema: { type: 'string', format: 'binary' } }, 'multipart/form-data': { schema: { type: 'object', properties: { file: { type: 'string', format: 'binary' }, sheet: { type: 'string' } } } } } },
        responses: {
          202: { description: 'Accepted; `Location` is the revision', headers: { Location: { schema: { type: 'string' } } }, content: json({ type: 'object', properties: { revision: ref('Revision'), revisionUrl: { type: 'string' } } }) },
          ...errors(400, 401, 404, 411, 413),
        },
      },
    },
    '/api/v1/catalogs/{catalogId}/revisions/{revisionId}': {
      get: { summary: 'State, progress, counts and diff counts of a revision', parameters: [catalogId, revisionId], responses: { 200: revisionAnswer, ...errors(401, 404) } },
    },
    '/api/v1/catalogs/{catalogId}/revisions/{revisionId}/report': {
      get: {
        summary: 'Validation report', description: 'Every problem with its row, column, the value found and what was expected. `?format=csv` downloads all of it as CSV.',
        parameters: [catalogId, revisionId, { name: 'severity', in: 'query', schema: { enum: ['error', 'warning'] } }, { name: 'page', in: 'query', schema: { type: 'integer' } }, { name: 'pageSize', in: 'query', schema: { type: 'integer', maximum: 500 } }, { name: 'format', in: 'query', schema: { enum: ['json', 'csv'] } }],
        responses: { 200: { description: 'One page of problems', content: { ...json({ type: 'object', properties: { counts: { type: 'object' }, problems: { type: 'array', items: ref('Problem') }, page: { type: 'integer' }, pageCount: { type: 'integer' }, total: { type: 'integer' } } }), 'text/csv': { schema: { type: 'string' } } } }, ...errors(401, 404) },
      },
    },
    '/api/v1/catalogs/{catalogId}/revisions/{revisionId}/diff': {
      get: {
        summary: 'Diff against the live revision',
        parameters: [catalogId, revisionId, { name: 'kind', in: 'query', schema: { enum: ['added', 'removed', 'changed'] } }, { name: 'sort', in: 'query', schema: { enum: ['sku', 'price-move'] } }, { name: 'page', in: 'query', schema: { type: 'integer' } }],
        responses: { 200: { description: 'Counts and one page of entries', content: json({ type: 'object', properties: { baseRevisionId: { type: ['integer', 'null'] }, summary: ref('DiffSummary'), currency: { type: 'string' }, entries: { type: 'array', items: ref('DiffEntry') }, page: { type: 'integer' }, pageCount: { type: 'integer' }, total: { type: 'integer' } } }) }, ...errors(401, 404) },
      },
    },
    '/api/v1/catalogs/{catalogId}/revisions/{revisionId}/publish': {
      post: command('Publish now (refused with 409 while errors remain, unless validRowsOnly)', { type: 'object', properties: { validRowsOnly: { type: 'boolean', description: 'Publish only the valid rows; required while errors remain.' } } }),
    },
    '/api/v1/catalogs/{catalogId}/revisions/{revisionId}/schedule': {
      post: command('Schedule going live at a time (UTC)', { type: 'object', required: ['at'], properties: { at: { type: 'string', format: 'date-time', example: '2027-09-01T06:00:00Z' }, validRowsOnly: { type: 'boolean' } } }),
      delete: command('Cancel the schedule', null),
    },
    '/api/v1/catalogs/{catalogId}/revisions/{revisionId}/submit': {
      post: command('Submit for approval (where the operator requires it); optionally with the time to go live once approved', { type: 'object', properties: { at: { type: 'string', format: 'date-time' }, validRowsOnly: { type: 'boolean' } } }, { responses: { 202: revisionAnswer, ...errors(400, 401, 404, 409) } }),
    },
    '/api/v1/catalogs/{catalogId}/revisions/{revisionId}/rollback': {
      post: command('Make this earlier published revision live again', null),
    },
    '/api/v1/catalogs/{catalogId}/revisions/{revisionId}/discard': {
      post: command('Discard a revision that was never live', null),
    },
    '/api/v1/catalogs/{catalogId}/revisions/{revisionId}/columns': {
      get: { summary: 'Headers of the file with sample values and how each is read', parameters: [catalogId, revisionId], responses: { 200: { description: 'Columns', content: json({ type: 'object' }) }, ...errors(401, 404) } },
      post: {
        summary: 'Save a column mapping (kept for the next uploads) and read the file again',
        description: 'Fields: sku, name, description, price, currency, unit, category, category:<level>, gtin, manufacturer, mpn, minOrderQty, image, tier:<min quantity>, attribute, ignore.',
        parameters: [catalogId, revisionId],
        requestBody: { required: true, content: json({ type: 'object', properties: { columns: { type: 'object', additionalProperties: { type: 'string' }, example: { 'Art.Nr': 'sku', Text: 'name', 'VK 10': 'tier:10' } }, sheet: { type: 'string' } } }) },
        responses: { 202: { description: 'Being read again; `Location` is the revision', content: json({ type: 'object', properties: { revisionId: { type: 'integer' }, revisionUrl: { type: 'string' } } }) }, ...errors(400, 401, 404, 409) },
      },
    },
  },
  webhooks: WEBHOOKS_SECTION,
  components: {
    securitySchemes: { bearer: { type: 'http', scheme: 'bearer', description: 'An API token from Supplier › API tokens.' } },
    responses: Object.fromEntries([[400, 'The request is not valid (the message says what to change)'], [401, 'No or unknown API token'], [404, 'Not found, or not yours'], [409, 'Refused in the revision’s current state (the message says why)'], [411, 'A multipart upload without Content-Length'], [413, 'The file is over the size limit']]
      .map(([code, description]) => [`E${code}`, { description, content: json(ref('Error')) }])),
    schemas: {
      ...WEBHOOK_SCHEMAS,
      Error: { type: 'object', properties: { error: { type: 'object', properties: { code: { type: 'string' }, message: { type: 'string' }, field: { type: 'string' } } } } },
      Catalog: { type: 'object', properties: { id: { type: 'integer' }, name: { type: 'string' }, slug: { type: 'string' }, currency: { type: 'string' }, liveRevisionId: { type: ['integer', 'null'] } } },
      DiffSummary: { type: ['object', 'null'], properties: { added: { type: 'integer' }, removed: { type: 'integer' }, changed: { type: 'integer' }, baseRevisionId: { type: ['integer', 'null'] } } },
      DiffEntry: { type: 'object', properties: { kind: { enum: ['added', 'removed', 'changed'] }, sku: { type: 'string' }, name: { type: 'string' }, beforePriceMinor: { type: ['integer', 'null'] }, afterPriceMinor: { type: ['integer', 'null'] }, priceMovePercent: { type: ['number', 'null'] }, fields: { type: 'array', items: { type: 'string' } } } },
      Problem: { type: 'object', properties: { severity: { enum: ['error', 'warning'] }, row: { type: ['integer', 'null'] }, column: { type: ['string', 'null'] }, value: { type: ['string', 'null'] }, expected: { type: ['string', 'null'] }, message: { type: 'string' } } },
      Revision: {
        type: 'object',
        properties: {
          id: { type: 'integer' }, catalogId: { type: 'integer' },
          state: { enum: ['processing', 'ready', 'published', 'superseded', 'discarded', 'failed'] }, status: { type: 'string', description: 'The state in words' },
          fileName: { type: 'string' }, format: { type: 'string' }, sheet: { type: ['string', 'null'] },
          uploadedAt: { type: 'string' }, processedAt: { type: ['string', 'null'] }, publishedAt: { type: ['string', 'null'] }, scheduledAt: { type: ['string', 'null'] },
          progress: { type: 'object', properties: { rowsRead: { type: 'integer' }, rowsChecked: { type: 'integer' } } },
          counts: { type: 'object', properties: { items: { type: 'integer' }, errors: { type: 'integer' }, warnings: { type: 'integer' } } },
          validRowsOnly: { type: 'boolean' }, failureReason: { type: ['string', 'null'] }, needsColumnMapping: { type: 'boolean' },
          approval: { type: 'object', properties: { required: { type: 'boolean' }, state: { enum: ['none', 'pending', 'approved', 'rejected'] }, comment: { type: ['string', 'null'] } } },
          diff: ref('DiffSummary'),
          can: { type: 'object', additionalProperties: { type: 'boolean' } },
          links: { type: 'object', additionalProperties: { type: 'string' } },
        },
      },
    },
  },
} as const;
