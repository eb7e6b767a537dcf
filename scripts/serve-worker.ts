// One process of several, started by the primary in src/server/cluster.server.ts with VITRINE_ROLE set.
import { get, createServer } from 'node:http';
import { startHttpFront } from '#server/http-front.server.ts';
import { processRole } from '#kernel/process-role.ts';
import { keepEarlyMessages } from '#server/early-messages.ts';
import { runAsIdleWork } from '#server/idle-scheduling.server.ts';
import { lowerOwnPriority } from '#server/lower-own-priority.server.ts';
import { jobsNiceness } from '#server/cluster.server.ts';
import { logger } from '#features/observability/logger.server.ts';
import { loadBuiltHandler } from './serve.ts';

// The background work runs below the serving processes (JOBS_NICE above 0), and as idle work,
// set first thing, before this process starts threads of its own.
if (processRole() === 'jobs' && jobsNiceness() > 0) {
  const notLowered = lowerOwnPriority(jobsNiceness());
  if (notLowered) logger.warn({ reason: notLowered }, 'The jobs process runs at the serving processes\' priority: its niceness could not be set.');
  const why = runAsIdleWork();
  if (why) logger.warn({ reason: why }, 'The jobs process runs under the normal scheduling policy: it could not be made idle work.');
}
// Tasks the primary relays before the background work listens are kept for it (early-messages.ts).
const handOnEarlyMessages = processRole() === 'jobs' ? keepEarlyMessages(process) : null;
const handler = await loadBuiltHandler();
if (processRole() === 'jobs') {
  // The bundle's composition root starts on its first request, and with it the background work
  // (src/app.server.ts) and the search outbox sync (/healthz starts the search service). This
  // process serves no one, so it makes that first request itself, on a private loopback port.
  const server = createServer(handler);
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  const { port } = server.address() as { port: number };
  await new Promise<void>((done, fail) => get(`http://127.0.0.1:${port}/healthz`, (res) => { res.resume(); res.on('end', done); }).on('error', fail));
  server.close();
  await handOnEarlyMessages?.();
  // Work in the background is left as a crash would leave it, which it is built to survive.
  process.once('SIGTERM', () => process.exit(0));
  process.once('SIGINT', () => process.exit(0));
} else {
  await startHttpFront(handler, process.env.HOST || '127.0.0.1', Number(process.env.PORT || 4321));
}
