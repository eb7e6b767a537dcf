// /healthz asked every 250 ms through the run, one request at a time: it answers from one small
// query, so its latency shows when the server's event loop is blocked (e.g. by a synchronous
// wait for a database lock) rather than busy with the buyers' pages.
export interface ProbeFigures { count: number; failed: number; p50: number; p99: number; max: number }

export function startProbe(origin: string): { stop(): ProbeFigures } {
  const samples: number[] = [];
  let failed = 0;
  let running = true;
  void (async () => {
    while (running) {
      const started = performance.now();
      try {
        const res = await fetch(`${origin}/healthz`, { signal: AbortSignal.timeout(10_000) });
        await res.arrayBuffer();
        if (!res.ok) failed++;
      } catch {
        failed++;
      }
      samples.push(performance.now() - started);
      await new Promise((r) => setTimeout(r, 250));
    }
  })();
  return {
    stop() {
      running = false;
      const sorted = [...samples].sort((a, b) => a - b);
      const at = (q: number) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? NaN;
      return { count: sorted.length, failed, p50: at(0.5), p99: at(0.99), max: sorted.at(-1) ?? NaN };
    },
  };
}
