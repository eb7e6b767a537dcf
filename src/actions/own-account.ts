import { defineAction } from 'astro:actions';
import { z } from 'astro/zod';
import { getApp } from '#src/app.server.ts';
import { requireCan } from '#src/guards.ts';
import { changeOwnPassword } from '#features/accounts/change-own-password.server.ts';
import { setSessionCookie } from '#features/auth/session-cookie.ts';
import { answerProblems } from './answer-problems.ts';
import { requestMeta } from './request-meta.ts';
import { newPassword } from './password-fields.ts';
import { requireRole } from '#src/guards.ts';
import { setDigestSubscription } from '#features/mail/digest-subscription.server.ts';

/** What every signed-in person does to their own account. */
export const ownAccount = {
  changePassword: defineAction({
    accept: 'form',
    input: z.object({
      currentPassword: z.string({ error: 'Enter your current password.' }).min(1, { error: 'Enter your current password.' }).max(256),
      newPassword,
      confirmPassword: z.string({ error: 'Repeat the new password.' }),
    }).refine((v) => v.newPassword === v.confirmPassword, { error: 'The two new passwords differ.', path: ['confirmPassword'] }),
    handler: (input, ctx) => answerProblems('ownAccount.changePassword', async () => {
      const user = requireCan(ctx, { do: 'change-own-password' });
      const { database } = await getApp();
      const fresh = await changeOwnPassword(database.db, user, input, requestMeta(ctx));
      setSessionCookie(ctx.cookies, ctx.url, fresh.token, fresh.session);
      return { changed: true };
    }),
  }),

  /** Buyers: the daily "what changed for you" mail, on or off. */
  setDigest: defineAction({
    accept: 'form',
    input: z.object({ digest: z.enum(['on', 'off']) }),
    handler: (input, ctx) => answerProblems('ownAccount.setDigest', async () => {
      const user = requireRole(ctx, 'buyer');
      const { database } = await getApp();
      await setDigestSubscription(database.db, user, input.digest === 'on', requestMeta(ctx));
      return { on: input.digest === 'on' };
    }),
  }),
};
