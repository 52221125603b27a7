import { facts } from '../../fixtures/facts.js';

describe('MAX_CONSECUTIVE_NIGHTS', () => {
  it('penalises nights beyond 4 in a row (5 → 1), and not 4', () => {
    const five = facts().usePreset('NHS_DOCTORS_2016');
    five.run('a', 'N', '2026-03-02', 5);
    expect(five.violations('MAX_CONSECUTIVE_NIGHTS')).toEqual([
      expect.objectContaining({ penalty: 1, measured: 5, limit: 4 }),
    ]);
    const four = facts().usePreset('NHS_DOCTORS_2016');
    four.run('a', 'N', '2026-03-02', 4);
    expect(four.violations('MAX_CONSECUTIVE_NIGHTS')).toEqual([]);
  });

  it.each(['2026-03-25', '2026-10-21'])(
    'counts a night across a clock change as a night (run from %s)',
    (from) => {
      const f = facts(from.startsWith('2026-03') ? '2026-03-23' : '2026-10-19').usePreset('NHS_DOCTORS_2016');
      f.run('a', 'N', from, 5);
      expect(f.violations('MAX_CONSECUTIVE_NIGHTS')).toHaveLength(1);
    },
  );
});
