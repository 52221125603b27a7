import { defineRule } from '../rule.js';
import { day, duration, ms, who } from './format.js';
import { youngOn } from './helpers.js';

/** 1970-01-05 was a Monday: reference periods start on Mondays at 00:00 local (WTR reg. 11(6)). */
const FIRST_MONDAY = 4;

/**
 * WEEKLY_REST — an uninterrupted rest of `minRestMinutes` in each reference period of `periodDays` (24 h in 7
 * days, or 48 h in 14 by parameter); 48 h in each 7 days for a worker under 18. WTR 1998 reg. 11. Periods start
 * on Mondays; days outside the known history count as rest. Penalty: minutes short of the required rest.
 */
export const weeklyRest = defineRule({
  code: 'WEEKLY_REST',
  scope: 'STAFF',
  judges: 'EDIT',
  personalDetails: true,
  defaultSeverity: 'HARD',
  requiredParams: ['minRestMinutes', 'periodDays'],
  summary: 'uninterrupted weekly rest in each reference period',
  unit: 'MINUTES',
  check(n, staff, schedule, cfg, emit) {
    const young = youngOn(staff.adultFrom, n.rotaStartDay) && cfg.params.youngMinRestMinutes != null;
    const periodDays = young ? 7 : cfg.params.periodDays!;
    const need = young ? cfg.params.youngMinRestMinutes! : cfg.params.minRestMinutes!;
    const offset = (((n.rotaStartDay - FIRST_MONDAY) % periodDays) + periodDays) % periodDays;
    for (let p0 = n.rotaStartDay - offset; p0 <= n.rotaEndDay; p0 += periodDays) {
      const from = n.midnight(p0);
      const to = n.midnight(p0 + periodDays);
      let cursor = from;
      let longest = 0;
      let touchesRota = false;
      for (const s of schedule.shifts) {
        if (s.end <= from) continue;
        if (s.start >= to) break;
        if (s.inRota) touchesRota = true;
        longest = Math.max(longest, s.start - cursor);
        cursor = Math.max(cursor, s.end);
      }
      if (!touchesRota) continue;
      longest = Math.max(longest, to - cursor);
      if (longest >= need) continue;
      emit({
        penalty: need - longest,
        staffId: staff.id,
        shiftIds: schedule.shifts.filter((s) => s.end > from && s.start < to).map((s) => s.id),
        windowStart: ms(from),
        windowEnd: ms(to),
        measured: longest,
        limit: need,
        message: () =>
          `${who(staff)}'s longest rest in the ${periodDays} days from ${day(p0)} is ${duration(longest)}: at least ${duration(need)} uninterrupted is needed${young ? ' (under 18)' : ''}`,
      });
    }
  },
});
