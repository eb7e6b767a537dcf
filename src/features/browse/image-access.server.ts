import { sql } from 'drizzle-orm';
import type { Db } from '#db/client.ts';
import type { SessionUser } from '#features/auth/session-user.ts';
import { resolveBuyerScope } from '#features/visibility/buyer-scope.server.ts';
import { LruCache } from '#kernel/lru.ts';
import { onePerObject } from '#kernel/one-per-object.ts';
import { scopeFingerprint } from '#features/visibility/scope-fingerprint.ts';
import { browseContextOf, loadLiveCatalogs } from '#features/visibility/browse-context.server.ts';
import { imageIsVisible } from '#features/visibility/visible-items.server.ts';

// A buyer's answer depends only on the image and the scope's fingerprint, so it can be kept:
// a page of 50 thumbnails asks 50 times, and the next page mostly the same images again.
const answersOf = onePerObject((_: Db) => new LruCache<boolean>({ maxEntries: 50_000, maxSize: 50_000, sizeOf: () => 1 }));

async function supplierUsesImage(db: Db, supplierOrgId: number, hash: string): Promise<boolean> {
  const rows = await db.all<{ one: number }>(sql`
    SELECT 1 AS one FROM items i JOIN revisions r ON r.id = i.revision_id JOIN catalogs c ON c.id = r.catalog_id
    WHERE c.supplier_org_id = ${supplierOrgId} AND i.images LIKE ${`%${hash}%`}
      AND EXISTS (SELECT 1 FROM json_each(i.images) WHERE json_each.value = ${hash}) LIMIT 1`);
  return rows.length > 0;
}

/**
 * Who may load an image: a buyer whose views show an item using it, the supplier owning an
 * item (of any revision, drafts included) that uses it, and operator staff (sales previews
 * customers, admins support everyone). Everyone else gets a 404 from the caller.
 */
export async function mayViewImage(db: Db, user: SessionUser | null, hash: string, now: Date): Promise<boolean> {
  if (!user) return false;
  switch (user.role) {
    case 'sales':
    case 'admin':
      return true;
    case 'supplier':
      return supplierUsesImage(db, user.orgId, hash);
    case 'buyer': {
      const scope = await resolveBuyerScope(db, user.orgId, now);
      const live = await loadLiveCatalogs(db, scope);
      const buyerAnswers = answersOf(db);
      const key = `${scopeFingerprint(scope, new Map([...live.values()].map((c) => [c.id, c.revisionId])))}|${hash}`;
      const known = buyerAnswers.get(key);
      if (known !== undefined) return known;
      const answer = await imageIsVisible(db, browseContextOf(scope, live), hash);
      buyerAnswers.set(key, answer);
      return answer;
    }
  }
}
