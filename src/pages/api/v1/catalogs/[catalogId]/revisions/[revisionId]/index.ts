import { apiEndpoint, apiJson } from '#server/api/api-endpoint.server.ts';
import { findRevisionJson } from '#server/api/api-revision-answer.server.ts';

/** A revision's state, progress while it is read, counts, diff counts, and what may be done next. */
export const GET = apiEndpoint('revisions.get', async (call) => apiJson({ revision: await findRevisionJson(call) }));
