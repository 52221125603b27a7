import type { NShift, NStaff, Normalised } from '../normalise.js';
import { defineRule } from '../rule.js';
import { hours, ms, who } from './format.js';

/** What the rule measures: the work of the person's shifts starting within the rota's days. */
function rostered(n: Normalised, shifts: Iterable<NShift>): { total: number; touches: boolean } {
  let total = 0;
  let touches = false;
  for (const s of shifts) {
    if (s.day < n.rotaStartDay || s.day > n.rotaEndDay) continue;
    total += s.work;
    if (s.inRota) touches = true;
  }
  return { total, touches };
}

/** The contract pro rata over the rota's days, and the tolerance around it (minutes). */
function expectation(n: Normalised, weekly: number, tolerancePercent: number) {
  const days = n.rotaEndDay - n.rotaStartDay + 1;
  const expected = (weekly * days) / 7;
  return { days, expected, tolerance: (expected * tolerancePercent) / 100 };
}

/** The penalty for `total` minutes rostered: minutes outside the tolerance (0 when within it or not in the rota). */
function penaltyOf(total: number, touches: boolean, expected: number, tolerance: number): number {
  const off = Math.abs(total - expected) - tolerance;
  return off <= 0 || (!touches && total > 0) ? 0 : Math.round(off);
}

/**
 * CONTRACTED_HOURS (soft) — rostered hours over the rota (at every team) stay within `tolerancePercent` of the
 * contracted hours pro rata (hours a week × days ÷ 7). Zero-hours contracts are skipped.
 * Penalty: minutes outside the tolerance.
 */
export const contractedHours = defineRule({
  code: 'CONTRACTED_HOURS',
  scope: 'STAFF',
  judges: 'PUBLICATION',
  personalDetails: true,
  defaultSeverity: 'SOFT',
  requiredParams: ['tolerancePercent'],
  summary: 'rostered hours against contracted hours, pro rata',
  unit: 'MINUTES',
  check(n, staff, schedule, cfg, emit) {
    const weekly = staff.fact.contractedMinutesPerWeek;
    if (weekly <= 0) return;
    const { days, expected, tolerance } = expectation(n, weekly, cfg.params.tolerancePercent!);
    const { total, touches } = rostered(n, schedule.shifts);
    const penalty = penaltyOf(total, touches, expected, tolerance);
    if (penalty === 0) return;
    emit({
      penalty,
      staffId: staff.id,
      shiftIds: schedule.idsStartingBetween(n.rotaStartDay, n.rotaEndDay + 1),
      windowStart: ms(n.rotaStart),
      windowEnd: ms(n.rotaEnd),
      measured: total,
      limit: Math.round(expected),
      message: () =>
        `${who(staff)} is rostered ${hours(total)} against ${hours(expected)} contracted for these ${days} days (± ${cfg.params.tolerancePercent}%)`,
    });
  },
  // Exact: the penalty now less the penalty with the shift's work added (negative when it grows).
  maxDropWhenAdding(n: Normalised, staff: NStaff, shift: NShift, cfg) {
    const weekly = staff.fact.contractedMinutesPerWeek;
    if (weekly <= 0) return 0;
    const { expected, tolerance } = expectation(n, weekly, cfg.params.tolerancePercent!);
    const before = rostered(
      n,
      staff.schedule.map((i) => n.shifts[i]!),
    );
    const after = rostered(n, [shift]);
    return (
      penaltyOf(before.total, before.touches, expected, tolerance) -
      penaltyOf(before.total + after.total, before.touches || after.touches, expected, tolerance)
    );
  },
});
