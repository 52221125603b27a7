import { defineRule } from '../rule.js';
import { day, ms, who } from './format.js';

/**
 * MIN_CONSECUTIVE_DAYS_OFF — no run of days off is shorter than the person's minimum (else the team's
 * `minDaysOff`; the person's own limit wins when set), except a run touching the
 * rota's first or last day (Curtois & Qu hard constraint 7). Penalty: days short, per run.
 */
export const minConsecutiveDaysOff = defineRule({
  code: 'MIN_CONSECUTIVE_DAYS_OFF',
  scope: 'STAFF',
  screening: true,
  judges: 'PUBLICATION',
  personalDetails: true,
  defaultSeverity: 'HARD',
  requiredParams: [],
  summary: 'shortest run of days off (runs at the rota’s edges exempt)',
  unit: 'DAYS',
  check(n, staff, schedule, cfg, emit) {
    const min = staff.fact.limits?.minConsecutiveDaysOff ?? cfg.params.minDaysOff ?? undefined;
    if (min === undefined || min <= 1) return;
    // Days off are the gaps between runs of worked days; only gaps inside the rota that touch neither edge count.
    const runs = schedule.runs();
    for (let k = 0; k + 1 < runs.length; k++) {
      const first = runs[k]![1] + 1;
      const last = runs[k + 1]![0] - 1;
      const length = last - first + 1;
      if (length >= min || first <= n.rotaStartDay || last >= n.rotaEndDay) continue;
      emit({
        penalty: min - length,
        staffId: staff.id,
        shiftIds: [],
        windowStart: ms(n.midnight(first)),
        windowEnd: ms(n.midnight(last + 1)),
        measured: length,
        limit: min,
        message: () =>
          `${who(staff)} has only ${length} day(s) off from ${day(first)}: at least ${min} in a row`,
      });
    }
  },
});
