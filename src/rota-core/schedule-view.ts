import type { NShift, Normalised } from './normalise.js';

type DayFilter = 'all' | 'night' | 'long' | 'longLate';

const KEEP: Record<DayFilter, (s: NShift) => boolean> = {
  all: () => true,
  night: (s) => s.night,
  long: (s) => s.long,
  longLate: (s) => s.long && s.late,
};

/**
 * One person's shifts (in start order) as the staff rules see them, with what several rules need computed once:
 * the shifts themselves, their distinct start days and the runs of consecutive days.
 */
export class ScheduleView {
  readonly shifts: NShift[];
  readonly hasRotaShift: boolean;
  private readonly dayCache: Partial<Record<DayFilter, number[]>> = {};
  private readonly runCache: Partial<Record<DayFilter, Array<[number, number]>>> = {};

  constructor(
    n: Normalised,
    /** Shift indices, sorted by start. */
    readonly order: readonly number[],
  ) {
    this.shifts = new Array<NShift>(order.length);
    let rota = false;
    for (let k = 0; k < order.length; k++) {
      const s = n.shifts[order[k]!]!;
      this.shifts[k] = s;
      rota ||= s.inRota;
    }
    this.hasRotaShift = rota;
  }

  get length(): number {
    return this.shifts.length;
  }

  /** Sorted distinct start days of the shifts passing the filter. */
  days(filter: DayFilter = 'all'): number[] {
    let days = this.dayCache[filter];
    if (!days) {
      days = [];
      const keep = KEEP[filter];
      for (const s of this.shifts) if (keep(s) && days[days.length - 1] !== s.day) days.push(s.day);
      this.dayCache[filter] = days;
    }
    return days;
  }

  /** Runs of consecutive days among `days(filter)`: [first, last] pairs. */
  runs(filter: DayFilter = 'all'): Array<[number, number]> {
    let runs = this.runCache[filter];
    if (!runs) {
      runs = [];
      for (const d of this.days(filter)) {
        const last = runs[runs.length - 1];
        if (last && d === last[1] + 1) last[1] = d;
        else runs.push([d, d]);
      }
      this.runCache[filter] = runs;
    }
    return runs;
  }

  /** Is any shift of the rota being checked among those starting on days [from, to]? */
  rotaShiftBetween(from: number, to: number): boolean {
    for (const s of this.shifts) if (s.inRota && s.day >= from && s.day <= to) return true;
    return false;
  }

  /** Shifts passing `keep` that start on days [from, to]. */
  between(from: number, to: number, keep: (s: NShift) => boolean = KEEP.all): NShift[] {
    const out: NShift[] = [];
    for (const s of this.shifts) if (s.day >= from && s.day <= to && keep(s)) out.push(s);
    return out;
  }

  /** Ids of the shifts starting on days [fromDay, toDay). */
  idsStartingBetween(fromDay: number, toDay: number): string[] {
    const ids: string[] = [];
    for (const s of this.shifts) if (s.day >= fromDay && s.day < toDay) ids.push(s.id);
    return ids;
  }

  /** Ids of the shifts starting at or after `from` and before `to` (epoch minutes). */
  idsStartingWithin(from: number, to: number): string[] {
    const ids: string[] = [];
    for (const s of this.shifts) if (s.start >= from && s.start < to) ids.push(s.id);
    return ids;
  }

  static readonly KEEP = KEEP;
}

export type { DayFilter };
