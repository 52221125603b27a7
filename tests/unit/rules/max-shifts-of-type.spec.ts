import { facts } from '../../fixtures/facts.js';

describe('MAX_SHIFTS_OF_TYPE', () => {
  it('penalises shifts of a type beyond the person’s limit (3 earlies with a limit of 2 → 1)', () => {
    const f = facts().person('a', { limits: { maxShiftsByType: { E: 2, N: 0 } } });
    f.run('a', 'E', '2026-03-02', 3);
    expect(f.violations('MAX_SHIFTS_OF_TYPE')).toEqual([
      expect.objectContaining({ penalty: 1, measured: 3, limit: 2 }),
    ]);
  });

  it('penalises any shift of a type the person must never work (N=0)', () => {
    const f = facts().person('a', { limits: { maxShiftsByType: { E: 2, N: 0 } } });
    f.work('a', 'N', '2026-03-10');
    expect(f.violations('MAX_SHIFTS_OF_TYPE')).toEqual([expect.objectContaining({ penalty: 1, limit: 0 })]);
  });

  it('does not penalise the limit exactly, nor shifts outside the rota', () => {
    const f = facts().person('a', { limits: { maxShiftsByType: { E: 2 } } });
    f.run('a', 'E', '2026-03-02', 2);
    f.work('a', 'E', '2026-03-01', { inRota: false });
    expect(f.violations('MAX_SHIFTS_OF_TYPE')).toEqual([]);
  });
});
