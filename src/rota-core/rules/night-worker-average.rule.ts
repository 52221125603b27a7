import { defineRule } from '../rule.js';
import { day, hours, ms, who } from './format.js';
import { referenceWindows } from './reference-windows.js';

/**
 * NIGHT_WORKER_AVERAGE — a night worker (most of their shifts in the period have ≥ 3 h between 23:00 and
 * 06:00) works on average at most `maxMinutesPer24h` (8 h) in each 24 hours over the reference period, counted
 * as reg. 6(5) does: hours worked ÷ (days in the period − one weekly rest day per week). No opt-out.
 * WTR 1998 reg. 6. Penalty: minutes over the limit across the reference period.
 */
export const nightWorkerAverage = defineRule({
  code: 'NIGHT_WORKER_AVERAGE',
  scope: 'STAFF',
  judges: 'EDIT',
  personalDetails: true,
  defaultSeverity: 'HARD',
  requiredParams: ['maxMinutesPer24h', 'referenceWeeks'],
  summary: 'night workers average at most 8 h per 24 h',
  unit: 'MINUTES',
  check(n, staff, schedule, cfg, emit) {
    if (schedule.shifts.length === 0) return;
    const weeks = cfg.params.referenceWeeks!;
    const limit = cfg.params.maxMinutesPer24h!;
    const days = weeks * 7 - weeks;
    let worst: { total: number; from: number; to: number } | undefined;
    for (const [from, to] of referenceWindows(n, weeks)) {
      let total = 0;
      let nights = 0;
      let count = 0;
      let touches = false;
      for (const s of schedule.shifts) {
        if (s.day < from || s.day >= to) continue;
        total += s.work;
        count++;
        if (s.night) nights++;
        if (s.inRota) touches = true;
      }
      if (!touches || nights * 2 <= count) continue;
      if (total > limit * days && (!worst || total > worst.total)) worst = { total, from, to };
    }
    if (!worst) return;
    emit({
      penalty: Math.round(worst.total - limit * days),
      staffId: staff.id,
      shiftIds: schedule.idsStartingBetween(worst.from, worst.to),
      windowStart: ms(n.midnight(worst.from)),
      windowEnd: ms(n.midnight(worst.to)),
      measured: Math.round(worst.total / days),
      limit,
      message: () =>
        `${who(staff)} is a night worker averaging ${hours(worst.total / days)} per 24 hours over the ${weeks} weeks to ${day(worst.to - 1)}: the limit is ${hours(limit)}`,
    });
  },
});
