import type { Db } from '#db/client.ts';
import type { PunchoutVisit } from '#features/auth/punchout-visit.ts';
import { addLine, checkQuantity, setQuantities } from '#features/lists/lists.server.ts';
import { orderTermsOf } from '#features/lists/order-quantity.ts';
import { loadPricedList, type PricedList } from '#features/lists/priced-list.server.ts';
import { resolveBuyerScope } from '#features/visibility/buyer-scope.server.ts';
import { openBrowseContext, type BrowseContext } from '#features/visibility/browse-context.server.ts';
import { getVisibleItem } from '#features/visibility/visible-items.server.ts';
import { PunchoutProblem } from './punchout-problem.ts';

/** The buyer's scope today, as the session's catalog pages show it. */
export async function visitContext(db: Db, visit: PunchoutVisit, now: Date): Promise<BrowseContext> {
  return openBrowseContext(db, await resolveBuyerScope(db, visit.user.orgId, now));
}

function refuseInspect(visit: PunchoutVisit): void {
  if (visit.operation === 'inspect') throw new PunchoutProblem('This basket was opened to be looked at (inspect): it cannot be changed.');
}

/** Adds units of an item the session's buyer sees to the session's cart. */
export async function addToCart(db: Db, visit: PunchoutVisit, input: { catalogSlug: string; sku: string; quantity: number }, now: Date): Promise<{ name: string; quantity: number }> {
  refuseInspect(visit);
  const item = await getVisibleItem(db, await visitContext(db, visit, now), input.catalogSlug, input.sku);
  if (!item) throw new PunchoutProblem(`There is no item ${input.sku} in your catalogs.`);
  checkQuantity(input.quantity, orderTermsOf(item), item.sku);
  const quantity = await addLine(db, visit.listId, item.catalog.id, item.sku, input.quantity);
  return { name: item.name, quantity };
}

/** New quantities for the cart's lines; 0 removes a line. */
export async function changeCartQuantities(db: Db, visit: PunchoutVisit, changes: ReadonlyArray<{ lineId: number; quantity: number }>): Promise<void> {
  refuseInspect(visit);
  for (const c of changes) {
    if (!Number.isSafeInteger(c.quantity) || c.quantity < 0) throw new PunchoutProblem('Quantities must be whole numbers (0 removes the line).');
  }
  await setQuantities(db, visit.user.id, visit.listId, changes);
}

/** The cart at the buyer's prices today, each line at its own quantity (breaks applied). */
export async function loadCart(db: Db, visit: PunchoutVisit, now: Date): Promise<PricedList> {
  return loadPricedList(db, await visitContext(db, visit, now), visit.user.id, visit.listId);
}
