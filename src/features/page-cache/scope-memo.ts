import { RevalidatingMemo } from '#kernel/revalidating-memo.ts';

/**
 * The catalog fingerprints (scope-fingerprint.ts) of each customer, by catalog slug, as last
 * computed by a catalog page, with the change stamp (change-stamp.server.ts) read before them,
 * so the fast lane can find a cached page with one read instead of reading views and live
 * revisions: a publish or view change, here or in another process, moves the stamp. The short
 * life bounds how late a view coming into force at a set time shows (3 s at most).
 */
export interface RememberedScope { catalogs: ReadonlyMap<string, string>; stamp: number }

const memo = new RevalidatingMemo<number, RememberedScope>({ freshMs: 1_000, staleMs: 2_000, maxEntries: 10_000 });

/** Pass to rememberFingerprint: read it before the database is. */
export function scopeGeneration(): number {
  return memo.generation;
}

export function rememberFingerprint(customerId: number, scope: RememberedScope, readAt: number, readGeneration: number): void {
  memo.remember(customerId, scope, readAt, readGeneration);
}

export function recallFingerprint(customerId: number, now: number): RememberedScope | null {
  return memo.recall(customerId, now) ?? null;
}

