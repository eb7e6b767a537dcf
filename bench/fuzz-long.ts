// The fuzz properties of tests/fuzz with ten times the files (npm run bench:fuzz). Runs each
// parser's suite in turn through vitest with FUZZ_SCALE=10 and prints one line per parser:
// files read, how they ended, the slowest case and the worker's heap before and after.
// FUZZ_SEED=<n> replays a run; FUZZ_SCALE overrides the factor.
import { spawnSync } from 'node:child_process';

const scale = process.env['FUZZ_SCALE'] ?? '10';
const suites = ['csv', 'xlsx', 'zip', 'bmecat', 'cif', 'view-prices', 'images'];
let failed = 0;
for (const suite of suites) {
  const run = spawnSync(process.execPath, ['node_modules/vitest/vitest.mjs', 'run', `tests/fuzz/${suite}.test.ts`], {
    env: { ...process.env, FUZZ_SCALE: scale }, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024,
  });
  const output = (run.stdout + run.stderr).replace(/\x1b\[[0-9;]*m/g, '');
  const line = output.split('\n').find((l) => l.startsWith(`fuzz ${suite}:`));
  if (run.status !== 0) {
    failed++;
    const cause = output.split('\n').find((l) => l.includes('Caused by')) ?? `vitest exited with ${run.status}`;
    console.log(`fuzz ${suite}: FAILED — ${cause.trim()}`);
  } else {
    console.log(line ?? `fuzz ${suite}: passed (no count printed)`);
  }
}
process.exitCode = failed === 0 ? 0 : 1;
