import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { pathToFileURL } from 'node:url';
import { resolve } from 'node:path';
import { SECURITY_HEADERS, hstsValue } from '../src/features/security/security-headers.ts';
import { FAST_LANE, type FastLane } from '../src/features/page-cache/fast-lane-slot.ts';

type Handler = (req: IncomingMessage, res: ServerResponse) => void;

/**
 * Starts the built app behind our own HTTP front on HOST:PORT (127.0.0.1:4321 unless set).
 * The front gives every response the security headers (static files and the runtime's own
 * answers too) and lets the page cache's fast lane answer repeat catalog visits before Astro
 * does (page-cache/fast-lane.server.ts). DIST_DIR names another build folder inside the
 * project (built with `astro build --outDir .dist-x`), so a benchmark can keep its own build.
 */
export async function serve(): Promise<void> {
  const host = (process.env.HOST ||= '127.0.0.1');
  const port = Number((process.env.PORT ||= '4321'));
  const dist = resolve(process.env.DIST_DIR || 'dist');
  process.env.ASTRO_NODE_AUTOSTART = 'disabled'; // the adapter's own server is not started: this one is
  const { handler } = (await import(pathToFileURL(resolve(dist, 'server/entry.mjs')).href)) as { handler: Handler };
  const slot = globalThis as Record<symbol, FastLane | undefined>;
  const headers = { ...SECURITY_HEADERS, 'strict-transport-security': hstsValue(['1', 'true'].includes(process.env.HSTS_INCLUDE_SUBDOMAINS ?? '')) };
  const server = createServer((req, res) => {
    for (const [name, value] of Object.entries(headers)) res.setHeader(name, value);
    const lane = slot[FAST_LANE];
    if (!lane) return handler(req, res);
    lane(req, res).then(
      (served) => { if (!served) handler(req, res); },
      (error: unknown) => {
        console.error('The page cache could not answer; serving the page the normal way.', error);
        if (!res.headersSent) handler(req, res);
      },
    );
  });
  // Longer than a proxy's usual idle timeout, so a kept-alive connection is never closed by us
  // just as the next request on it arrives.
  server.keepAliveTimeout = 65_000;
  server.headersTimeout = 66_000;
  await new Promise<void>((done, fail) => {
    server.once('error', fail);
    server.listen(port, host, () => done());
  });
  console.log(`Vitrine is running at http://${host}:${port}`);
  // A stop finishes the requests in flight (10 s at most) rather than cutting them off; work in
  // the background is left as a crash would leave it, which it is built to survive.
  const stop = () => {
    server.close(() => process.exit(0));
    server.closeIdleConnections();
    setTimeout(() => process.exit(0), 10_000).unref();
  };
  process.once('SIGTERM', stop);
  process.once('SIGINT', stop);
}

// `node scripts/serve.ts` serves the existing build as it is: no migration, no seed, no build.
if (import.meta.main) await serve();
