// Buyers arriving during the run: one signs in every second (a session row and the sign-in
// limiter's bookkeeping are written each time), so writes of buyers meet the supplier's publish
// as they do in production. Each sign-in's latency and outcome is kept.
import { signIn } from './server.ts';

export interface ArrivalFigures { count: number; failed: number; p50: number; p99: number; examples: string[] }

export function startArrivals(origin: string, emails: readonly string[], everyMs = 1000): { stop(): Promise<ArrivalFigures> } {
  const samples: number[] = [];
  const examples: string[] = [];
  let failed = 0;
  let running = true;
  const loop = (async () => {
    for (let n = 0; running; n++) {
      const started = performance.now();
      try {
        await signIn(origin, emails[n % emails.length]!);
      } catch (e) {
        failed++;
        if (examples.length < 3) examples.push((e as Error).message);
      }
      const ms = performance.now() - started;
      samples.push(ms);
      await new Promise((r) => setTimeout(r, Math.max(0, everyMs - ms)));
    }
  })();
  return {
    async stop() {
      running = false;
      await loop;
      const sorted = [...samples].sort((a, b) => a - b);
      const at = (q: number) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? NaN;
      return { count: sorted.length, failed, p50: at(0.5), p99: at(0.99), examples };
    },
  };
}
