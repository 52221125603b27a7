import { defineRule } from '../rule.js';
import { day, hours, ms, who } from './format.js';
import { workWithin } from './helpers.js';

const WEEK = 7 * 24 * 60;

/**
 * MAX_HOURS_ROLLING_7_DAYS — at most `maxMinutes` (72 h) of work in any 168 consecutive hours, windows starting
 * at each shift's start. NHS doctors' 2016 terms, schedule 3. The worst window is reported.
 * Penalty: minutes over the limit.
 */
export const maxHoursRolling7Days = defineRule({
  code: 'MAX_HOURS_ROLLING_7_DAYS',
  scope: 'STAFF',
  judges: 'EDIT',
  personalDetails: true,
  defaultSeverity: 'HARD',
  requiredParams: ['maxMinutes'],
  summary: 'at most 72 h in any 168 h',
  unit: 'MINUTES',
  check(_n, staff, schedule, cfg, emit) {
    const limit = cfg.params.maxMinutes!;
    let worst: { total: number; from: number } | undefined;
    for (let a = 0; a < schedule.shifts.length; a++) {
      const from = schedule.shifts[a]!.start;
      const to = from + WEEK;
      let total = 0;
      let touches = false;
      for (let b = a; b < schedule.shifts.length; b++) {
        const s = schedule.shifts[b]!;
        if (s.start >= to) break;
        total += workWithin(s, from, to);
        if (s.inRota) touches = true;
      }
      if (touches && total > limit && (!worst || total > worst.total)) worst = { total, from };
    }
    if (!worst) return;
    const ids = schedule.idsStartingWithin(worst.from, worst.from + WEEK);
    emit({
      penalty: Math.round(worst.total - limit),
      staffId: staff.id,
      shiftIds: ids,
      windowStart: ms(worst.from),
      windowEnd: ms(worst.from + WEEK),
      measured: Math.round(worst.total),
      limit,
      message: () =>
        `${who(staff)} works ${hours(worst.total)} in the 168 hours from ${day(schedule.shifts.find((s) => s.start === worst.from)!.day)}: at most ${hours(limit)}`,
    });
  },
});
