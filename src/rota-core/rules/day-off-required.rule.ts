import { defineRule } from '../rule.js';
import { ms, shiftLabel, who } from './format.js';

/** DAY_OFF_REQUIRED — not rostered on a fixed day off (Curtois & Qu SECTION_DAYS_OFF). Penalty: 1 per shift. */
export const dayOffRequired = defineRule({
  code: 'DAY_OFF_REQUIRED',
  scope: 'STAFF',
  screening: true,
  judges: 'EDIT',
  personalDetails: true,
  defaultSeverity: 'HARD',
  requiredParams: [],
  summary: 'not rostered on a fixed day off',
  unit: 'OCCURRENCES',
  check(n, staff, schedule, _cfg, emit) {
    if (staff.fixedDaysOff.size === 0) return;
    for (const s of schedule.shifts) {
      if (!s.inRota || !staff.fixedDaysOff.has(s.day)) continue;
      emit({
        penalty: 1,
        staffId: staff.id,
        shiftIds: [s.id],
        windowStart: ms(n.midnight(s.day)),
        windowEnd: ms(n.midnight(s.day + 1)),
        measured: 1,
        limit: 0,
        message: () => `${who(staff)} must not work on the day of ${shiftLabel(n, s)} (fixed day off)`,
      });
    }
  },
});
