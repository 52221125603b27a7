import { defineRule } from '../rule.js';
import { checkRuns } from './runs.js';

/**
 * MAX_CONSECUTIVE_LATE_SHIFTS — at most `maxShifts` consecutive long evening shifts (> 10 h, ending after 23:00),
 * then 48 h rest. NHS doctors' 2016 terms as amended 2019. Penalty: shifts over; minutes short of the rest.
 */
export const maxConsecutiveLateShifts = defineRule({
  code: 'MAX_CONSECUTIVE_LATE_SHIFTS',
  scope: 'STAFF',
  judges: 'EDIT',
  personalDetails: true,
  defaultSeverity: 'HARD',
  requiredParams: ['maxShifts'],
  summary: 'consecutive long evening shifts (> 10 h ending after 23:00), then 48 h rest',
  unit: 'SHIFTS',
  check(n, staff, schedule, cfg, emit) {
    checkRuns(
      n,
      staff,
      schedule,
      'longLate',
      'long evening shifts',
      cfg.params.maxShifts,
      cfg.params.restAfterMinutes,
      emit,
    );
  },
});
