import { eq } from 'drizzle-orm';
import type { Db } from '#db/client.ts';
import { catalogs, organizations, revisions } from '#db/schema/index.ts';
import { operatorBrand } from '#features/settings/operator-settings.server.ts';
import { supplierPaths } from '#src/paths.ts';
import { composeMail } from './compose-mail.ts';
import { recipientsOf, type OutgoingMail } from './mail-outbox.server.ts';
import { publicUrl } from './public-url.ts';

/** The audit kinds of a revision that someone is told of by mail. */
const MAILED = new Set(['revision-checked', 'revision-failed', 'revision-approved', 'revision-rejected', 'revision-submitted']);

/**
 * The mails a revision's event sends: to the supplier's people when their price list is checked
 * (with its counts), could not be read (with the reason), or was approved or rejected (with the
 * comment); to sales when one waits for their approval.
 */
export async function revisionEventMails(db: Db, kind: string, revisionId: number, detail: Record<string, unknown> = {}): Promise<OutgoingMail[]> {
  if (!MAILED.has(kind)) return [];
  const [r] = await db.select({ revision: revisions, catalog: catalogs, supplier: organizations }).from(revisions)
    .innerJoin(catalogs, eq(catalogs.id, revisions.catalogId)).innerJoin(organizations, eq(organizations.id, catalogs.supplierOrgId))
    .where(eq(revisions.id, revisionId)).limit(1);
  if (!r) return [];
  const { revision, catalog, supplier } = r;
  const brand = await operatorBrand(db);
  const what = `revision ${revision.id} of ${catalog.name} (${revision.fileName})`;
  const counts: Array<[string, string]> = [
    ['Items', String(detail.itemCount ?? revision.itemCount)], ['Errors', String(detail.errorCount ?? revision.errorCount)], ['Warnings', String(detail.warningCount ?? revision.warningCount)],
  ];
  const diff = revision.diffSummary;
  if (diff) counts.push(['Changes against the live catalog', `${diff.added} added, ${diff.removed} removed, ${diff.changed} changed`]);
  const link = { link: publicUrl(supplierPaths.revision(revision.id)), label: 'Open the revision' };
  const toSuppliers = async (subject: string, parts: Parameters<typeof composeMail>[3]) =>
    (await recipientsOf(db, { orgId: supplier.id, role: 'supplier' })).map((p) => ({ ...composeMail(brand.name, subject, `Hello ${p.name},`, parts), to: p.email, kind }));
  switch (kind) {
    case 'revision-checked':
      return toSuppliers(`Price list checked: ${catalog.name}`, [`Your price list is read and checked: ${what}.`, { facts: counts }, Number(detail.errorCount ?? revision.errorCount) > 0 ? 'Fix the errors and upload again, or publish the valid rows only.' : 'Review the changes and publish when ready.', link]);
    case 'revision-failed':
      return toSuppliers(`Price list could not be read: ${catalog.name}`, [`Your upload could not be read: ${what}.`, { facts: [['Reason', String(detail.reason ?? revision.failureReason ?? 'unknown')]] }, link]);
    case 'revision-approved':
      return toSuppliers(`Revision approved: ${catalog.name}`, [`${brand.name} approved ${what}.`, detail.scheduledAt ? `It goes live at ${String(detail.scheduledAt).slice(0, 16).replace('T', ' ')} UTC.` : 'It is live now.', link]);
    case 'revision-rejected':
      return toSuppliers(`Revision rejected: ${catalog.name}`, [`${brand.name} did not approve ${what}.`, { facts: [['Comment', String(detail.comment ?? revision.approvalComment ?? '')]] }, 'Upload a corrected price list, or submit this revision again.', link]);
    case 'revision-submitted': {
      const review = { link: publicUrl(`/sales/approvals/${revision.id}`), label: 'Review it' };
      return (await recipientsOf(db, { role: 'sales' })).map((p) => ({
        ...composeMail(brand.name, `Waiting for your approval: ${catalog.name}`, `Hello ${p.name},`, [`${supplier.name} submitted ${what} for approval.`, { facts: counts }, review]),
        to: p.email, kind,
      }));
    }
  }
  return [];
}
