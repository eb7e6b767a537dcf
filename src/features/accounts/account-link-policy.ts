/** Invitation and reset links made by an admin work once, for seven days. */
export const ACCOUNT_LINK_LIFETIME_MS = 7 * 24 * 60 * 60 * 1000;
/** A link asked for with "Forgot your password?" works once, for one hour. */
export const FORGOT_LINK_LIFETIME_MS = 60 * 60 * 1000;

export type AccountLinkState = 'usable' | 'used' | 'expired';

export function accountLinkExpiry(createdAt: Date, lifetimeMs: number = ACCOUNT_LINK_LIFETIME_MS): Date {
  return new Date(createdAt.getTime() + lifetimeMs);
}

export function accountLinkState(link: { usedAt: string | null; expiresAt: string }, now: Date): AccountLinkState {
  if (link.usedAt) return 'used';
  return now.getTime() >= Date.parse(link.expiresAt) ? 'expired' : 'usable';
}

/** What the person who opened a link that no longer works is told. */
export function accountLinkStateMessage(state: Exclude<AccountLinkState, 'usable'> | 'unknown'): string {
  switch (state) {
    case 'used': return 'This link has already been used. Sign in, or ask for a new link.';
    case 'expired': return 'This link has expired: links work for 7 days, password reset links asked for at sign-in for 1 hour. Ask for a new one.';
    case 'unknown': return 'This link is not valid. Check that you copied all of it, or ask for a new one.';
  }
}
