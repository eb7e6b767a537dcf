/** How far back "what changed" looks when the buyer has no last visit yet and names no date. */
export const DEFAULT_CHANGES_DAYS = 30;

export type SinceResult = { ok: true; since: Date } | { ok: false; message: string };

/**
 * The start of "what changed" as written in ?since=: a date (midnight UTC of that day), a date
 * and time to the minute as the form's field sends it ("2027-03-01T14:05", UTC like every time
 * the pages show) or an ISO date-time with a zone. A moment in the future is refused, with the reason.
 */
export function parseSince(text: string, now: Date): SinceResult {
  const t = text.trim();
  const ok = /^\d{4}-\d{2}-\d{2}$/.test(t) ? `${t}T00:00:00Z` : /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2})?$/.test(t) ? `${t}Z` : t;
  const ms = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:\d{2})$/.test(ok) ? Date.parse(ok) : Number.NaN;
  if (Number.isNaN(ms)) return { ok: false, message: `“${t}” is not a date; choose one like 2027-03-01 14:05.` };
  if (ms > now.getTime()) return { ok: false, message: 'Choose a date that is not in the future.' };
  return { ok: true, since: new Date(ms) };
}

export function defaultSince(lastVisitAt: string | null, now: Date): Date {
  return lastVisitAt ? new Date(lastVisitAt) : new Date(now.getTime() - DEFAULT_CHANGES_DAYS * 86_400_000);
}
