import { defineRule } from '../rule.js';
import { hours, ms, who } from './format.js';

/**
 * CONTRACTED_HOURS (soft) — rostered hours over the rota (at every team) stay within `tolerancePercent` of the
 * contracted hours pro rata (hours a week × days ÷ 7). Zero-hours contracts are skipped.
 * Penalty: minutes outside the tolerance.
 */
export const contractedHours = defineRule({
  code: 'CONTRACTED_HOURS',
  scope: 'STAFF',
  defaultSeverity: 'SOFT',
  requiredParams: ['tolerancePercent'],
  summary: 'rostered hours against contracted hours, pro rata',
  check(n, staff, schedule, cfg, emit) {
    const weekly = staff.fact.contractedMinutesPerWeek;
    if (weekly <= 0) return;
    const days = n.rotaEndDay - n.rotaStartDay + 1;
    const expected = (weekly * days) / 7;
    const tolerance = (expected * cfg.params.tolerancePercent!) / 100;
    let total = 0;
    let touches = false;
    for (const s of schedule.shifts) {
      if (s.day < n.rotaStartDay || s.day > n.rotaEndDay) continue;
      total += s.work;
      if (s.inRota) touches = true;
    }
    const off = Math.abs(total - expected) - tolerance;
    if (off <= 0 || (!touches && total > 0)) return;
    emit({
      penalty: Math.round(off),
      staffId: staff.id,
      shiftIds: schedule.idsStartingBetween(n.rotaStartDay, n.rotaEndDay + 1),
      windowStart: ms(n.rotaStart),
      windowEnd: ms(n.rotaEnd),
      measured: total,
      limit: Math.round(expected),
      message: () =>
        `${who(staff)} is rostered ${hours(total)} against ${hours(expected)} contracted for these ${days} days (± ${cfg.params.tolerancePercent}%)`,
    });
  },
});
