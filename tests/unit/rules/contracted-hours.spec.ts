import { facts } from '../../fixtures/facts.js';

describe('CONTRACTED_HOURS', () => {
  // 37.5 h a week over 28 days: 150 h expected (9000 minutes), ±10 % = 900 minutes.
  const rostered = (earlies: number) => {
    const f = facts().person('a', { contractedMinutesPerWeek: 2250 });
    for (let i = 0; i < earlies; i++)
      f.work(
        'a',
        'E',
        new Date(Date.parse('2026-03-02T00:00:00Z') + i * 86_400_000).toISOString().slice(0, 10),
      );
    return f.violations('CONTRACTED_HOURS');
  };

  it('penalises minutes outside the tolerance (16 × 450 = 7200: 1800 short, 900 beyond tolerance)', () => {
    expect(rostered(16)).toEqual([
      expect.objectContaining({ severity: 'SOFT', penalty: 900, measured: 7200, limit: 9000 }),
    ]);
    expect(rostered(23)).toEqual([expect.objectContaining({ penalty: 10350 - 9900 })]);
  });

  it('does not penalise within the tolerance (18 × 450 = 8100, exactly 10 % short)', () => {
    expect(rostered(18)).toEqual([]);
  });

  it('skips zero-hours contracts', () => {
    const f = facts().person('z', { contractedMinutesPerWeek: 0 });
    f.work('z', 'E', '2026-03-02');
    expect(f.violations('CONTRACTED_HOURS')).toEqual([]);
  });
});
