import { eq } from 'drizzle-orm';
import type { Db } from '#db/client.ts';
import type { ViewRules } from '#db/schema/views.ts';
import { auditEvents, customerViews, users } from '#db/schema/index.ts';
import { describeDraftChange } from './describe-draft-change.ts';
import { viewSubject } from './view-audit.ts';
import { compileViews } from '#features/pricing/compile-views.ts';
import { PricingRuleError } from '#features/pricing/errors.ts';
import { canonicalRules } from './canonical-rules.ts';
import { ruleErrorInWords } from './rule-error-words.ts';
import { catalogInfos, getView, type Reader, type ViewRow } from './view-records.server.ts';
import { ViewProblem } from './view-problem.ts';

export interface DraftChange {
  rules?: ViewRules;
  validFrom?: string | null;
  validUntil?: string | null;
  name?: string;
  note?: string;
}

export interface EditOptions {
  /** The view's updatedAt when the form was drawn: refuses to overwrite someone else's newer edit. */
  expectedStamp?: string;
  /** Where the change came from, for the audit log. */
  ip?: string | null;
}

export const STALE_FORM_MESSAGE = 'This view was changed (by someone else, or in another tab) after you opened this page. Reload the page to see the current version, then make your change again.';

/** Refuses rules or dates the pricing module could not apply, naming the rule in sales' words. */
export async function assertRulesApply(db: Reader, viewId: number, rules: ViewRules, validFrom: string | null, validUntil: string | null): Promise<void> {
  try {
    compileViews([{ viewId, rules, validFrom, validUntil }]);
  } catch (error) {
    if (!(error instanceof PricingRuleError)) throw error;
    const names = new Map([...(await catalogInfos(db, rules.catalogs.map((c) => c.catalogId))).values()].map((c) => [c.id, c.name]));
    throw new ViewProblem(ruleErrorInWords(error, names));
  }
}

/**
 * Changes a view's draft in one transaction: read, apply `change`, check the result with the
 * pricing module, store it in canonical shape. Buyers keep seeing the published version.
 */
export async function editDraft(
  db: Db,
  viewId: number,
  actorId: number | null,
  now: Date,
  change: (view: ViewRow, tx: Reader) => DraftChange | Promise<DraftChange>,
  options: EditOptions = {},
): Promise<ViewRow> {
  return db.transaction(async (tx) => {
    const view = await getView(tx, viewId);
    if (options.expectedStamp !== undefined && options.expectedStamp !== view.updatedAt) throw new ViewProblem(STALE_FORM_MESSAGE);
    const next = await change(view, tx);
    const rules = canonicalRules(next.rules ?? view.draftRules);
    const validFrom = next.validFrom === undefined ? view.draftValidFrom : next.validFrom;
    const validUntil = next.validUntil === undefined ? view.draftValidUntil : next.validUntil;
    await assertRulesApply(tx, viewId, rules, validFrom, validUntil);
    // A stamp that always moves, even for two edits within one millisecond.
    const updatedAt = now.toISOString() > view.updatedAt ? now.toISOString() : new Date(Date.parse(view.updatedAt) + 1).toISOString();
    const [row] = await tx.update(customerViews).set({
      draftRules: rules, draftValidFrom: validFrom, draftValidUntil: validUntil,
      name: next.name ?? view.name, note: next.note ?? view.note, updatedAt, updatedBy: actorId,
    }).where(eq(customerViews.id, viewId)).returning();
    // Every edit of what a customer will see and pay is in the audit log, with what changed.
    const ids = [...new Set([...view.draftRules.catalogs, ...rules.catalogs].map((c) => c.catalogId))];
    const changes = describeDraftChange(
      { name: view.name, note: view.note, rules: canonicalRules(view.draftRules), validFrom: view.draftValidFrom, validUntil: view.draftValidUntil },
      { name: row!.name, note: row!.note, rules, validFrom, validUntil }, await catalogInfos(tx, ids));
    if (changes.length) {
      const [actor] = actorId === null ? [] : await tx.select({ email: users.email }).from(users).where(eq(users.id, actorId)).limit(1);
      await tx.insert(auditEvents).values({
        at: now.toISOString(), kind: 'view-draft-changed', actorUserId: actorId, actorEmail: actor?.email ?? null, ip: options.ip ?? null,
        subject: viewSubject(viewId), detail: { viewId, name: row!.name, customerOrgId: view.customerOrgId, changes },
      });
    }
    return row!;
  });
}
