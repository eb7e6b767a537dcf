import { and, eq, isNull, lte, or } from 'drizzle-orm';
import type { Db } from '#db/client.ts';
import { organizations, users } from '#db/schema/index.ts';
import { toSessionUser } from '#features/auth/session-user.ts';
import { openBrowseRequest } from '#features/browse/browse-request.server.ts';
import { changesSince } from '#features/browse/changes.server.ts';
import { formatMoney } from '#kernel/money/format-money.ts';
import { operatorBrand } from '#features/settings/operator-settings.server.ts';
import { composeMail, type MailPart } from '#features/mail/compose-mail.ts';
import { writeWithMails } from '#features/mail/mail-outbox.server.ts';
import { publicUrl } from '#features/mail/public-url.ts';
import { logger } from '#features/observability/logger.server.ts';
import { plural } from '#kernel/plural.ts';

export const DIGEST_EVERY_MS = 24 * 60 * 60 * 1000;

/**
 * The buyers' "what changed for you" mail: to each enabled buyer who opted in on /account and
 * whose last digest is a day old or more, when something changed in their catalogs since then
 * (at their prices, the same as /changes shows). The mail and the new "since" are written in one
 * batch. Nothing changed: no mail, and the next run looks again. Returns how many were written.
 */
export async function sendBuyerDigests(db: Db, now: Date = new Date()): Promise<number> {
  const due = await db.select({ user: users, org: organizations }).from(users).innerJoin(organizations, eq(organizations.id, users.orgId))
    .where(and(eq(users.role, 'buyer'), eq(users.digestOptIn, true), isNull(users.disabledAt),
      or(isNull(users.digestSince), lte(users.digestSince, new Date(now.getTime() - DIGEST_EVERY_MS).toISOString()))));
  if (due.length === 0) return 0;
  const brand = await operatorBrand(db);
  let written = 0;
  for (const { user, org } of due) {
    const since = user.digestSince ? new Date(user.digestSince) : new Date(now.getTime() - DIGEST_EVERY_MS);
    const request = await openBrowseRequest(db, toSessionUser(user, org), undefined, now);
    if (!request) continue;
    const changes = (await changesSince(db, request, since, 5)).filter((c) => c.status !== 'unchanged');
    if (changes.length === 0) continue;
    const parts: MailPart[] = [`Here is what changed in your catalogs since ${since.toISOString().slice(0, 16).replace('T', ' ')} UTC, at your prices:`];
    for (const c of changes) {
      const title = `${c.catalog.name} (${c.catalog.supplierName})`;
      if (c.status === 'added') { parts.push(`${title}: now available to you, ${plural(c.itemCount, 'item')}.`); continue; }
      if (c.status === 'gone') { parts.push(`${title}: no longer available to you.`); continue; }
      parts.push(`${title}: ${c.counts.new} new, ${c.counts.removed} removed, ${c.counts.changed} changed.`);
      const facts: Array<[string, string]> = c.entries.slice(0, 5).map((e) => [
        `${e.sku} ${e.name}`,
        e.kind === 'new' ? `new, ${formatMoney(e.afterMinor ?? 0, c.catalog.currency)}` : e.kind === 'removed' ? 'removed'
          : e.beforeMinor !== e.afterMinor ? `${formatMoney(e.beforeMinor ?? 0, c.catalog.currency)} → ${formatMoney(e.afterMinor ?? 0, c.catalog.currency)}`
            : e.fields.map((f) => `${f.label}: ${f.before} → ${f.after}`).join('; '),
      ]);
      if (facts.length > 0) parts.push({ facts });
    }
    parts.push({ link: publicUrl('/changes'), label: 'See every change' });
    parts.push('You get this mail at most once a day. Turn it off on your account page.');
    const mail = { ...composeMail(brand.name, 'What changed in your catalogs', `Hello ${user.name},`, parts), to: user.email, kind: 'buyer-digest' };
    await writeWithMails(db, [db.update(users).set({ digestSince: now.toISOString() }).where(eq(users.id, user.id))], [mail], now);
    written++;
  }
  logger.info({ job: 'digest', status: 'done', mails: written }, 'buyer digests');
  return written;
}
