/**
 * How deliveries are retried: after `baseMs` (WEBHOOK_RETRY_BASE_MS, a minute by default),
 * doubling up to 6 hours between attempts, for 24 hours after the delivery was made; then it
 * is given up. An endpoint whose every delivery failed for 24 hours is switched off.
 */
export const WEBHOOK_RETRY = {
  defaultBaseMs: 60_000,
  maxDelayMs: 6 * 60 * 60_000,
  windowMs: 24 * 60 * 60_000,
  switchOffAfterMs: 24 * 60 * 60_000,
  /** An attempt waits this long for the answer. */
  timeoutMs: 10_000,
  /** A claimed delivery is left to its claimer this long; a process killed mid-delivery leaves it to the next one after that. */
  leaseMs: 15_000,
} as const;

/** When to try again after `attempts` failed attempts (1, 2, …), or null once the 24 hours are over. */
export function nextAttemptAt(attempts: number, createdAtMs: number, nowMs: number, baseMs: number): number | null {
  const delay = Math.min(baseMs * 2 ** Math.min(Math.max(0, attempts - 1), 30), WEBHOOK_RETRY.maxDelayMs);
  const next = nowMs + delay;
  return next > createdAtMs + WEBHOOK_RETRY.windowMs ? null : next;
}
