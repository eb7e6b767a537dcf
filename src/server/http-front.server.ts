import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import compression from 'compression';
import { SECURITY_HEADERS, hstsValue } from './security-headers.ts';
import { FAST_LANE, type FastLane } from './fast-lane-slot.ts';
import { REQUEST_ID_HEADER } from '#features/observability/request-facts.ts';
import { observeRequests } from '#features/observability/observe-requests.server.ts';
import { logger } from '#features/observability/logger.server.ts';
import { reportEventLoopDelayOnSignal } from './event-loop-report.ts';
import { lingerWhenAnsweredEarly } from './linger-before-close.ts';

// Runs in plain Node (scripts/serve.ts), outside Astro's bundle: no `astro:*` imports here.

/** A Node request handler: the adapter's, or the front's own. */
export type NodeHandler = (req: IncomingMessage, res: ServerResponse) => void;

/**
 * Brotli or gzip, as the browser's Accept-Encoding asks, for text answers (HTML, CSS, JS, JSON,
 * CSV, SVG) of 1 KB or more, with `Vary: Accept-Encoding`; images and archives pass as they are.
 * The compressing streams run on libuv's thread pool, not on the event loop; Brotli at quality 4
 * costs about what gzip's default does and saves more.
 */
function compressing(handler: NodeHandler): NodeHandler {
  const compress = compression({ threshold: 1024 });
  type Req = Parameters<typeof compress>[0];
  type Res = Parameters<typeof compress>[1];
  return (req, res) => compress(req as Req, res as Res, () => handler(req, res));
}

/**
 * One request through the front: the page cache's fast lane first, which the built app left in
 * its slot (fast-lane-slot.ts), which gzips on its own (gzip-pieces.ts) and which writes the
 * front's headers (the security headers and the request id) with its own in one `writeHead`.
 * Whatever the lane declines, or fails on, gets those headers set one by one (static files and
 * the runtime's own answers get them too) and goes to Astro's `handler`, compressed.
 */
export function answerThroughFront(astroHandler: NodeHandler): NodeHandler {
  const handler = compressing(astroHandler);
  const slot = globalThis as Record<symbol, FastLane | undefined>;
  // Runs outside Astro, so the setting is read from the environment here (astro:env is not loaded).
  const security = Object.entries({ ...SECURITY_HEADERS, 'strict-transport-security': hstsValue(['1', 'true'].includes(process.env.HSTS_INCLUDE_SUBDOMAINS ?? '')) }).flat();
  return (req, res) => {
    const id = observeRequests(req, res); // request id, one log line and the duration metric when the response ends
    lingerWhenAnsweredEarly(req, res);
    const frontHeaders = [...security, REQUEST_ID_HEADER, id];
    const normally = () => {
      for (let i = 0; i < frontHeaders.length; i += 2) res.setHeader(frontHeaders[i]!, frontHeaders[i + 1]!);
      handler(req, res);
    };
    const lane = slot[FAST_LANE];
    if (!lane) return normally();
    const failed = (error: unknown) => {
      logger.error({ err: error }, 'The page cache could not answer; serving the page the normal way.');
      if (!res.headersSent) normally();
    };
    let served: boolean | Promise<boolean>;
    try {
      served = lane(req, res, frontHeaders);
    } catch (error) {
      return failed(error);
    }
    if (served === true) return;
    if (served === false) return normally();
    served.then((answered) => { if (!answered) normally(); }, failed);
  };
}

/**
 * On SIGTERM or SIGINT, finishes the requests in flight (10 s at most) rather than cutting them
 * off; work in the background is left as a crash would leave it, which it is built to survive.
 */
function drainOnStop(server: Server): void {
  const stop = () => {
    server.close(() => process.exit(0));
    server.closeIdleConnections();
    setTimeout(() => process.exit(0), 10_000).unref();
  };
  process.once('SIGTERM', stop);
  process.once('SIGINT', stop);
}

/** Listens on host:port with the front around `handler`, until the process is told to stop. */
export async function startHttpFront(handler: NodeHandler, host: string, port: number): Promise<Server> {
  const server = createServer(answerThroughFront(handler));
  // Longer than a proxy's usual idle timeout, so a kept-alive connection is never closed by us
  // just as the next request on it arrives.
  server.keepAliveTimeout = 65_000;
  server.headersTimeout = 66_000;
  await new Promise<void>((done, fail) => {
    server.once('error', fail);
    server.listen(port, host, () => done());
  });
  drainOnStop(server);
  reportEventLoopDelayOnSignal();
  return server;
}
