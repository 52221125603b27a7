import { defineRule } from '../rule.js';
import { checkRuns } from './runs.js';

/**
 * MAX_CONSECUTIVE_LONG_SHIFTS — at most `maxShifts` consecutive long shifts (> 10 h), then 48 h rest. NHS doctors'
 * 2016 terms, schedule 3 (4 since the 2019 amendments; 5 before). Penalty: shifts over; minutes short of the rest.
 */
export const maxConsecutiveLongShifts = defineRule({
  code: 'MAX_CONSECUTIVE_LONG_SHIFTS',
  scope: 'STAFF',
  judges: 'EDIT',
  personalDetails: true,
  defaultSeverity: 'HARD',
  requiredParams: ['maxShifts'],
  summary: 'consecutive shifts over 10 h, then 48 h rest',
  unit: 'SHIFTS',
  check(n, staff, schedule, cfg, emit) {
    checkRuns(
      n,
      staff,
      schedule,
      'long',
      'long shifts',
      cfg.params.maxShifts,
      cfg.params.restAfterMinutes,
      emit,
    );
  },
});
