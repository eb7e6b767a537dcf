import { eq } from 'drizzle-orm';
import type { Db } from '#db/client.ts';
import { customerViews, organizations, revisions } from '#db/schema/index.ts';
import { findAttention, LiveRevisionLookup } from '#features/views/needs-attention.server.ts';
import { catalogInfos } from '#features/views/view-records.server.ts';
import { operatorBrand } from '#features/settings/operator-settings.server.ts';
import { paths } from '#src/paths.ts';
import { composeMail } from '#features/mail/compose-mail.ts';
import { recipientsOf, type OutgoingMail } from '#features/mail/mail-outbox.server.ts';
import { publicUrl } from '#features/mail/public-url.ts';

/**
 * Before a supplier's revision goes live: the customer views whose rules name categories or SKUs
 * that this revision no longer has, told to sales in one mail (written in the publish transaction).
 * Empty when no view of the catalog needs attention.
 */
export async function attentionMailsForPublish(db: Db, revisionId: number): Promise<OutgoingMail[]> {
  const [revision] = await db.select({ catalogId: revisions.catalogId }).from(revisions).where(eq(revisions.id, revisionId)).limit(1);
  if (!revision) return [];
  const infos = await catalogInfos(db, [revision.catalogId]);
  const info = infos.get(revision.catalogId);
  if (!info) return [];
  infos.set(info.id, { ...info, liveRevisionId: revisionId }); // as it will be once live
  const lookup = new LiveRevisionLookup(db);
  const views = await db.select({ id: customerViews.id, name: customerViews.name, rules: customerViews.draftRules, customer: organizations.name })
    .from(customerViews).innerJoin(organizations, eq(organizations.id, customerViews.customerOrgId));
  const lines: string[] = [];
  const links: Array<{ link: string; label: string }> = [];
  for (const view of views) {
    if (!view.rules.catalogs.some((c) => c.catalogId === info.id)) continue;
    const found = (await findAttention({ ...view.rules, catalogs: view.rules.catalogs.filter((c) => c.catalogId === info.id) }, infos, lookup))
      .filter((a) => a.categories.length > 0 || a.skus.length > 0);
    if (found.length === 0) continue;
    const a = found[0]!;
    lines.push(`${view.customer}, view "${view.name}": ${[...a.categories.map((c) => `category ${c.path} (${c.usedIn.join(', ')})`), ...a.skus.map((s) => `SKU ${s.sku} (${s.usedIn.join(', ')})`)].join('; ')}`);
    links.push({ link: publicUrl(paths.salesView(view.id)), label: `Open the view "${view.name}" of ${view.customer}` });
  }
  if (lines.length === 0) return [];
  const brand = await operatorBrand(db);
  return (await recipientsOf(db, { role: 'sales' })).map((p) => ({
    ...composeMail(brand.name, `View rules need attention: ${info.name}`, `Hello ${p.name},`, [
      `${info.supplierName} published a new revision of ${info.name}. These customer views have rules naming what the catalog no longer has; they match nothing now:`,
      ...lines, ...links,
    ]),
    to: p.email, kind: 'view-attention',
  }));
}
