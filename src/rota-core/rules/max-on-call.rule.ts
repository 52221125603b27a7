import { defineRule } from '../rule.js';
import { day, duration, ms, who } from './format.js';

/**
 * MAX_ON_CALL — at most `maxPerWindow` (3) on-call periods in any `windowDays` (7) days, and the day after an
 * on-call period at most `nextDayMaxMinutes` (10 h) of work. NHS doctors' 2016 terms, schedule 3.
 * Penalty: on-call periods over; minutes over on the next day.
 */
export const maxOnCall = defineRule({
  code: 'MAX_ON_CALL',
  scope: 'STAFF',
  judges: 'EDIT',
  personalDetails: true,
  defaultSeverity: 'HARD',
  requiredParams: ['maxPerWindow', 'windowDays'],
  summary: 'at most 3 on-call periods in 7 days; next day ≤ 10 h',
  unit: 'SHIFTS',
  check(n, staff, schedule, cfg, emit) {
    const onCall = schedule.shifts.filter((s) => s.onCall);
    if (onCall.length === 0) return;
    const max = cfg.params.maxPerWindow!;
    const windowDays = cfg.params.windowDays!;
    let worst: { count: number; from: number; ids: string[] } | undefined;
    for (let a = 0; a < onCall.length; a++) {
      const from = onCall[a]!.day;
      const inWindow = onCall.filter((s) => s.day >= from && s.day < from + windowDays);
      if (
        inWindow.length > max &&
        inWindow.some((s) => s.inRota) &&
        (!worst || inWindow.length > worst.count)
      ) {
        worst = { count: inWindow.length, from, ids: inWindow.map((s) => s.id) };
      }
    }
    if (worst) {
      emit({
        penalty: worst.count - max,
        staffId: staff.id,
        shiftIds: worst.ids,
        windowStart: ms(n.midnight(worst.from)),
        windowEnd: ms(n.midnight(worst.from + windowDays)),
        measured: worst.count,
        limit: max,
        message: () =>
          `${who(staff)} has ${worst.count} on-call periods in the ${windowDays} days from ${day(worst.from)}: at most ${max}`,
      });
    }
    const nextDayMax = cfg.params.nextDayMaxMinutes;
    if (nextDayMax === null || nextDayMax === undefined) return;
    for (const oc of onCall) {
      const next = schedule.shifts.filter((s) => !s.onCall && s.day === oc.day + 1);
      const total = next.reduce((sum, s) => sum + s.work, 0);
      if (total <= nextDayMax || !(oc.inRota || next.some((s) => s.inRota))) continue;
      emit({
        penalty: total - nextDayMax,
        staffId: staff.id,
        shiftIds: [oc.id, ...next.map((s) => s.id)],
        windowStart: ms(n.midnight(oc.day + 1)),
        windowEnd: ms(n.midnight(oc.day + 2)),
        measured: total,
        limit: nextDayMax,
        unit: 'MINUTES',
        message: () =>
          `${who(staff)} works ${duration(total)} on ${day(oc.day + 1)}, the day after an on-call period: at most ${duration(nextDayMax)}`,
      });
    }
  },
});
