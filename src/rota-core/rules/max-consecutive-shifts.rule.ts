import { defineRule } from '../rule.js';
import { checkRuns } from './runs.js';

/**
 * MAX_CONSECUTIVE_SHIFTS — the longest run of consecutive worked days is at most `maxShifts` (the person's own
 * limit when they have one: Curtois MaxConsecutiveShifts); the doctors' 2016 terms: 7, then 48 h rest
 * (`restAfterMinutes`). History before the rota counts; without it, earlier days are off.
 * Penalty: days over the limit; minutes short of the rest after a full run.
 */
export const maxConsecutiveShifts = defineRule({
  code: 'MAX_CONSECUTIVE_SHIFTS',
  scope: 'STAFF',
  judges: 'EDIT',
  personalDetails: true,
  defaultSeverity: 'HARD',
  requiredParams: [],
  summary: 'longest run of worked days (doctors: 7, then 48 h rest)',
  unit: 'DAYS',
  check(n, staff, schedule, cfg, emit) {
    const max = staff.fact.limits?.maxConsecutiveShifts ?? cfg.params.maxShifts;
    checkRuns(n, staff, schedule, 'all', 'days', max, cfg.params.restAfterMinutes, emit);
  },
});
