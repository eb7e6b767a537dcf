import { defineAction, ActionError } from 'astro:actions';
import { z } from 'astro/zod';
import { getApp } from '#src/app.server.ts';
import { requireRole } from '#src/guards.ts';
import { answerProblems } from './answer-problems.ts';
import { resolveBuyerScope } from '#features/visibility/buyer-scope.server.ts';
import { openBrowseContext } from '#features/visibility/browse-context.server.ts';
import { ListNotFound, ListProblem, MAX_LIST_NAME, MAX_QUANTITY } from '#features/lists/list-problem.ts';
import { createList, deleteList, ownedList, removeLine, renameList } from '#features/lists/lists.server.ts';
import { addToList, quickOrder } from '#features/lists/add-to-list.server.ts';
import { updateQuantities } from '#features/lists/update-quantities.server.ts';
import { listChoiceOf } from '#features/lists/list-choice.ts';
import type { ActionAPIContext } from 'astro:actions';
import { recordListEvent, type ListEventKind } from '#features/lists/record-list-event.server.ts';
import { clientAddress } from '#features/auth/client-address.ts';

/**
 * Requisition lists belong to one buyer. Every handler checks the role, and every list id is
 * checked against the signed-in buyer (another person's list answers 404); items are looked
 * up through the buyer's own views, so a crafted form cannot reach another customer's catalog.
 */
function run<T>(name: string, ctx: ActionAPIContext, work: (user: ReturnType<typeof requireRole>, app: Awaited<ReturnType<typeof getApp>>) => Promise<T>): Promise<T> {
  return answerProblems(`lists.${name}`, async () => {
    const user = requireRole(ctx, 'buyer');
    const app = await getApp();
    try {
      return await work(user, app);
    } catch (e) {
      if (e instanceof ListNotFound) throw new ActionError({ code: 'NOT_FOUND', message: 'That list does not exist (it may have been deleted).' });
      throw e;
    }
  });
}

/** Every change to a list is written to the audit log, with what changed in words. */
async function audit(ctx: ActionAPIContext, user: ReturnType<typeof requireRole>, db: Parameters<typeof recordListEvent>[0], kind: ListEventKind, listId: number, name: string, what?: string) {
  await recordListEvent(db, { id: user.id, email: user.email, ip: clientAddress(ctx) }, { kind, listId, name, what }, new Date());
}

async function buyerContext(db: Parameters<typeof resolveBuyerScope>[0], orgId: number, now: Date) {
  return openBrowseContext(db, await resolveBuyerScope(db, orgId, now));
}

const listId = z.number({ error: 'Choose a list.' }).int().positive();
const listName = z.string().max(MAX_LIST_NAME + 20, { error: `Use at most ${MAX_LIST_NAME} characters.` });
const quantity = z.number({ error: 'Enter the quantity as a whole number.' }).int({ error: 'Enter the quantity as a whole number.' })
  .min(1, { error: 'Enter a quantity of at least 1.' }).max(MAX_QUANTITY, { error: `Enter at most ${MAX_QUANTITY.toLocaleString('en-GB')}.` });

export const lists = {
  create: defineAction({
    accept: 'form',
    input: z.object({ name: listName }),
    handler: (input, ctx) => run('create', ctx, async (user, { database }) => {
      const list = await createList(database.db, user.id, input.name, new Date());
      await audit(ctx, user, database.db, 'list-created', list.id, list.name);
      return list;
    }),
  }),

  rename: defineAction({
    accept: 'form',
    input: z.object({ listId, name: listName }),
    handler: (input, ctx) => run('rename', ctx, async (user, { database }) => {
      const list = await renameList(database.db, user.id, input.listId, input.name);
      await audit(ctx, user, database.db, 'list-renamed', list.id, list.name);
      return list;
    }),
  }),

  remove: defineAction({
    accept: 'form',
    input: z.object({ listId }),
    handler: (input, ctx) => run('remove', ctx, async (user, { database }) => {
      const gone = await deleteList(database.db, user.id, input.listId);
      await audit(ctx, user, database.db, 'list-deleted', input.listId, gone.name);
      return gone;
    }),
  }),

  addItem: defineAction({
    accept: 'form',
    input: z.object({
      catalog: z.string().min(1).max(200), sku: z.string().min(1).max(200), quantity,
      list: z.string().max(20).optional(), newListName: listName.optional(),
    }),
    handler: (input, ctx) => run('addItem', ctx, async (user, { database }) => {
      const now = new Date();
      const browse = await buyerContext(database.db, user.orgId, now);
      const added = await addToList(database.db, browse, user.id, { ...listChoiceOf(input.list, input.newListName), catalogSlug: input.catalog, sku: input.sku, quantity: input.quantity }, now);
      await audit(ctx, user, database.db, 'list-items-changed', added.listId, added.listName, `added ${added.quantity} × ${added.sku}`);
      return added;
    }),
  }),

  quickOrder: defineAction({
    accept: 'form',
    input: z.object({
      lines: z.string().max(100_000, { error: 'Paste at most 100,000 characters at a time.' }),
      list: z.string().max(20).optional(), newListName: listName.optional(),
    }),
    handler: (input, ctx) => run('quickOrder', ctx, async (user, { database }) => {
      const now = new Date();
      const browse = await buyerContext(database.db, user.orgId, now);
      const result = await quickOrder(database.db, browse, user.id, { ...listChoiceOf(input.list, input.newListName), text: input.lines }, now);
      if (result.added.length) await audit(ctx, user, database.db, 'list-items-changed', result.listId, result.listName, `quick order added ${result.added.map((a) => `${a.quantity} × ${a.sku}`).join(', ')}`);
      return result;
    }),
  }),

  updateQuantities: defineAction({
    accept: 'form',
    input: z.object({
      listId,
      lineId: z.array(z.number().int().positive()).max(5000),
      quantity: z.array(z.number({ error: 'Enter every quantity as a whole number (0 removes the line).' })).max(5000),
    }),
    handler: (input, ctx) => run('updateQuantities', ctx, async (user, { database }) => {
      if (input.lineId.length !== input.quantity.length) throw new ListProblem('The form was incomplete; please try again.');
      const bad = input.quantity.find((q) => !Number.isSafeInteger(q) || q < 0);
      if (bad !== undefined) throw new ListProblem('Enter every quantity as a whole number (0 removes the line).');
      const now = new Date();
      const browse = await buyerContext(database.db, user.orgId, now);
      const result = await updateQuantities(database.db, browse, user.id, input.listId, input.lineId.map((lineId, n) => ({ lineId, quantity: input.quantity[n]! })));
      const list = await ownedList(database.db, user.id, input.listId);
      if (result.updated || result.removed) await audit(ctx, user, database.db, 'list-items-changed', input.listId, list?.name ?? '', `quantities changed on ${result.updated} lines, ${result.removed} lines removed`);
      return result;
    }),
  }),

  removeLine: defineAction({
    accept: 'form',
    // `line`, not `lineId`: the remove buttons sit in the quantities form, whose lineId fields come first.
    input: z.object({ listId, line: z.number().int().positive() }),
    handler: (input, ctx) => run('removeLine', ctx, async (user, { database }) => {
      await removeLine(database.db, user.id, input.listId, input.line);
      const list = await ownedList(database.db, user.id, input.listId);
      await audit(ctx, user, database.db, 'list-items-changed', input.listId, list?.name ?? '', 'a line removed');
      return { removed: true };
    }),
  }),
};
