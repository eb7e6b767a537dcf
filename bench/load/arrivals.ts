// Buyers arriving during the run: one signs in every second (a session row and the sign-in
// limiter's bookkeeping are written each time), so writes of buyers meet the supplier's publish
// as they do in production. Each sign-in's latency and outcome is kept.
import { signIn } from './server.ts';
import { quantile } from './quantile.ts';

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
      return { count: samples.length, failed, p50: quantile(samples, 0.5), p99: quantile(samples, 0.99), examples };
    },
  };
}
