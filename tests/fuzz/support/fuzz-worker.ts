// Worker thread that reads fuzz cases one at a time (loaded by Node's own type stripping, not by
// vitest). Running the readers here lets the test thread stop a case that never ends (a
// synchronous loop included) by terminating the worker, and caps the readers' heap with the
// worker's resourceLimits, so "no hang" and "bounded memory" are checked, not hoped for.
import { readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { parentPort } from 'node:worker_threads';
import type { FuzzCase } from './case-outcome.ts';
import { runCase } from './targets.ts';
import { openTargetWorld } from './target-world.server.ts';

setFlagsFromString('--expose-gc');
const collectGarbage = runInNewContext('gc') as () => void;

const world = await openTargetWorld();
// TMPDIR is this worker's own folder (set by the pool): anything left in it is a leak.
const scratch = tmpdir();
const known = new Set(readdirSync(scratch));
const leftovers = () => readdirSync(scratch).filter((name) => !known.has(name));
const fdCount = () => readdirSync('/proc/self/fd').length;

type Request = { id: number; input: FuzzCase } | { id: number; measure: true } | { id: number; close: true };

parentPort!.on('message', async (request: Request) => {
  if ('close' in request) {
    world.close();
    parentPort!.postMessage({ id: request.id, closed: true });
    return;
  }
  if ('measure' in request) {
    collectGarbage();
    parentPort!.postMessage({ id: request.id, heapUsed: process.memoryUsage().heapUsed, fds: fdCount() });
    return;
  }
  const path = join(scratch, `case-${request.id}`);
  writeFileSync(path, request.input.bytes);
  const started = performance.now();
  let outcome = await runCase(world, path, request.input);
  const ms = performance.now() - started;
  rmSync(path, { force: true });
  // Some libraries delete their temporary files asynchronously (exceljs via tmp): give them a moment.
  let left = leftovers();
  for (let waited = 0; left.length > 0 && waited < 2000; waited += 25) {
    await new Promise((resolve) => setTimeout(resolve, 25));
    left = leftovers();
  }
  if (left.length > 0) {
    for (const name of left) rmSync(join(scratch, name), { recursive: true, force: true });
    if (outcome.kind === 'parsed' || outcome.kind === 'refused') outcome = { kind: 'invalid', why: `the reader left temporary files behind: ${left.join(', ')} (ended ${outcome.kind})` };
  }
  parentPort!.postMessage({ id: request.id, outcome, ms, heapUsed: process.memoryUsage().heapUsed });
});
parentPort!.postMessage({ ready: true });
