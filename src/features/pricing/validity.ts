import { PricingRuleError } from './errors.ts';

/**
 * A view version applies from `validFrom` (INCLUSIVE) until `validUntil` (EXCLUSIVE);
 * null means open-ended on that side. Times are instants in milliseconds since the epoch.
 */
export interface ValidityWindow {
  fromMs: number | null;
  untilMs: number | null;
}

// ISO 8601 date, or date-time WITH a zone: a zoneless time would be read in the server's
// local time zone, which would make a view start at a different moment on another host.
const ISO_INSTANT = /^\d{4}-\d{2}-\d{2}(?:T\d{2}:\d{2}(?::\d{2}(?:\.\d{1,9})?)?(?:Z|[+-]\d{2}:\d{2}))?$/;

// Date.parse rolls "2027-02-30" over into March; a typo must not silently move a date.
function isCalendarDate(value: string): boolean {
  const [y, m, d] = value.slice(0, 10).split('-').map(Number);
  if (y === undefined || m === undefined || d === undefined) return false;
  const date = new Date(Date.UTC(y, m - 1, d));
  return date.getUTCMonth() === m - 1 && date.getUTCDate() === d;
}

function parseInstant(value: string | null, what: string): number | null {
  if (value === null) return null;
  const ms = ISO_INSTANT.test(value) && isCalendarDate(value) ? Date.parse(value) : Number.NaN;
  if (Number.isNaN(ms)) {
    throw new PricingRuleError(`${what}: expected an ISO 8601 date or date-time with a time zone, got "${value}"`);
  }
  return ms;
}

/**
 * Parses a version's dates. A date without a time ("2027-03-01") is midnight UTC of that
 * day, so `validUntil: "2027-03-01"` means the view's last moment is the end of Feb 28 (UTC).
 * Throws PricingRuleError for an unreadable date or an until that is not after from.
 */
export function parseValidity(validFrom: string | null, validUntil: string | null): ValidityWindow {
  const fromMs = parseInstant(validFrom, 'validFrom');
  const untilMs = parseInstant(validUntil, 'validUntil');
  if (fromMs !== null && untilMs !== null && untilMs <= fromMs) {
    throw new PricingRuleError(`validUntil (${validUntil}) must be after validFrom (${validFrom})`);
  }
  return { fromMs, untilMs };
}

/** Whether the window is in force at `nowMs`: from <= now < until. */
export function isInForce(window: ValidityWindow, nowMs: number): boolean {
  if (window.fromMs !== null && nowMs < window.fromMs) return false;
  if (window.untilMs !== null && nowMs >= window.untilMs) return false;
  return true;
}

/** The instant of `now`, refusing an invalid Date (which would silently compare false). */
export function instantOf(now: Date): number {
  const ms = now.getTime();
  if (Number.isNaN(ms)) throw new RangeError('now must be a valid Date');
  return ms;
}
