import { describe, expect, test } from 'vitest';
import { parseScheduleTime } from '#features/catalogs/schedule-time.ts';

describe('schedule times in the person’s time zone', () => {
  test('a wall-clock time is read in the given zone and kept in UTC, across clock changes', () => {
    expect(parseScheduleTime('2027-01-15T09:30', 'America/New_York')?.toISOString()).toBe('2027-01-15T14:30:00.000Z');
    expect(parseScheduleTime('2027-07-15T09:30', 'America/New_York')?.toISOString()).toBe('2027-07-15T13:30:00.000Z');
    expect(parseScheduleTime('2027-03-28T03:30', 'Europe/Berlin')?.toISOString()).toBe('2027-03-28T01:30:00.000Z');
    expect(parseScheduleTime('2027-09-01T06:00', 'Asia/Kolkata')?.toISOString()).toBe('2027-09-01T00:30:00.000Z');
    expect(parseScheduleTime('2027-09-01T06:00')?.toISOString()).toBe('2027-09-01T06:00:00.000Z');
    expect(parseScheduleTime('2027-09-01T06:00:00+02:00', 'America/New_York')?.toISOString()).toBe('2027-09-01T04:00:00.000Z');
    expect(parseScheduleTime('2027-02-30T06:00', 'Europe/Berlin')).toBeNull();
  });
});
