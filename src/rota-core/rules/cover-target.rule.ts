import { defineRule } from '../rule.js';
import { ms, shiftLabel } from './format.js';

/**
 * COVER_TARGET — distance from the target headcount, weighted under / over (Curtois & Qu cover rows: 100 / 1
 * per person by default, or the shift's own weights). Penalty: weight × people under or over.
 */
export const coverTarget = defineRule({
  code: 'COVER_TARGET',
  scope: 'SHIFT',
  extraKey: 'count',
  judges: 'PUBLICATION',
  personalDetails: false,
  defaultSeverity: 'SOFT',
  requiredParams: ['underWeight', 'overWeight'],
  summary: 'distance from the target headcount, weighted under / over',
  unit: 'PEOPLE',
  check(n, shift, assigned, cfg, emit, extra) {
    if (!shift.inRota) return;
    const target = shift.fact.targetHeadcount;
    const count = assigned.length + (extra === undefined ? 0 : 1);
    if (count === target) return;
    const under = count < target;
    const weight = under
      ? (shift.fact.underWeight ?? cfg.params.underWeight!)
      : (shift.fact.overWeight ?? cfg.params.overWeight!);
    const distance = Math.abs(target - count);
    if (weight === 0) return;
    emit({
      penalty: weight * distance,
      staffId: null,
      shiftIds: [shift.id],
      windowStart: ms(shift.start),
      windowEnd: ms(shift.end),
      measured: count,
      limit: target,
      message: () =>
        under
          ? `${shiftLabel(n, shift)} is ${distance} below its target of ${target}`
          : `${shiftLabel(n, shift)} is ${distance} above its target of ${target}`,
    });
  },
});
