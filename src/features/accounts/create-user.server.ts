import type { Db } from '#db/client.ts';
import { users, type Role } from '#db/schema/index.ts';
import { hashPassword, passwordProblem } from '#features/auth/passwords.server.ts';

/** Creates an account with a password (invitations create theirs when accepted). */
export async function createUserWithPassword(db: Db, input: { orgId: number; email: string; name: string; role: Role; password: string }, now: Date = new Date()) {
  const problem = passwordProblem(input.password);
  if (problem) throw new Error(problem);
  const [row] = await db.insert(users).values({
    orgId: input.orgId, email: input.email.trim().toLowerCase(), name: input.name.trim(), role: input.role,
    passwordHash: await hashPassword(input.password), createdAt: now.toISOString(),
  }).returning();
  return row!;
}
