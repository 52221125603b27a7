import { facts } from '../../fixtures/facts.js';

describe('MAX_SHIFT_LENGTH', () => {
  const shift = (minutes: number, onCall = false, date = '2026-03-10') => {
    const f = facts().usePreset('NHS_DOCTORS_2016').type('X', '20:00', minutes, 60, { onCall });
    f.work('a', 'X', date);
    return f.violations('MAX_SHIFT_LENGTH');
  };

  it('penalises minutes over 13 h (13 h 1 min → 1)', () => {
    expect(shift(781)).toEqual([
      expect.objectContaining({ severity: 'HARD', penalty: 1, measured: 781, limit: 780 }),
    ]);
  });

  it('does not penalise exactly 13 h, nor an on-call period', () => {
    expect(shift(780)).toEqual([]);
    expect(shift(1440, true)).toEqual([]);
  });

  it('counts real time: a 12.5 h night stretches to 13.5 h when the clocks go back', () => {
    const f = facts('2026-10-19').usePreset('NHS_DOCTORS_2016').type('X', '20:00', 750, 60);
    f.work('a', 'X', '2026-10-24');
    expect(f.violations('MAX_SHIFT_LENGTH')).toEqual([
      expect.objectContaining({ penalty: 30, measured: 810 }),
    ]);
  });
});
