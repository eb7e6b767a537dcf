import type { Db } from '#db/client.ts';
import { publishedVersionsOf, scopeOf, type BuyerScope } from '#features/visibility/buyer-scope.server.ts';
import { getCustomer, getView } from './view-records.server.ts';
import { ViewNotFound } from './view-problem.ts';

/**
 * The scope sales previews a customer with, at `at` (now, or a date to check validity):
 * what the customer's buyers see, or, with `draftOfViewId`, what they will see once that
 * view's draft is published (the draft in place of its published version, beside the
 * customer's other published views). Marked as a preview.
 */
export async function resolvePreviewScope(db: Db, customerOrgId: number, at: Date, draftOfViewId?: number): Promise<BuyerScope> {
  await getCustomer(db, customerOrgId);
  const versions = await publishedVersionsOf(db, customerOrgId);
  if (draftOfViewId === undefined) return scopeOf(customerOrgId, versions, at, true);
  const view = await getView(db, draftOfViewId);
  if (view.customerOrgId !== customerOrgId) throw new ViewNotFound('view of this customer');
  const others = versions.filter((v) => v.viewId !== view.id);
  const draft = { viewId: view.id, rules: view.draftRules, validFrom: view.draftValidFrom, validUntil: view.draftValidUntil };
  return scopeOf(customerOrgId, [...others, draft], at, true);
}
