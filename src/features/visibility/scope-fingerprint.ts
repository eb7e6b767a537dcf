import { createHash } from 'node:crypto';
import type { BuyerScope } from './buyer-scope.server.ts';
import { onePerObject } from '#kernel/one-per-object.ts';

/**
 * The customer, whether sales is previewing, and the view versions in force (their rules and
 * validity), hashed once per list of versions in force (kept between requests while the
 * published views stay the same: remembered-buyer-scope.server.ts).
 */
const viewsDigestsOf = onePerObject((_: BuyerScope['versions']) => new Map<string, string>());

function viewsDigest(scope: BuyerScope): string {
  const who = `${scope.customerOrgId}|${scope.preview ? 'preview' : 'buyer'}|`;
  const digests = viewsDigestsOf(scope.versions);
  let digest = digests.get(who);
  if (digest === undefined) {
    const hash = createHash('sha256');
    hash.update(who);
    const versions = [...scope.versions].sort((a, b) => a.viewId - b.viewId);
    for (const v of versions) hash.update(`${v.viewId}|${v.validFrom ?? ''}|${v.validUntil ?? ''}|${JSON.stringify(v.rules)}|`);
    digests.set(who, digest = hash.digest('base64url'));
  }
  return digest;
}

const hashed = (text: string) => createHash('sha256').update(text).digest('base64url').slice(0, 32);

/**
 * Everything a page spanning the scope depends on besides its URL: the customer, whether sales
 * is previewing, the view versions in force (their rules and validity) and the live revision of
 * every catalog they reach. A publish, a rollback, a view change or a view coming into or out
 * of force changes it, so cache entries keyed by it are never served stale; old ones age out.
 */
export function scopeFingerprint(scope: BuyerScope, liveRevisions: ReadonlyMap<number, number>): string {
  const live = [...liveRevisions].sort((a, b) => a[0] - b[0]);
  return hashed(`${viewsDigest(scope)}|${live.map(([catalogId, revisionId]) => `${catalogId}:${revisionId}`).join(',')}`);
}

/**
 * The same for one catalog's pages (its categories, products, print view), which show nothing
 * of the other catalogs: only this catalog's live revision counts. A publish of one catalog
 * then leaves every other catalog's cached pages and memos as good as they were, where it used
 * to send every buyer's next visit to every page through a full render at once.
 */
export function catalogFingerprint(scope: BuyerScope, catalogId: number, revisionId: number): string {
  return hashed(`${viewsDigest(scope)}|catalog ${catalogId}:${revisionId}`);
}
