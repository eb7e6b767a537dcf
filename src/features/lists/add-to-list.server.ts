import type { Db } from '#db/client.ts';
import type { BrowseContext } from '#features/visibility/browse-context.server.ts';
import { getVisibleItem } from '#features/visibility/visible-items.server.ts';
import { findVisibleByCodes, type CodeMatch } from '#features/visibility/find-by-code.server.ts';
import { ListProblem } from './list-problem.ts';
import { addLine, checkQuantity, createList, currentListOf, requireOwnedList } from './lists.server.ts';
import { parseQuickOrder, type QuickOrderProblem } from './quick-order.ts';
import { orderTermsOf, quantityProblem } from './order-quantity.ts';

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
  checkQuantity(input.quantity, orderTermsOf(item), item.sku);
  const list = await chooseList(db, userId, input, now);
  const lineQuantity = await addLine(db, list.id, item.catalog.id, item.sku, input.quantity);
  return { listId: list.id, listName: list.name, sku: item.sku, name: item.name, quantity: input.quantity, lineQuantity };
}

export interface QuickOrderResult {
  listId: number; listName: string;
  /** Each line added, with what was typed and how it named the item (a GTIN, the SKU in other case…). */
  added: Array<{ lineNumber: number; typed: string; by: CodeMatch; sku: string; name: string; quantity: number; catalogName: string }>;
  /** Lines not added, with the reason: unknown SKUs, unreadable quantities, minimums. */
  problems: QuickOrderProblem[];
}

/**
 * Pasted lines of SKU and quantity into a list. A code is read as search reads it (any case,
 * with or without separators, or a GTIN or manufacturer part number) in every catalog the buyer
 * sees; a code that names two items is reported rather than guessed. Nothing is dropped
 * silently: every line is either added, saying which item it matched, or listed back with its reason.
 */
export async function quickOrder(db: Db, ctx: BrowseContext, userId: number, input: ListChoice & { text: string }, now: Date): Promise<QuickOrderResult> {
  const parsed = parseQuickOrder(input.text);
  if (parsed.lines.length === 0 && parsed.problems.length === 0) throw new ListProblem('Paste at least one line with a SKU and a quantity.', 'lines');
  const found = await findVisibleByCodes(db, ctx, parsed.lines.map((l) => l.sku));
  const problems = [...parsed.problems];
  const accepted: Array<{ line: (typeof parsed.lines)[number]; hit: NonNullable<ReturnType<typeof found.get>>[number] }> = [];
  for (const line of parsed.lines) {
    const hits = found.get(line.sku) ?? [];
    const hit = hits[0];
    if (!hit) problems.push({ lineNumber: line.lineNumber, text: line.text, reason: `there is no item ${line.sku} in your catalogs` });
    else if (hits.length > 1) problems.push({ lineNumber: line.lineNumber, text: line.text, reason: `${line.sku} names more than one item (${hits.map((h) => `${h.item.sku} in ${h.item.catalog.name}`).join(', ')}): type the SKU you mean` });
    else {
      const off = quantityProblem(line.quantity, orderTermsOf(hit.item), hit.item.sku);
      if (off) problems.push({ lineNumber: line.lineNumber, text: line.text, reason: off.message.replace(/\.$/, '') });
      else accepted.push({ line, hit });
    }
  }
  problems.sort((a, b) => a.lineNumber - b.lineNumber);
  if (accepted.length === 0) return { listId: input.listId ?? 0, listName: '', added: [], problems };
  const list = await chooseList(db, userId, input, now);
  for (const { line, hit } of accepted) await addLine(db, list.id, hit.item.catalog.id, hit.item.sku, line.quantity);
  return {
    listId: list.id, listName: list.name, problems,
    added: accepted.map(({ line, hit }) => ({ lineNumber: line.lineNumber, typed: line.sku, by: hit.by, sku: hit.item.sku, name: hit.item.name, quantity: line.quantity, catalogName: hit.item.catalog.name })),
  };
}
