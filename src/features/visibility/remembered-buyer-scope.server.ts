import type { Db } from '#db/client.ts';
import type { ViewVersionInput } from '#features/pricing/types.ts';
import { LruCache } from '#kernel/lru.ts';
import { onePerObject } from '#kernel/one-per-object.ts';
import { publishedVersionsOf, scopeOf, type BuyerScope } from './buyer-scope.server.ts';

interface Remembered { stamp: number; versions: readonly ViewVersionInput[] }

// Per database, one entry per customer; a view's rules are a few KB at most.
const rememberedOf = onePerObject((_: Db) => new LruCache<Remembered>({ maxEntries: 10_000, maxSize: 10_000, sizeOf: () => 1 }));

/**
 * A buyer's scope at `now`, as resolveBuyerScope gives it, from the customer's published view
 * versions kept with the change stamp (page-cache/change-stamp.server.ts) read before them:
 * publishing, withdrawing or deleting a view moves the stamp, in any process, so while it is the
 * same the versions kept are still the published ones. Every page not served from cache, and
 * every search, used to read them and parse their rules again. While they hold, the same list of
 * versions in force is handed out (scopeOf), and what is worked out from it (compiled rules, the
 * scope's digest) is kept with it.
 */
export async function rememberedBuyerScope(db: Db, customerOrgId: number, stamp: number, now: Date): Promise<BuyerScope> {
  const remembered = rememberedOf(db);
  const key = String(customerOrgId);
  let kept = remembered.get(key);
  if (kept?.stamp !== stamp) remembered.set(key, kept = { stamp, versions: await publishedVersionsOf(db, customerOrgId) });
  return scopeOf(customerOrgId, kept.versions, now, false);
}
