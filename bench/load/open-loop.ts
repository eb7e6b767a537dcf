// An open-loop load: requests arrive at random moments at a given mean rate (a Poisson
// process, as independent buyers do), each sent when it arrives whether or not earlier ones
// were answered, over keep-alive connections opened as needed. A request's latency runs from
// the moment it was due to the last byte of its body, so waiting anywhere (a connection, the
// bench's own loop, the server) counts. This is what "N requests per second offered" means;
// a closed loop that sends the next request when the last one is answered, or on a shared
// second tick, measures something else (see bench/load/buyer-load.ts).
import { Agent, request } from 'node:http';
import { random } from '../import-data.ts';

export interface OpenLoopRequest { path: string; headers: Record<string, string> }

export interface OpenLoopOptions {
  origin: string;
  /** Mean requests per second. */
  rate: number;
  seconds: number;
  maxRequests: number;
  timeoutMs: number;
  /** Seed of the arrival moments (the traffic's own randomness is the caller's). */
  seed: number;
  next(): OpenLoopRequest;
  /** Every answered request, its body whole. */
  onResponse(status: number, body: string, sent: OpenLoopRequest): void;
}

export interface OpenLoopResult {
  /** Latencies of 2xx answers in ms, in the order they were answered. */
  latencies: number[];
  statusCounts: Map<number, number>;
  timeouts: number;
  socketErrors: Map<string, number>;
  /** Seconds during which requests were offered. */
  seconds: number;
  /** The three slowest 2xx answers: how long, when they were due (ms since the epoch), what was asked. */
  slowest: Array<{ ms: number; dueAt: number; path: string }>;
}

export interface OpenLoop { stop(): void; done: Promise<OpenLoopResult> }

export function startOpenLoop(o: OpenLoopOptions): OpenLoop {
  const url = new URL(o.origin);
  const agent = new Agent({ keepAlive: true, maxSockets: 64 });
  const draw = random(o.seed);
  const result: OpenLoopResult = { latencies: [], statusCounts: new Map(), timeouts: 0, socketErrors: new Map(), seconds: 0, slowest: [] };
  // Every 2xx answer, in the order answered: the latencies and the slowest come from it at the end.
  const answered: Array<{ ms: number; dueAt: number; path: string }> = [];
  const started = performance.now();
  let offering = true;
  let offered = 0;
  let inFlight = 0;
  let timer: NodeJS.Timeout | undefined;
  let finish: () => void = () => {};
  const finished = new Promise<void>((resolve) => { finish = resolve; });
  const settle = () => { if (--inFlight === 0 && !offering) finish(); };

  const send = (due: number) => {
    const sent = o.next();
    inFlight++;
    offered++;
    // Each request ends once: answered whole, timed out, or failed (before or during its answer).
    let ended = false;
    let timedOut = false;
    const end = (outcome: () => void) => {
      if (ended) return;
      ended = true;
      outcome();
      settle();
    };
    const failed = (error: Error & { code?: string }) => end(() => {
      if (timedOut) return; // counted as a timeout
      const code = error.code ?? error.message;
      result.socketErrors.set(code, (result.socketErrors.get(code) ?? 0) + 1);
    });
    const req = request({ agent, host: url.hostname, port: url.port, path: sent.path, headers: sent.headers, timeout: o.timeoutMs }, (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => { body += chunk; });
      res.on('end', () => end(() => {
        const status = res.statusCode ?? 0;
        result.statusCounts.set(status, (result.statusCounts.get(status) ?? 0) + 1);
        if (status >= 200 && status < 300) answered.push({ ms: performance.now() - due, dueAt: performance.timeOrigin + due, path: sent.path });
        o.onResponse(status, body, sent);
      }));
      // A connection lost in the middle of an answer fails the response, not always the request.
      res.on('error', failed);
    });
    req.on('timeout', () => { timedOut = true; result.timeouts++; req.destroy(); });
    req.on('error', failed);
    req.end();
  };

  // Exponential gaps between arrivals; every arrival already due is sent at once (a busy
  // bench loop delays sending, and the delay is in the latency because it runs from `due`).
  let due = started;
  const arrive = () => {
    const now = performance.now();
    while (offering && due <= now) {
      if (due - started >= o.seconds * 1000 || offered >= o.maxRequests) { stop(); break; }
      send(due);
      due += (-Math.log(1 - draw()) / o.rate) * 1000;
    }
    if (offering) timer = setTimeout(arrive, Math.max(0, due - performance.now()));
  };
  const stop = () => {
    if (!offering) return;
    offering = false;
    clearTimeout(timer);
    result.seconds = (performance.now() - started) / 1000;
    if (inFlight === 0) finish();
  };
  due += (-Math.log(1 - draw()) / o.rate) * 1000;
  timer = setTimeout(arrive, due - started);

  const done = finished.then(() => {
    agent.destroy();
    result.latencies = answered.map((a) => a.ms);
    result.slowest = [...answered].sort((a, b) => b.ms - a.ms).slice(0, 3);
    return result;
  });
  return { stop, done };
}
