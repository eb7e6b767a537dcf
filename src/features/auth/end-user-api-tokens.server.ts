import { and, eq, isNull } from 'drizzle-orm';
import type { Db } from '#db/client.ts';
import { apiTokens } from '#db/schema/index.ts';

type DbOrTx = Pick<Db, 'update'>;

/**
 * Revokes every live API token of a person, for good: after a password change or reset (whoever
 * held the old password may have made one) and when the account is disabled (enabling it again
 * brings none back). Returns how many ended, for the audit line.
 */
export async function endUserApiTokens(db: DbOrTx, userId: number, at: Date): Promise<number> {
  const ended = await db.update(apiTokens).set({ revokedAt: at.toISOString() })
    .where(and(eq(apiTokens.userId, userId), isNull(apiTokens.revokedAt))).returning({ id: apiTokens.id });
  return ended.length;
}
