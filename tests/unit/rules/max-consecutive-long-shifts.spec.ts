import { facts } from '../../fixtures/facts.js';

describe('MAX_CONSECUTIVE_LONG_SHIFTS', () => {
  it('penalises long shifts (> 10 h) beyond 4 in a row under the 2019 terms (5 → 1)', () => {
    const f = facts().usePreset('NHS_DOCTORS_2016');
    f.run('a', 'D', '2026-03-02', 5);
    expect(f.violations('MAX_CONSECUTIVE_LONG_SHIFTS')).toContainEqual(
      expect.objectContaining({ severity: 'HARD', penalty: 1, measured: 5, limit: 4 }),
    );
  });

  it('does not penalise 4 followed by 48 h rest', () => {
    const f = facts().usePreset('NHS_DOCTORS_2016');
    f.run('a', 'D', '2026-03-02', 4); // last ends Thursday 21:00
    f.work('a', 'D', '2026-03-08', { start: '21:00' });
    expect(f.violations('MAX_CONSECUTIVE_LONG_SHIFTS')).toEqual([]);
  });

  it('penalises minutes short of 48 h rest after a full run (one day off → 2880 − 2100)', () => {
    const f = facts().usePreset('NHS_DOCTORS_2016');
    f.run('a', 'D', '2026-03-02', 4); // ends Thursday 21:00
    f.work('a', 'E', '2026-03-07'); // Saturday 07:00: 34 h
    expect(f.violations('MAX_CONSECUTIVE_LONG_SHIFTS')).toEqual([
      expect.objectContaining({ penalty: 2880 - 2040, measured: 2040 }),
    ]);
  });

  it('allowed 5 before the 2019 amendment (the preset is versioned by the rota’s dates)', () => {
    const f = facts('2019-03-04').usePreset('NHS_DOCTORS_2016');
    f.run('a', 'D', '2019-03-04', 5);
    expect(
      f.violations('MAX_CONSECUTIVE_LONG_SHIFTS').filter((v) => v.limit === 5 || v.measured > 5),
    ).toEqual([]);
    const g = facts('2019-03-04').usePreset('NHS_DOCTORS_2016');
    g.run('a', 'D', '2019-03-04', 6);
    expect(g.violations('MAX_CONSECUTIVE_LONG_SHIFTS')).toContainEqual(
      expect.objectContaining({ penalty: 1, limit: 5 }),
    );
  });
});
