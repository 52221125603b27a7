import { facts } from '../../fixtures/facts.js';

describe('MAX_CONSECUTIVE_LATE_SHIFTS', () => {
  const doctors = () => facts().usePreset('NHS_DOCTORS_2016').type('LE', '12:30', 660, 60); // 12:30–23:30

  it('penalises long evening shifts (> 10 h, ending after 23:00) beyond 4 in a row (5 → 1)', () => {
    const f = doctors();
    f.run('a', 'LE', '2026-03-02', 5);
    expect(f.violations('MAX_CONSECUTIVE_LATE_SHIFTS')).toContainEqual(
      expect.objectContaining({ penalty: 1, measured: 5, limit: 4 }),
    );
  });

  it('does not count long days that end by 23:00', () => {
    const f = doctors().type('LD', '12:00', 660, 60); // ends 23:00 exactly
    f.run('a', 'LD', '2026-03-02', 5);
    expect(f.violations('MAX_CONSECUTIVE_LATE_SHIFTS')).toEqual([]);
  });
});
