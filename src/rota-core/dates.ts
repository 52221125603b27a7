import { DateTime } from 'luxon';
import type { IsoDate } from './passport.js';

/** The zone used for "today" when no team is involved (staff records, credentials). */
export const DEFAULT_ZONE = 'Europe/London';

/** The local calendar date of an instant in a zone. */
export function localDateOf(instant: Date, zone: string = DEFAULT_ZONE): IsoDate {
  return DateTime.fromJSDate(instant, { zone }).toISODate()!;
}

/** `date` plus whole months, clamped to the month's end (31 Jan + 1 month = 28/29 Feb). */
export function addMonths(date: IsoDate, months: number): IsoDate {
  return DateTime.fromISO(date, { zone: 'UTC' }).plus({ months }).toISODate()!;
}

export function addDays(date: IsoDate, days: number): IsoDate {
  return DateTime.fromISO(date, { zone: 'UTC' }).plus({ days }).toISODate()!;
}

/** Whole days from `a` to `b` (negative when b is earlier). */
export function daysBetween(a: IsoDate, b: IsoDate): number {
  return Math.round(
    DateTime.fromISO(b, { zone: 'UTC' }).diff(DateTime.fromISO(a, { zone: 'UTC' }), 'days').days,
  );
}

/** The date someone born on `dateOfBirth` turns `years` old (29 February birthdays fall on 1 March in other years). */
export function birthday(dateOfBirth: IsoDate, years: number): IsoDate {
  const y = Number(dateOfBirth.slice(0, 4)) + years;
  const md = dateOfBirth.slice(5);
  const leap = (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0;
  return md === '02-29' && !leap ? `${y}-03-01` : `${y}-${md}`;
}

/** Age in whole years on a date (a birthday counts from that day; 29 Feb birthdays from 1 Mar in other years). */
export function ageOn(dateOfBirth: IsoDate, on: IsoDate): number {
  const [by, bm, bd] = dateOfBirth.split('-').map(Number) as [number, number, number];
  const [y, m, d] = on.split('-').map(Number) as [number, number, number];
  return y - by - (m < bm || (m === bm && d < bd) ? 1 : 0);
}
