// The serving processes' long event-loop stalls of a run (LOG_STALLS_OVER_MS, src/kernel/event-loop-stalls.ts),
// put beside the publish: before it, while it ran, in the two seconds after it, or later.
import type { RunningServer } from './server.ts';

/** Stalls shorter than this are not logged by the server the bench starts. */
export const STALL_LOG_OVER_MS = 25;

export interface RunClock { loadStartedAt: number; publishStartedAt: number | null; publishEndedAt: number | null }

export function formatStalls(server: RunningServer, clock: RunClock): string {
  const stalls = server.process.logLines()
    .filter((l) => l.msg === 'event loop stalled')
    .map((l) => ({ ms: l.stallMs as number, at: Date.parse(l.startedAt as string), pid: l.pid as number }))
    .filter((s) => s.at >= clock.loadStartedAt);
  const when = (at: number) => {
    if (clock.publishStartedAt === null || clock.publishEndedAt === null || at < clock.publishStartedAt) return 'before the publish';
    if (at <= clock.publishEndedAt) return 'while it ran';
    return at <= clock.publishEndedAt + 2000 ? 'in the 2 s after it' : 'later';
  };
  const groups = new Map<string, string[]>();
  for (const s of stalls) {
    const key = when(s.at);
    groups.set(key, [...(groups.get(key) ?? []), `${s.ms.toFixed(0)} ms at ${((s.at - clock.loadStartedAt) / 1000).toFixed(1)} s (pid ${s.pid})`]);
  }
  const parts = [...groups].map(([key, list]) => `${key}: ${list.join(', ')}`);
  return `stalls over ${STALL_LOG_OVER_MS} ms in the serving processes: ${stalls.length}${parts.length ? ` — ${parts.join('; ')}` : ''}`;
}
