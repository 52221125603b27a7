import { defineRule } from '../rule.js';
import { duration, ms, shiftLabel, who } from './format.js';

/**
 * MAX_SHIFT_LENGTH — a shift that is not on-call lasts at most `maxMinutes` (13 h) in real time (a clock change
 * can stretch a 12-hour night to 13 h). NHS doctors' 2016 terms, schedule 3. Penalty: minutes over.
 */
export const maxShiftLength = defineRule({
  code: 'MAX_SHIFT_LENGTH',
  scope: 'STAFF',
  screening: true,
  judges: 'EDIT',
  personalDetails: false,
  defaultSeverity: 'HARD',
  requiredParams: ['maxMinutes'],
  summary: 'non-on-call shifts at most 13 h',
  unit: 'MINUTES',
  check(n, staff, schedule, cfg, emit) {
    const limit = cfg.params.maxMinutes!;
    for (const s of schedule.shifts) {
      const length = s.end - s.start;
      if (!s.inRota || s.onCall || length <= limit) continue;
      emit({
        penalty: length - limit,
        staffId: staff.id,
        shiftIds: [s.id],
        windowStart: ms(s.start),
        windowEnd: ms(s.end),
        measured: length,
        limit,
        message: () =>
          `${who(staff)}'s ${shiftLabel(n, s)} lasts ${duration(length)}: at most ${duration(limit)}`,
      });
    }
  },
});
