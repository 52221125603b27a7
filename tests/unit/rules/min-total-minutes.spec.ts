import { facts } from '../../fixtures/facts.js';

describe('MIN_TOTAL_MINUTES', () => {
  it('penalises minutes short of the person’s minimum over the rota (4 × 450 = 1800 of 2000 → 200)', () => {
    const f = facts().person('a', { limits: { minTotalMinutes: 2000 } });
    f.run('a', 'E', '2026-03-02', 4);
    expect(f.violations('MIN_TOTAL_MINUTES')).toEqual([
      expect.objectContaining({ penalty: 200, measured: 1800, limit: 2000 }),
    ]);
  });

  it('does not penalise the minimum exactly; penalises someone with no shifts at all', () => {
    const f = facts()
      .person('a', { limits: { minTotalMinutes: 1800 } })
      .person('b', { limits: { minTotalMinutes: 900 } });
    f.run('a', 'E', '2026-03-02', 4);
    expect(f.violations('MIN_TOTAL_MINUTES')).toEqual([
      expect.objectContaining({ staffId: 'b', penalty: 900, measured: 0 }),
    ]);
  });
});
