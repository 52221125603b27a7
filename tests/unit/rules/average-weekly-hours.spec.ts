import { facts } from '../../fixtures/facts.js';

describe('AVERAGE_WEEKLY_HOURS', () => {
  // A one-week reference period keeps the arithmetic visible: D is 13 h with a 1 h unpaid break (12 h of work).
  const oneWeek = (shifts: number, fields = {}) => {
    const f = facts()
      .override('AVERAGE_WEEKLY_HOURS', { params: { referenceWeeks: 1 } })
      .person('a', fields);
    f.run('a', 'D', '2026-03-02', shifts);
    return f;
  };

  it('penalises minutes over 48 h a week across the reference period (6 × 12 h = 72 h → 1440)', () => {
    expect(oneWeek(6).violations('AVERAGE_WEEKLY_HOURS')).toEqual([
      expect.objectContaining({ severity: 'HARD', penalty: 1440, measured: 4320, limit: 2880 }),
    ]);
  });

  it('does not penalise exactly 48 h', () => {
    expect(oneWeek(4).violations('AVERAGE_WEEKLY_HOURS')).toEqual([]);
  });

  it('is skipped for someone who has opted out, unless an opted-out limit applies (doctors: 56 h)', () => {
    expect(oneWeek(6, { optOut: true }).violations('AVERAGE_WEEKLY_HOURS')).toEqual([]);
    const doctor = oneWeek(6, { optOut: true, ruleProfile: 'DOCTOR_IN_TRAINING' });
    doctor.override('AVERAGE_WEEKLY_HOURS', {
      params: { referenceWeeks: 1, optedOutMaxMinutesPerWeek: 3360 },
    });
    expect(doctor.violations('AVERAGE_WEEKLY_HOURS')[0]).toMatchObject({ penalty: 960, limit: 3360 });
  });

  it('averages over 17 weeks by default, counting history before the rota', () => {
    const f = facts();
    // 16 weeks before the rota at 50 h (5 × 10 h), then a rota week at 50 h: average 50 > 48.
    for (let w = 16; w >= 1; w--) {
      for (let d = 0; d < 5; d++) {
        const date = new Date(Date.parse('2026-03-02T00:00:00Z') - (w * 7 - d) * 86_400_000)
          .toISOString()
          .slice(0, 10);
        f.work('a', 'E', date, { inRota: false, minutes: 630 });
      }
    }
    for (let d = 0; d < 5; d++) f.work('a', 'E', `2026-03-0${2 + d}`, { minutes: 630 });
    const v = f.violations('AVERAGE_WEEKLY_HOURS');
    expect(v).toHaveLength(1);
    expect(v[0]).toMatchObject({ limit: 2880, measured: 3000, penalty: 17 * 120 });
  });
});
