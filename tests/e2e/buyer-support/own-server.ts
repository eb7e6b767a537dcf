import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startBuiltServer } from '#tests/support/built-server.ts';

export interface OwnServer {
  baseURL: string; databaseUrl: string; mediaDir: string;
  /** The server's process (with several processes, the primary). */
  pid: number;
  /** What it printed so far. */
  output(): string[];
  /** Waits until the output matches (log lines are written in batches, within a quarter second). */
  waitFor(pattern: RegExp, ms?: number): Promise<RegExpMatchArray>;
  stop(): Promise<void>;
}

/**
 * The built server on a seeded database of its own, for a spec that publishes: its changes
 * must not reach the specs sharing the suite's server. Started the way playwright.config.ts
 * starts that one (tests/e2e/serve-seeded.ts seeds, then serves), and stopped by the spec.
 */
export async function startOwnServer(env: Record<string, string> = {}): Promise<OwnServer> {
  const dir = mkdtempSync(join(tmpdir(), 'vitrine-e2e-own-'));
  const databaseUrl = `file:${join(dir, 'vitrine.db')}`;
  const mediaDir = join(dir, 'media');
  const server = await startBuiltServer({ databaseUrl, mediaDir, script: 'tests/e2e/serve-seeded.ts', startTimeoutMs: 180_000, env: { LOG_LEVEL: 'warn', ...env } });
  return {
    baseURL: server.base, databaseUrl, mediaDir, pid: server.pid, output: () => server.output, waitFor: (pattern, ms) => server.waitFor(pattern, ms),
    async stop() {
      await server.stop();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
