/**
 * How password and link guesses are throttled (OWASP ASVS 2.2.1, NIST 800-63B 5.2.2). Every
 * attempt is counted under a few keys before anything is verified; each key follows one rule:
 *
 * - `limit`: at most `failures` within `windowMs`, then refused until the oldest ages out. Used
 *   per (account, address) pair, per invitation/reset link, and per address with a far higher
 *   number (one address guessing many accounts).
 * - `delay`: per account alone. The first `free` failures within `windowMs` pass; each one after
 *   waits twice as long as the one before after the latest attempt, up to `maxDelayMs`. Never a
 *   hard lock, so strangers cannot keep the owner out, only slow down signing in from a new place.
 */
export type ThrottleRule =
  | { kind: 'limit'; failures: number; windowMs: number }
  | { kind: 'delay'; free: number; windowMs: number; firstDelayMs: number; maxDelayMs: number };

export interface ThrottleKey { key: string; rule: ThrottleRule }
export interface KeyStats { count: number; oldest: number | null; latest: number | null }

const MINUTE = 60 * 1000;

export const THROTTLE_RULES = {
  /** One account from one address. */
  pair: { kind: 'limit', failures: 10, windowMs: 15 * MINUTE },
  /** One invitation or reset link, from anywhere. */
  link: { kind: 'limit', failures: 10, windowMs: 15 * MINUTE },
  /** One address, any accounts (behind a proxy, set TRUSTED_PROXIES or every visitor shares it). */
  address: { kind: 'limit', failures: 100, windowMs: 15 * MINUTE },
  /** One account from addresses it never signed in from: 50 free failures a day, then 1 s, 2 s, 4 s… up to 15 min apart. */
  account: { kind: 'delay', free: 50, windowMs: 24 * 60 * MINUTE, firstDelayMs: 1000, maxDelayMs: 15 * MINUTE },
} as const satisfies Record<string, ThrottleRule>;

/** The longest window of any rule: older attempts count for nothing and may be pruned. */
export const LONGEST_WINDOW_MS = Math.max(...Object.values(THROTTLE_RULES).map((r) => r.windowMs));

/** When the rule lets the next attempt through (ms epoch), or null when it may go now. */
export function retryAtFor(rule: ThrottleRule, stats: KeyStats, now: number): number | null {
  if (rule.kind === 'limit') {
    if (stats.count < rule.failures || stats.oldest === null) return null;
    return stats.oldest + rule.windowMs;
  }
  if (stats.count < rule.free || stats.latest === null) return null;
  const delay = Math.min(rule.maxDelayMs, rule.firstDelayMs * 2 ** Math.min(40, stats.count - rule.free));
  const at = stats.latest + delay;
  return at > now ? at : null;
}

/** The keys of a password attempt for an account. An address the account signed in from before skips the per-account and per-address counts: strangers' failures do not reach it. */
export function passwordAttemptKeys(email: string, ip: string | null, knownAddress: boolean): ThrottleKey[] {
  const account = email.trim().toLowerCase();
  const address = ip ?? 'unknown';
  const keys: ThrottleKey[] = [{ key: `pair:${account} ${address}`, rule: THROTTLE_RULES.pair }];
  if (!knownAddress) keys.push({ key: `account:${account}`, rule: THROTTLE_RULES.account }, { key: `address:${address}`, rule: THROTTLE_RULES.address });
  return keys;
}

/** The keys of one use of an invitation or reset link. */
export function linkAttemptKeys(linkId: string | null, ip: string | null): ThrottleKey[] {
  const keys: ThrottleKey[] = [{ key: `address:${ip ?? 'unknown'}`, rule: THROTTLE_RULES.address }];
  if (linkId) keys.push({ key: `link:${linkId}`, rule: THROTTLE_RULES.link });
  return keys;
}
