import { apiEndpoint, apiJson, callRevision, flag, jsonBody } from '#server/api/api-endpoint.server.ts';
import { findRevisionJson } from '#server/api/api-revision-answer.server.ts';
import { RevisionProblem } from '#features/ingest/revisions/revision-problem.ts';
import { cancelSchedule, scheduleRevision } from '#features/catalogs/schedule-revision.server.ts';
import { parseScheduleTime } from '#features/catalogs/schedule-time.ts';

/** Schedules going live: {"at": "2027-09-01T06:00:00Z", "validRowsOnly": false}. */
export const POST = apiEndpoint('revisions.schedule', async (call) => {
  const ctx = await callRevision(call);
  const body = await jsonBody(call.context.request);
  const at = typeof body.at === 'string' ? parseScheduleTime(body.at) : null;
  if (!at) throw new RevisionProblem('"at" must be a date and time in ISO 8601, e.g. "2027-09-01T06:00:00Z" (without an offset it is read as UTC).', { field: 'at', status: 400 });
  await scheduleRevision(call.app.database.db, call.user, ctx.revision.id, at, { validRowsOnly: flag(body, 'validRowsOnly') }, call.meta);
  return apiJson({ revision: await findRevisionJson(call) });
});

/** Cancels the schedule; the revision stays ready. */
export const DELETE = apiEndpoint('revisions.cancelSchedule', async (call) => {
  const ctx = await callRevision(call);
  await cancelSchedule(call.app.database.db, call.user, ctx.revision.id, call.meta);
  return apiJson({ revision: await findRevisionJson(call) });
});
