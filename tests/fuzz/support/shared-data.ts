import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { sharedData } from '#tests/support/shared-data.ts';

// Third-party catalog files (../shared/data, read-only; see its README for sources and
// licenses) used as extra seeds: required in CI, optional elsewhere (the fuzz tests then use
// their own generated seeds only).

/** The files of one folder of the shared data whose names end with `ending`, as bytes (none when missing). */
export function sharedSeeds(folder: string, ending: string, maxBytes = 2 * 1024 * 1024): { name: string; bytes: Uint8Array }[] {
  const { path: dir, present } = sharedData(folder);
  if (!present) return [];
  return readdirSync(dir)
    .filter((name) => name.endsWith(ending))
    .map((name) => ({ name, bytes: readFileSync(join(dir, name)) }))
    .filter((seed) => seed.bytes.length <= maxBytes);
}

export function reportSeeds(label: string, seeds: readonly unknown[]): void {
  if (seeds.length === 0) console.log(`fuzz ${label}: ../shared/data is missing here, so only generated seeds are used`);
}
