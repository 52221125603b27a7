import { defineRule } from '../rule.js';
import { day, hours, ms, who } from './format.js';
import { referenceWindows } from './reference-windows.js';

/**
 * AVERAGE_WEEKLY_HOURS — working time averaged over the reference period is at most `maxMinutesPerWeek`
 * (48 h over 17 weeks; 26 weeks for hospitals and care homes; the doctors' 2016 terms: 48 h over 26 weeks, or
 * `optedOutMaxMinutesPerWeek` = 56 h when opted out). WTR 1998 reg. 4; skipped for someone who has signed the
 * reg. 5 opt-out unless an opted-out limit is set. Windows end after each rota week; the worst is reported.
 * Penalty: minutes over the limit across the reference period.
 */
export const averageWeeklyHours = defineRule({
  code: 'AVERAGE_WEEKLY_HOURS',
  scope: 'STAFF',
  judges: 'EDIT',
  personalDetails: true,
  defaultSeverity: 'HARD',
  requiredParams: ['maxMinutesPerWeek', 'referenceWeeks'],
  summary: 'working time averaged over the reference period',
  unit: 'MINUTES',
  check(n, staff, schedule, cfg, emit) {
    const limit = staff.fact.optOut ? cfg.params.optedOutMaxMinutesPerWeek : cfg.params.maxMinutesPerWeek;
    if (limit === null || limit === undefined || schedule.shifts.length === 0) return;
    const weeks = cfg.params.referenceWeeks!;
    let worst: { total: number; from: number; to: number } | undefined;
    for (const [from, to] of referenceWindows(n, weeks)) {
      let total = 0;
      let touches = false;
      for (const s of schedule.shifts) {
        if (s.day < from || s.day >= to) continue;
        total += s.work;
        if (s.inRota) touches = true;
      }
      if (touches && total > limit * weeks && (!worst || total > worst.total)) worst = { total, from, to };
    }
    if (!worst) return;
    emit({
      penalty: Math.round(worst.total - limit * weeks),
      staffId: staff.id,
      shiftIds: schedule.idsStartingBetween(worst.from, worst.to),
      windowStart: ms(n.midnight(worst.from)),
      windowEnd: ms(n.midnight(worst.to)),
      measured: Math.round(worst.total / weeks),
      limit,
      message: () =>
        `${who(staff)} averages ${hours(worst.total / weeks)} a week over the ${weeks} weeks to ${day(worst.to - 1)}: the limit is ${hours(limit)}${staff.fact.optOut ? ' (opted out)' : ''}`,
    });
  },
});
