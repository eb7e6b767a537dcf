import { apiEndpoint, apiJson, callRevision } from '#server/api/api-endpoint.server.ts';
import { findRevisionJson } from '#server/api/api-revision-answer.server.ts';
import { discardRevision } from '#features/catalogs/discard-revision.server.ts';
import { wakeBackgroundJobs } from '#server/background-jobs.server.ts';

/** Discards a revision that was never live (being read, checked, or failed). */
export const POST = apiEndpoint('revisions.discard', async (call) => {
  const ctx = await callRevision(call);
  await discardRevision(call.app.database.db, call.user, ctx.revision.id, call.meta);
  wakeBackgroundJobs('schedules');
  return apiJson({ revision: await findRevisionJson(call) });
});
