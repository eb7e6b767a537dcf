import { and, eq, isNotNull } from 'drizzle-orm';
import type { Db } from '#db/client.ts';
import { customerViews, viewVersions } from '#db/schema/index.ts';
import type { ViewVersionInput } from '#features/pricing/types.ts';
import { parseValidity, isInForce, instantOf } from '#features/pricing/validity.ts';
import { onePerObject } from '#kernel/one-per-object.ts';

/**
 * What one customer organization may see right now: its published view versions that are in
 * force. Every buyer-facing query takes one of these; there is no way to ask without it.
 * A customer without a published view in force gets a scope with no versions: it sees nothing.
 */
export interface BuyerScope {
  readonly customerOrgId: number;
  readonly versions: readonly ViewVersionInput[];
  readonly at: Date;
  /** Set when sales previews a customer's view instead of a buyer browsing. */
  readonly preview: boolean;
}

/** The published versions of a customer's views (whether in force or not). */
export async function publishedVersionsOf(db: Db, customerOrgId: number): Promise<ViewVersionInput[]> {
  return db
    .select({ viewId: viewVersions.viewId, rules: viewVersions.rules, validFrom: viewVersions.validFrom, validUntil: viewVersions.validUntil })
    .from(customerViews)
    .innerJoin(viewVersions, eq(viewVersions.id, customerViews.publishedVersionId))
    .where(and(eq(customerViews.customerOrgId, customerOrgId), eq(customerViews.state, 'published'), isNotNull(customerViews.publishedVersionId)));
}

// The versions in force last worked out for a list of published versions, by which of them were:
// the same list in force again gives the same array (remembered-buyer-scope.server.ts).
const lastInForce = onePerObject((_: readonly ViewVersionInput[]) => ({ which: '', versions: [] as readonly ViewVersionInput[] }));

/** The scope of `versions` at `now`: only those in force. */
export function scopeOf(customerOrgId: number, versions: readonly ViewVersionInput[], now: Date, preview: boolean): BuyerScope {
  const nowMs = instantOf(now);
  const inForce = versions.map((v) => isInForce(parseValidity(v.validFrom, v.validUntil), nowMs));
  const which = inForce.map((yes) => (yes ? '1' : '0')).join('');
  const last = lastInForce(versions);
  if (last.which !== which) {
    last.which = which;
    last.versions = versions.filter((_, i) => inForce[i]);
  }
  return { customerOrgId, versions: last.versions, at: now, preview };
}

export async function resolveBuyerScope(db: Db, customerOrgId: number, now: Date, preview = false): Promise<BuyerScope> {
  return scopeOf(customerOrgId, await publishedVersionsOf(db, customerOrgId), now, preview);
}

/** The catalogs a scope reaches, in any of its views. */
export function scopeCatalogIds(scope: BuyerScope): number[] {
  return [...new Set(scope.versions.flatMap((v) => v.rules.catalogs.map((c) => c.catalogId)))];
}
