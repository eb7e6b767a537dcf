// One kind of buyer request for one customer as an open-loop load (bench/load/open-loop.ts),
// bounded in time and count, with every response body checked by the leak oracle as it
// arrives.
//
// Until this load was open-loop it ran under autocannon with a per-connection rate, which
// measured something else than "N requests per second offered": every connection sent its
// requests for the second at once when a shared one-second tick fired, so all loads' requests
// arrived together, 48 in the first tens of milliseconds of each second; and its correction for
// coordinated omission took 1 / rate as milliseconds (1 ms at 2 requests per second), so each
// slow answer of t ms was recorded t times, and p99 read close to the slowest answer.
import type { Customer, LeakOracle } from './leak-oracle.ts';
import type { Kind, NextPath } from './traffic.ts';
import { startOpenLoop } from './open-loop.ts';
import { quantile } from './quantile.ts';

interface Histogram { p50: number; p99: number }
export interface Result {
  latency: Histogram; duration: number; timeouts: number; non2xx: number; '2xx': number;
  statusCodeStats: Record<string, { count: number }>;
}

export interface LoadOutcome {
  customer: Customer;
  kind: Kind;
  result: Result;
  leaks: number;
  /** Socket errors by code (timeouts are counted apart). */
  socketErrors: Map<string, number>;
  /** A few examples of what went wrong, for the report. */
  examples: string[];
  /** The three slowest answers, when they were due (ms since the epoch) and what was asked. */
  slowest: Array<{ ms: number; dueAt: number; path: string }>;
}

export interface RunningLoad { stop(): void; done: Promise<LoadOutcome> }

export interface LoadOptions {
  origin: string;
  /** Session cookies of the customer's buyers: each request is one of them. */
  cookies: string[];
  customer: Customer;
  kind: Kind;
  next: NextPath;
  oracle: LeakOracle;
  /** Mean requests per second of this load. */
  rate: number;
  /** Seed of the arrival moments. */
  seed: number;
  maxSeconds: number;
  maxRequests: number;
}

const TIMEOUT_MS = 10_000;

export function startLoad(o: LoadOptions): RunningLoad {
  let leaks = 0;
  const examples: string[] = [];
  const note = (line: string) => { if (examples.length < 5) examples.push(line); };
  let pick = 0;
  const loop = startOpenLoop({
    origin: o.origin, rate: o.rate, seconds: o.maxSeconds, maxRequests: o.maxRequests, timeoutMs: TIMEOUT_MS, seed: o.seed,
    // Buyers in turn, so the same cookies are used at every rate (Math.random would not repeat).
    next: () => ({ path: o.next(), headers: { cookie: o.cookies[pick++ % o.cookies.length]! } }),
    onResponse: (status, body, sent) => {
      if (status !== 200) {
        note(`${status} ${sent.path}: ${body.replace(/\s+/g, ' ').slice(0, 200)}`);
        return;
      }
      const typed = sent.path.startsWith('/search?') ? new URLSearchParams(sent.path.slice('/search?'.length)).get('q') ?? undefined : undefined;
      const found = o.oracle.leaks(o.customer, body, typed);
      if (found.length > 0) {
        leaks++;
        note(`LEAK ${sent.path}: ${found.slice(0, 3).join('; ')}`);
      }
    },
  });
  const done = loop.done.then((r): LoadOutcome => {
    let ok = 0;
    let non2xx = 0;
    const statusCodeStats: Record<string, { count: number }> = {};
    for (const [status, count] of r.statusCounts) {
      statusCodeStats[String(status)] = { count };
      if (status >= 200 && status < 300) ok += count;
      else non2xx += count;
    }
    const ms = (q: number) => Math.round(quantile(r.latencies, q));
    return {
      customer: o.customer, kind: o.kind, leaks, socketErrors: r.socketErrors, examples, slowest: r.slowest,
      result: { latency: { p50: ms(0.5), p99: ms(0.99) }, duration: r.seconds, timeouts: r.timeouts, non2xx, '2xx': ok, statusCodeStats },
    };
  });
  return { stop: loop.stop, done };
}
