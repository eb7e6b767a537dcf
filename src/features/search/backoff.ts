/** First retry after 5 s, doubling up to 15 minutes: a Meilisearch restart is caught quickly, an outage is not hammered. */
export const BACKOFF = { firstMs: 5_000, maxMs: 15 * 60_000 } as const;

/** Delay before the next attempt after `attempts` failed ones (1, 2, …). */
export function retryDelayMs(attempts: number): number {
  const n = Math.max(1, Math.floor(attempts));
  return Math.min(BACKOFF.firstMs * 2 ** Math.min(n - 1, 30), BACKOFF.maxMs);
}
