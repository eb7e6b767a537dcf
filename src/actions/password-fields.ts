import { z } from 'astro/zod';
import { PASSWORD_MAX_LENGTH, PASSWORD_MIN_LENGTH } from '#features/auth/passwords.server.ts';

/** A new password as every form asks for it (the feature functions check passwordProblem() again). */
export const newPassword = z.string({ error: `Choose a password of at least ${PASSWORD_MIN_LENGTH} characters.` })
  .min(PASSWORD_MIN_LENGTH, { error: `Use at least ${PASSWORD_MIN_LENGTH} characters.` })
  .max(PASSWORD_MAX_LENGTH, { error: `Use at most ${PASSWORD_MAX_LENGTH} characters.` });
