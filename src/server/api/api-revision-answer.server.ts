import type { ApiCall } from './api-endpoint.server.ts';
import { callRevision } from './api-endpoint.server.ts';
import { currentDiffSummary } from '#features/catalogs/revision-diff.server.ts';
import { revisionJson } from '#features/catalogs/revision-json.ts';

/** The revision of the call as it is now (after a command), in the API's JSON shape. */
export async function findRevisionJson(call: ApiCall) {
  const ctx = await callRevision(call);
  return revisionJson(ctx, await currentDiffSummary(call.app.database.db, ctx.revision, ctx.catalog));
}
