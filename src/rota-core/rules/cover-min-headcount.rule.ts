import { defineRule } from '../rule.js';
import { ms, shiftLabel } from './format.js';

/**
 * COVER_MIN_HEADCOUNT — a shift has at least its minimum number of people (safe staffing).
 * Penalty: people short of the minimum.
 */
export const coverMinHeadcount = defineRule({
  code: 'COVER_MIN_HEADCOUNT',
  scope: 'SHIFT',
  monotoneUnderAdding: true,
  defaultSeverity: 'HARD',
  requiredParams: [],
  summary: 'assigned people ≥ the shift’s minimum',
  check(n, shift, assigned, _cfg, emit) {
    const min = shift.fact.minHeadcount;
    if (!shift.inRota || assigned.length >= min) return;
    emit({
      penalty: min - assigned.length,
      staffId: null,
      shiftIds: [shift.id],
      windowStart: ms(shift.start),
      windowEnd: ms(shift.end),
      measured: assigned.length,
      limit: min,
      message: () =>
        `${shiftLabel(n, shift)} has ${assigned.length} of the ${min} people it needs at least: assign ${min - assigned.length} more`,
    });
  },
});
