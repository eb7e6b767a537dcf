import { defineAction } from 'astro:actions';
import { z } from 'astro/zod';
import { getApp } from '#src/app.server.ts';
import { requireCan } from '#src/guards.ts';
import { createEndpoint, deleteEndpoint, switchEndpointOn } from '#features/webhooks/webhook-endpoints.server.ts';
import { sendAgain } from '#features/webhooks/delivery-log.server.ts';
import { answerProblems } from './answer-problems.ts';
import { requestMeta } from './request-meta.ts';

const endpointId = z.coerce.number({ error: 'Choose an endpoint.' }).int().positive();

/**
 * Webhook endpoints, registered by admins, suppliers and sales in their own area. Which
 * endpoint a person may touch is decided by the feature (another area's answers 404).
 */
export const webhooks = {
  create: defineAction({
    accept: 'form',
    input: z.object({
      url: z.string({ error: 'Enter the URL that should receive the events.' }).max(2000, { error: 'Use a URL of at most 2000 characters.' }),
      description: z.string().max(200, { error: 'Use at most 200 characters.' }).nullish(),
      events: z.array(z.string().max(40)).max(20).optional(),
    }),
    handler: (input, ctx) => answerProblems('webhooks.create', async () => {
      const owner = requireCan(ctx, { do: 'manage-webhooks' });
      const { database, webhooks: settings } = await getApp();
      const id = await createEndpoint(database.db, owner, { url: input.url, description: input.description ?? '', events: input.events ?? [] }, settings.allowPrivateAddresses, requestMeta(ctx));
      return { endpointId: id };
    }),
  }),

  delete: defineAction({
    accept: 'form',
    input: z.object({ endpointId }),
    handler: (input, ctx) => answerProblems('webhooks.delete', async () => {
      const owner = requireCan(ctx, { do: 'manage-webhooks' });
      const { database } = await getApp();
      await deleteEndpoint(database.db, owner, input.endpointId, requestMeta(ctx));
      return { deleted: true };
    }),
  }),

  switchOn: defineAction({
    accept: 'form',
    input: z.object({ endpointId }),
    handler: (input, ctx) => answerProblems('webhooks.switchOn', async () => {
      const owner = requireCan(ctx, { do: 'manage-webhooks' });
      const { database } = await getApp();
      await switchEndpointOn(database.db, owner, input.endpointId, requestMeta(ctx));
      return { endpointId: input.endpointId };
    }),
  }),

  sendAgain: defineAction({
    accept: 'form',
    input: z.object({ endpointId, deliveryId: z.coerce.number({ error: 'Choose a delivery.' }).int().positive() }),
    handler: (input, ctx) => answerProblems('webhooks.sendAgain', async () => {
      const owner = requireCan(ctx, { do: 'manage-webhooks' });
      const { database } = await getApp();
      const deliveryId = await sendAgain(database.db, owner, input.endpointId, input.deliveryId, requestMeta(ctx));
      return { endpointId: input.endpointId, deliveryId };
    }),
  }),
};
