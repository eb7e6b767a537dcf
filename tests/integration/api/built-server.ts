import { join } from 'node:path';
import { openPipelineWorld, type PipelineWorld } from '../imports/pipeline-world.ts';
import { startBuiltServer } from '#tests/support/built-server.ts';

export interface BuiltServer {
  world: PipelineWorld;
  base: string;
  uploadLimit: number;
  /** Lines the server printed (for a failing test's message). */
  output: string[];
  /** Waits until the output matches (log lines are written in batches, within a quarter second). */
  waitFor(pattern: RegExp, ms?: number): Promise<RegExpMatchArray>;
  stop(): Promise<void>;
}

/**
 * The built server (npm run build) on a free 127.0.0.1 port, with its own temp database (demo
 * accounts) and media folder, and a small upload limit so the size checks are quick to test.
 */
export async function startApiServer(uploadLimit = 1024 * 1024, env: Record<string, string> = {}): Promise<BuiltServer> {
  const world = await openPipelineWorld();
  const server = await startBuiltServer({ databaseFile: join(world.dir, 'test.db'), mediaDir: world.mediaDir, uploadMaxBytes: uploadLimit, env: { LOG_LEVEL: 'info', ...env } });
  return {
    world, base: server.base, uploadLimit, output: server.output, waitFor: (pattern, ms) => server.waitFor(pattern, ms),
    async stop() {
      await server.stop();
      world.close();
    },
  };
}
