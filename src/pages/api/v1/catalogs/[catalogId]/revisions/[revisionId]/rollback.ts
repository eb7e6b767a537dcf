import { apiEndpoint, apiJson, callRevision } from '#server/api/api-endpoint.server.ts';
import { findRevisionJson } from '#server/api/api-revision-answer.server.ts';
import { rollBackTo } from '#features/catalogs/rollback-revision.server.ts';

/** Makes this earlier published revision live again, in one step. */
export const POST = apiEndpoint('revisions.rollback', async (call) => {
  const ctx = await callRevision(call);
  await rollBackTo(call.app.database.db, call.user, ctx.revision.id, call.meta);
  return apiJson({ revision: await findRevisionJson(call) });
});
