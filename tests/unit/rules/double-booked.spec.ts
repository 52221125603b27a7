import { facts } from '../../fixtures/facts.js';

describe('DOUBLE_BOOKED', () => {
  it('penalises the minutes two assignments of one person overlap (E 07:00–15:00 and L from 14:30 → 30)', () => {
    const f = facts();
    f.work('a', 'E', '2026-03-10');
    f.work('a', 'L', '2026-03-10');
    expect(f.violations('DOUBLE_BOOKED')).toEqual([
      expect.objectContaining({
        severity: 'HARD',
        penalty: 30,
        shiftIds: ['a:E@2026-03-10', 'a:L@2026-03-10'],
      }),
    ]);
  });

  it('does not penalise back-to-back shifts', () => {
    const f = facts();
    f.work('a', 'E', '2026-03-10');
    f.work('a', 'L', '2026-03-10', { start: '15:00' });
    expect(f.violations('DOUBLE_BOOKED')).toEqual([]);
  });

  it('counts an overlap with another team’s shift (history) when the rota shift is involved', () => {
    const f = facts();
    f.work('a', 'N', '2026-03-09', { inRota: false });
    f.work('a', 'E', '2026-03-10');
    expect(f.violations('DOUBLE_BOOKED')[0]!.penalty).toBe(60);
  });
});
