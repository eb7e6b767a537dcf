import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

// Third-party files (a Magento sample catalog, BMEcat exports, the cXML DTD; sources and
// licenses in its README) sit in ../shared/data beside the project and are never copied into it.
const PROJECT_ROOT = resolve(fileURLToPath(new URL('../..', import.meta.url)));
export const SHARED_DATA = join(PROJECT_ROOT, '..', 'shared', 'data');

/**
 * The path of a folder of the shared data. In CI (CI set) a missing folder fails the suite
 * loudly, since CI's clone always has it; elsewhere the caller may skip and says why.
 */
export function sharedData(folder: string): { path: string; present: boolean; reason: string } {
  const path = join(SHARED_DATA, folder);
  const present = existsSync(path);
  if (!present && process.env.CI) throw new Error(`${path} is missing: CI runs with ../shared/data beside the project root`);
  return { path, present, reason: present ? '' : `(skipped: ${path} is missing on this machine)` };
}
