import { defineRule } from '../rule.js';
import { duration, ms, who } from './format.js';
import { rotaMinutes, rotaShiftIds } from './total-minutes.js';

/** MIN_TOTAL_MINUTES — at least the person's minimum working minutes over the rota (Curtois MinTotalMinutes). Penalty: minutes short. */
export const minTotalMinutes = defineRule({
  code: 'MIN_TOTAL_MINUTES',
  scope: 'STAFF',
  judges: 'PUBLICATION',
  personalDetails: true,
  defaultSeverity: 'HARD',
  requiredParams: [],
  summary: 'at least the person’s minimum minutes over the rota',
  unit: 'MINUTES',
  check(n, staff, schedule, _cfg, emit) {
    const min = staff.fact.limits?.minTotalMinutes;
    if (min === undefined) return;
    const total = rotaMinutes(schedule);
    if (total >= min) return;
    emit({
      penalty: min - total,
      staffId: staff.id,
      shiftIds: rotaShiftIds(schedule),
      windowStart: ms(n.rotaStart),
      windowEnd: ms(n.rotaEnd),
      measured: total,
      limit: min,
      message: () => `${who(staff)} works ${duration(total)} over the rota: at least ${duration(min)}`,
    });
  },
});
