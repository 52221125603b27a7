import { facts } from '../../fixtures/facts.js';

describe('MAX_WEEKENDS', () => {
  it('penalises weekends worked beyond the limit (Saturday of one, Sunday of another: 2 of 1 → 1)', () => {
    const f = facts().person('a', { limits: { maxWeekends: 1 } });
    f.work('a', 'E', '2026-03-07');
    f.work('a', 'E', '2026-03-15');
    expect(f.violations('MAX_WEEKENDS')).toEqual([
      expect.objectContaining({ penalty: 1, measured: 2, limit: 1 }),
    ]);
  });

  it('counts a whole weekend once, and a Friday night by its start day (not a weekend)', () => {
    const f = facts().person('a', { limits: { maxWeekends: 1 } });
    f.work('a', 'E', '2026-03-07');
    f.work('a', 'E', '2026-03-08');
    f.work('a', 'N', '2026-03-13');
    expect(f.violations('MAX_WEEKENDS')).toEqual([]);
  });
});
