import { facts } from '../../fixtures/facts.js';

describe('YOUNG_WORKER_LIMITS', () => {
  const young = () => facts().person('y', { dateOfBirth: '2009-06-01' });

  it('penalises minutes over 8 h a day (9 h of work → 60)', () => {
    const f = young().type('X', '08:00', 570, 30);
    f.work('y', 'X', '2026-03-10');
    expect(f.violations('YOUNG_WORKER_LIMITS')).toEqual([
      expect.objectContaining({ severity: 'HARD', penalty: 60, measured: 540, limit: 480 }),
    ]);
  });

  it('does not penalise exactly 8 h a day', () => {
    const f = young().type('X', '08:00', 510, 30);
    f.work('y', 'X', '2026-03-10');
    expect(f.violations('YOUNG_WORKER_LIMITS')).toEqual([]);
  });

  it('penalises minutes over 40 h in a Monday-to-Sunday week (6 × 7 h → 120)', () => {
    const f = young().type('X', '08:00', 450, 30);
    f.run('y', 'X', '2026-03-02', 6);
    expect(f.violations('YOUNG_WORKER_LIMITS')).toEqual([
      expect.objectContaining({ penalty: 120, measured: 2520, limit: 2400 }),
    ]);
  });

  it('stops applying on the 18th birthday', () => {
    const f = facts().person('y', { dateOfBirth: '2008-03-10' }).type('X', '08:00', 570, 30);
    f.work('y', 'X', '2026-03-09');
    f.work('y', 'X', '2026-03-10');
    expect(f.violations('YOUNG_WORKER_LIMITS').map((v) => v.shiftIds)).toEqual([['y:X@2026-03-09']]);
  });
});
