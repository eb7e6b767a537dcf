import { spawn, type ChildProcess } from 'node:child_process';
import { expect, test } from 'vitest';
import { watchLongStalls, type Stall } from './event-loop-stalls.ts';
import { LOOP_SAMPLE_MS } from './event-loop-lateness.ts';

test('a turn that holds the loop past the threshold is reported with its length and start; short ones are not', async () => {
  const stalls: Stall[] = [];
  const stop = watchLongStalls(40, (s) => stalls.push(s));
  try {
    await new Promise((r) => setTimeout(r, 50)); // a quiet loop: nothing
    expect(stalls).toEqual([]);
    const blockedAt = Date.now();
    const until = performance.now() + 120;
    while (performance.now() < until) { /* a synchronous task holding the loop */ }
    await new Promise((r) => setTimeout(r, 30));
    expect(stalls).toHaveLength(1);
    expect(stalls[0]!.ms).toBeGreaterThan(80);
    expect(Math.abs(stalls[0]!.startedAt.getTime() - blockedAt)).toBeLessThan(40);
  } finally {
    stop();
  }
});

// A loop's own work against a core held by someone else: the same 200 ms of work, alone on a core
// and then sharing it with a process that never sleeps, both pinned to it with util-linux's taskset.
// The child holds its loop with CPU time (a shared core stretches it) and prints the stall reported.
const STALL_ON_ONE_CORE = `
import { watchLongStalls } from ${JSON.stringify(new URL('./event-loop-stalls.ts', import.meta.url).href)};
const stalls = [];
const stop = watchLongStalls(100, (s) => stalls.push(s));
await new Promise((r) => setTimeout(r, 30));
const cpuAt = process.cpuUsage();
for (;;) { const used = process.cpuUsage(cpuAt); if ((used.user + used.system) / 1000 >= 200) break; }
await new Promise((r) => setTimeout(r, 30));
stop();
process.stdout.write(JSON.stringify(stalls[0] ?? null));
`;

function onCoreZero(args: string[]): ChildProcess {
  return spawn('taskset', ['--cpu-list', '0', process.execPath, ...args], { stdio: ['ignore', 'pipe', 'inherit'] });
}

async function stallOnCoreZero(): Promise<Stall> {
  const child = onCoreZero(['--input-type=module', '-e', STALL_ON_ONE_CORE]);
  let out = '';
  child.stdout!.on('data', (chunk: Buffer) => { out += chunk.toString(); });
  const code = await new Promise<number | null>((done) => child.on('exit', done));
  expect(code).toBe(0);
  return JSON.parse(out) as Stall;
}

/** The part of a stall's interval (the timer's period and its lateness) the loop's thread was running, not waiting. */
const ranMs = (stall: Stall) => stall.ms + LOOP_SAMPLE_MS - stall.waitedMs!;

test.runIf(process.platform === 'linux')('a stall says how much of it the loop waited for a core that another process held', async () => {
  // Other tests may share the core too: what is asserted holds whatever else runs beside.
  const alone = await stallOnCoreZero();
  expect(alone.ms).toBeGreaterThan(150);
  expect(alone.waitedMs).toEqual(expect.any(Number));
  expect(ranMs(alone)).toBeGreaterThan(150); // its 200 ms of CPU time ran in the interval

  const spinner = onCoreZero(['-e', 'process.stdout.write("spinning"); for (;;) {}']);
  try {
    await new Promise((spinning) => spinner.stdout!.once('data', spinning));
    const shared = await stallOnCoreZero();
    // At least an equal claim on the one core: the same work, and at least as long again waiting for it.
    expect(ranMs(shared)).toBeGreaterThan(150);
    expect(shared.waitedMs!).toBeGreaterThan(150);
    expect(shared.waitedMs!).toBeGreaterThan(alone.waitedMs! + 100);
  } finally {
    spinner.kill('SIGKILL');
  }
});
