// The serving processes' late turns of a run (LOG_STALLS_OVER_MS, src/kernel/event-loop-stalls.ts),
// put beside the supplier's upload: before it, while it was read, while it was published, in the
// two seconds after, or later. A process's lateness p99 is within 10 ms when fewer than 1% of its
// samples (one per 10 ms) are later than that, so counting the late ones by phase shows which
// part of a run spends that 1%.
import type { RunningServer } from './server.ts';
import { LOOP_SAMPLE_MS } from '#kernel/event-loop-lateness.ts';

/** Turns later than this are logged by the server the bench starts: the p99 target's own bar. */
export const STALL_LOG_OVER_MS = 10;
/** Late turns at least this long are also listed one by one, with when they began. */
const LISTED_FROM_MS = 25;

export interface RunClock {
  loadStartedAt: number;
  /** When the upload was sent, and when its publish began and ended (epoch ms); until the publish began, it was being read. */
  upload: { sentAt: number; publishStartedAt: number; publishEndedAt: number } | null;
}

type Phase = 'before the upload' | 'while it was read' | 'while it was published' | 'in the 2 s after' | 'later';
const PHASES: Phase[] = ['before the upload', 'while it was read', 'while it was published', 'in the 2 s after', 'later'];

/**
 * Each phase's stretch of the run, [from, to) in epoch ms, in order: where a late turn falls and
 * how long the phase lasted both come from here. Without an upload the whole run is before it.
 */
function phaseSpans(clock: RunClock, endedAt: number): Array<{ phase: Phase; from: number; to: number }> {
  const u = clock.upload;
  const cuts = u ? [u.sentAt, u.publishStartedAt, u.publishEndedAt, u.publishEndedAt + 2000] : [];
  const bounds = [clock.loadStartedAt, ...cuts.map((at) => Math.min(at, endedAt)), endedAt];
  return bounds.slice(1).map((to, i) => ({ phase: PHASES[i]!, from: bounds[i]!, to: Math.max(to, bounds[i]!) }));
}

/**
 * How much of these stalls' time their loop's thread was ready to run but had no core (other
 * threads and processes held both), as against running its own work.
 */
function waitingShare(stalls: Array<{ ms: number; waitedMs: number | null }>): string {
  const known = stalls.filter((s) => s.waitedMs !== null);
  if (known.length === 0) return '';
  // A stall's waiting is measured over its whole interval between two timer runs: the period and the lateness.
  const took = known.reduce((sum, s) => sum + LOOP_SAMPLE_MS + s.ms, 0);
  const waited = known.reduce((sum, s) => sum + s.waitedMs!, 0);
  return ` (waiting for a core: ${Math.round((100 * waited) / took)}% of the ${Math.round(took)} ms they took)`;
}

export function formatStalls(server: RunningServer, clock: RunClock, endedAt: number): string {
  const stalls = server.process.logLines()
    .filter((l) => l.msg === 'event loop stalled')
    .map((l) => ({ ms: l.stallMs as number, at: Date.parse(l.startedAt as string), pid: l.pid as number, waitedMs: (l.waitedMs ?? null) as number | null }))
    .filter((s) => s.at >= clock.loadStartedAt);
  const spans = phaseSpans(clock, endedAt).filter((span) => span.to > span.from);
  // A late turn logged after the end counts with the last phase.
  const phaseOf = (at: number) => (spans.find((span) => at < span.to) ?? spans.at(-1)!).phase;
  const pids = [...new Set(stalls.map((s) => s.pid))].sort((a, b) => a - b);
  const lines = spans.map(({ phase, from, to }) => {
    const seconds = (to - from) / 1000;
    const here = stalls.filter((s) => phaseOf(s.at) === phase);
    const perProcess = pids.map((pid) => here.filter((s) => s.pid === pid).length).join(' / ');
    const listed = here.filter((s) => s.ms >= LISTED_FROM_MS).map((s) => `${s.ms.toFixed(0)} ms at ${((s.at - clock.loadStartedAt) / 1000).toFixed(1)} s`);
    return `  ${phase} (${seconds.toFixed(1)} s): ${perProcess || 0}${waitingShare(here)}${listed.length ? `; ${LISTED_FROM_MS} ms or more: ${listed.join(', ')}` : ''}`;
  });
  const samples = Math.round(((endedAt - clock.loadStartedAt) / 1000) * 100);
  return `turns of the serving processes' loops later than ${STALL_LOG_OVER_MS} ms, per process${pids.length ? ` (pid ${pids.join(' / ')})` : ''}, by part of the run; ` +
    `a process keeps p99 within ${STALL_LOG_OVER_MS} ms with fewer than about ${Math.floor(samples / 100)} (1% of its ~${samples} samples):\n${lines.join('\n')}`;
}
