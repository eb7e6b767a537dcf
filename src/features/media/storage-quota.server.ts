import { readdir, stat } from 'node:fs/promises';
import { join } from 'node:path';

/**
 * The storage quota of the folders the app writes (media variants and kept uploads):
 * MEDIA_MAX_BYTES. Uploads and image variants ask for room before they are written, so a full
 * folder is refused with a sentence instead of a half-written file, and the same refusal comes
 * when the disk itself is full (ENOSPC) before the quota is reached.
 *
 * The folders are measured once (a walk), then every byte this process writes or removes is
 * counted; the walk is repeated after REMEASURE_MS so writes of other app processes are seen.
 */
const REMEASURE_MS = 60_000;

/** A write refused because the storage is full (the quota, or the disk itself). */
export class StorageFull extends Error {
  override name = 'StorageFull';
}

/** Error codes of a write that failed because the disk or the user's quota is full. */
export function isDiskFull(error: unknown): boolean {
  return /^(ENOSPC|EDQUOT|EFBIG)$/.test(String((error as NodeJS.ErrnoException | null)?.code));
}

interface Quota { maxBytes: number; dirs: string[]; used: number | null; measuredAt: number }

let quota: Quota | null = null;

/** Sets the process's quota (app start); null or 0 means no limit beyond the disk. */
export function configureStorageQuota(maxBytes: number | null | undefined, dirs: string[]): void {
  quota = maxBytes ? { maxBytes, dirs, used: null, measuredAt: 0 } : null;
}

async function sizeOf(dir: string): Promise<number> {
  let total = 0;
  let entries;
  try {
    entries = await readdir(dir, { withFileTypes: true });
  } catch {
    return 0;
  }
  for (const e of entries) {
    const path = join(dir, e.name);
    if (e.isDirectory()) total += await sizeOf(path);
    else if (e.isFile()) total += (await stat(path).catch(() => null))?.size ?? 0;
  }
  return total;
}

async function used(q: Quota): Promise<number> {
  if (q.used === null || Date.now() - q.measuredAt > REMEASURE_MS) {
    let total = 0;
    for (const dir of q.dirs) total += await sizeOf(dir);
    q.used = total;
    q.measuredAt = Date.now();
  }
  return q.used;
}

/** Bytes that may still be written under the quota (Infinity without one). */
export async function storageRoom(): Promise<number> {
  if (!quota) return Infinity;
  return Math.max(0, quota.maxBytes - (await used(quota)));
}

/** Asks for room for `bytes` and counts them as written; StorageFull when they do not fit. */
export async function reserveStorage(bytes: number): Promise<void> {
  if (!quota) return;
  const now = await used(quota);
  if (now + bytes > quota.maxBytes) throw new StorageFull(`storage quota of ${quota.maxBytes} bytes reached (${now} used, ${bytes} more asked)`);
  quota.used = now + bytes;
}

/** Gives back room for bytes removed (a refused upload's partial file, a cleaned-up variant). */
export function releaseStorage(bytes: number): void {
  if (quota?.used != null) quota.used = Math.max(0, quota.used - bytes);
}
