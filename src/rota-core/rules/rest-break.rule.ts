import { defineRule } from '../rule.js';
import { duration, ms, shiftLabel, who } from './format.js';
import { youngOn } from './helpers.js';

/**
 * REST_BREAK — a shift longer than `afterMinutes` (6 h) includes an unpaid break of at least `minBreakMinutes`
 * (20 min); for a worker under 18, more than 4.5 h needs 30 min. WTR 1998 reg. 12. The break is the one recorded
 * on the shift (type). Penalty: minutes of break missing.
 */
export const restBreak = defineRule({
  code: 'REST_BREAK',
  scope: 'STAFF',
  screening: true,
  judges: 'EDIT',
  personalDetails: true,
  defaultSeverity: 'HARD',
  requiredParams: ['afterMinutes', 'minBreakMinutes'],
  summary: 'a rest break on shifts longer than 6 h',
  unit: 'MINUTES',
  check(n, staff, schedule, cfg, emit) {
    for (const s of schedule.shifts) {
      if (!s.inRota) continue;
      const young = youngOn(staff.adultFrom, s.day) && cfg.params.youngAfterMinutes != null;
      const after = young ? cfg.params.youngAfterMinutes! : cfg.params.afterMinutes!;
      const need = young
        ? (cfg.params.youngMinBreakMinutes ?? cfg.params.minBreakMinutes!)
        : cfg.params.minBreakMinutes!;
      const length = s.end - s.start;
      const taken = s.fact.unpaidBreakMinutes;
      if (length <= after || taken >= need) continue;
      emit({
        penalty: need - taken,
        staffId: staff.id,
        shiftIds: [s.id],
        windowStart: ms(s.start),
        windowEnd: ms(s.end),
        measured: taken,
        limit: need,
        message: () =>
          `${shiftLabel(n, s)} lasts ${duration(length)} with a ${duration(taken)} break: ${who(staff)} needs at least ${duration(need)}${young ? ' (under 18)' : ''}`,
      });
    }
  },
});
