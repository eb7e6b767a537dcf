import { expect, test } from 'vitest';
import { ACCOUNT_LINK_LIFETIME_MS, accountLinkExpiry, accountLinkState } from '#features/accounts/account-link-policy.ts';

test('links last 7 days and work until used', () => {
  const created = new Date('2027-02-01T12:00:00Z');
  expect(ACCOUNT_LINK_LIFETIME_MS).toBe(7 * 24 * 3600 * 1000);
  const expiresAt = accountLinkExpiry(created).toISOString();
  expect(expiresAt).toBe('2027-02-08T12:00:00.000Z');
  expect(accountLinkState({ usedAt: null, expiresAt }, new Date('2027-02-08T11:59:59.999Z'))).toBe('usable');
  expect(accountLinkState({ usedAt: null, expiresAt }, new Date('2027-02-08T12:00:00.000Z'))).toBe('expired');
  expect(accountLinkState({ usedAt: '2027-02-02T00:00:00Z', expiresAt }, new Date('2027-02-03T00:00:00Z'))).toBe('used');
});
