import { and, desc, eq, sql } from 'drizzle-orm';
import type { Db } from '#db/client.ts';
import { requisitionLines, requisitionLists } from '#db/schema/index.ts';
import { ListNotFound, ListProblem, MAX_LIST_NAME, MAX_QUANTITY } from './list-problem.ts';
import { quantityProblem, type OrderTerms } from './order-quantity.ts';

export interface ListSummary { id: number; name: string; createdAt: string; lineCount: number }

/** The default name of the list created when a buyer adds an item before making one. */
export const FIRST_LIST_NAME = 'My list';

export function checkListName(name: string): string {
  const clean = name.replace(/\s+/g, ' ').trim();
  if (clean === '') throw new ListProblem('Give the list a name, e.g. “Workshop restock”.', 'name');
  if (clean.length > MAX_LIST_NAME) throw new ListProblem(`Use at most ${MAX_LIST_NAME} characters for the name.`, 'name');
  return clean;
}

export function checkQuantity(quantity: number, terms: OrderTerms, sku: string, field: string | null = 'quantity'): void {
  if (!Number.isSafeInteger(quantity) || quantity < 1) throw new ListProblem(`The quantity of ${sku} must be a whole number of at least 1.`, field);
  if (quantity > MAX_QUANTITY) throw new ListProblem(`The quantity of ${sku} must be at most ${MAX_QUANTITY.toLocaleString('en-GB')}.`, field);
  const problem = quantityProblem(quantity, terms, sku);
  if (problem) throw new ListProblem(problem.message, field);
}

/** A buyer's lists, the one they added to last first. */
export async function listsOf(db: Db, userId: number): Promise<ListSummary[]> {
  const rows = await db.all<{ id: number; name: string; createdAt: string; lineCount: number; lastLine: number | null }>(sql`
    SELECT l.id, l.name, l.created_at AS createdAt, count(n.id) AS lineCount, max(n.id) AS lastLine
    FROM requisition_lists l LEFT JOIN requisition_lines n ON n.list_id = l.id
    WHERE l.user_id = ${userId} GROUP BY l.id ORDER BY coalesce(max(n.id), 0) DESC, l.id DESC`);
  return rows.map(({ id, name, createdAt, lineCount }) => ({ id, name, createdAt, lineCount }));
}

/** The list if it is this buyer's; another person's list is as good as missing. */
export async function ownedList(db: Db, userId: number, listId: number): Promise<{ id: number; name: string; createdAt: string } | null> {
  const [row] = await db.select({ id: requisitionLists.id, name: requisitionLists.name, createdAt: requisitionLists.createdAt }).from(requisitionLists)
    .where(and(eq(requisitionLists.id, listId), eq(requisitionLists.userId, userId))).limit(1);
  return row ?? null;
}

export async function requireOwnedList(db: Db, userId: number, listId: number): Promise<{ id: number; name: string }> {
  const list = await ownedList(db, userId, listId);
  if (!list) throw new ListNotFound();
  return list;
}

async function nameTaken(db: Db, userId: number, name: string, exceptId?: number): Promise<boolean> {
  const rows = await db.select({ id: requisitionLists.id }).from(requisitionLists)
    .where(and(eq(requisitionLists.userId, userId), sql`lower(${requisitionLists.name}) = lower(${name})`));
  return rows.some((r) => r.id !== exceptId);
}

export async function createList(db: Db, userId: number, rawName: string, now: Date): Promise<{ id: number; name: string }> {
  const name = checkListName(rawName);
  if (await nameTaken(db, userId, name)) throw new ListProblem(`You already have a list named “${name}”.`, 'name');
  const [row] = await db.insert(requisitionLists).values({ userId, name, createdAt: now.toISOString() }).returning({ id: requisitionLists.id });
  return { id: row!.id, name };
}

export async function renameList(db: Db, userId: number, listId: number, rawName: string): Promise<{ id: number; name: string }> {
  await requireOwnedList(db, userId, listId);
  const name = checkListName(rawName);
  if (await nameTaken(db, userId, name, listId)) throw new ListProblem(`You already have a list named “${name}”.`, 'name');
  await db.update(requisitionLists).set({ name }).where(eq(requisitionLists.id, listId));
  return { id: listId, name };
}

export async function deleteList(db: Db, userId: number, listId: number): Promise<{ name: string }> {
  const list = await requireOwnedList(db, userId, listId);
  await db.delete(requisitionLists).where(eq(requisitionLists.id, listId));
  return { name: list.name };
}

/** The list a plain "Add to list" goes to: the one added to last, else a new "My list". */
export async function currentListOf(db: Db, userId: number, now: Date): Promise<{ id: number; name: string }> {
  const [latest] = await listsOf(db, userId);
  return latest ?? createList(db, userId, FIRST_LIST_NAME, now);
}

/** Adds units of catalog + SKU; a line already on the list gets the units added to it. */
export async function addLine(db: Db, listId: number, catalogId: number, sku: string, quantity: number): Promise<number> {
  const [existing] = await db.select({ id: requisitionLines.id, quantity: requisitionLines.quantity }).from(requisitionLines)
    .where(and(eq(requisitionLines.listId, listId), eq(requisitionLines.catalogId, catalogId), eq(requisitionLines.sku, sku))).orderBy(desc(requisitionLines.id)).limit(1);
  if (!existing) {
    await db.insert(requisitionLines).values({ listId, catalogId, sku, quantity });
    return quantity;
  }
  const total = Math.min(existing.quantity + quantity, MAX_QUANTITY);
  await db.update(requisitionLines).set({ quantity: total }).where(eq(requisitionLines.id, existing.id));
  return total;
}

/** Sets quantities of this buyer's list lines; 0 removes a line. Lines of other lists are refused. */
export async function setQuantities(db: Db, userId: number, listId: number, changes: ReadonlyArray<{ lineId: number; quantity: number }>): Promise<{ updated: number; removed: number }> {
  await requireOwnedList(db, userId, listId);
  const lines = await db.select({ id: requisitionLines.id }).from(requisitionLines).where(eq(requisitionLines.listId, listId));
  const own = new Set(lines.map((l) => l.id));
  let updated = 0;
  let removed = 0;
  await db.transaction(async (tx) => {
    for (const { lineId, quantity } of changes) {
      if (!own.has(lineId)) throw new ListNotFound();
      if (quantity === 0) {
        await tx.delete(requisitionLines).where(eq(requisitionLines.id, lineId));
        removed++;
      } else {
        await tx.update(requisitionLines).set({ quantity }).where(eq(requisitionLines.id, lineId));
        updated++;
      }
    }
  });
  return { updated, removed };
}

export async function removeLine(db: Db, userId: number, listId: number, lineId: number): Promise<void> {
  await requireOwnedList(db, userId, listId);
  const deleted = await db.delete(requisitionLines).where(and(eq(requisitionLines.id, lineId), eq(requisitionLines.listId, listId))).returning({ id: requisitionLines.id });
  if (deleted.length === 0) throw new ListNotFound();
}
