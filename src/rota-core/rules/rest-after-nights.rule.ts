import { defineRule } from '../rule.js';
import { day, duration, ms, who } from './format.js';

/**
 * REST_AFTER_NIGHTS — after any run of night shifts, at least `minRestMinutes` (46 h) before the next shift.
 * NHS doctors' 2016 terms, schedule 3. Penalty: minutes short of the rest.
 */
export const restAfterNights = defineRule({
  code: 'REST_AFTER_NIGHTS',
  scope: 'STAFF',
  judges: 'EDIT',
  personalDetails: true,
  defaultSeverity: 'HARD',
  requiredParams: ['minRestMinutes'],
  summary: '46 h rest after any run of nights',
  unit: 'MINUTES',
  check(_n, staff, schedule, cfg, emit) {
    const need = cfg.params.minRestMinutes!;
    for (const [first, last] of schedule.runs('night')) {
      let lastEnd = -Infinity;
      const ids: string[] = [];
      for (const s of schedule.shifts) {
        if (s.night && s.day >= first && s.day <= last) {
          lastEnd = Math.max(lastEnd, s.end);
          ids.push(s.id);
        }
      }
      const next = schedule.shifts.find((s) => s.start >= lastEnd && !(s.night && s.day <= last));
      if (!next) continue;
      if (!next.inRota && !schedule.rotaShiftBetween(first, last)) continue;
      const rest = next.start - lastEnd;
      if (rest >= need) continue;
      emit({
        penalty: need - rest,
        staffId: staff.id,
        shiftIds: [...ids, next.id],
        windowStart: ms(lastEnd),
        windowEnd: ms(next.start),
        measured: rest,
        limit: need,
        message: () =>
          `${who(staff)} has ${duration(rest)} rest after ${last - first + 1} night(s) ending ${day(last)}: at least ${duration(need)} needed`,
      });
    }
  },
});
