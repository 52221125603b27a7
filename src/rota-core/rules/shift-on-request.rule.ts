import { defineRule } from '../rule.js';
import { day, ms, who } from './format.js';

/**
 * SHIFT_ON_REQUEST (soft) — a requested shift (type on a day, within the rota) that is not given costs the
 * request's weight (Curtois SECTION_SHIFT_ON_REQUESTS). Penalty: the weight.
 */
export const shiftOnRequest = defineRule({
  code: 'SHIFT_ON_REQUEST',
  scope: 'STAFF',
  judges: 'PUBLICATION',
  personalDetails: true,
  defaultSeverity: 'SOFT',
  requiredParams: [],
  summary: 'weight when a requested shift is not given',
  unit: 'OCCURRENCES',
  check(n, staff, schedule, _cfg, emit) {
    for (const r of staff.requests) {
      if (r.kind !== 'ON' || r.day < n.rotaStartDay || r.day > n.rotaEndDay) continue;
      if (schedule.shifts.some((s) => s.day === r.day && s.typeIndex === r.typeIndex)) continue;
      const code = n.facts.shiftTypes[r.typeIndex]!.code;
      emit({
        penalty: r.weight,
        staffId: staff.id,
        shiftIds: [],
        windowStart: ms(n.midnight(r.day)),
        windowEnd: ms(n.midnight(r.day + 1)),
        measured: 0,
        limit: 1,
        message: () => `${who(staff)} asked to work ${code} on ${day(r.day)} and is not rostered on it`,
      });
    }
  },
});
