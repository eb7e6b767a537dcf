import { mkdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { violation, type FuzzCase } from './case-outcome.ts';
import { FuzzPool } from './fuzz-pool.ts';

export interface FuzzSpec<T> {
  /** The parser, as it appears in the printed counts ("csv", "bmecat"…). */
  label: string;
  arbitrary: fc.Arbitrary<T>;
  toCase(generated: T): FuzzCase;
  runs: number;
}

export interface FuzzStats {
  label: string;
  files: number;
  parsed: number;
  refused: number;
  formats: Record<string, number>;
  maxCaseMs: number;
  seconds: number;
  /** Worker heap after a full GC, after 40% of the cases and at the end (bytes). */
  heapStart: number;
  heapEnd: number;
  fdsStart: number;
  fdsEnd: number;
}

/** Multiplies every parser's count (bench:fuzz runs 10×); FUZZ_SEED replays one run. */
export const FUZZ_SCALE = Number(process.env['FUZZ_SCALE'] ?? '1');
const SEED = process.env['FUZZ_SEED'] === undefined ? undefined : Number(process.env['FUZZ_SEED']);
const CASE_DEADLINE_MS = Number(process.env['FUZZ_CASE_MS'] ?? '15000');
/** Heap a run may keep after a full GC beyond what it kept after its first cases. */
export const MAX_HEAP_GROWTH = 64 * 1024 * 1024;
// Open files legitimately grow until caches fill (sharp keeps up to 20 files open, libSQL pools
// connections), so they are counted from 40% of the run on; a leak of one per bad file exceeds this.
export const MAX_FD_GROWTH = 24;
const WARM_UP_SHARE = 0.4;
/** Each fuzz test's own limit (vitest's timeout for it). */
export const FUZZ_TEST_MS = 600_000;
// Generating, reading and shrinking stop this long before the test's limit, so a failure found
// late (a hang costs a whole case deadline per shrinking step) is still reported with its input
// instead of vanishing in vitest's timeout; the minute left covers measuring and closing.
const PROPERTY_BUDGET_MS = Number(process.env['FUZZ_BUDGET_MS'] ?? FUZZ_TEST_MS - 60_000);

/** Where a failing input is saved, so it can be replayed and turned into a regression test. */
function saveFailure(label: string, input: FuzzCase): string {
  const dir = join(tmpdir(), 'vitrine-fuzz-failures');
  mkdirSync(dir, { recursive: true });
  const path = join(dir, `${label}-${Date.now()}-${input.name.replace(/[^\w.-]/g, '_')}`);
  writeFileSync(path, input.bytes);
  return path;
}

/**
 * Runs `runs` generated files through the real reader in a worker, with fast-check generating
 * and shrinking them. The property: each file ends parsed or refused with the project's own
 * located error (see violation); none hangs past the deadline or kills the worker. After the
 * run, the worker's retained heap and open files must not have grown beyond small bounds.
 * Throws (with the shrunk counterexample and the path of its bytes) when the property fails.
 */
export async function fuzzParser<T>(spec: FuzzSpec<T>): Promise<FuzzStats> {
  const pool = new FuzzPool({ caseDeadlineMs: CASE_DEADLINE_MS });
  const stats: FuzzStats = { label: spec.label, files: 0, parsed: 0, refused: 0, formats: {}, maxCaseMs: 0, seconds: 0, heapStart: 0, heapEnd: 0, fdsStart: 0, fdsEnd: 0 };
  const started = performance.now();
  let measuredStart = false;
  const numRuns = Math.max(1, Math.round(spec.runs * FUZZ_SCALE));
  const warmUp = Math.max(1, Math.floor(numRuns * WARM_UP_SHARE));
  let reportedFirst = false;
  try {
    await fc.assert(
      fc.asyncProperty(spec.arbitrary, async (generated) => {
        const input = spec.toCase(generated);
        const { outcome, ms } = await pool.run(input);
        stats.files++;
        stats.maxCaseMs = Math.max(stats.maxCaseMs, ms);
        if (outcome.kind === 'parsed') { stats.parsed++; stats.formats[outcome.format] = (stats.formats[outcome.format] ?? 0) + 1; }
        if (outcome.kind === 'refused') stats.refused++;
        const broken = violation(outcome);
        if (broken !== null) {
          const failure = `${spec.label}: "${input.name}" (${input.bytes.length} bytes, saved at ${saveFailure(spec.label, input)}): ${broken}`;
          // The first failure is printed at once: shrinking it may take the rest of the budget.
          if (!reportedFirst) { reportedFirst = true; console.error(`fuzz ${spec.label}: first failure, after ${stats.files} files (shrinking follows): ${failure}`); }
          throw new Error(failure);
        }
        if (!measuredStart && stats.files === warmUp) {
          measuredStart = true;
          ({ heapUsed: stats.heapStart, fds: stats.fdsStart } = await pool.measure());
        }
      }),
      {
        numRuns,
        ...(SEED === undefined ? {} : { seed: SEED }),
        // Unfinished runs at the budget's end fail too ("Property interrupted"), with the seed to replay.
        plugins: [fc.interruptAfterTimeLimit(PROPERTY_BUDGET_MS, { failOnInterrupt: true })],
      },
    );
    ({ heapUsed: stats.heapEnd, fds: stats.fdsEnd } = await pool.measure());
  } finally {
    await pool.close();
  }
  stats.seconds = (performance.now() - started) / 1000;
  const mb = (n: number) => (n / 1024 / 1024).toFixed(1);
  console.log(
    `fuzz ${spec.label}: ${stats.files} files (${stats.parsed} parsed, ${stats.refused} refused with a located error) in ${stats.seconds.toFixed(1)} s; ` +
      `slowest case ${Math.round(stats.maxCaseMs)} ms; worker heap after GC ${mb(stats.heapStart)} → ${mb(stats.heapEnd)} MB; open files ${stats.fdsStart} → ${stats.fdsEnd}; ` +
      `formats ${JSON.stringify(stats.formats)}`,
  );
  if (measuredStart && stats.heapEnd - stats.heapStart > MAX_HEAP_GROWTH) throw new Error(`${spec.label}: the worker's heap grew by ${mb(stats.heapEnd - stats.heapStart)} MB over the run (leak)`);
  if (measuredStart && stats.fdsEnd - stats.fdsStart > MAX_FD_GROWTH) throw new Error(`${spec.label}: ${stats.fdsEnd - stats.fdsStart} more files are open than after the first cases (leak)`);
  return stats;
}
