import { child, childrenNamed, textOf, type XmlElement } from './xml-element.ts';

/** A validity period; an open end is null. `end` is exclusive. */
export interface Validity { start: Date | null; end: Date | null; startText: string | null; endText: string | null }

const DATE = /^(\d{4})-(\d{2})-(\d{2})/;

/** "2027-01-01" (+ "12:00:00", "+02:00") → a Date; a date alone means that day from 00:00 UTC. */
function toDate(date: string, time = '', zone = ''): Date | null {
  const d = DATE.exec(date.trim());
  if (!d) return null;
  const iso = date.trim().length > 10 ? date.trim() : `${d[0]}T${/^\d{2}:\d{2}(:\d{2})?$/.test(time.trim()) ? time.trim() : '00:00:00'}${/^(Z|[+-]\d{2}:\d{2})$/.test(zone.trim()) ? zone.trim() : 'Z'}`;
  const parsed = new Date(iso);
  return Number.isNaN(parsed.getTime()) ? null : parsed;
}

function nextDay(date: Date): Date {
  return new Date(date.getTime() + 24 * 3600 * 1000);
}

/**
 * The validity of a BMEcat price block: BMEcat 1.2 writes DATETIME type="valid_start_date" /
 * "valid_end_date" with DATE, TIME, TIMEZONE; BMEcat 2005 writes VALID_START_DATE and
 * VALID_END_DATE. An end given as a date alone is valid through that whole day.
 */
export function priceValidity(details: XmlElement): Validity {
  const found: Record<'start' | 'end', { date: Date | null; text: string } | undefined> = { start: undefined, end: undefined };
  for (const datetime of childrenNamed(details, 'DATETIME')) {
    const type = datetime.attributes['type'];
    const which = type === 'valid_start_date' ? 'start' : type === 'valid_end_date' ? 'end' : undefined;
    if (!which) continue;
    const dateText = textOf(child(datetime, 'DATE'));
    const timeText = textOf(child(datetime, 'TIME'));
    const date = toDate(dateText, timeText, textOf(child(datetime, 'TIMEZONE')));
    found[which] = { date: which === 'end' && date && timeText === '' ? nextDay(date) : date, text: dateText };
  }
  for (const [name, which] of [['VALID_START_DATE', 'start'], ['VALID_END_DATE', 'end']] as const) {
    const element = child(details, name);
    if (!element) continue;
    const text = textOf(element);
    const date = toDate(text);
    found[which] = { date: which === 'end' && date && text.length <= 10 ? nextDay(date) : date, text: text.slice(0, 10) };
  }
  return {
    start: found.start?.date ?? null, end: found.end?.date ?? null,
    startText: found.start?.text ?? null, endText: found.end?.text ?? null,
  };
}

export function isValidAt(validity: Validity, now: Date): boolean {
  return (validity.start === null || validity.start <= now) && (validity.end === null || now < validity.end);
}
