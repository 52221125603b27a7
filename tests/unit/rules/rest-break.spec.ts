import { facts } from '../../fixtures/facts.js';

describe('REST_BREAK', () => {
  const shift = (minutes: number, breakMinutes: number, young = false) => {
    const f = facts()
      .type('X', '09:00', minutes, breakMinutes)
      .person('a', { dateOfBirth: young ? '2009-06-01' : '1990-01-01' });
    f.work('a', 'X', '2026-03-10');
    return f.violations('REST_BREAK');
  };

  it('penalises minutes of break missing on a shift over 6 h (15 of 20 → 5)', () => {
    expect(shift(480, 15)).toEqual([
      expect.objectContaining({ severity: 'HARD', penalty: 5, measured: 15, limit: 20 }),
    ]);
    expect(shift(361, 0)[0]!.penalty).toBe(20);
  });

  it('does not penalise a 6-hour shift without a break, nor 20 minutes on a longer one', () => {
    expect(shift(360, 0)).toEqual([]);
    expect(shift(480, 20)).toEqual([]);
  });

  it('needs 30 minutes after 4.5 h for a worker under 18', () => {
    expect(shift(300, 0, true)).toEqual([expect.objectContaining({ penalty: 30, limit: 30 })]);
    expect(shift(270, 0, true)).toEqual([]);
  });
});
