import { createHash } from 'node:crypto';
import type { BuyerScope } from './buyer-scope.server.ts';

/**
 * Everything a catalog page's HTML depends on besides its URL: the customer, whether sales is
 * previewing, the view versions in force (their rules and validity) and the live revision of
 * every catalog they reach. A publish, a rollback, a view change or a view coming into or out
 * of force changes it, so cache entries keyed by it are never served stale; old ones age out.
 */
export function scopeFingerprint(scope: BuyerScope, liveRevisions: ReadonlyMap<number, number>): string {
  const hash = createHash('sha256');
  hash.update(`${scope.customerOrgId}|${scope.preview ? 'preview' : 'buyer'}|`);
  const versions = [...scope.versions].sort((a, b) => a.viewId - b.viewId);
  for (const v of versions) hash.update(`${v.viewId}|${v.validFrom ?? ''}|${v.validUntil ?? ''}|${JSON.stringify(v.rules)}|`);
  const live = [...liveRevisions].sort((a, b) => a[0] - b[0]);
  hash.update(live.map(([catalogId, revisionId]) => `${catalogId}:${revisionId}`).join(','));
  return hash.digest('base64url').slice(0, 32);
}
