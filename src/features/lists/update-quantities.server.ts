import type { Db } from '#db/client.ts';
import type { BrowseContext } from '#features/visibility/browse-context.server.ts';
import { ListNotFound } from './list-problem.ts';
import { checkQuantity, setQuantities } from './lists.server.ts';
import { orderTermsOf } from './order-quantity.ts';
import { loadPricedList } from './priced-list.server.ts';

/**
 * New quantities for lines of one list, all or nothing: each is checked against the item's
 * minimum order quantity (0 removes the line). The message of a refused one names its SKU.
 */
export async function updateQuantities(db: Db, ctx: BrowseContext, userId: number, listId: number, changes: ReadonlyArray<{ lineId: number; quantity: number }>): Promise<{ updated: number; removed: number }> {
  const priced = await loadPricedList(db, ctx, userId, listId);
  const lines = new Map(priced.lines.map((l) => [l.lineId, l]));
  const wanted = changes.filter((c) => lines.get(c.lineId)?.quantity !== c.quantity);
  for (const change of wanted) {
    const line = lines.get(change.lineId);
    if (!line) throw new ListNotFound();
    if (change.quantity !== 0) checkQuantity(change.quantity, line.item ? orderTermsOf(line.item) : { minimum: 1, multiple: 1 }, line.sku, null);
  }
  return setQuantities(db, userId, listId, wanted);
}
