import { facts } from '../../fixtures/facts.js';

describe('MIN_CONSECUTIVE_DAYS_OFF', () => {
  const person = () => facts().person('a', { limits: { minConsecutiveDaysOff: 2 } });

  it('penalises days short in a run of days off inside the rota (1 with a minimum of 2 → 1)', () => {
    const f = person();
    f.run('a', 'E', '2026-03-02', 3);
    f.run('a', 'E', '2026-03-06', 3);
    expect(f.violations('MIN_CONSECUTIVE_DAYS_OFF')).toEqual([
      expect.objectContaining({ penalty: 1, measured: 1, limit: 2 }),
    ]);
  });

  it('does not penalise two days off, nor days off touching the first or last day', () => {
    const f = person();
    f.run('a', 'E', '2026-03-03', 3);
    f.run('a', 'E', '2026-03-08', 3);
    f.run('a', 'E', '2026-03-13', 17);
    expect(f.violations('MIN_CONSECUTIVE_DAYS_OFF')).toEqual([]);
  });

  it('uses the team’s minDaysOff when the person has no limit of their own', () => {
    const f = facts().override('MIN_CONSECUTIVE_DAYS_OFF', { params: { minDaysOff: 3 } });
    f.person('a');
    f.run('a', 'E', '2026-03-02', 3);
    f.run('a', 'E', '2026-03-07', 3);
    expect(f.violations('MIN_CONSECUTIVE_DAYS_OFF')).toEqual([
      expect.objectContaining({ staffId: 'a', penalty: 1, measured: 2, limit: 3 }),
    ]);
  });
});
