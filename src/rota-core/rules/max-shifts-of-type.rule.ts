import { defineRule } from '../rule.js';
import { ms, who } from './format.js';

/**
 * MAX_SHIFTS_OF_TYPE — per shift type, at most the person's limit over the rota (Curtois & Qu MaxShifts,
 * "D=14|N=0": 0 means never that type). Penalty: shifts over the limit.
 */
export const maxShiftsOfType = defineRule({
  code: 'MAX_SHIFTS_OF_TYPE',
  scope: 'STAFF',
  judges: 'EDIT',
  personalDetails: true,
  defaultSeverity: 'HARD',
  requiredParams: [],
  summary: 'per shift type, at most the person’s limit over the rota',
  unit: 'SHIFTS',
  check(n, staff, schedule, _cfg, emit) {
    const limits = staff.fact.limits?.maxShiftsByType;
    if (!limits) return;
    const counts = new Map<string, string[]>();
    for (const s of schedule.shifts) {
      if (!s.inRota) continue;
      const list = counts.get(s.fact.typeId) ?? [];
      list.push(s.id);
      counts.set(s.fact.typeId, list);
    }
    for (const [typeId, ids] of counts) {
      const max = limits[typeId];
      if (max === undefined || ids.length <= max) continue;
      const code = n.facts.shiftTypes[n.typeIndex.get(typeId) ?? -1]?.code ?? typeId;
      emit({
        penalty: ids.length - max,
        staffId: staff.id,
        shiftIds: ids,
        windowStart: ms(n.rotaStart),
        windowEnd: ms(n.rotaEnd),
        measured: ids.length,
        limit: max,
        message: () =>
          max === 0
            ? `${who(staff)} must not work ${code} shifts but has ${ids.length}`
            : `${who(staff)} has ${ids.length} ${code} shifts: at most ${max}`,
      });
    }
  },
});
