import { apiEndpoint, apiJson, callRevision, flag, jsonBody } from '#server/api/api-endpoint.server.ts';
import { findRevisionJson } from '#server/api/api-revision-answer.server.ts';
import { RevisionProblem } from '#features/ingest/revisions/revision-problem.ts';
import { parseScheduleTime } from '#features/catalogs/schedule-time.ts';
import { submitForApproval } from '#features/catalogs/submit-revision.server.ts';

/** Submits for approval where the operator requires it: {"at": optional ISO time, "validRowsOnly": false}. */
export const POST = apiEndpoint('revisions.submit', async (call) => {
  const ctx = await callRevision(call);
  const body = await jsonBody(call.context.request);
  let at: Date | null = null;
  if (body.at !== undefined && body.at !== null) {
    at = typeof body.at === 'string' ? parseScheduleTime(body.at) : null;
    if (!at) throw new RevisionProblem('"at" must be a date and time in ISO 8601, e.g. "2027-09-01T06:00:00Z".', { field: 'at', status: 400 });
  }
  await submitForApproval(call.app.database.db, call.user, ctx.revision.id, { validRowsOnly: flag(body, 'validRowsOnly'), at }, call.meta);
  return apiJson({ revision: await findRevisionJson(call) }, 202);
});
