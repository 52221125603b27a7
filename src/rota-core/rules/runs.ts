import type { NShift, NStaff, Normalised } from '../normalise.js';
import type { Emit } from '../rule.js';
import { ScheduleView, type DayFilter } from '../schedule-view.js';
import { day, duration, ms, who } from './format.js';

/**
 * The "N consecutive, then a long rest" pattern shared by the run rules: runs of consecutive days with a
 * qualifying shift may be at most `maxShifts` long, and a run that reaches the limit must be followed by at least
 * `restAfterMinutes` before the next shift. Penalties: days over the limit; minutes short of the rest.
 */
export function checkRuns(
  n: Normalised,
  staff: NStaff,
  schedule: ScheduleView,
  filter: DayFilter,
  what: string,
  maxShifts: number | null | undefined,
  restAfterMinutes: number | null | undefined,
  emit: Emit,
): void {
  if (maxShifts === null || maxShifts === undefined || !schedule.hasRotaShift) return;
  const keep = ScheduleView.KEEP[filter];
  const shifts = schedule.shifts;
  const idsOf = (first: number, last: number) => schedule.between(first, last, keep).map((s) => s.id);
  for (const [first, last] of schedule.runs(filter)) {
    const length = last - first + 1;
    const needsRest = restAfterMinutes !== null && restAfterMinutes !== undefined && length >= maxShifts;
    if (length <= maxShifts && !needsRest) continue;
    if (!schedule.rotaShiftBetween(first, last)) continue;
    if (length > maxShifts) {
      emit({
        penalty: length - maxShifts,
        staffId: staff.id,
        shiftIds: idsOf(first, last),
        windowStart: ms(n.midnight(first)),
        windowEnd: ms(n.midnight(last + 1)),
        measured: length,
        limit: maxShifts,
        message: () =>
          `${who(staff)} works ${length} consecutive ${what} from ${day(first)} to ${day(last)}: at most ${maxShifts}`,
      });
    }
    if (!needsRest) continue;
    // The rest after the run: from its last qualifying shift's end to the next shift starting after it.
    let lastEnd = -Infinity;
    let k = 0;
    for (; k < shifts.length && shifts[k]!.day <= last; k++) {
      const s = shifts[k]!;
      if (s.day >= first && keep(s) && s.end > lastEnd) lastEnd = s.end;
    }
    let next: NShift | undefined;
    for (; k < shifts.length; k++) {
      if (shifts[k]!.start >= lastEnd) {
        next = shifts[k];
        break;
      }
    }
    if (!next) continue;
    const rest = next.start - lastEnd;
    if (rest >= restAfterMinutes!) continue;
    emit({
      penalty: restAfterMinutes! - rest,
      staffId: staff.id,
      shiftIds: [...idsOf(first, last), next.id],
      windowStart: ms(lastEnd),
      windowEnd: ms(next.start),
      measured: rest,
      limit: restAfterMinutes!,
      message: () =>
        `${who(staff)} has ${duration(rest)} rest after ${length} consecutive ${what} ending ${day(last)}: at least ${duration(restAfterMinutes!)} needed`,
    });
  }
}
