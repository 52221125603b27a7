import { facts } from '../../fixtures/facts.js';

describe('MIN_CONSECUTIVE_SHIFTS', () => {
  const person = () => facts().person('a', { limits: { minConsecutiveShifts: 3 } });

  it('penalises days short in a run inside the rota (2 with a minimum of 3 → 1)', () => {
    const f = person();
    f.run('a', 'E', '2026-03-10', 2);
    expect(f.violations('MIN_CONSECUTIVE_SHIFTS')).toEqual([
      expect.objectContaining({ penalty: 1, measured: 2, limit: 3 }),
    ]);
  });

  it('does not penalise a run of the minimum', () => {
    const f = person();
    f.run('a', 'E', '2026-03-10', 3);
    expect(f.violations('MIN_CONSECUTIVE_SHIFTS')).toEqual([]);
  });

  it('exempts runs touching the rota’s first or last day', () => {
    const f = person();
    f.work('a', 'E', '2026-03-02');
    f.work('a', 'E', '2026-03-29');
    expect(f.violations('MIN_CONSECUTIVE_SHIFTS')).toEqual([]);
  });

  it('uses the team’s minShifts when the person has no limit of their own; the person’s wins', () => {
    const f = facts().override('MIN_CONSECUTIVE_SHIFTS', { params: { minShifts: 4 } });
    f.person('a');
    f.person('b', { limits: { minConsecutiveShifts: 2 } });
    f.run('a', 'E', '2026-03-10', 2);
    f.run('b', 'E', '2026-03-10', 2);
    expect(f.violations('MIN_CONSECUTIVE_SHIFTS')).toEqual([
      expect.objectContaining({ staffId: 'a', penalty: 2, measured: 2, limit: 4 }),
    ]);
  });
});
