import { eq, inArray, sql } from 'drizzle-orm';
import type { Db } from '#db/client.ts';
import { catalogs, organizations } from '#db/schema/index.ts';
import { scopeCatalogIds, type BuyerScope } from '#features/visibility/buyer-scope.server.ts';
import type { BrowseRequest } from './browse-request.server.ts';
import type { BuyerChange } from './buyer-changes.ts';
import { liveRevisionAt, resolveScopeAt } from '#features/visibility/scope-at.server.ts';
import { countVisibleItems } from '#features/visibility/visible-items.server.ts';
import { changeGroupOffLoop, type ChangeCounts, type ChangeGroup } from './change-groups.server.ts';
import { LruCache } from '#kernel/lru.ts';

export type { ChangeCounts, ChangeGroup } from './change-groups.server.ts';

export interface CatalogChanges {
  catalog: { id: number; name: string; slug: string; currency: string; supplierName: string };
  /** 'added': the catalog entered the buyer's view in the period; 'gone': it is no longer available. */
  status: 'changed' | 'unchanged' | 'added' | 'gone';
  /** Totals over the groups. */
  counts: ChangeCounts;
  /** One per publish (and change of terms) in the period, oldest first. */
  groups: ChangeGroup[];
  /** The groups' entries, in order. */
  entries: BuyerChange[];
  /** For 'added': how many items it shows now, and since when it is there. */
  itemCount: number;
  addedAt: string | null;
}

/** A catalog's rules in every view in force, as text: equal text means equal prices and visibility. */
function catalogRulesText(scope: BuyerScope, catalogId: number): string {
  return JSON.stringify(scope.versions.map((v) => [v.viewId, v.validFrom, v.validUntil, v.rules.catalogs.find((c) => c.catalogId === catalogId) ?? null]).filter((v) => v[3] !== null));
}

/** Publishes and rollbacks of a catalog after `from` up to `to`, oldest first. */
async function publishesBetween(db: Db, catalogId: number, from: Date, to: Date) {
  return db.all<{ revisionId: number; at: string; kind: string }>(sql`
    SELECT CAST(json_extract(detail, '$.revisionId') AS INTEGER) AS revisionId, at, kind FROM audit_events
    WHERE kind IN ('revision-published', 'revision-rolled-back') AND at > ${from.toISOString()} AND at <= ${to.toISOString()}
      AND json_extract(detail, '$.catalogId') = ${catalogId}
    ORDER BY at, id`);
}

/** When the customer's views were published in the period, oldest first, with the catalogs each reached. */
async function viewPublishesBetween(db: Db, customerOrgId: number, from: Date, to: Date) {
  const rows = await db.all<{ at: string; rules: string }>(sql`
    SELECT v.published_at AS at, v.rules FROM view_versions v JOIN customer_views c ON c.id = v.view_id
    WHERE c.customer_org_id = ${customerOrgId} AND v.published_at > ${from.toISOString()} AND v.published_at <= ${to.toISOString()}
    ORDER BY v.published_at, v.id`);
  return rows.map((r) => ({ at: r.at, catalogIds: (JSON.parse(r.rules) as { catalogs: Array<{ catalogId: number }> }).catalogs.map((c) => c.catalogId) }));
}

/**
 * What one publish changed for the buyers of one scope: the same for every buyer of a customer
 * whose last visit came before it, so asked once (of the jobs process, change-groups.server.ts)
 * and kept here for the others. The fingerprint names the views in force and the live
 * revisions, so a change of either asks anew.
 */
const publishGroups = new LruCache<ChangeGroup>({
  maxEntries: 256,
  maxSize: 256 * 400, // entries held, all groups together (a group holds at most 3 × limitPerKind)
  sizeOf: (group) => 1 + group.entries.length,
});

/**
 * What changed in the buyer's catalogs between `since` and now, at their prices, one entry per
 * catalog they can see now or could see then, and within it one group per publish: each
 * publish compares the revision it replaced with the one it made live, both at the buyer's
 * prices now. A change of the buyer's own terms in the period is one more group (the revision
 * live at `since` under the old terms and under the new). A catalog that entered the buyer's
 * view in the period is "added", followed by what its publishes changed after that.
 */
