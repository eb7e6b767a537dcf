const DATE = /^\d{4}-\d{2}-\d{2}$/;
const DAY_MS = 24 * 60 * 60 * 1000;

function isCalendarDate(text: string): boolean {
  if (!DATE.test(text)) return false;
  const d = new Date(`${text}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === text;
}

export type ValidityInput =
  | { ok: true; validFrom: string | null; validUntil: string | null }
  | { ok: false; field: 'firstDay' | 'lastDay'; message: string };

/**
 * The form's "first day" and "last day" (both inclusive, dates in UTC, either may be empty)
 * as stored validity: from = midnight UTC of the first day, until = midnight UTC after the last
 * day (the pricing module's until is exclusive).
 */
export function validityFromInput(firstDay: string, lastDay: string): ValidityInput {
  const first = firstDay.trim();
  const last = lastDay.trim();
  if (first !== '' && !isCalendarDate(first)) return { ok: false, field: 'firstDay', message: `“${first}” is not a date; use the form 2027-01-31.` };
  if (last !== '' && !isCalendarDate(last)) return { ok: false, field: 'lastDay', message: `“${last}” is not a date; use the form 2027-12-31.` };
  if (first !== '' && last !== '' && last < first) return { ok: false, field: 'lastDay', message: 'The last day is before the first day.' };
  const until = last === '' ? null : new Date(Date.parse(`${last}T00:00:00Z`) + DAY_MS).toISOString().slice(0, 10);
  return { ok: true, validFrom: first === '' ? null : first, validUntil: until };
}

/** The first day (UTC date) of a stored validFrom, for the date input; '' when open. */
export function firstDayOf(validFrom: string | null): string {
  return validFrom === null ? '' : new Date(Date.parse(validFrom)).toISOString().slice(0, 10);
}

/** The last day (UTC date, inclusive) of a stored exclusive validUntil; '' when open. */
export function lastDayOf(validUntil: string | null): string {
  return validUntil === null ? '' : new Date(Date.parse(validUntil) - 1).toISOString().slice(0, 10);
}

/** "from 2027-01-01 to 2027-12-31", "from 2027-01-01", "until 2027-12-31", or "always". */
export function describeValidity(validFrom: string | null, validUntil: string | null): string {
  const from = firstDayOf(validFrom);
  const last = lastDayOf(validUntil);
  if (from && last) return `${from} to ${last}`;
  if (from) return `from ${from}`;
  if (last) return `until ${last}`;
  return 'always';
}
