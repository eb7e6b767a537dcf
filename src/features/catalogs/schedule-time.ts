import { RevisionProblem } from '#features/ingest/revisions/revision-problem.ts';

const MAX_AHEAD_MS = 366 * 24 * 60 * 60 * 1000;

/** Whether the name is a time zone this runtime knows ("Europe/Berlin"). */
export function isTimeZone(zone: string): boolean {
  try {
    new Intl.DateTimeFormat('en', { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}

/** The zone's offset from UTC at an instant, in ms (Europe/Berlin in summer: +2 h). */
function offsetAt(zone: string, instant: number): number {
  const parts = Object.fromEntries(new Intl.DateTimeFormat('en-US', {
    timeZone: zone, hourCycle: 'h23', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', second: '2-digit',
  }).formatToParts(new Date(instant)).map((p) => [p.type, p.value]));
  const wall = Date.UTC(Number(parts.year), Number(parts.month) - 1, Number(parts.day), Number(parts.hour), Number(parts.minute), Number(parts.second));
  return wall - Math.floor(instant / 1000) * 1000;
}

/**
 * Reads the time a revision should go live: "2027-09-01T06:00" (a datetime-local field) as a
 * wall-clock time in `zone` (the person's browser's time zone; UTC when it is not known), or a
 * full ISO 8601 time with Z or an offset (the API). Null when unreadable. Stored in UTC.
 */
export function parseScheduleTime(text: string, zone = 'UTC'): Date | null {
  const value = text.trim();
  const local = /^(\d{4})-(\d{2})-(\d{2})[T ](\d{2}):(\d{2})(?::(\d{2}))?$/.exec(value);
  if (local) {
    const [y, mo, d, h, mi, s] = local.slice(1).map((part) => Number(part ?? 0)) as [number, number, number, number, number, number];
    const wall = new Date(Date.UTC(y, mo - 1, d, h, mi, s));
    if (wall.getUTCMonth() !== mo - 1 || wall.getUTCDate() !== d || h >= 24 || mi >= 60 || s >= 60) return null;
    // The wall time less the zone's offset then; asked twice, so a time next to a clock change lands right.
    const first = wall.getTime() - offsetAt(zone, wall.getTime());
    return new Date(wall.getTime() - offsetAt(zone, first));
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
