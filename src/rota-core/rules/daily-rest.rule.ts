import type { NShift } from '../normalise.js';
import { defineRule } from '../rule.js';
import { duration, ms, shiftLabel, who } from './format.js';
import { youngOn } from './helpers.js';

/**
 * DAILY_REST — rest between the end of one shift and the start of the next is at least `minRestMinutes`
 * (11 h; 12 h for a worker under 18 at the later shift). WTR 1998 regs 10(1) and 10(2). Exactly the limit is
 * fine. Penalty: minutes short of the required rest.
 */
export const dailyRest = defineRule({
  code: 'DAILY_REST',
  scope: 'STAFF',
  screening: true,
  judges: 'EDIT',
  personalDetails: true,
  defaultSeverity: 'HARD',
  requiredParams: ['minRestMinutes'],
  summary: 'rest between the end of one shift and the start of the next',
  unit: 'MINUTES',
  check(n, staff, schedule, cfg, emit) {
    let p: NShift | undefined;
    let prevEnd = -Infinity;
    for (const s of schedule.shifts) {
      const before = p;
      if (before && s.start >= prevEnd) {
        if (before.inRota || s.inRota) {
          const young = youngOn(staff.adultFrom, s.day) && cfg.params.youngMinRestMinutes != null;
          const limit = young ? cfg.params.youngMinRestMinutes! : cfg.params.minRestMinutes!;
          const rest = s.start - prevEnd;
          if (rest < limit) {
            emit({
              penalty: limit - rest,
              staffId: staff.id,
              shiftIds: [before.id, s.id],
              windowStart: ms(prevEnd),
              windowEnd: ms(s.start),
              measured: rest,
              limit,
              message: () =>
                `${who(staff)} has ${duration(rest)} rest between ${shiftLabel(n, before)} and ${shiftLabel(n, s)}: at least ${duration(limit)} needed${young ? ' (under 18)' : ''}`,
            });
          }
        }
      }
      if (!p || s.end > prevEnd) {
        prevEnd = Math.max(prevEnd, s.end);
        p = s;
      }
    }
  },
});
