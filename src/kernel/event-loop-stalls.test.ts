import { expect, test } from 'vitest';
import { watchLongStalls } from './event-loop-stalls.ts';

test('a turn that holds the loop past the threshold is reported with its length and start; short ones are not', async () => {
  const stalls: Array<{ ms: number; startedAt: Date }> = [];
  const stop = watchLongStalls(40, (s) => stalls.push(s));
  try {
    await new Promise((r) => setTimeout(r, 50)); // a quiet loop: nothing
    expect(stalls).toEqual([]);
    const blockedAt = Date.now();
    const until = performance.now() + 120;
    while (performance.now() < until) { /* a synchronous task holding the loop */ }
    await new Promise((r) => setTimeout(r, 30));
    expect(stalls).toHaveLength(1);
    expect(stalls[0]!.ms).toBeGreaterThan(80);
    expect(Math.abs(stalls[0]!.startedAt.getTime() - blockedAt)).toBeLessThan(40);
  } finally {
    stop();
  }
});
