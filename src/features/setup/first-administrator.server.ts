import { eq } from 'drizzle-orm';
import type { Db } from '#db/client.ts';
import { operatorSettings, organizations, users } from '#db/schema/index.ts';
import { hashPassword, passwordProblem } from '#features/auth/passwords.server.ts';
import { slugify } from '#kernel/slugify.ts';
import { recordAuditEvent } from '#features/audit/record-event.server.ts';
import { userSubject } from '#features/audit/subjects.ts';
import { AccountProblem } from '#features/accounts/account-problem.ts';
import { forgetOperatorSettings } from '#features/settings/operator-settings.server.ts';

export interface NewAdministrator {
  /** The operator organization's name; when null, the existing operator organization (or settings) keep theirs. */
  organizationName: string | null;
  contactEmail: string | null;
  name: string;
  email: string;
  password: string;
}

export async function hasAdministrator(db: Db): Promise<boolean> {
  const [row] = await db.select({ id: users.id }).from(users).where(eq(users.role, 'admin')).limit(1);
  return Boolean(row);
}

/**
 * Creates an administrator in the operator organization (made when missing), and the operator
 * settings when missing, in one transaction. `onlyIfFirst` makes it refuse when any
 * administrator exists (the setup page); otherwise only an existing account with the email refuses.
 */
export async function createAdministrator(db: Db, input: NewAdministrator, options: { onlyIfFirst: boolean; at?: Date; ip?: string | null }): Promise<{ userId: number; orgId: number }> {
  const email = input.email.trim().toLowerCase();
  const name = input.name.trim();
  const orgName = input.organizationName?.trim() || null;
  const contactEmail = input.contactEmail?.trim().toLowerCase() || null;
  if (!name) throw new AccountProblem('Enter the administrator\'s name.', 'name');
  if (!/^[^\s@]+@[^\s@]+$/.test(email)) throw new AccountProblem('Enter an email address such as name@company.com.', 'email');
  if (contactEmail !== null && !/^[^\s@]+@[^\s@]+$/.test(contactEmail)) throw new AccountProblem('Enter a contact email address such as info@company.com.', 'contactEmail');
  const problem = passwordProblem(input.password);
  if (problem) throw new AccountProblem(problem, 'password');
  const passwordHash = await hashPassword(input.password);
  const at = options.at ?? new Date();
  const now = at.toISOString();

  const created = await db.transaction(async (tx) => {
    if (options.onlyIfFirst) {
      const [admin] = await tx.select({ id: users.id }).from(users).where(eq(users.role, 'admin')).limit(1);
      if (admin) throw new AccountProblem('Vitrine already has an administrator.');
    }
    const [taken] = await tx.select({ id: users.id, role: users.role }).from(users).where(eq(users.email, email)).limit(1);
    if (taken) throw new AccountProblem(taken.role === 'admin' ? 'An administrator with this email already exists.' : 'There is already an account with this email.', 'email');
    let [operator] = await tx.select().from(organizations).where(eq(organizations.kind, 'operator')).limit(1);
    const [settings] = await tx.select({ name: operatorSettings.name }).from(operatorSettings).where(eq(operatorSettings.id, 1)).limit(1);
    const wantedName = orgName ?? operator?.name ?? settings?.name ?? 'Vitrine';
    if (!operator) {
      [operator] = await tx.insert(organizations).values({ name: wantedName, slug: slugify(wantedName) || 'operator', kind: 'operator', createdAt: now }).returning();
    } else if (orgName && operator.name !== orgName) {
      await tx.update(organizations).set({ name: orgName }).where(eq(organizations.id, operator.id));
    }
    if (!settings) {
      await tx.insert(operatorSettings).values({ id: 1, name: wantedName, contactEmail: contactEmail ?? email, updatedAt: now });
    } else if (orgName || contactEmail) {
      await tx.update(operatorSettings).set({ ...(orgName ? { name: orgName } : {}), ...(contactEmail ? { contactEmail } : {}), updatedAt: now }).where(eq(operatorSettings.id, 1));
    }
    const [user] = await tx.insert(users).values({ orgId: operator!.id, email, name, role: 'admin', passwordHash, createdAt: now }).returning({ id: users.id });
    return { userId: user!.id, orgId: operator!.id };
  });
  forgetOperatorSettings();
  await recordAuditEvent(db, { kind: 'administrator-created', actor: { id: created.userId, email }, ip: options.ip ?? null, subject: userSubject(email), at, detail: { firstRun: options.onlyIfFirst } });
  return created;
}
