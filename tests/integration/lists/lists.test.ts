import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { sql } from 'drizzle-orm';
import { openDemoCatalogs, type World } from '../browse/world.ts';
import { addToList, quickOrder } from '#features/lists/add-to-list.server.ts';
import { createList, listsOf, renameList, deleteList, FIRST_LIST_NAME } from '#features/lists/lists.server.ts';
import { loadPricedList, loadOwnPricedList } from '#features/lists/priced-list.server.ts';
import { updateQuantities } from '#features/lists/update-quantities.server.ts';
import { ListNotFound, ListProblem } from '#features/lists/list-problem.ts';
import { createCatalog } from '#features/catalogs/create-catalog.server.ts';
import { lineTotal } from '#kernel/money/line-totals.ts';
import { customerViews } from '#db/schema/index.ts';
import { publishView } from '#features/views/publish-view.server.ts';

describe('requisition lists at the buyer\'s prices', () => {
  let w: World;
  const GLOBEX = 'buyer@globex.test';
  const globexCtx = async () => (await w.browse(GLOBEX)).context();

  beforeAll(async () => { w = await openDemoCatalogs(); }, 120_000);
  afterAll(() => w.close());

  test('a line is priced at its own quantity, so a quantity past a break gets the break price, and totals add line totals', async () => {
    const buyer = await w.user(GLOBEX);
    const ctx = await globexCtx();
    // A fastener with supplier breaks at 10 and 50 (Globex: 10% off the catalog).
    const [row] = await w.db.all<{ sku: string; price_minor: number; tiers: string }>(sql`SELECT sku, price_minor, tiers FROM items WHERE revision_id = ${(await w.catalog('fasteners-2027')).live} AND category_path LIKE 'Washers%' AND json_array_length(tiers) = 2 LIMIT 1`);
    const tiers = JSON.parse(row!.tiers) as Array<{ minQty: number; priceMinor: number }>;
    const list = await createList(w.db, buyer.id, 'Workshop restock', new Date());
    await addToList(w.db, ctx, buyer.id, { listId: list.id, catalogSlug: 'fasteners-2027', sku: row!.sku, quantity: 4 }, new Date());
    let priced = await loadPricedList(w.db, ctx, buyer.id, list.id);
    expect(priced.lines[0]!.unitNetMinor).toBe(Math.round(row!.price_minor * 0.9));
    // Adding 8 more makes 12: the line moves past the break at 10 and is priced there.
    const added = await addToList(w.db, ctx, buyer.id, { listId: list.id, catalogSlug: 'fasteners-2027', sku: row!.sku, quantity: 8 }, new Date());
    expect(added.lineQuantity).toBe(12);
    priced = await loadPricedList(w.db, ctx, buyer.id, list.id);
    const tier10 = tiers.find((t) => t.minQty === 10)!.priceMinor;
    expect(priced.lines).toHaveLength(1);
    expect(priced.lines[0]!.unitNetMinor).toBe(Math.round(tier10 * 0.9));
    expect(priced.lines[0]!.lineTotalMinor).toBe(lineTotal(Math.round(tier10 * 0.9), 12));
    await updateQuantities(w.db, ctx, buyer.id, list.id, [{ lineId: priced.lines[0]!.lineId, quantity: 60 }]);
    priced = await loadPricedList(w.db, ctx, buyer.id, list.id);
    const tier50 = tiers.find((t) => t.minQty === 50)!.priceMinor;
    expect(priced.lines[0]!.unitNetMinor).toBe(Math.round(tier50 * 0.9));
    expect(priced.totals).toEqual([{ amountMinor: Math.round(tier50 * 0.9) * 60, currency: 'EUR' }]);
  });

  test('the fixed price sales agreed is used on a list line, not the catalog discount', async () => {
    const buyer = await w.user(GLOBEX);
    const ctx = await globexCtx();
    const fixed = ctx.compiled.views[0]!.catalogs.get((await w.catalog('fasteners-2027')).id)!.fixedPrices;
    const [sku, price] = [...fixed.entries()][0]!;
    const list = await createList(w.db, buyer.id, 'Fixed price check', new Date());
    await addToList(w.db, ctx, buyer.id, { listId: list.id, catalogSlug: 'fasteners-2027', sku, quantity: 3 }, new Date());
    const priced = await loadPricedList(w.db, ctx, buyer.id, list.id);
    expect(priced.lines[0]!.unitNetMinor).toBe(price.priceMinor);
    expect(priced.totals[0]!.amountMinor).toBe(price.priceMinor * 3);
  });

  test('a quick order adds what it finds and lists every other line back with its reason', async () => {
    const buyer = await w.user(GLOBEX);
    const ctx = await globexCtx();
    const rows = (await w.liveRows('fasteners-2027')).slice(0, 2);
    const tube = (await w.liveRows('indoor-lighting-2027')).find((r) => r.category.startsWith('Lamps > LED tubes'))!;
    const outdoor = (await w.liveRows('outdoor-lighting-and-controls-2027'))[0]!;
    const text = [
      'SKU;Quantity',
      `${rows[0]!.sku};5`,
      `${rows[1]!.sku}\t2`,
      'NOPE-404 3',
      `${rows[0]!.sku} two`,
      `${tube.sku} 1`, // hidden from Globex by its view: as unknown as any SKU
      `${outdoor.sku} 1`, // a catalog Globex does not have
      '',
      `12 x ${rows[1]!.sku}`,
    ].join('\n');
    const result = await quickOrder(w.db, ctx, buyer.id, { newListName: 'Quick one', text }, new Date());
    expect(result.added.map((a) => [a.sku, a.quantity])).toEqual([[rows[0]!.sku, 5], [rows[1]!.sku, 2], [rows[1]!.sku, 12]]);
    expect(result.problems.map((p) => p.lineNumber)).toEqual([4, 5, 6, 7]);
    expect(result.problems[0]!.reason).toBe('there is no item NOPE-404 in your catalogs');
    expect(result.problems[1]!.reason).toContain('not a whole number');
    expect(result.problems[2]!.reason).toBe(`there is no item ${tube.sku} in your catalogs`);
    expect(result.problems[3]!.reason).toBe(`there is no item ${outdoor.sku} in your catalogs`);
    const priced = await loadPricedList(w.db, ctx, buyer.id, result.listId);
    expect(priced.list.name).toBe('Quick one');
    expect(priced.lines.map((l) => [l.sku, l.quantity])).toEqual([[rows[0]!.sku, 5], [rows[1]!.sku, 14]]);
  });

  test('a quick order with nothing readable adds nothing and creates no list', async () => {
    const buyer = await w.user(GLOBEX);
    const before = (await listsOf(w.db, buyer.id)).length;
    const result = await quickOrder(w.db, await globexCtx(), buyer.id, { newListName: 'Never made', text: 'NOPE-1 1\nNOPE-2 2' }, new Date());
    expect(result.added).toEqual([]);
    expect(result.problems).toHaveLength(2);
    expect((await listsOf(w.db, buyer.id)).length).toBe(before);
    await expect(quickOrder(w.db, await globexCtx(), buyer.id, { text: '\n  \n' }, new Date())).rejects.toThrow(ListProblem);
  });

  test('amounts in two currencies are totalled apart, never added together', async () => {
    const buyer = await w.user(GLOBEX);
    const acme = await w.orgId('acme-fasteners');
    const chf = await createCatalog(w.db, { supplierOrgId: acme, name: 'Swiss fixings 2027', currency: 'CHF' });
    await w.publishRows('swiss-fixings-2027', [{ sku: 'CH-1', name: 'Swiss anchor', category: 'Anchors', priceMinor: 1000 }, { sku: 'CH-2', name: 'Swiss screw', category: 'Screws', priceMinor: 250 }]);
    // Sales adds the CHF catalog to Globex's view, at list price.
    const [view] = await w.db.select().from(customerViews).where(sql`customer_org_id = ${await w.orgId('globex-manufacturing')}`);
    await w.db.update(customerViews).set({ draftRules: { catalogs: [...view!.draftRules.catalogs, { catalogId: chf.id }] } }).where(sql`id = ${view!.id}`);
    await publishView(w.db, view!.id, { id: null, email: null }, new Date());
    const ctx = await globexCtx();
    const eur = (await w.liveRows('fasteners-2027'))[0]!;
    const list = await createList(w.db, buyer.id, 'Two currencies', new Date());
    await addToList(w.db, ctx, buyer.id, { listId: list.id, catalogSlug: 'swiss-fixings-2027', sku: 'CH-1', quantity: 2 }, new Date());
    await addToList(w.db, ctx, buyer.id, { listId: list.id, catalogSlug: 'fasteners-2027', sku: eur.sku, quantity: 1 }, new Date());
    await addToList(w.db, ctx, buyer.id, { listId: list.id, catalogSlug: 'swiss-fixings-2027', sku: 'CH-2', quantity: 4 }, new Date());
    const priced = await loadPricedList(w.db, ctx, buyer.id, list.id);
    expect(priced.totals).toEqual([
      { amountMinor: 2 * 1000 + 4 * 250, currency: 'CHF' },
      { amountMinor: priced.lines.find((l) => l.sku === eur.sku)!.lineTotalMinor, currency: 'EUR' },
    ]);
  });

  test('quantities under the minimum, zero and foreign lines are refused in words; 0 in an update removes the line', async () => {
    const buyer = await w.user(GLOBEX);
    const ctx = await globexCtx();
    const sku = (await w.liveRows('fasteners-2027'))[3]!.sku;
    await w.db.run(sql`UPDATE items SET min_order_qty = 10 WHERE sku = ${sku}`);
    const list = await createList(w.db, buyer.id, 'Minimums', new Date());
    await expect(addToList(w.db, ctx, buyer.id, { listId: list.id, catalogSlug: 'fasteners-2027', sku, quantity: 5 }, new Date())).rejects.toThrow(`${sku} is sold from 10 units: 10 is the next quantity you can order.`);
    await addToList(w.db, ctx, buyer.id, { listId: list.id, catalogSlug: 'fasteners-2027', sku, quantity: 10 }, new Date());
    const [line] = (await loadPricedList(w.db, ctx, buyer.id, list.id)).lines;
    await expect(updateQuantities(w.db, ctx, buyer.id, list.id, [{ lineId: line!.lineId, quantity: 3 }])).rejects.toThrow('sold from 10');
    const otherList = await createList(w.db, buyer.id, 'Other', new Date());
    await expect(updateQuantities(w.db, ctx, buyer.id, otherList.id, [{ lineId: line!.lineId, quantity: 12 }])).rejects.toThrow(ListNotFound);
    expect(await updateQuantities(w.db, ctx, buyer.id, list.id, [{ lineId: line!.lineId, quantity: 0 }])).toEqual({ updated: 0, removed: 1 });
    expect((await loadPricedList(w.db, ctx, buyer.id, list.id)).lines).toEqual([]);
  });

  test('an order multiple is kept, with the next valid quantity offered; a line the terms no longer allow leaves the totals and downloads', async () => {
    const buyer = await w.user(GLOBEX);
    const ctx = await globexCtx();
    const [sku, other] = (await w.liveRows('fasteners-2027')).slice(5, 7).map((r) => r.sku);
    await w.db.run(sql`UPDATE items SET attributes = json_set(attributes, '$."Order in multiples of"', '6') WHERE sku = ${sku!}`);
    const list = await createList(w.db, buyer.id, 'Multiples', new Date());
    const add = (quantity: number, which = sku!) => addToList(w.db, ctx, buyer.id, { listId: list.id, catalogSlug: 'fasteners-2027', sku: which, quantity }, new Date());
    await expect(add(8)).rejects.toThrow(`${sku} is sold in multiples of 6: 12 is the next quantity you can order.`);
    await add(12);
    await add(3, other);
    const quick = await quickOrder(w.db, ctx, buyer.id, { listId: list.id, text: `${sku} 5` }, new Date());
    expect(quick.problems.map((p) => p.reason)).toEqual([`${sku} is sold in multiples of 6: 6 is the next quantity you can order`]);
    let priced = await loadPricedList(w.db, ctx, buyer.id, list.id);
    const full = priced.totals[0]!.amountMinor;
    // The supplier now sells the other item from 5: its line of 3 is flagged and left out of the total.
    await w.db.run(sql`UPDATE items SET min_order_qty = 5 WHERE sku = ${other!}`);
    priced = await loadPricedList(w.db, ctx, buyer.id, list.id);
    const flagged = priced.lines.find((l) => l.sku === other)!;
    expect(flagged.quantityProblem).toEqual({ message: `${other} is sold from 5 units: 5 is the next quantity you can order.`, suggestion: 5 });
    expect(priced.invalid).toBe(1);
    expect(priced.totals[0]!.amountMinor).toBe(full - flagged.lineTotalMinor!);
    expect(priced.totals[0]!.amountMinor).toBe(priced.lines.find((l) => l.sku === sku)!.lineTotalMinor);
  });

  test('another buyer\'s list does not exist for you, even in the same organization', async () => {
    const greta = await w.user(GLOBEX);
    const ivan = await w.user('buyer@initech.test');
    const [gretasList] = await listsOf(w.db, greta.id);
    const ivanCtx = (await w.browse('buyer@initech.test')).context();
    expect(await loadOwnPricedList(w.db, ivanCtx, ivan.id, String(gretasList!.id))).toBeNull();
    expect(await loadOwnPricedList(w.db, ivanCtx, ivan.id, 'abc')).toBeNull();
    await expect(renameList(w.db, ivan.id, gretasList!.id, 'Mine now')).rejects.toThrow(ListNotFound);
    await expect(deleteList(w.db, ivan.id, gretasList!.id)).rejects.toThrow(ListNotFound);
    // Ivan's view has no fasteners: he cannot add them even with a hand-made form.
    const fastener = (await w.liveRows('fasteners-2027'))[0]!;
    await expect(addToList(w.db, ivanCtx, ivan.id, { catalogSlug: 'fasteners-2027', sku: fastener.sku, quantity: 1 }, new Date())).rejects.toThrow(`There is no item ${fastener.sku} in your catalogs.`);
  });

  test('"Add to list" without a list goes to the list added to last, or makes a first one', async () => {
    const ivan = await w.user('buyer@initech.test');
    const ctx = (await w.browse('buyer@initech.test')).context();
    const [a, b] = (await w.liveRows('indoor-lighting-2027')).slice(0, 2);
    const first = await addToList(w.db, ctx, ivan.id, { catalogSlug: 'indoor-lighting-2027', sku: a!.sku, quantity: 1 }, new Date());
    expect(first.listName).toBe(FIRST_LIST_NAME);
    const project = await createList(w.db, ivan.id, 'Project Hall 3', new Date());
    await addToList(w.db, ctx, ivan.id, { listId: project.id, catalogSlug: 'indoor-lighting-2027', sku: a!.sku, quantity: 1 }, new Date());
    const again = await addToList(w.db, ctx, ivan.id, { catalogSlug: 'indoor-lighting-2027', sku: b!.sku, quantity: 2 }, new Date());
    expect(again.listName).toBe('Project Hall 3');
    await expect(createList(w.db, ivan.id, '  project hall 3 ', new Date())).rejects.toThrow('You already have a list named');
  });

  test('a line whose item left the buyer\'s catalogs stays on the list, unpriced and out of the totals', async () => {
    const ivan = await w.user('buyer@initech.test');
    const rows = await w.liveRows('indoor-lighting-2027');
    const ctx = (await w.browse('buyer@initech.test')).context();
    const list = await createList(w.db, ivan.id, 'Survives revisions', new Date());
    await addToList(w.db, ctx, ivan.id, { listId: list.id, catalogSlug: 'indoor-lighting-2027', sku: rows[0]!.sku, quantity: 1 }, new Date());
    await addToList(w.db, ctx, ivan.id, { listId: list.id, catalogSlug: 'indoor-lighting-2027', sku: rows[1]!.sku, quantity: 1 }, new Date());
    await w.publishRows('indoor-lighting-2027', rows.slice(1));
    const after = await loadPricedList(w.db, (await w.browse('buyer@initech.test')).context(), ivan.id, list.id);
    expect(after.lines.map((l) => [l.sku, l.item === null])).toEqual([[rows[0]!.sku, true], [rows[1]!.sku, false]]);
    expect(after.unavailable).toBe(1);
    expect(after.totals[0]!.amountMinor).toBe(after.lines[1]!.lineTotalMinor);
  });
});
