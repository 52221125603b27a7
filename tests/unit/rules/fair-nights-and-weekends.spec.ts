import { facts } from '../../fixtures/facts.js';

describe('FAIR_NIGHTS_AND_WEEKENDS', () => {
  it('flags someone above their share of nights and weekends by more than the tolerance', () => {
    const f = facts();
    for (const p of ['a', 'b', 'c']) f.person(p, { contractedMinutesPerWeek: 2250 });
    f.run('a', 'N', '2026-03-02', 3);
    f.run('a', 'N', '2026-03-16', 3);
    f.work('b', 'E', '2026-03-03');
    f.work('c', 'E', '2026-03-04');
    // 6 unpleasant shifts, equal hours: a share of 2 each; a has 6 > 2 + 2 → 6 − 4 = 2.
    expect(f.violations('FAIR_NIGHTS_AND_WEEKENDS')).toEqual([
      expect.objectContaining({ severity: 'SOFT', staffId: 'a', penalty: 2, measured: 6 }),
    ]);
  });

  it('does not flag an even spread', () => {
    const f = facts();
    for (const p of ['a', 'b']) f.person(p, { contractedMinutesPerWeek: 2250 });
    f.run('a', 'N', '2026-03-02', 2);
    f.run('b', 'N', '2026-03-09', 2);
    expect(f.violations('FAIR_NIGHTS_AND_WEEKENDS')).toEqual([]);
  });
});
