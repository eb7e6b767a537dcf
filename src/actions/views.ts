import { defineAction } from 'astro:actions';
import { z } from 'astro/zod';
import { blankField } from './blank-field.ts';
import { getApp } from '#src/app.server.ts';
import { requireCan } from '#src/guards.ts';
import { answerProblems } from './answer-problems.ts';
import { requestMeta } from './request-meta.ts';
import type { SessionUser } from '#features/auth/session-user.ts';
import { createView } from '#features/views/create-view.server.ts';
import { deleteDraftView } from '#features/views/delete-view.server.ts';
import { addCatalogToView, removeCatalogFromView, updateViewDetails } from '#features/views/edit-view.server.ts';
import {
  deleteFixedPrice, importFixedPrices, removeStaleRules, saveCatalogRules, saveFixedPrice, setSkuRule,
} from '#features/views/edit-catalog-rules.server.ts';
import { withUploadedFile } from '#features/views/fixed-price-file.server.ts';
import { publishView } from '#features/views/publish-view.server.ts';
import { restoreDraft } from '#features/views/restore-draft.server.ts';
import { withdrawView } from '#features/views/withdraw-view.server.ts';

const id = (what: string) => z.coerce.number({ error: `Choose ${what}.` }).int().positive({ error: `Choose ${what}.` });
const text = (max: number, what: string) => z.string().trim().max(max, { error: `${what}: use at most ${max} characters.` });
const stamp = z.string().min(1).max(40);
const viewAndCatalog = { viewId: id('a view'), catalogId: id('a catalog') };

type ActionContext = Parameters<typeof requestMeta>[0];

/** The signed-in sales person, as the views feature records them. */
function salesActor(ctx: ActionContext): { user: SessionUser; actor: { id: number; email: string; ip: string | null }; at: Date } {
  const user = requireCan(ctx, { do: 'manage-customer-views' });
  const meta = requestMeta(ctx);
  return { user, actor: { id: user.id, email: user.email, ip: meta.ip }, at: meta.at };
}

