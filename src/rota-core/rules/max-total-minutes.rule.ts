import { defineRule } from '../rule.js';
import { duration, ms, who } from './format.js';
import { rotaMinutes, rotaShiftIds } from './total-minutes.js';

/** MAX_TOTAL_MINUTES — at most the person's maximum working minutes over the rota (Curtois MaxTotalMinutes). Penalty: minutes over. */
export const maxTotalMinutes = defineRule({
  code: 'MAX_TOTAL_MINUTES',
  scope: 'STAFF',
  judges: 'EDIT',
  personalDetails: true,
  defaultSeverity: 'HARD',
  requiredParams: [],
  summary: 'at most the person’s maximum minutes over the rota',
  unit: 'MINUTES',
  check(n, staff, schedule, _cfg, emit) {
    const max = staff.fact.limits?.maxTotalMinutes;
    if (max === undefined) return;
    const total = rotaMinutes(schedule);
    if (total <= max) return;
    emit({
      penalty: total - max,
      staffId: staff.id,
      shiftIds: rotaShiftIds(schedule),
      windowStart: ms(n.rotaStart),
      windowEnd: ms(n.rotaEnd),
      measured: total,
      limit: max,
      message: () => `${who(staff)} works ${duration(total)} over the rota: at most ${duration(max)}`,
    });
  },
});
