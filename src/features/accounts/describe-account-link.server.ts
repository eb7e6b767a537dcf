import type { Db } from '#db/client.ts';
import { findAccountLink, type LinkPurpose } from './account-links.server.ts';
import { findOrganization } from './find-organization.server.ts';
import type { AccountLinkState } from './account-link-policy.ts';
import type { Role } from '#db/schema/users.ts';

export interface AccountLinkView { state: AccountLinkState; purpose: LinkPurpose; email: string; role: Role; orgName: string; expiresAt: string }

/** What the page at /invite/<token> tells the person who opened it; null for a token that matches no link. */
export async function describeAccountLink(db: Db, token: string, now: Date): Promise<AccountLinkView | null> {
  const found = await findAccountLink(db, token, now);
  if (!found) return null;
  const org = await findOrganization(db, found.link.orgId);
  return { state: found.state, purpose: found.link.purpose, email: found.link.email, role: found.link.role, orgName: org?.name ?? '', expiresAt: found.link.expiresAt };
}
