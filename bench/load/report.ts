// One line per request kind and customer, and the totals line, as run.ts prints them.
import type { LoadOutcome } from './buyer-load.ts';

const sum = (values: Iterable<number>) => [...values].reduce((a, b) => a + b, 0);

function errorsOf(o: LoadOutcome) {
  const socket = sum(o.socketErrors.values());
  const codes = Object.entries(o.result.statusCodeStats).filter(([code]) => !code.startsWith('2')).map(([code, s]) => `${code}×${s.count}`);
  return { non2xx: o.result.non2xx, timeouts: o.result.timeouts, socket, detail: [...codes, ...[...o.socketErrors].map(([code, n]) => `${code}×${n}`)] };
}

/** The line of one load; `loadStartedAt` (ms since the epoch) places its slowest answers in the run. */
export function formatOutcome(o: LoadOutcome, loadStartedAt: number): string {
  const r = o.result;
  const e = errorsOf(o);
  const rate = r['2xx'] + r.non2xx;
  return `${o.kind} pages (${o.customer}): ${(rate / r.duration).toFixed(1)} req/s, p50 ${r.latency.p50} ms, p99 ${r.latency.p99} ms, ${rate} responses; errors: non-2xx ${e.non2xx}, timeouts ${e.timeouts}, socket ${e.socket}${e.detail.length ? ` (${e.detail.join(', ')})` : ''}; leaks ${o.leaks}; slowest ${o.slowest.map((a, i) => `${a.ms.toFixed(0)} ms at ${((a.dueAt - loadStartedAt) / 1000).toFixed(1)} s${i === 0 ? ` (${a.path})` : ''}`).join(', ')}`;
}

export function formatTotals(outcomes: LoadOutcome[]): { line: string; errors: number; leaks: number; responses: number } {
  const all = outcomes.map(errorsOf);
  const errors = sum(all.map((e) => e.non2xx + e.timeouts + e.socket));
  const leaks = sum(outcomes.map((o) => o.leaks));
  const responses = sum(outcomes.map((o) => o.result['2xx'] + o.result.non2xx));
  const seconds = Math.max(...outcomes.map((o) => o.result.duration));
  return { line: `all buyer requests: ${(responses / seconds).toFixed(1)} req/s, ${responses} responses, ${errors} errors, ${leaks} leaking responses`, errors, leaks, responses };
}
