import { defineAction } from 'astro:actions';
import { z } from 'astro/zod';
import { getApp } from '#src/app.server.ts';
import { requireCan } from '#src/guards.ts';
import { ROLES } from '#db/schema/users.ts';
import { addOrganization } from '#features/accounts/add-organization.server.ts';
import { setApprovalRequirement } from '#features/accounts/set-approval-requirement.server.ts';
import { setUserDisabled } from '#features/accounts/set-user-disabled.server.ts';
import { changeUserRole } from '#features/accounts/change-user-role.server.ts';
import { issueResetLink } from '#features/accounts/issue-reset-link.server.ts';
import { answerProblems } from './answer-problems.ts';
import { requestMeta } from './request-meta.ts';

const id = (what: string) => z.coerce.number({ error: `Choose ${what}.` }).int().positive({ error: `Choose ${what}.` });
const yesNo = z.enum(['true', 'false']).transform((v) => v === 'true');

/** What admins do to organizations and people. Each handler checks authorization itself. */
export const accounts = {
  createOrganization: defineAction({
    accept: 'form',
    input: z.object({
      name: z.string({ error: 'Enter the organization’s name.' }).trim().min(2, { error: 'Enter the organization’s name (at least 2 characters).' }).max(120, { error: 'Use at most 120 characters.' }),
      kind: z.enum(['supplier', 'customer'], { error: 'Choose supplier or customer.' }),
      description: z.string().trim().max(500, { error: 'Use at most 500 characters.' }).optional(),
    }),
    handler: (input, ctx) => answerProblems('accounts.createOrganization', async () => {
      const actor = requireCan(ctx, { do: 'manage-organizations' });
      const { database } = await getApp();
      const org = await addOrganization(database.db, actor, { ...input, description: input.description ?? '' }, requestMeta(ctx));
      return { name: org.name, kind: org.kind };
    }),
  }),

  setApprovalRequirement: defineAction({
    accept: 'form',
    input: z.object({ orgId: id('an organization'), requiresApproval: yesNo }),
    handler: (input, ctx) => answerProblems('accounts.setApprovalRequirement', async () => {
      const actor = requireCan(ctx, { do: 'manage-organizations' });
      const { database } = await getApp();
      const org = await setApprovalRequirement(database.db, actor, input.orgId, input.requiresApproval, requestMeta(ctx));
      return { name: org.name, requiresApproval: org.requiresApproval };
    }),
  }),

  setUserDisabled: defineAction({
    accept: 'form',
    input: z.object({ userId: id('a person'), disabled: yesNo }),
    handler: (input, ctx) => answerProblems('accounts.setUserDisabled', async () => {
      const actor = requireCan(ctx, { do: 'manage-user', userId: input.userId });
      const { database } = await getApp();
      const r = await setUserDisabled(database.db, actor, input.userId, input.disabled, requestMeta(ctx));
      return { email: r.email, disabled: input.disabled };
    }),
  }),

  changeUserRole: defineAction({
    accept: 'form',
    input: z.object({ userId: id('a person'), role: z.enum(ROLES, { error: 'Choose a role.' }) }),
    handler: (input, ctx) => answerProblems('accounts.changeUserRole', async () => {
      const actor = requireCan(ctx, { do: 'manage-user', userId: input.userId });
      const { database } = await getApp();
      const r = await changeUserRole(database.db, actor, input.userId, input.role, requestMeta(ctx));
      return { email: r.email, role: input.role };
    }),
  }),

  issueResetLink: defineAction({
    accept: 'form',
    input: z.object({ userId: id('a person') }),
    handler: (input, ctx) => answerProblems('accounts.issueResetLink', async () => {
      const actor = requireCan(ctx, { do: 'manage-user', userId: input.userId });
      const { database } = await getApp();
      return issueResetLink(database.db, actor, input.userId, requestMeta(ctx));
    }),
  }),
};
