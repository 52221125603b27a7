import { facts } from '../../fixtures/facts.js';

describe('DAILY_REST', () => {
  const rest = (nextStart: string, young = false) => {
    const f = facts().person('a', { dateOfBirth: young ? '2009-06-01' : '1990-01-01' });
    f.work('a', 'L', '2026-03-10'); // 14:30–22:30
    f.work('a', 'E', '2026-03-11', { start: nextStart });
    return f.violations('DAILY_REST');
  };

  it('penalises minutes short of 11 h: 10 h 59 min → 1', () => {
    expect(rest('09:29')).toEqual([
      expect.objectContaining({ severity: 'HARD', penalty: 1, measured: 659, limit: 660 }),
    ]);
  });

  it('does not penalise exactly 11 h', () => {
    expect(rest('09:30')).toEqual([]);
  });

  it('needs 12 h for a worker under 18 (11 h 30 min → 30)', () => {
    expect(rest('10:00', true)).toEqual([expect.objectContaining({ penalty: 30, limit: 720 })]);
    expect(rest('10:30', true)).toEqual([]);
  });

  it('measures real time across a clock change', () => {
    // Spring: 22:30 GMT Saturday to 09:30 BST Sunday is 10 h, not 11.
    const spring = facts();
    spring.work('a', 'L', '2026-03-28');
    spring.work('a', 'E', '2026-03-29', { start: '09:30' });
    expect(spring.violations('DAILY_REST')).toEqual([
      expect.objectContaining({ penalty: 60, measured: 600 }),
    ]);
    // Autumn: 22:30 BST Saturday to 08:30 GMT Sunday is 11 h, though the clock says 10.
    const autumn = facts('2026-10-19');
    autumn.work('a', 'L', '2026-10-24');
    autumn.work('a', 'E', '2026-10-25', { start: '08:30' });
    expect(autumn.violations('DAILY_REST')).toEqual([]);
  });

  it('counts rest after a shift worked elsewhere before the rota', () => {
    const f = facts();
    f.work('a', 'N', '2026-03-01', { inRota: false }); // ends 08:00 on the rota's first day
    f.work('a', 'L', '2026-03-02', { start: '18:00' });
    expect(f.violations('DAILY_REST')[0]).toMatchObject({ penalty: 60, measured: 600 });
  });
});
