import { defineRule } from '../rule.js';
import { day, ms, who } from './format.js';

/**
 * SHIFT_OFF_REQUEST (soft) — an unwanted shift (type on a day) that is given costs the request's weight (Curtois
 * SECTION_SHIFT_OFF_REQUESTS). Penalty: the weight.
 */
export const shiftOffRequest = defineRule({
  code: 'SHIFT_OFF_REQUEST',
  scope: 'STAFF',
  judges: 'EDIT',
  personalDetails: true,
  defaultSeverity: 'SOFT',
  requiredParams: [],
  summary: 'weight when an unwanted shift is given',
  unit: 'OCCURRENCES',
  // One more shift can only be one more unwanted one.
  maxDropWhenAdding: () => 0,
  check(n, staff, schedule, _cfg, emit) {
    for (const r of staff.requests) {
      if (r.kind !== 'OFF' || r.day < n.rotaStartDay || r.day > n.rotaEndDay) continue;
      const s = schedule.shifts.find((x) => x.day === r.day && x.typeIndex === r.typeIndex);
      if (s === undefined) continue;
      emit({
        penalty: r.weight,
        staffId: staff.id,
        shiftIds: [s.id],
        windowStart: ms(s.start),
        windowEnd: ms(s.end),
        measured: 1,
        limit: 0,
        message: () =>
          `${who(staff)} asked not to work ${n.facts.shiftTypes[r.typeIndex]!.code} on ${day(r.day)} and is rostered on it`,
      });
    }
  },
});
