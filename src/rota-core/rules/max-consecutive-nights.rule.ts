import { defineRule } from '../rule.js';
import { checkRuns } from './runs.js';

/**
 * MAX_CONSECUTIVE_NIGHTS — at most `maxShifts` (4) consecutive night shifts (≥ 3 h between 23:00 and 06:00).
 * NHS doctors' 2016 terms as amended 2019. Penalty: nights over the limit.
 */
export const maxConsecutiveNights = defineRule({
  code: 'MAX_CONSECUTIVE_NIGHTS',
  scope: 'STAFF',
  judges: 'EDIT',
  personalDetails: true,
  defaultSeverity: 'HARD',
  requiredParams: ['maxShifts'],
  summary: 'consecutive night shifts',
  unit: 'SHIFTS',
  check(n, staff, schedule, cfg, emit) {
    checkRuns(n, staff, schedule, 'night', 'nights', cfg.params.maxShifts, null, emit);
  },
});
