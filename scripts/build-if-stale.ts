import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { execFileSync } from 'node:child_process';

const SOURCES = ['src', 'content', 'public', 'db', 'astro.config.mjs', 'package-lock.json'];
const ENTRY = 'dist/server/entry.mjs';

function newest(path: string): number {
  const s = statSync(path);
  if (!s.isDirectory()) return s.mtimeMs;
  let t = s.mtimeMs;
  for (const name of readdirSync(path)) t = Math.max(t, newest(join(path, name)));
  return t;
}

/**
 * Builds the server unless dist/ is newer than every source. A running demo keeps serving
 * while a second one starts beside it, because an up-to-date build is not rewritten.
 */
export function buildIfStale(): void {
  const built = existsSync(ENTRY) ? statSync(ENTRY).mtimeMs : 0;
  const sources = Math.max(...SOURCES.filter((p) => existsSync(p)).map(newest));
  if (built > sources) return;
  console.log('Building Vitrine…');
  execFileSync(process.execPath, ['node_modules/astro/bin/astro.mjs', 'build'], { stdio: 'inherit', env: { ...process.env, ASTRO_TELEMETRY_DISABLED: '1' } });
}
