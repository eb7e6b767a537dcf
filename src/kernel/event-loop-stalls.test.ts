import { spawn, type ChildProcess } from 'node:child_process';
import { expect, test } from 'vitest';
import { watchLongStalls, type Stall } from './event-loop-stalls.ts';

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

test.runIf(process.platform === 'linux')('a stall says how much of it the loop waited for a core that another process held', async () => {
  const alone = await stallOnCoreZero();
  expect(alone.ms).toBeGreaterThan(150);
  expect(alone.waitedMs).not.toBeNull();
  expect(alone.waitedMs!).toBeLessThan(alone.ms / 4);

  const spinner = onCoreZero(['-e', 'for (;;) {}']);
  try {
    await new Promise((r) => setTimeout(r, 100)); // the spinner holds the core
    const shared = await stallOnCoreZero();
    // Two equal claims on one core: the work takes about twice as long, half of it waiting.
    expect(shared.ms).toBeGreaterThan(alone.ms * 1.5);
    expect(shared.waitedMs!).toBeGreaterThan(shared.ms / 4);
  } finally {
    spinner.kill('SIGKILL');
  }
});
