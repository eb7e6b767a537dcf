import { defineAction } from 'astro:actions';
import { z } from 'astro/zod';
import { getApp } from '#src/app.server.ts';
import { requireCan } from '#src/guards.ts';
import { answerProblems } from './answer-problems.ts';
import { requestMeta } from './request-meta.ts';
import { saveOperatorSettings } from '#features/settings/operator-settings.server.ts';

/** The operator's own name, contact email and logo, edited by an admin. */
export const settings = {
  save: defineAction({
    accept: 'form',
    input: z.object({
      name: z.string().trim().min(1, { error: 'Enter the organization\'s name.' }).max(120, { error: 'Use at most 120 characters.' }),
      contactEmail: z.email({ error: 'Enter a contact email address such as info@company.com.' }).trim().max(320),
      logo: z.instanceof(File).optional(),
      removeLogo: z.string().optional(),
    }),
    handler: (input, ctx) => answerProblems('settings.save', async () => {
      const actor = requireCan(ctx, { do: 'manage-settings' });
      const { database } = await getApp();
      const logo = input.logo && input.logo.size > 0 ? Buffer.from(await input.logo.arrayBuffer()) : null;
      await saveOperatorSettings(database.db, actor, { name: input.name, contactEmail: input.contactEmail, logo, removeLogo: input.removeLogo === 'on' }, requestMeta(ctx));
      return { saved: true };
    }),
  }),
};
