import type { IncomingMessage, ServerResponse } from 'node:http';
import { hotReadsOf } from '#db/hot-reads.ts';
import { noteRequest } from '#features/observability/request-facts.ts';
import type { FastLane, FrontHeaders } from './fast-lane-slot.ts';
import { getSearchService } from './search-service.server.ts';
import type { Db } from '#db/client.ts';
import type { WithDb } from './middleware/app-db.ts';

const BODY = JSON.stringify({ status: 'ok' });
const BODY_LENGTH = String(Buffer.byteLength(BODY));

/**
 * An anonymous /healthz (a load balancer's or an orchestrator's probe), answered before the
 * request reaches Astro: the same database check as src/pages/healthz.ts, one hot read
 * (#db/hot-reads.ts, synchronous), so a probe is not queued behind pages being rendered and does not
 * report a busy process as a dead one. A caller who may read the detail (a token or a session),
 * a failing check and a remote database go the normal way, to the route.
 */
export function answerAnonymousHealth(withDb: WithDb): FastLane {
  return (req: IncomingMessage, res: ServerResponse, frontHeaders: FrontHeaders) => {
    if (req.method !== 'GET' && req.method !== 'HEAD') return false;
    if (req.url !== '/healthz' || req.headers.authorization !== undefined || req.headers.cookie !== undefined) return false;
    return withDb((db) => answer(req, res, frontHeaders, db));
  };
}

/** The probe's answer from the database at hand; false leaves it to the route. */
function answer(req: IncomingMessage, res: ServerResponse, frontHeaders: FrontHeaders, db: Db): boolean {
  const hot = hotReadsOf(db);
  if (!hot) return false;
  try {
    if (hot.ask('SELECT 1') !== 1) return false;
  } catch {
    return false; // the route answers 503 and logs why
  }
  // As the route does: a process that only answers probes still starts its search service.
  getSearchService().catch((e: unknown) => console.error('healthz: search service did not start', e));
  noteRequest(req.headers, { route: '/healthz' });
  res.writeHead(200, [...frontHeaders, 'content-type', 'application/json', 'content-length', BODY_LENGTH, 'cache-control', 'no-store']);
  res.end(req.method === 'HEAD' ? undefined : BODY);
  return true;
}