export async function changesSince(db: Db, request: BrowseRequest, since: Date, limitPerKind = 100): Promise<CatalogChanges[]> {
  const now = request.scope.at;
  const then = await resolveScopeAt(db, request.customer.id, since, request.preview);
  const thenIds = scopeCatalogIds(then);
  const ids = [...new Set([...request.live.keys(), ...thenIds])];
  const meta = new Map((ids.length ? await db.select({ id: catalogs.id, name: catalogs.name, slug: catalogs.slug, currency: catalogs.currency, supplierName: organizations.name })
    .from(catalogs).innerJoin(organizations, eq(organizations.id, catalogs.supplierOrgId)).where(inArray(catalogs.id, ids)) : []).map((c) => [c.id, c]));
  const viewPublishes = await viewPublishesBetween(db, request.customer.id, since, now);
  const out: CatalogChanges[] = [];
  let itemCounts: Map<number, number> | undefined;
  for (const id of ids) {
    const catalog = meta.get(id);
    if (!catalog) continue;
    const base = { catalog, counts: { new: 0, removed: 0, changed: 0 }, groups: [] as ChangeGroup[], entries: [] as BuyerChange[], itemCount: 0, addedAt: null };
    const newRev = request.live.get(id)?.revisionId ?? null;
    if (newRev === null) {
      if (thenIds.includes(id) && await liveRevisionAt(db, id, since) !== null) out.push({ ...base, status: 'gone' });
      continue;
    }
    const oldRev = thenIds.includes(id) ? await liveRevisionAt(db, id, since) : null;
    const groups: ChangeGroup[] = [];
    let from = since;
    let addedAt: string | null = null;
    if (oldRev === null) {
      // It entered the buyer's view in the period: when the first publish reaching it did, or when its first revision went live.
      const firstLive = await liveRevisionAt(db, id, since) === null ? (await publishesBetween(db, id, since, now))[0]?.at ?? null : null;
      const entered = thenIds.includes(id) ? null : viewPublishes.find((v) => v.catalogIds.includes(id))?.at ?? null;
      addedAt = [entered, firstLive].filter((t): t is string => t !== null).sort().pop() ?? since.toISOString();
      from = new Date(addedAt);
    } else if (catalogRulesText(then, id) !== catalogRulesText(request.scope, id)) {
      const at = [...viewPublishes].reverse().find((v) => v.catalogIds.includes(id))?.at ?? now.toISOString();
      groups.push(await changeGroupOffLoop(db, {
        catalogId: id, currency: catalog.currency, oldRev, newRev: oldRev, rulesChanged: true,
        before: { versions: then.versions, atMs: since.getTime() }, after: { versions: request.scope.versions, atMs: now.getTime() },
        reason: 'terms', at, limitPerKind,
      }));
    }
    let previous = oldRev ?? await liveRevisionAt(db, id, from);
    for (const publish of await publishesBetween(db, id, from, now)) {
      if (previous !== null && previous !== publish.revisionId) {
        const [oldRev, newRev] = [previous, publish.revisionId];
        const key = [request.fingerprint, id, oldRev, newRev, publish.at, publish.kind, limitPerKind].join('\u0000');
        const made = await publishGroups.load(key, () => changeGroupOffLoop(db, {
          catalogId: id, currency: catalog.currency, oldRev, newRev, rulesChanged: false, after: { versions: request.scope.versions, atMs: now.getTime() },
          reason: publish.kind === 'revision-rolled-back' ? 'rollback' : 'publish', at: publish.at, limitPerKind,
        }));
        if (made.counts.new + made.counts.removed + made.counts.changed > 0) groups.push(made);
      }
      previous = publish.revisionId;
    }
    groups.sort((a, b) => a.at.localeCompare(b.at));
    const counts = { new: 0, removed: 0, changed: 0 };
    for (const g of groups) for (const k of ['new', 'removed', 'changed'] as const) counts[k] += g.counts[k];
    if (addedAt !== null) itemCounts ??= await countVisibleItems(db, request.context());
    out.push({
      ...base, counts, groups, entries: groups.flatMap((g) => g.entries), addedAt,
      status: addedAt !== null ? 'added' : groups.length ? 'changed' : 'unchanged',
      itemCount: addedAt !== null ? itemCounts?.get(id) ?? 0 : 0,
    });
  }
  return out.sort((a, b) => a.catalog.name.localeCompare(b.catalog.name));
}
