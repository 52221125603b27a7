import { defineRule } from '../rule.js';
import { ms, shiftLabel } from './format.js';

/**
 * COVER_MIN_HEADCOUNT — a shift has at least its minimum number of people (safe staffing).
 * Penalty: people short of the minimum.
 */
export const coverMinHeadcount = defineRule({
  code: 'COVER_MIN_HEADCOUNT',
  scope: 'SHIFT',
  extraKey: 'count',
  monotoneUnderAdding: true,
  judges: 'PUBLICATION',
  personalDetails: false,
  defaultSeverity: 'HARD',
  requiredParams: [],
  summary: 'assigned people ≥ the shift’s minimum',
  unit: 'PEOPLE',
  check(n, shift, assigned, _cfg, emit, extra) {
    const min = shift.fact.minHeadcount;
    const count = assigned.length + (extra === undefined ? 0 : 1);
    if (!shift.inRota || count >= min) return;
    emit({
      penalty: min - count,
      staffId: null,
      shiftIds: [shift.id],
      windowStart: ms(shift.start),
      windowEnd: ms(shift.end),
      measured: count,
      limit: min,
      message: () =>
        `${shiftLabel(n, shift)} has ${count} of the ${min} people it needs at least: assign ${min - count} more`,
    });
  },
});
