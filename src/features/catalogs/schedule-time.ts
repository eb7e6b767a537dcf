import { RevisionProblem } from '#features/ingest/revisions/revision-problem.ts';

const MAX_AHEAD_MS = 366 * 24 * 60 * 60 * 1000;

/**
 * Reads the time a revision should go live, entered as UTC: "2027-09-01T06:00" (a datetime-local
 * field, read as UTC), or a full ISO 8601 time with Z or an offset (the API). Null when unreadable.
 */
export function parseScheduleTime(text: string): Date | null {
  const value = text.trim();
  const local = /^(\d{4})-(\d{2})-(\d{2})[T ](\d{2}):(\d{2})(?::(\d{2}))?$/.exec(value);
  if (local) {
    const [y, mo, d, h, mi, s] = local.slice(1).map((part) => Number(part ?? 0)) as [number, number, number, number, number, number];
    const date = new Date(Date.UTC(y, mo - 1, d, h, mi, s));
    return date.getUTCMonth() === mo - 1 && date.getUTCDate() === d && h < 24 && mi < 60 && s < 60 ? date : null;
  }
  if (!/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})$/.test(value)) return null;
  const date = new Date(value);
  return Number.isNaN(date.getTime()) ? null : date;
}

/** A schedule must lie in the future, and within a year. */
export function checkScheduleTime(at: Date, now: Date): void {
  if (at.getTime() <= now.getTime()) {
    throw new RevisionProblem(`${formatUtc(at)} has already passed (it is now ${formatUtc(now)}). Choose a later time, or publish now.`, { field: 'at', status: 400 });
  }
  if (at.getTime() - now.getTime() > MAX_AHEAD_MS) throw new RevisionProblem('Choose a time within the next 12 months.', { field: 'at', status: 400 });
}

/** "2027-09-01 06:00 UTC", as the pages show times. */
export function formatUtc(date: Date): string {
  return `${date.toISOString().slice(0, 16).replace('T', ' ')} UTC`;
}
