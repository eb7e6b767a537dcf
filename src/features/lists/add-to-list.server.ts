import type { Db } from '#db/client.ts';
import type { BrowseContext } from '#features/visibility/browse-context.server.ts';
import { findVisibleBySkus, getVisibleItem } from '#features/visibility/visible-items.server.ts';
import { ListProblem } from './list-problem.ts';
import { addLine, checkQuantity, createList, currentListOf, requireOwnedList } from './lists.server.ts';
import { parseQuickOrder, type QuickOrderProblem } from './quick-order.ts';

/** Which list: one of the buyer's by id, a new one by name, or (neither) the one added to last. */
export interface ListChoice { listId?: number | undefined; newListName?: string | undefined }

async function chooseList(db: Db, userId: number, choice: ListChoice, now: Date): Promise<{ id: number; name: string }> {
  if (choice.newListName !== undefined && choice.newListName.trim() !== '') return createList(db, userId, choice.newListName, now);
  if (choice.listId !== undefined) return requireOwnedList(db, userId, choice.listId);
  return currentListOf(db, userId, now);
}

export interface Added { listId: number; listName: string; sku: string; name: string; quantity: number; lineQuantity: number }

/**
 * Adds units of one item the buyer can see. An item outside their views is refused in the same
 * words as a missing one, so a crafted form learns nothing about other customers' catalogs.
 */
export async function addToList(db: Db, ctx: BrowseContext, userId: number, input: ListChoice & { catalogSlug: string; sku: string; quantity: number }, now: Date): Promise<Added> {
  const item = await getVisibleItem(db, ctx, input.catalogSlug, input.sku);
  if (!item) throw new ListProblem(`There is no item ${input.sku} in your catalogs.`);
  checkQuantity(input.quantity, item.minOrderQty, item.sku);
  const list = await chooseList(db, userId, input, now);
  const lineQuantity = await addLine(db, list.id, item.catalog.id, item.sku, input.quantity);
  return { listId: list.id, listName: list.name, sku: item.sku, name: item.name, quantity: input.quantity, lineQuantity };
}

export interface QuickOrderResult {
  listId: number; listName: string;
  added: Array<{ sku: string; name: string; quantity: number; catalogName: string }>;
  /** Lines not added, with the reason: unknown SKUs, unreadable quantities, minimums. */
  problems: QuickOrderProblem[];
}

/**
 * Pasted lines of SKU and quantity into a list. SKUs are looked up in every catalog the buyer
 * sees; a SKU found in two catalogs is reported rather than guessed. Nothing is dropped
 * silently: every line is either added or listed back with its reason.
 */
export async function quickOrder(db: Db, ctx: BrowseContext, userId: number, input: ListChoice & { text: string }, now: Date): Promise<QuickOrderResult> {
  const parsed = parseQuickOrder(input.text);
  if (parsed.lines.length === 0 && parsed.problems.length === 0) throw new ListProblem('Paste at least one line with a SKU and a quantity.', 'lines');
  const found = await findVisibleBySkus(db, ctx, parsed.lines.map((l) => l.sku));
  const bySku = new Map<string, typeof found>();
  for (const item of found) bySku.set(item.sku, [...(bySku.get(item.sku) ?? []), item]);
  const problems = [...parsed.problems];
  const accepted: Array<{ line: (typeof parsed.lines)[number]; item: (typeof found)[number] }> = [];
  for (const line of parsed.lines) {
    const matches = bySku.get(line.sku) ?? [];
    const item = matches[0];
    if (!item) problems.push({ lineNumber: line.lineNumber, text: line.text, reason: `there is no item ${line.sku} in your catalogs` });
    else if (matches.length > 1) problems.push({ lineNumber: line.lineNumber, text: line.text, reason: `${line.sku} is in more than one of your catalogs (${matches.map((m) => m.catalog.name).join(', ')}): add it from its product page` });
    else if (line.quantity < item.minOrderQty) problems.push({ lineNumber: line.lineNumber, text: line.text, reason: `${line.sku} is sold from ${item.minOrderQty} units` });
    else accepted.push({ line, item });
  }
  problems.sort((a, b) => a.lineNumber - b.lineNumber);
  if (accepted.length === 0) return { listId: input.listId ?? 0, listName: '', added: [], problems };
  const list = await chooseList(db, userId, input, now);
  for (const { line, item } of accepted) await addLine(db, list.id, item.catalog.id, item.sku, line.quantity);
  return { listId: list.id, listName: list.name, added: accepted.map(({ line, item }) => ({ sku: item.sku, name: item.name, quantity: line.quantity, catalogName: item.catalog.name })), problems };
}
