import { apiEndpoint, apiJson, callRevision, flag, jsonBody } from '#server/api/api-endpoint.server.ts';
import { findRevisionJson } from '#server/api/api-revision-answer.server.ts';
import { publishNow } from '#features/catalogs/publish-now.server.ts';

/** Publishes now: {"validRowsOnly": true} is required while errors remain. 409 with the reason when refused. */
export const POST = apiEndpoint('revisions.publish', async (call) => {
  const ctx = await callRevision(call);
  const body = await jsonBody(call.context.request);
  await publishNow(call.app.database.db, call.user, ctx.revision.id, { validRowsOnly: flag(body, 'validRowsOnly') }, call.meta);
  return apiJson({ revision: await findRevisionJson(call) });
});
