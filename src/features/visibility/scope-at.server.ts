import { and, asc, eq, inArray, lte, sql } from 'drizzle-orm';
import type { Db } from '#db/client.ts';
import { customerViews, viewVersions } from '#db/schema/index.ts';
import type { BuyerScope } from './buyer-scope.server.ts';
import { instantOf, isInForce, parseValidity } from '#features/pricing/validity.ts';

/**
 * What a customer could see at a past moment: for each of its views, the version published
 * last before `at`, unless the view had been withdrawn after that publish (audit log), and only
 * if that version's validity covered `at`. Versions are kept forever, so this is exact for
 * anything published through the views feature.
 */
export async function resolveScopeAt(db: Db, customerOrgId: number, at: Date, preview = false): Promise<BuyerScope> {
  const iso = at.toISOString();
  const views = await db.select({ id: customerViews.id }).from(customerViews).where(eq(customerViews.customerOrgId, customerOrgId));
  if (views.length === 0) return { customerOrgId, versions: [], at, preview };
  const versions = await db.select().from(viewVersions)
    .where(and(inArray(viewVersions.viewId, views.map((v) => v.id)), lte(viewVersions.publishedAt, iso))).orderBy(asc(viewVersions.publishedAt), asc(viewVersions.id));
  const latest = new Map<number, (typeof versions)[number]>();
  for (const v of versions) latest.set(v.viewId, v);
  const withdrawals = await db.all<{ viewId: number; at: string }>(sql`
    SELECT CAST(json_extract(detail, '$.viewId') AS INTEGER) AS viewId, max(at) AS at FROM audit_events
    WHERE kind = 'view-withdrawn' AND at <= ${iso} AND json_extract(detail, '$.customerOrgId') = ${customerOrgId} GROUP BY viewId`);
  const withdrawnAt = new Map(withdrawals.map((w) => [w.viewId, w.at]));
  const inForce = [...latest.values()].filter((v) => {
    const withdrawn = withdrawnAt.get(v.viewId);
    if (withdrawn !== undefined && withdrawn >= v.publishedAt) return false;
    try {
      return isInForce(parseValidity(v.validFrom, v.validUntil), instantOf(at));
    } catch {
      return false; // a version whose dates cannot be read never applied
    }
  });
  return { customerOrgId, versions: inForce.map((v) => ({ viewId: v.viewId, rules: v.rules, validFrom: v.validFrom, validUntil: v.validUntil })), at, preview };
}

/**
 * The revision of a catalog that was live at `at`: the last publish or rollback before it in
 * the audit log (the revisions table keeps only the latest publish time of a revision that was
 * rolled back to), else the revision published last before it.
 */
export async function liveRevisionAt(db: Db, catalogId: number, at: Date): Promise<number | null> {
  const iso = at.toISOString();
  const [audited] = await db.all<{ revisionId: number }>(sql`
    SELECT CAST(json_extract(detail, '$.revisionId') AS INTEGER) AS revisionId FROM audit_events
    WHERE kind IN ('revision-published', 'revision-rolled-back') AND at <= ${iso} AND json_extract(detail, '$.catalogId') = ${catalogId}
    ORDER BY at DESC, id DESC LIMIT 1`);
  if (audited?.revisionId) return audited.revisionId;
  const [published] = await db.all<{ id: number }>(sql`
    SELECT id FROM revisions WHERE catalog_id = ${catalogId} AND published_at IS NOT NULL AND published_at <= ${iso} ORDER BY published_at DESC, id DESC LIMIT 1`);
  return published?.id ?? null;
}
