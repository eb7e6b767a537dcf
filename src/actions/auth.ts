import { defineAction, ActionError } from 'astro:actions';
import { z } from 'astro/zod';
import { getApp } from '#src/app.server.ts';
import { signIn, SIGN_IN_FAILED_MESSAGE } from '#features/auth/sign-in.server.ts';
import { setSessionCookie } from '#features/auth/session-cookie.ts';
import { clientAddress } from '#features/auth/client-address.ts';
import { safeNextPath } from '#features/auth/safe-next.ts';
import { homeOfRole } from '#features/auth/navigation.ts';
import type { Role } from '#db/schema/users.ts';
import { FORGOT_ANSWER, requestPasswordReset } from '#features/accounts/request-password-reset.server.ts';
import { requestMeta } from './request-meta.ts';
import { paths } from '#src/paths.ts';
import { startVisitAtSignIn } from '#features/browse/visits.server.ts';
import { plural } from '#kernel/plural.ts';

function retryMessage(retryAt: number, now: number): string {
  const minutes = Math.max(1, Math.ceil((retryAt - now) / 60000));
  const at = new Date(retryAt).toISOString().slice(11, 16);
  return `Too many failed sign-ins. Please try again in ${plural(minutes, 'minute')} (after ${at} UTC).`;
}

export const auth = {
  signIn: defineAction({
    accept: 'form',
    input: z.object({
      email: z.string().trim().min(1, { error: 'Enter your email address.' }).max(320),
      password: z.string().min(1, { error: 'Enter your password.' }).max(256),
      next: z.string().max(2000).optional(),
    }),
    handler: async (input, ctx) => {
      const { database } = await getApp();
      const now = Date.now();
      const result = await signIn(database.db, { email: input.email, password: input.password, ip: clientAddress(ctx), userAgent: ctx.request.headers.get('user-agent') ?? undefined }, now);
      if (!result.ok) {
        if (result.reason === 'limited') throw new ActionError({ code: 'TOO_MANY_REQUESTS', message: retryMessage(result.retryAt, now) });
        throw new ActionError({ code: 'UNAUTHORIZED', message: SIGN_IN_FAILED_MESSAGE });
      }
      setSessionCookie(ctx.cookies, ctx.url, result.token, result.session);
      if (result.role === 'buyer') await startVisitAtSignIn(database.db, result.userId, new Date(now));
      // Strangers tried this account since the owner's last sign-in: the account page tells them first.
      if (result.attempts) return { redirectTo: `${paths.account()}?sign-in-attempts` };
      return { redirectTo: safeNextPath(input.next, homeOfRole(result.role as Role)) };
    },
  }),

  /** "Forgot your password?": the same answer whether or not the address has an account. */
  forgotPassword: defineAction({
    accept: 'form',
    input: z.object({ email: z.string().trim().min(1, { error: 'Enter your email address.' }).max(320) }),
    handler: async (input, ctx) => {
      const { database } = await getApp();
      const outcome = await requestPasswordReset(database.db, input, requestMeta(ctx));
      if (outcome === 'limited') throw new ActionError({ code: 'TOO_MANY_REQUESTS', message: 'Too many requests for new passwords from your network. Please try again in 15 minutes.' });
      return { message: FORGOT_ANSWER };
    },
  }),
};
