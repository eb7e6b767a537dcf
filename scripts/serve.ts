import { pathToFileURL, fileURLToPath } from 'node:url';
import { resolve } from 'node:path';
import { startHttpFront, type NodeHandler } from '#server/http-front.server.ts';
import { servingProcesses, superviseProcesses } from '#server/cluster.server.ts';
import { logger } from '#features/observability/logger.server.ts';
import { announceFirstRun } from '#features/setup/announce-first-run.server.ts';

/** The built app's request handler (the adapter's own server is not started: ours is). */
export async function loadBuiltHandler(): Promise<NodeHandler> {
  const dist = resolve(process.env.DIST_DIR || 'dist');
  process.env.ASTRO_NODE_AUTOSTART = 'disabled';
  const { handler } = (await import(pathToFileURL(resolve(dist, 'server/entry.mjs')).href)) as { handler: NodeHandler };
  return handler;
}

/**
 * Starts the built app behind our own HTTP front on HOST:PORT (127.0.0.1:4321 unless set): the
 * front (src/server/http-front.server.ts) gives every response the security headers, compresses
 * and lets the page cache's fast lane answer repeat catalog visits before Astro does;
 * docs/request-pipeline.md follows a request from here. By default one serving process per core
 * (WEB_CONCURRENCY) plus one for the background work (src/server/cluster.server.ts);
 * SINGLE_PROCESS=1 runs it all in this process. DIST_DIR names another build folder inside the
 * project (built with `astro build --outDir .dist-x`), so a benchmark can keep its own build.
 */
export async function serve(): Promise<void> {
  const host = (process.env.HOST ||= '127.0.0.1');
  const port = Number((process.env.PORT ||= '4321'));
  const processes = servingProcesses();
  if (processes === 'single') {
    await startHttpFront(await loadBuiltHandler(), host, port);
  } else {
    await superviseProcesses({ web: processes, workerScript: fileURLToPath(new URL('./serve-worker.ts', import.meta.url)) });
  }
  const shape = processes === 'single' ? 'one process' : `${processes} serving processes and one for background work`;
  logger.info({ url: `http://${host}:${port}`, processes }, `Vitrine is running at http://${host}:${port} (${shape})`);
  await announceFirstRun(`http://${host.includes(':') ? `[${host}]` : host}:${port}`);
}

// `node scripts/serve.ts` serves the existing build as it is: no migration, no seed, no build.
if (import.meta.main) await serve();
