import { defineRule } from '../rule.js';
import { day, ms, who } from './format.js';

/**
 * ONE_SHIFT_PER_DAY — at most `maxPerDay` (1) shifts starting on one local date (Curtois & Qu hard constraint 1;
 * off in the SOCIAL_CARE preset, where split shifts are normal). Penalty: shifts over the limit.
 */
export const oneShiftPerDay = defineRule({
  code: 'ONE_SHIFT_PER_DAY',
  scope: 'STAFF',
  screening: true,
  judges: 'EDIT',
  personalDetails: false,
  defaultSeverity: 'HARD',
  requiredParams: ['maxPerDay'],
  summary: 'at most one shift starting on a local date',
  unit: 'SHIFTS',
  check(n, staff, schedule, cfg, emit) {
    const max = cfg.params.maxPerDay!;
    // The schedule is sorted by start, so shifts starting on one day are next to each other.
    for (let a = 0; a < schedule.shifts.length;) {
      const d = schedule.shifts[a]!.day;
      let b = a;
      let touches = false;
      while (b < schedule.shifts.length && schedule.shifts[b]!.day === d) {
        if (schedule.shifts[b]!.inRota) touches = true;
        b++;
      }
      const count = b - a;
      if (count > max && touches) {
        emit({
          penalty: count - max,
          staffId: staff.id,
          shiftIds: schedule.shifts.slice(a, b).map((s) => s.id),
          windowStart: ms(n.midnight(d)),
          windowEnd: ms(n.midnight(d + 1)),
          measured: count,
          limit: max,
          message: () => `${who(staff)} has ${count} shifts starting on ${day(d)}: at most ${max}`,
        });
      }
      a = b;
    }
  },
});
