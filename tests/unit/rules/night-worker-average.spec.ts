import { facts } from '../../fixtures/facts.js';

describe('NIGHT_WORKER_AVERAGE', () => {
  const week = (nights: number, days = 0) => {
    const f = facts().override('NIGHT_WORKER_AVERAGE', { params: { referenceWeeks: 1 } });
    f.run('a', 'N', '2026-03-02', nights); // 12 h with 1 h break: 11 h of work each
    if (days) f.run('a', 'E', '2026-03-06', days);
    return f;
  };

  it('penalises a night worker over 8 h per 24 h (7 nights: 77 h over 6 days → 1740 minutes over)', () => {
    expect(week(7).violations('NIGHT_WORKER_AVERAGE')).toEqual([
      expect.objectContaining({ severity: 'HARD', penalty: 7 * 660 - 6 * 480, limit: 480 }),
    ]);
  });

  it('does not penalise four nights (44 h over 6 days: 7 h 20 min)', () => {
    expect(week(4).violations('NIGHT_WORKER_AVERAGE')).toEqual([]);
  });

  it('only applies to night workers (most shifts nights)', () => {
    // 3 nights and 3 days: not "most" shifts at night.
    expect(
      week(3, 3)
        .override('NIGHT_WORKER_AVERAGE', { params: { referenceWeeks: 1, maxMinutesPer24h: 60 } })
        .violations('NIGHT_WORKER_AVERAGE'),
    ).toEqual([]);
  });

  it('cannot be switched off by opting out', () => {
    const f = week(7).person('a', { optOut: true });
    expect(f.violations('NIGHT_WORKER_AVERAGE')).toHaveLength(1);
  });
});
