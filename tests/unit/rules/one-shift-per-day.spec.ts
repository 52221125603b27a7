import { facts } from '../../fixtures/facts.js';

describe('ONE_SHIFT_PER_DAY', () => {
  it('penalises shifts beyond one starting on a local date (early and a late → 1)', () => {
    const f = facts();
    f.work('a', 'E', '2026-03-10', { minutes: 240 });
    f.work('a', 'L', '2026-03-10', { start: '17:00', minutes: 180 });
    f.work('a', 'E', '2026-03-11');
    expect(f.violations('ONE_SHIFT_PER_DAY')).toEqual([
      expect.objectContaining({
        penalty: 1,
        measured: 2,
        limit: 1,
        shiftIds: ['a:E@2026-03-10', 'a:L@2026-03-10'],
      }),
    ]);
  });

  it('does not penalise a night that ends on the next day’s date', () => {
    const f = facts();
    f.work('a', 'N', '2026-03-10');
    f.work('a', 'L', '2026-03-11', { start: '18:00' });
    expect(f.violations('ONE_SHIFT_PER_DAY')).toEqual([]);
  });

  it('is off in the SOCIAL_CARE preset (home-care split shifts)', () => {
    const f = facts().usePreset('SOCIAL_CARE');
    f.work('a', 'E', '2026-03-10', { minutes: 240 });
    f.work('a', 'L', '2026-03-10', { start: '17:00', minutes: 180 });
    expect(f.violations('ONE_SHIFT_PER_DAY')).toEqual([]);
  });

  it('terminates on three shifts in one day (regression: a loop once never advanced)', () => {
    const f = facts();
    f.work('a', 'E', '2026-03-10', { start: '06:00', minutes: 120 });
    f.work('a', 'L', '2026-03-10', { start: '09:00', minutes: 120 });
    f.work('a', 'N', '2026-03-10', { start: '12:00', minutes: 120 });
    expect(f.violations('ONE_SHIFT_PER_DAY')[0]!.penalty).toBe(2);
  });
});
