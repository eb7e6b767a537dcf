import type { Db } from '#db/client.ts';
import type { BrowseContext } from '#features/visibility/browse-context.server.ts';
import type { Money } from '#kernel/money/line-totals.ts';
import { listsOf, type ListSummary } from './lists.server.ts';
import { loadPricedList } from './priced-list.server.ts';

export interface ListOverview extends ListSummary { totals: Money[] }

/** The buyer's lists with their totals at today's prices, the one added to last first. */
export async function loadListsOverview(db: Db, ctx: BrowseContext, userId: number): Promise<ListOverview[]> {
  const lists = await listsOf(db, userId);
  const out: ListOverview[] = [];
  for (const list of lists) out.push({ ...list, totals: (await loadPricedList(db, ctx, userId, list.id)).totals });
  return out;
}
