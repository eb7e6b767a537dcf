import { defineAction } from 'astro:actions';
import { z } from 'astro/zod';
import { getApp } from '#src/app.server.ts';
import { requireCan } from '#src/guards.ts';
import { ROLES } from '#db/schema/users.ts';
import { invitePerson } from '#features/accounts/invite-person.server.ts';
import { revokeInvitation } from '#features/accounts/revoke-invitation.server.ts';
import { acceptAccountLink } from '#features/accounts/accept-account-link.server.ts';
import { newPassword } from './password-fields.ts';
import { invalidateSession } from '#features/auth/sessions.server.ts';
import { setSessionCookie } from '#features/auth/session-cookie.ts';
import { homeOfRole } from '#features/auth/navigation.ts';
import { answerProblems } from './answer-problems.ts';
import { requestMeta } from './request-meta.ts';

/** Invitations (admins to any organization, sales buyers to customers) and the use of invitation and reset links. */
export const invitations = {
  invite: defineAction({
    accept: 'form',
    input: z.object({
      email: z.email({ error: 'Enter an email address such as name@company.com.' }).trim().max(320),
      orgId: z.coerce.number({ error: 'Choose an organization.' }).int().positive({ error: 'Choose an organization.' }),
      role: z.enum(ROLES, { error: 'Choose a role.' }),
    }),
    handler: (input, ctx) => answerProblems('invitations.invite', async () => {
      // Which organization and role this person may invite to is decided by can(..., 'invite') inside invitePerson.
      const inviter = requireCan(ctx, { do: 'send-invitations' });
      const { database } = await getApp();
      return invitePerson(database.db, inviter, input, requestMeta(ctx));
    }),
  }),

  /** Takes back an invitation not yet accepted; who may is decided inside revokeInvitation, as for inviting. */
  revoke: defineAction({
    accept: 'form',
    input: z.object({ linkId: z.string({ error: 'Choose an invitation.' }).min(1).max(100) }),
    handler: (input, ctx) => answerProblems('invitations.revoke', async () => {
      const actor = requireCan(ctx, { do: 'send-invitations' });
      const { database } = await getApp();
      return revokeInvitation(database.db, actor, input.linkId, requestMeta(ctx));
    }),
  }),

  /** Anyone holding the link may use it once: the link is the authorization. */
  accept: defineAction({
    accept: 'form',
    input: z.object({
      token: z.string({ error: 'This link is not valid.' }).min(1).max(200),
      name: z.string().trim().max(120, { error: 'Use at most 120 characters.' }).optional(),
      password: newPassword,
      confirmPassword: z.string({ error: 'Repeat the password.' }),
    }).refine((v) => v.password === v.confirmPassword, { error: 'The two passwords differ.', path: ['confirmPassword'] }),
    handler: (input, ctx) => answerProblems('invitations.accept', async () => {
      const { database } = await getApp();
      const accepted = await acceptAccountLink(database.db, input.token, { name: input.name, password: input.password }, requestMeta(ctx));
      // Whoever was signed in in this browser before is signed out: the link's account takes over.
      if (ctx.locals.session) await invalidateSession(database.db, ctx.locals.session.id);
      setSessionCookie(ctx.cookies, ctx.url, accepted.token, accepted.session);
      return { redirectTo: homeOfRole(accepted.role) };
    }),
  }),
};
