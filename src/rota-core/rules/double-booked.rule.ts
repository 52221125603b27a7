import { defineRule } from '../rule.js';
import { duration, ms, shiftLabel, who } from './format.js';

/**
 * DOUBLE_BOOKED — no two assignments of one person overlap in time (also a PostgreSQL exclusion constraint).
 * Penalty: minutes of overlap.
 */
export const doubleBooked = defineRule({
  code: 'DOUBLE_BOOKED',
  scope: 'STAFF',
  screening: true,
  judges: 'EDIT',
  personalDetails: true,
  defaultSeverity: 'HARD',
  requiredParams: [],
  summary: 'no two assignments of one person overlap',
  unit: 'MINUTES',
  check(n, staff, schedule, _cfg, emit) {
    for (let a = 0; a < schedule.shifts.length; a++) {
      const x = schedule.shifts[a]!;
      for (let b = a + 1; b < schedule.shifts.length; b++) {
        const y = schedule.shifts[b]!;
        if (y.start >= x.end) break;
        if (!x.inRota && !y.inRota) continue;
        const minutes = Math.min(x.end, y.end) - y.start;
        emit({
          penalty: minutes,
          staffId: staff.id,
          shiftIds: [x.id, y.id],
          windowStart: ms(y.start),
          windowEnd: ms(Math.min(x.end, y.end)),
          measured: minutes,
          limit: 0,
          message: () =>
            `${who(staff)} is booked on ${shiftLabel(n, x)} and ${shiftLabel(n, y)}, which overlap by ${duration(minutes)}`,
        });
      }
    }
  },
});
