import type { IsoDate } from './passport.js';
import { resolveLocalInstant, shiftInstants } from './time.js';

/**
 * What a shift is, derived from its real instants in its team's zone — the one definition used by the rules, the
 * API and the reports (rules.md, "Definitions"):
 * - **working minutes** = real duration (instants, so a clock change counts) − unpaid break;
 * - **night**: at least 3 hours between 23:00 and 06:00 local (WTR reg. 2; NHS 2016 terms);
 * - **long**: longer than 10 real hours;
 * - **late**: not a night, and ends after 23:00 local (or on a later local day than it starts).
 */
export interface ShiftFacts {
  realMinutes: number;
  workingMinutes: number;
  nightMinutes: number;
  night: boolean;
  long: boolean;
  late: boolean;
  /** The local day (days since 1970-01-01) of its last working minute. */
  endDay: number;
}

export const NIGHT_THRESHOLD_MINUTES = 180;
export const LONG_SHIFT_MINUTES = 600;

/** Day number of an ISO date ('1970-01-01' → 0). */
export function dayNumber(date: IsoDate): number {
  return Date.UTC(+date.slice(0, 4), +date.slice(5, 7) - 1, +date.slice(8, 10)) / 86_400_000;
}

const DATE_CACHE = new Map<number, IsoDate>();

export function dateOfDay(day: number): IsoDate {
  let date = DATE_CACHE.get(day);
  if (date === undefined) {
    date = new Date(day * 86_400_000).toISOString().slice(0, 10);
    if (DATE_CACHE.size < 100_000) DATE_CACHE.set(day, date);
  }
  return date;
}

/** Local wall-clock instants are a pure function of zone and day: memoised for the life of the process. */
const ZONE_CACHE = new Map<string, Map<number, number>>();

/** Local hours as instants (epoch minutes), computed with luxon once per zone, day and hour. */
export class DayClock {
  private readonly instants: Map<number, number>;
  constructor(private readonly zone: string) {
    let cache = ZONE_CACHE.get(zone);
    if (!cache) ZONE_CACHE.set(zone, (cache = new Map()));
    if (cache.size > 500_000) cache.clear();
    this.instants = cache;
  }

  /** The instant (epoch minutes) of `hour`:00 local on `day` (first occurrence; pushed out of a gap). */
  at(day: number, hour: number): number {
    const key = day * 24 + hour;
    let m = this.instants.get(key);
    if (m === undefined) {
      m = resolveLocalInstant(dateOfDay(day), `${String(hour).padStart(2, '0')}:00`, this.zone) / 60_000;
      this.instants.set(key, m);
    }
    return m;
  }

  midnight(day: number): number {
    return this.at(day, 0);
  }

  /** 23:00 on `day` to 06:00 the next day: the night period that starts that evening. */
  nightWindow(day: number): [number, number] {
    return [this.at(day, 23), this.at(day + 1, 6)];
  }
}

function overlap(a0: number, a1: number, b0: number, b1: number): number {
  return Math.max(0, Math.min(a1, b1) - Math.max(a0, b0));
}

/**
 * The facts of a shift from its instants (epoch minutes), the local day it starts on and its unpaid break.
 * The rules' normalisation calls this for every shift; `shiftFacts` below is the same for callers with dates.
 */
export function deriveShift(
  clock: DayClock,
  start: number,
  end: number,
  day: number,
  unpaidBreakMinutes: number,
): ShiftFacts {
  let endDay = day;
  while (clock.midnight(endDay + 1) <= end - 1) endDay++;
  let nightMinutes = 0;
  for (let d = day - 1; d <= endDay; d++) {
    const [n0, n1] = clock.nightWindow(d);
    nightMinutes += overlap(start, end, n0, n1);
  }
  const night = nightMinutes >= NIGHT_THRESHOLD_MINUTES;
  return {
    realMinutes: end - start,
    workingMinutes: end - start - unpaidBreakMinutes,
    nightMinutes,
    night,
    long: end - start > LONG_SHIFT_MINUTES,
    // After 23:00 on the wall clock of the day it ends (not "23 hours after midnight": clock changes).
    late: !night && (endDay > day || end > clock.at(endDay, 23)),
    endDay,
  };
}

/** A shift's facts from its instants, local start date and unpaid break, in its team's zone. */
export function shiftFacts(
  startsAt: Date | number,
  endsAt: Date | number,
  localDate: IsoDate,
  unpaidBreakMinutes: number,
  zone: string,
): ShiftFacts {
  const ms = (x: Date | number) => (typeof x === 'number' ? x : x.getTime());
  return deriveShift(
    new DayClock(zone),
    Math.round(ms(startsAt) / 60_000),
    Math.round(ms(endsAt) / 60_000),
    dayNumber(localDate),
    unpaidBreakMinutes,
  );
}

/** The facts a shift type has on an ordinary day (no clock change), for display. */
export function nominalShiftFacts(
  startTime: string,
  durationMinutes: number,
  unpaidBreakMinutes = 0,
): ShiftFacts {
  const r = shiftInstants('2026-01-14', startTime, durationMinutes, 'UTC');
  if (!r.ok) throw new Error(r.message);
  return shiftFacts(r.startsAt, r.endsAt, '2026-01-14', unpaidBreakMinutes, 'UTC');
}
