import { defineAction, ActionError } from 'astro:actions';
import { z } from 'astro/zod';
import { getApp } from '#src/app.server.ts';
import { newPassword } from './password-fields.ts';
import { answerProblems } from './answer-problems.ts';
import { requestMeta } from './request-meta.ts';
import { setupTokenMatches, spendSetupToken } from '#features/setup/setup-token.ts';
import { createAdministrator, hasAdministrator } from '#features/setup/first-administrator.server.ts';
import { createSession } from '#features/auth/sessions.server.ts';
import { setSessionCookie } from '#features/auth/session-cookie.ts';
import { paths } from '#src/paths.ts';

/** First run: the setup token printed at start is the authorization, until an administrator exists. */
export const setup = {
  complete: defineAction({
    accept: 'form',
    input: z.object({
      token: z.string().max(200),
      organizationName: z.string().trim().min(1, { error: 'Enter your organization\'s name.' }).max(120, { error: 'Use at most 120 characters.' }),
      contactEmail: z.email({ error: 'Enter a contact email address such as info@company.com.' }).trim().max(320),
      name: z.string().trim().min(1, { error: 'Enter your name.' }).max(120, { error: 'Use at most 120 characters.' }),
      email: z.email({ error: 'Enter an email address such as name@company.com.' }).trim().max(320),
      password: newPassword,
      confirmPassword: z.string({ error: 'Repeat the password.' }),
    }).refine((v) => v.password === v.confirmPassword, { error: 'The two passwords differ.', path: ['confirmPassword'] }),
    handler: (input, ctx) => answerProblems('setup.complete', async () => {
      const { database } = await getApp();
      if (!setupTokenMatches(input.token) || (await hasAdministrator(database.db))) throw new ActionError({ code: 'NOT_FOUND', message: 'Not found.' });
      const meta = requestMeta(ctx);
      const { userId } = await createAdministrator(database.db, input, { onlyIfFirst: true, at: meta.at, ip: meta.ip });
      spendSetupToken();
      const { token, session } = await createSession(database.db, userId, meta.at.getTime(), { ip: meta.ip ?? undefined, userAgent: meta.userAgent });
      setSessionCookie(ctx.cookies, ctx.url, token, session);
      return { redirectTo: paths.adminSettings() };
    }),
  }),
};
