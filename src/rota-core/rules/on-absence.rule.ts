import { defineRule } from '../rule.js';
import { ms, shiftLabel, who } from './format.js';

/**
 * ON_ABSENCE — nobody is rostered on a day of their approved absence (leave, sickness, training…); a shift
 * belongs to the day it starts. Penalty: 1 per shift.
 */
export const onAbsence = defineRule({
  code: 'ON_ABSENCE',
  scope: 'STAFF',
  screening: true,
  judges: 'EDIT',
  personalDetails: true,
  defaultSeverity: 'HARD',
  requiredParams: [],
  summary: 'not rostered during approved absence',
  unit: 'OCCURRENCES',
  check(n, staff, schedule, _cfg, emit) {
    if (staff.absences.length === 0) return;
    for (const s of schedule.shifts) {
      if (!s.inRota) continue;
      const absence = staff.absences.find(([from, to]) => s.day >= from && s.day <= to);
      if (!absence) continue;
      emit({
        penalty: 1,
        staffId: staff.id,
        shiftIds: [s.id],
        windowStart: ms(n.midnight(absence[0])),
        windowEnd: ms(n.midnight(absence[1] + 1)),
        measured: 1,
        limit: 0,
        message: () => `${who(staff)} has approved absence on the day of ${shiftLabel(n, s)}`,
      });
    }
  },
});
