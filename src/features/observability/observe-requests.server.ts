import { randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { logger, writeLogLine } from './logger.server.ts';
import { requestLogLine } from './request-log-line.ts';
import { metrics } from './metrics.ts';
import { REQUEST_ID_HEADER, requestFactsMap } from './request-facts.ts';

/**
 * Called by the HTTP front for every request, before anyone answers it (the fast lane, static
 * files and Astro alike): gives it an id (header `x-request-id` on the request; the front puts it
 * on the response, and the 500 page quotes it), and when the response ends writes one JSON
 * line — time, id, method, route pattern, status, duration, user and organization, never the
 * URL's query, a token or a price — and observes the duration by route pattern. Returns the id.
 */
export function observeRequests(req: IncomingMessage, res: ServerResponse): string {
  const started = process.hrtime.bigint();
  const id = randomUUID();
  req.headers[REQUEST_ID_HEADER] = id;
  const facts = requestFactsMap();
  const noted = {};
  facts.set(id, noted);
  const finish = () => {
    facts.delete(id);
    const { route = 'static', userId = null, orgId = null } = noted as { route?: string; userId?: number | null; orgId?: number | null };
    const seconds = Number(process.hrtime.bigint() - started) / 1e9;
    const status = res.writableFinished ? res.statusCode : 499; // 499: the client went away first
    metrics().requestDuration.observe({ route, method: req.method ?? 'GET', status: String(status) }, seconds);
    // The line's keys are fixed and none is a secret: made by hand, without the redaction and
    // key-by-key path every other line takes (request-log-line.ts).
    if (logger.isLevelEnabled('info')) writeLogLine(requestLogLine({ reqId: id, method: req.method ?? 'GET', route, status, ms: Math.round(seconds * 10_000) / 10, userId, orgId }));
  };
  // A server response always ends with 'close': after 'finish' once it is written, or alone when
  // the connection went first (then not writableFinished: 499).
  res.once('close', finish);
  return id;
}
