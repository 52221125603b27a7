import { defineRule } from '../rule.js';
import { day, ms, who } from './format.js';

/**
 * MIN_CONSECUTIVE_SHIFTS — no run of consecutive worked days is shorter than the person's minimum (else the team's
 * `minShifts`; the person's own limit wins when set), except a run
 * touching the rota's first or last day (Curtois & Qu hard constraint 6). Penalty: days short, per run.
 */
export const minConsecutiveShifts = defineRule({
  code: 'MIN_CONSECUTIVE_SHIFTS',
  scope: 'STAFF',
  judges: 'PUBLICATION',
  personalDetails: true,
  defaultSeverity: 'HARD',
  requiredParams: [],
  summary: 'shortest run of worked days (runs at the rota’s edges exempt)',
  unit: 'DAYS',
  check(n, staff, schedule, cfg, emit) {
    const min = staff.fact.limits?.minConsecutiveShifts ?? cfg.params.minShifts ?? undefined;
    if (min === undefined || min <= 1) return;
    for (const [runFirst, runLast] of schedule.runs()) {
      // Only the part of a run inside the rota counts; a run touching its first or last day is exempt.
      const first = Math.max(runFirst, n.rotaStartDay);
      const last = Math.min(runLast, n.rotaEndDay);
      if (first > last) continue;
      const length = last - first + 1;
      if (length >= min || first === n.rotaStartDay || last === n.rotaEndDay) continue;
      emit({
        penalty: min - length,
        staffId: staff.id,
        shiftIds: schedule.between(first, last).map((s) => s.id),
        windowStart: ms(n.midnight(first)),
        windowEnd: ms(n.midnight(last + 1)),
        measured: length,
        limit: min,
        message: () =>
          `${who(staff)} works a run of ${length} day(s) from ${day(first)}: at least ${min} in a row`,
      });
    }
  },
});
