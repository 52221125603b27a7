import { defineRule } from '../rule.js';
import { day, duration, ms, who } from './format.js';
import { youngOn } from './helpers.js';

const FIRST_MONDAY = 4;

/**
 * YOUNG_WORKER_LIMITS — a worker under 18 on the day works at most `maxDailyMinutes` (8 h) a day and
 * `maxWeeklyMinutes` (40 h) a week (Monday to Sunday). WTR 1998 reg. 5A; no opt-out.
 * Penalty: minutes over each limit.
 */
export const youngWorkerLimits = defineRule({
  code: 'YOUNG_WORKER_LIMITS',
  scope: 'STAFF',
  judges: 'EDIT',
  personalDetails: true,
  defaultSeverity: 'HARD',
  requiredParams: ['maxDailyMinutes', 'maxWeeklyMinutes'],
  summary: 'under 18: 8 h a day, 40 h a week',
  unit: 'MINUTES',
  check(n, staff, schedule, cfg, emit) {
    if (staff.adultFrom === -Infinity || !youngOn(staff.adultFrom, n.rotaStartDay)) return;
    const byDay = new Map<number, { total: number; ids: string[]; rota: boolean }>();
    const byWeek = new Map<number, { total: number; ids: string[]; rota: boolean }>();
    for (const s of schedule.shifts) {
      if (!youngOn(staff.adultFrom, s.day)) continue;
      const week = s.day - ((((s.day - FIRST_MONDAY) % 7) + 7) % 7);
      for (const [map, key] of [
        [byDay, s.day],
        [byWeek, week],
      ] as const) {
        const e = map.get(key) ?? { total: 0, ids: [], rota: false };
        e.total += s.work;
        e.ids.push(s.id);
        e.rota ||= s.inRota;
        map.set(key, e);
      }
    }
    const daily = cfg.params.maxDailyMinutes!;
    for (const [d, e] of byDay) {
      if (!e.rota || e.total <= daily) continue;
      emit({
        penalty: e.total - daily,
        staffId: staff.id,
        shiftIds: e.ids,
        windowStart: ms(n.midnight(d)),
        windowEnd: ms(n.midnight(d + 1)),
        measured: e.total,
        limit: daily,
        message: () =>
          `${who(staff)} (under 18) works ${duration(e.total)} on ${day(d)}: at most ${duration(daily)} a day`,
      });
    }
    const weekly = cfg.params.maxWeeklyMinutes!;
    for (const [w, e] of byWeek) {
      if (!e.rota || e.total <= weekly) continue;
      emit({
        penalty: e.total - weekly,
        staffId: staff.id,
        shiftIds: e.ids,
        windowStart: ms(n.midnight(w)),
        windowEnd: ms(n.midnight(w + 7)),
        measured: e.total,
        limit: weekly,
        message: () =>
          `${who(staff)} (under 18) works ${duration(e.total)} in the week from ${day(w)}: at most ${duration(weekly)} a week`,
      });
    }
  },
});
