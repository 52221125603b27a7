import { facts } from '../../fixtures/facts.js';

describe('WEEKLY_REST', () => {
  it('penalises minutes short of 24 h uninterrupted in a Monday-to-Sunday period (7 earlies → 480)', () => {
    const f = facts();
    f.run('a', 'E', '2026-03-02', 7);
    // Longest break: 15:00 to 07:00 the next day = 16 h.
    expect(f.violations('WEEKLY_REST')).toEqual([
      expect.objectContaining({ severity: 'HARD', penalty: 480, measured: 960, limit: 1440 }),
    ]);
  });

  it('does not penalise six earlies and a day off (40 h rest)', () => {
    const f = facts();
    f.run('a', 'E', '2026-03-02', 3);
    f.run('a', 'E', '2026-03-06', 3);
    expect(f.violations('WEEKLY_REST')).toEqual([]);
  });

  it('takes the 48 h in 14 days alternative by parameter', () => {
    const f = facts().override('WEEKLY_REST', { params: { minRestMinutes: 2880, periodDays: 14 } });
    f.run('a', 'E', '2026-03-02', 6);
    f.run('a', 'E', '2026-03-09', 7);
    expect(f.violations('WEEKLY_REST')[0]).toMatchObject({ limit: 2880, measured: 2400, penalty: 480 });
  });

  it('needs 48 h in each 7 days for a worker under 18', () => {
    const f = facts().person('y', { dateOfBirth: '2009-06-01' });
    f.run('y', 'E', '2026-03-02', 3);
    f.run('y', 'E', '2026-03-06', 3);
    expect(f.violations('WEEKLY_REST')).toEqual([
      expect.objectContaining({ penalty: 480, limit: 2880, measured: 2400 }),
    ]);
  });

  it.each([
    ['2026-03-23', [{ penalty: 60, measured: 1680 }]],
    ['2026-10-19', []],
    ['2026-06-08', []],
  ])('measures the rest in real time in the week from %s', (monday, expected) => {
    // Earlies Monday to Saturday, a night from Sunday 20:00. The rest from Saturday 15:00 to Sunday 20:00 is 29 h
    // on the wall clock, 28 h of real time when the clocks go forward that night, 30 h when they go back.
    const f = facts(monday, 7).override('WEEKLY_REST', { params: { minRestMinutes: 29 * 60 } });
    f.run('a', 'E', monday, 6);
    f.work('a', 'N', f.endDate);
    expect(f.violations('WEEKLY_REST')).toEqual(expected.map((e) => expect.objectContaining(e)));
  });
});
