import { defineAction, ActionError } from 'astro:actions';
import { z } from 'astro/zod';
import { getApp } from '#src/app.server.ts';
import { requireCan } from '#src/guards.ts';
import { can } from '#features/auth/authorize.ts';
import { apiTokenOwner, createApiToken, revokeApiToken } from '#features/auth/api-tokens.server.ts';
import { answerProblems } from './answer-problems.ts';
import { requestMeta } from './request-meta.ts';

/** API tokens are created and revoked by their owner only. */
export const apiTokens = {
  create: defineAction({
    accept: 'form',
    input: z.object({
      name: z.string({ error: 'Name the token after the system that will use it, e.g. “ERP export”.' }).trim().min(1, { error: 'Name the token after the system that will use it, e.g. “ERP export”.' }).max(80, { error: 'Use at most 80 characters.' }),
    }),
    handler: (input, ctx) => answerProblems('apiTokens.create', async () => {
      const owner = requireCan(ctx, { do: 'use-api-tokens' });
      const { database } = await getApp();
      const { token, summary } = await createApiToken(database.db, owner, input.name, requestMeta(ctx));
      return { token, name: summary.name };
    }),
  }),

  revoke: defineAction({
    accept: 'form',
    input: z.object({ tokenId: z.string({ error: 'Choose a token.' }).min(1).max(64) }),
    handler: (input, ctx) => answerProblems('apiTokens.revoke', async () => {
      const owner = requireCan(ctx, { do: 'use-api-tokens' });
      const { database } = await getApp();
      const ownerId = await apiTokenOwner(database.db, input.tokenId);
      // Someone else's token answers as if it did not exist.
      if (ownerId === null || !can(owner, { do: 'revoke-api-token', ownerId })) throw new ActionError({ code: 'NOT_FOUND', message: 'Not found.' });
      const revoked = await revokeApiToken(database.db, owner, input.tokenId, requestMeta(ctx));
      return { revoked };
    }),
  }),
};
