import { and, eq, sql } from 'drizzle-orm';
import type { Db } from '#db/client.ts';
import { customerViews, organizations } from '#db/schema/index.ts';
import type { ViewRules } from '#db/schema/views.ts';
import { recordAuditEvent } from '#features/audit/record-event.server.ts';
import { canonicalRules } from './canonical-rules.ts';
import { viewSubject, type ViewActor } from './view-audit.ts';
import { getCustomer, getView, type Reader, type ViewRow } from './view-records.server.ts';
import { ViewProblem } from './view-problem.ts';

export interface NewView { customerOrgId: number; name: string; note: string; copyFromViewId?: number | null }

/** Refuses a second view of the same name for one customer: sales tells views apart by name. */
export async function assertNameFree(db: Reader, customerOrgId: number, name: string, exceptViewId?: number): Promise<void> {
  const [taken] = await db.select({ id: customerViews.id }).from(customerViews)
    .where(and(eq(customerViews.customerOrgId, customerOrgId), sql`lower(${customerViews.name}) = lower(${name})`)).limit(2);
  if (taken && taken.id !== exceptViewId) throw new ViewProblem(`This customer already has a view named “${name}”; choose another name.`, 'name');
}

/**
 * A new draft view for a customer, empty or copied from another view's draft (of any customer,
 * e.g. a standard price agreement). Buyers see nothing of it until it is published.
 */
export async function createView(db: Db, actor: ViewActor, input: NewView, now: Date): Promise<ViewRow> {
  const customer = await getCustomer(db, input.customerOrgId);
  const name = input.name.trim();
  await assertNameFree(db, customer.id, name);
  let rules: ViewRules = { catalogs: [] };
  let validFrom: string | null = null;
  let validUntil: string | null = null;
  if (input.copyFromViewId) {
    const source = await getView(db, input.copyFromViewId);
    rules = source.draftRules;
    validFrom = source.draftValidFrom;
    validUntil = source.draftValidUntil;
  }
  const [view] = await db.insert(customerViews).values({
    customerOrgId: customer.id, name, note: input.note.trim(), state: 'draft', draftRules: canonicalRules(rules),
    draftValidFrom: validFrom, draftValidUntil: validUntil, updatedAt: now.toISOString(), updatedBy: actor.id,
  }).returning();
  await recordAuditEvent(db, {
    kind: 'view-created', actor, ip: actor.ip ?? null, subject: viewSubject(view!.id), at: now,
    detail: { viewId: view!.id, name, customerOrgId: customer.id, customer: customer.name, copiedFrom: input.copyFromViewId ?? null },
  });
  return view!;
}

/** Views a new one can start from: every view of every customer, by customer then name. */
export async function copyableViews(db: Db): Promise<Array<{ id: number; name: string; customer: string }>> {
  return db.select({ id: customerViews.id, name: customerViews.name, customer: organizations.name })
    .from(customerViews).innerJoin(organizations, eq(organizations.id, customerViews.customerOrgId))
    .orderBy(organizations.name, customerViews.name);
}
