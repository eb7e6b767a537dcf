import { describe, expect, test } from 'vitest';
import { spawn } from 'node:child_process';
import { join } from 'node:path';

/** Runs log-order-child.ts and gives the lines it wrote, in the order they came out. */
async function linesOf(ending: 'exit' | 'natural', count: number): Promise<Array<{ n: number; msg: string }>> {
  const child = spawn(process.execPath, [join(import.meta.dirname, 'log-order-child.ts'), ending, String(count)], { env: { ...process.env, LOG_LEVEL: 'info' }, stdio: ['ignore', 'pipe', 'inherit'] });
  let out = '';
  child.stdout.setEncoding('utf8').on('data', (chunk: string) => { out += chunk; });
  const code = await new Promise<number | null>((done) => child.on('close', done));
  expect(code).toBe(0);
  return out.split('\n').filter(Boolean).map((l) => JSON.parse(l) as { n: number; msg: string });
}

// Request lines gather before the log's stream sees them (logger.server.ts); pino's own lines
// go straight to the stream. None may be lost or come out of turn.
describe('the log written in batches', () => {
  test.each([
    ['ended by process.exit before a batch was due', 'exit', 3] as const,
    ['ended by process.exit with many batches written', 'exit', 2_000] as const,
    ['ended by running out of work', 'natural', 2_000] as const,
  ])('every line, in the order written, when %s', async (_, ending, count) => {
    const lines = await linesOf(ending, count);
    expect(lines.length).toBeGreaterThan(count);
    expect(lines.map((l) => l.n)).toEqual(lines.map((_, i) => i));
    expect(lines.at(-1)!.msg).toBe('last');
  });
});
