import { defineRule } from '../rule.js';
import { ms, who } from './format.js';

/**
 * MAX_WEEKENDS — weekends worked over the rota (a shift starting on the Saturday or the Sunday) at most the
 * person's limit (Curtois MaxWeekends) or the rule set's `maxWeekends`. Penalty: weekends over.
 */
export const maxWeekends = defineRule({
  code: 'MAX_WEEKENDS',
  scope: 'STAFF',
  screening: true,
  judges: 'EDIT',
  personalDetails: true,
  defaultSeverity: 'HARD',
  requiredParams: [],
  summary: 'weekends worked over the rota',
  unit: 'WEEKENDS',
  check(n, staff, schedule, cfg, emit) {
    const max = staff.fact.limits?.maxWeekends ?? cfg.params.maxWeekends;
    if (max === undefined || max === null) return;
    const weekends = new Set<number>();
    const ids: string[] = [];
    for (const s of schedule.shifts) {
      if (!s.inRota || s.weekendByStart < 0) continue;
      weekends.add(s.weekendByStart);
      ids.push(s.id);
    }
    if (weekends.size <= max) return;
    emit({
      penalty: weekends.size - max,
      staffId: staff.id,
      shiftIds: ids,
      windowStart: ms(n.rotaStart),
      windowEnd: ms(n.rotaEnd),
      measured: weekends.size,
      limit: max,
      message: () => `${who(staff)} works ${weekends.size} weekends over the rota: at most ${max}`,
    });
  },
});
