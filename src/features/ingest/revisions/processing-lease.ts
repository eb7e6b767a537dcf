/**
 * A worker's claim on a `processing` revision lasts LEASE_MS and is renewed every RENEW_MS
 * while it works. After a crash the claim lapses and the next worker reads the file again from
 * the start (the revision was never visible to buyers); after MAX_ATTEMPTS starts it gives up.
 */
export const LEASE_MS = 60_000;
export const RENEW_MS = 15_000;
export const MAX_ATTEMPTS = 3;

export const leaseUntil = (now: Date) => new Date(now.getTime() + LEASE_MS).toISOString();