/** Customer views: what sales publishes for each customer. Each handler checks authorization itself. */
export const views = {
  create: defineAction({
    accept: 'form',
    input: z.object({
      customerOrgId: id('a customer'),
      name: z.string().trim().min(2, { error: 'Name the view (at least 2 characters), e.g. “Framework agreement 2027”.' }).max(120, { error: 'Use at most 120 characters.' }),
      note: blankField(text(2000, 'Internal note')),
      copyFromViewId: blankField(z.union([z.literal(''), id('a view to copy')])).transform((v) => (v === '' ? null : v)),
    }),
    handler: (input, ctx) => answerProblems('views.create', async () => {
      const { actor, at } = salesActor(ctx);
      const { database } = await getApp();
      const view = await createView(database.db, actor, input, at);
      return { viewId: view.id };
    }),
  }),

  updateDetails: defineAction({
    accept: 'form',
    input: z.object({
      viewId: id('a view'),
      name: z.string().trim().min(2, { error: 'Name the view (at least 2 characters).' }).max(120, { error: 'Use at most 120 characters.' }),
      note: blankField(text(2000, 'Internal note')),
      firstDay: blankField(z.string().max(10)),
      lastDay: blankField(z.string().max(10)),
      stamp,
    }),
    handler: (input, ctx) => answerProblems('views.updateDetails', async () => {
      const { actor, at } = salesActor(ctx);
      const { database } = await getApp();
      await updateViewDetails(database.db, input.viewId, actor.id, at, input);
      return { saved: true };
    }),
  }),

  addCatalog: defineAction({
    accept: 'form',
    input: z.object({ ...viewAndCatalog, percentOff: blankField(z.string().max(20)) }),
    handler: (input, ctx) => answerProblems('views.addCatalog', async () => {
      const { actor, at } = salesActor(ctx);
      const { database } = await getApp();
      const { catalogName } = await addCatalogToView(database.db, input.viewId, actor.id, at, input);
      return { catalogName, catalogId: input.catalogId };
    }),
  }),

  removeCatalog: defineAction({
    accept: 'form',
    input: z.object(viewAndCatalog),
    handler: (input, ctx) => answerProblems('views.removeCatalog', async () => {
      const { actor, at } = salesActor(ctx);
      const { database } = await getApp();
      await removeCatalogFromView(database.db, input.viewId, actor.id, at, input.catalogId);
      return { removed: true };
    }),
  }),

  saveCatalogRules: defineAction({
    accept: 'form',
    input: z.object({
      ...viewAndCatalog,
      percentOff: blankField(z.string().max(20)),
      newCategories: z.enum(['shown', 'hidden'], { error: 'Choose what happens to new categories.' }).default('shown'),
      shown: z.array(z.string().max(1000)).max(20_000).default([]),
      categoryPath: z.array(z.string().max(1000)).max(20_000).default([]),
      categoryPercent: z.array(z.string().max(20)).max(20_000).default([]),
      stamp,
    }),
    handler: (input, ctx) => answerProblems('views.saveCatalogRules', async () => {
      const { actor, at } = salesActor(ctx);
      const { database } = await getApp();
      const { notes } = await saveCatalogRules(database.db, input.viewId, input.catalogId, actor.id, at, {
        percentOff: input.percentOff, newCategories: input.newCategories, shown: input.shown,
        categoryPaths: input.categoryPath, categoryPercents: input.categoryPercent, stamp: input.stamp,
      });
      return { notes };
    }),
  }),

  setSkuRule: defineAction({
    accept: 'form',
    input: z.object({
      ...viewAndCatalog,
      sku: z.string().trim().min(1, { error: 'Enter a SKU.' }).max(64, { error: 'A SKU has at most 64 characters.' }),
      visibility: z.enum(['show', 'hide', 'default'], { error: 'Choose show, hide or default.' }),
    }),
    handler: (input, ctx) => answerProblems('views.setSkuRule', async () => {
      const { actor, at } = salesActor(ctx);
      const { database } = await getApp();
      const { warning } = await setSkuRule(database.db, input.viewId, input.catalogId, actor.id, at, input);
      return { sku: input.sku, visibility: input.visibility, warning };
    }),
  }),

  saveFixedPrice: defineAction({
    accept: 'form',
    input: z.object({
      ...viewAndCatalog,
      sku: blankField(z.string().max(200)),
      price: blankField(z.string().max(40)),
      tierQty: z.array(z.string().max(12)).max(10).default([]),
      tierPrice: z.array(z.string().max(40)).max(10).default([]),
      breaks: z.enum(['replace', 'keep'], { error: 'Choose whether the fixed price replaces or keeps the supplier\'s quantity breaks.' }).default('replace'),
    }),
    handler: (input, ctx) => answerProblems('views.saveFixedPrice', async () => {
      const { actor, at } = salesActor(ctx);
      const { database } = await getApp();
      const tiers = input.tierQty.map((minQty, i) => ({ minQty, price: input.tierPrice[i] ?? '' }));
      const result = await saveFixedPrice(database.db, input.viewId, input.catalogId, actor.id, at, { sku: input.sku, price: input.price, tiers, keepBreaks: input.breaks === 'keep' });
      return { sku: result.sku, warning: result.warning, keepBreaks: input.breaks === 'keep' };
    }),
  }),

  deleteFixedPrice: defineAction({
    accept: 'form',
    input: z.object({ ...viewAndCatalog, sku: z.string().min(1).max(200) }),
    handler: (input, ctx) => answerProblems('views.deleteFixedPrice', async () => {
      const { actor, at } = salesActor(ctx);
      const { database } = await getApp();
      await deleteFixedPrice(database.db, input.viewId, input.catalogId, actor.id, at, input.sku);
      return { sku: input.sku };
    }),
  }),

  uploadFixedPrices: defineAction({
    accept: 'form',
    input: z.object({
      ...viewAndCatalog,
      file: z.instanceof(File, { error: 'Choose a CSV or Excel file of SKUs and prices.' }).refine((f) => f.size > 0, { error: 'Choose a CSV or Excel file of SKUs and prices.' }),
      mode: z.enum(['merge', 'replace'], { error: 'Choose whether to add to or replace the fixed prices.' }).default('merge'),
    }),
    handler: (input, ctx) => answerProblems('views.uploadFixedPrices', async () => {
      const { actor, at } = salesActor(ctx);
      const { database } = await getApp();
      return withUploadedFile(input.file, (path, originalName) =>
        importFixedPrices(database.db, input.viewId, input.catalogId, actor.id, at, { path, originalName, mode: input.mode }));
    }),
  }),

  removeStaleRules: defineAction({
    accept: 'form',
    input: z.object(viewAndCatalog),
    handler: (input, ctx) => answerProblems('views.removeStaleRules', async () => {
      const { actor, at } = salesActor(ctx);
      const { database } = await getApp();
      const { removed } = await removeStaleRules(database.db, input.viewId, input.catalogId, actor.id, at);
      return { removed };
    }),
  }),

  publish: defineAction({
    accept: 'form',
    input: z.object({ viewId: id('a view'), stamp }),
    handler: (input, ctx) => answerProblems('views.publish', async () => {
      const { actor, at } = salesActor(ctx);
      const { database } = await getApp();
      const versionId = await publishView(database.db, input.viewId, actor, at, { expectedStamp: input.stamp });
      return { viewId: input.viewId, versionId };
    }),
  }),

  withdraw: defineAction({
    accept: 'form',
    input: z.object({ viewId: id('a view') }),
    handler: (input, ctx) => answerProblems('views.withdraw', async () => {
      const { actor, at } = salesActor(ctx);
      const { database } = await getApp();
      await withdrawView(database.db, input.viewId, actor, at);
      return { withdrawn: true };
    }),
  }),

  restoreDraft: defineAction({
    accept: 'form',
    input: z.object({ viewId: id('a view'), version: blankField(z.union([z.literal(''), z.coerce.number().int().positive()])) }),
    handler: (input, ctx) => answerProblems('views.restoreDraft', async () => {
      const { actor, at } = salesActor(ctx);
      const { database } = await getApp();
      await restoreDraft(database.db, input.viewId, actor.id, at, input.version === '' ? undefined : input.version);
      return { version: input.version === '' ? null : input.version };
    }),
  }),

  delete: defineAction({
    accept: 'form',
    input: z.object({ viewId: id('a view'), confirm: z.literal('yes', { error: 'Tick the box to confirm the deletion.' }) }),
    handler: (input, ctx) => answerProblems('views.delete', async () => {
      const { actor, at } = salesActor(ctx);
      const { database } = await getApp();
      return deleteDraftView(database.db, input.viewId, actor, at);
    }),
  }),
};
