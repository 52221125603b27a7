import { defineRule } from '../rule.js';
import { ms, shiftLabel, who } from './format.js';

/**
 * FORBIDDEN_SEQUENCE — a shift type listed as unable to follow type A does not start the day after A (e.g. night
 * → early; Curtois & Qu "ShiftsThatCannotFollow"), or a pair of shift type codes the team's rule set forbids
 * (`forbiddenSequences`). Penalty: 1 per forbidden pair.
 */
export const forbiddenSequence = defineRule({
  code: 'FORBIDDEN_SEQUENCE',
  scope: 'STAFF',
  screening: true,
  judges: 'EDIT',
  personalDetails: false,
  defaultSeverity: 'HARD',
  requiredParams: [],
  summary: 'shift type B may not start the day after type A',
  unit: 'OCCURRENCES',
  check(n, staff, schedule, _cfg, emit) {
    for (let a = 0; a < schedule.shifts.length; a++) {
      const x = schedule.shifts[a]!;
      const banned = n.cannotFollow[x.typeIndex];
      if (!banned || banned.size === 0) continue;
      for (let b = a + 1; b < schedule.shifts.length; b++) {
        const y = schedule.shifts[b]!;
        if (y.day > x.day + 1) break;
        if (y.day !== x.day + 1 || !banned.has(y.typeIndex) || !(x.inRota || y.inRota)) continue;
        emit({
          penalty: 1,
          staffId: staff.id,
          shiftIds: [x.id, y.id],
          windowStart: ms(x.start),
          windowEnd: ms(y.end),
          measured: 1,
          limit: 0,
          message: () =>
            `${who(staff)} works ${shiftLabel(n, y)} straight after ${shiftLabel(n, x)}, a sequence the team forbids`,
        });
      }
    }
  },
});
