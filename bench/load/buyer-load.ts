// One kind of buyer request for one customer under autocannon, bounded in time and count, with
// every response body checked by the leak oracle as it arrives (autocannon's onResponse hook).
import autocannon from 'autocannon';
import type { Customer, LeakOracle } from './leak-oracle.ts';
import type { Kind, NextPath } from './traffic.ts';

// The part of autocannon's API used here beyond bench/catalog-autocannon.d.ts: per-request
// hooks, the bounds, and the callback form, which returns the running instance so the
// scenario can stop it.
interface LoadRequest {
  method?: string;
  path?: string;
  headers?: Record<string, string>;
  setupRequest?: (request: LoadRequest, context: Record<string, unknown>) => LoadRequest;
  onResponse?: (status: number, body: string, context: Record<string, unknown>) => void;
}
interface Histogram { p50: number; p99: number }
export interface Result {
  latency: Histogram; duration: number; timeouts: number; non2xx: number; '2xx': number;
  statusCodeStats: Record<string, { count: number }>;
}
interface Instance { stop(): void; on(event: 'reqError', listener: (error: Error & { code?: string }) => void): Instance }
type Autocannon = (options: {
  url: string; connections: number; connectionRate: number; duration: number; maxOverallRequests: number; timeout: number;
  headers: Record<string, string>; requests: LoadRequest[];
}, callback: (error: Error | null, result: Result) => void) => Instance;
const run = autocannon as unknown as Autocannon;

export interface LoadOutcome {
  customer: Customer;
  kind: Kind;
  result: Result;
  leaks: number;
  /** Socket errors by code (timeouts are counted by autocannon apart). */
  socketErrors: Map<string, number>;
  /** A few examples of what went wrong, for the report. */
  examples: string[];
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
  connections: number;
  /** Requests per second per connection: buyers read what they open, they do not hammer. */
  rate: number;
  maxSeconds: number;
  maxRequests: number;
}

export function startLoad(o: LoadOptions): RunningLoad {
  let leaks = 0;
  const socketErrors = new Map<string, number>();
  const examples: string[] = [];
  const note = (line: string) => { if (examples.length < 5) examples.push(line); };
  let instance: Instance | undefined;
  const done = new Promise<LoadOutcome>((resolve, reject) => {
    instance = run({
      url: o.origin,
      connections: o.connections,
      connectionRate: o.rate,
      duration: o.maxSeconds,
      maxOverallRequests: o.maxRequests,
      timeout: 10,
      headers: {},
      requests: [{
        method: 'GET',
        setupRequest: (request, context) => {
          context.path = o.next();
          const cookie = o.cookies[Math.floor(Math.random() * o.cookies.length)]!;
          return { ...request, path: context.path as string, headers: { cookie } };
        },
        onResponse: (status, body, context) => {
          if (status !== 200) {
            note(`${status} ${String(context.path)}: ${body.replace(/\s+/g, ' ').slice(0, 200)}`);
            return;
          }
          const path = String(context.path);
          const typed = path.startsWith('/search?') ? new URLSearchParams(path.slice('/search?'.length)).get('q') ?? undefined : undefined;
          const found = o.oracle.leaks(o.customer, body, typed);
          if (found.length > 0) {
            leaks++;
            note(`LEAK ${String(context.path)}: ${found.slice(0, 3).join('; ')}`);
          }
        },
      }],
    }, (error, result) => (error ? reject(error) : resolve({ customer: o.customer, kind: o.kind, result, leaks, socketErrors, examples })));
    instance.on('reqError', (error) => {
      if (error.message === 'request timed out') return;
      const code = error.code ?? error.message;
      socketErrors.set(code, (socketErrors.get(code) ?? 0) + 1);
    });
  });
  return { stop: () => instance?.stop(), done };
}
