import { facts } from '../../fixtures/facts.js';

describe('REST_AFTER_NIGHTS', () => {
  const nightsThen = (start: string, zoneStart = '2026-03-02', first = '2026-03-02', next = '2026-03-08') => {
    const f = facts(zoneStart).usePreset('NHS_DOCTORS_2016');
    f.run('a', 'N', first, 4); // Mon–Thu nights; the last ends Friday 08:00
    f.work('a', 'E', next, { start });
    return f.violations('REST_AFTER_NIGHTS');
  };

  it('penalises minutes short of 46 h after a run of nights (45 h 59 min → 1)', () => {
    expect(nightsThen('05:59')).toEqual([
      expect.objectContaining({ severity: 'HARD', penalty: 1, measured: 2759, limit: 2760 }),
    ]);
  });

  it('does not penalise exactly 46 h', () => {
    expect(nightsThen('06:00')).toEqual([]);
  });

  it.each([
    // Spring: Friday 08:00 GMT to Sunday 06:30 BST is 46.5 h on the wall clock but 45.5 h of real rest.
    ['2026-03-23', '06:30', [{ penalty: 30, measured: 2730 }]],
    // Autumn: Friday 08:00 BST to Sunday 05:30 GMT is 45.5 h on the wall clock but 46.5 h of real rest.
    ['2026-10-19', '05:30', []],
  ])(
    'measures real time across the clock change (week of %s, next shift at %s)',
    (monday, start, expected) => {
      const sunday = new Date(Date.parse(`${monday}T00:00:00Z`) + 6 * 86_400_000).toISOString().slice(0, 10);
      expect(nightsThen(start, monday, monday, sunday)).toEqual(
        expected.map((e) => expect.objectContaining(e)),
      );
    },
  );
});
