import { defineRule } from '../rule.js';
import { ms, who } from './format.js';
import { weekdayOf, weekendOf } from '../normalise.js';

/**
 * WEEKEND_FREQUENCY — at most one weekend in `maxOneIn` (3) worked, over the weekends the rota spans. A weekend is
 * worked when any working time falls between Saturday 00:00 and Monday 00:00 local. NHS doctors' 2016 terms as
 * amended 2019. Penalty: weekends worked beyond the allowance (rounded down).
 */
export const weekendFrequency = defineRule({
  code: 'WEEKEND_FREQUENCY',
  scope: 'STAFF',
  screening: true,
  judges: 'EDIT',
  personalDetails: true,
  defaultSeverity: 'HARD',
  requiredParams: ['maxOneIn'],
  summary: 'at most 1 weekend in 3',
  unit: 'WEEKENDS',
  check(n, staff, schedule, cfg, emit) {
    const oneIn = cfg.params.maxOneIn!;
    const weekends = n.memo('weekends', () => {
      // The first weekend the rota touches: the one its first day is in, or the next Saturday.
      const first =
        weekendOf(n.rotaStartDay) >= 0
          ? weekendOf(n.rotaStartDay)
          : n.rotaStartDay + 6 - weekdayOf(n.rotaStartDay);
      const list: number[] = [];
      for (let sat = first; sat <= n.rotaEndDay; sat += 7) list.push(sat);
      return list;
    });
    if (weekends.length === 0) return;
    const first = weekends[0]!;
    const last = weekends[weekends.length - 1]!;
    // Weekends worked, as a bit set over the rota's weekends (few: ≤ 27).
    let bits = 0;
    for (const s of schedule.shifts) {
      for (const w of s.weekendsTouched) if (w >= first && w <= last) bits |= 1 << ((w - first) / 7);
    }
    let count = 0;
    for (let b = bits; b; b &= b - 1) count++;
    if (count * oneIn <= weekends.length) return;
    const worked = { size: count };
    const ids = schedule.shifts
      .filter((s) => s.weekendsTouched.some((w) => w >= first && w <= last))
      .map((s) => s.id);
    const allowed = Math.floor(weekends.length / oneIn);
    emit({
      penalty: worked.size - allowed,
      staffId: staff.id,
      shiftIds: ids,
      windowStart: ms(n.midnight(weekends[0]!)),
      windowEnd: ms(n.midnight(weekends[weekends.length - 1]! + 2)),
      measured: worked.size,
      limit: weekends.length / oneIn,
      message: () =>
        `${who(staff)} works ${worked.size} of the rota's ${weekends.length} weekends: at most 1 in ${oneIn}`,
    });
  },
});
