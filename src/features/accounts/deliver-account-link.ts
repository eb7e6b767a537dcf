import type { LinkPurpose } from './account-links.server.ts';

export interface AccountLinkDelivery { url: string; email: string; purpose: LinkPurpose; expiresAt: string }

/**
 * Hands an invitation or reset link to the person it is for. There is no mail server yet: the
 * link goes back to the one who created it, who copies it to the invitee. Mail delivery goes here.
 */
export function deliverAccountLink(delivery: AccountLinkDelivery): string {
  return delivery.url;
}
