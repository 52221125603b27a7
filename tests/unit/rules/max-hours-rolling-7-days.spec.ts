import { facts } from '../../fixtures/facts.js';

describe('MAX_HOURS_ROLLING_7_DAYS', () => {
  const doctors = () => facts().usePreset('NHS_DOCTORS_2016');

  it('penalises minutes over 72 h in any 168 h (7 × 12 h = 84 h → 720)', () => {
    const f = doctors();
    f.run('a', 'D', '2026-03-02', 7);
    expect(f.violations('MAX_HOURS_ROLLING_7_DAYS')).toEqual([
      expect.objectContaining({ severity: 'HARD', penalty: 720, measured: 5040, limit: 4320 }),
    ]);
  });

  it('does not penalise exactly 72 h', () => {
    const f = doctors();
    f.run('a', 'D', '2026-03-02', 6);
    expect(f.violations('MAX_HOURS_ROLLING_7_DAYS')).toEqual([]);
  });

  it('rolls: a window may start mid-week (a night block then days)', () => {
    const f = doctors();
    f.run('a', 'D', '2026-03-05', 6); // Thu–Tue: 72 h
    f.work('a', 'E', '2026-03-11'); // Wednesday, inside the 168 h from Thursday 08:00: 72 h + 7.5 h
    expect(f.violations('MAX_HOURS_ROLLING_7_DAYS')[0]).toMatchObject({ penalty: 450 });
  });

  it('is not in the WTR preset', () => {
    const f = facts();
    f.run('a', 'D', '2026-03-02', 7);
    expect(f.violations('MAX_HOURS_ROLLING_7_DAYS')).toEqual([]);
  });
});
