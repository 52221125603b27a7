import { defineRule } from '../rule.js';
import { ms } from './format.js';

/**
 * FAIR_NIGHTS_AND_WEEKENDS (soft) — nights and weekend shifts are spread across the people on the rota in
 * proportion to their contracted hours; someone more than `toleranceShifts` above their share is flagged.
 * Penalty: unpleasant shifts beyond the share and tolerance.
 */
export const fairNightsAndWeekends = defineRule({
  code: 'FAIR_NIGHTS_AND_WEEKENDS',
  scope: 'TEAM',
  judges: 'PUBLICATION',
  personalDetails: true,
  defaultSeverity: 'SOFT',
  requiredParams: ['toleranceShifts'],
  summary: 'spread of nights and weekends relative to contracted hours',
  unit: 'SHIFTS',
  check(n, schedules, cfg, emit) {
    const people: Array<{ i: number; count: number; ids: string[]; hours: number }> = [];
    for (const staff of n.staff) {
      const schedule = schedules[staff.i]!;
      const hours = staff.fact.contractedMinutesPerWeek;
      let rota = false;
      const ids: string[] = [];
      for (const s of schedule.shifts) {
        if (!s.inRota) continue;
        rota = true;
        if (s.night || s.weekendByStart >= 0) ids.push(s.id);
      }
      if (rota && hours > 0) people.push({ i: staff.i, count: ids.length, ids, hours });
    }
    const total = people.reduce((sum, p) => sum + p.count, 0);
    const hoursTotal = people.reduce((sum, p) => sum + p.hours, 0);
    if (total === 0 || people.length < 2) return;
    const tolerance = cfg.params.toleranceShifts!;
    for (const p of people) {
      const share = (total * p.hours) / hoursTotal;
      if (p.count <= share + tolerance) continue;
      const staff = n.staff[p.i]!;
      emit({
        penalty: p.count - Math.floor(share + tolerance),
        staffId: staff.id,
        shiftIds: p.ids,
        windowStart: ms(n.rotaStart),
        windowEnd: ms(n.rotaEnd),
        measured: p.count,
        limit: Math.round((share + tolerance) * 10) / 10,
        message: () =>
          `${staff.fact.name ?? staff.id} has ${p.count} night or weekend shifts; a fair share for their hours is about ${Math.round(share * 10) / 10}`,
      });
    }
  },
});
