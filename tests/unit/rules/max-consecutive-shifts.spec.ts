import { facts } from '../../fixtures/facts.js';

describe('MAX_CONSECUTIVE_SHIFTS', () => {
  it('penalises days over the person’s limit (6 in a row with a limit of 5 → 1)', () => {
    const f = facts().person('a', { limits: { maxConsecutiveShifts: 5 } });
    f.run('a', 'E', '2026-03-02', 6);
    expect(f.violations('MAX_CONSECUTIVE_SHIFTS')).toEqual([
      expect.objectContaining({ severity: 'HARD', penalty: 1, measured: 6, limit: 5 }),
    ]);
  });

  it('does not penalise a run at the limit, nor anyone without one under WTR', () => {
    const f = facts().person('a', { limits: { maxConsecutiveShifts: 5 } });
    f.run('a', 'E', '2026-03-02', 5);
    f.run('b', 'E', '2026-03-02', 12);
    expect(f.violations('MAX_CONSECUTIVE_SHIFTS')).toEqual([]);
  });

  it('counts days worked before the rota (history)', () => {
    const f = facts().person('a', { limits: { maxConsecutiveShifts: 5 } });
    f.work('a', 'E', '2026-02-27', { inRota: false });
    f.work('a', 'E', '2026-02-28', { inRota: false });
    f.work('a', 'E', '2026-03-01', { inRota: false });
    f.run('a', 'E', '2026-03-02', 3);
    expect(f.violations('MAX_CONSECUTIVE_SHIFTS')[0]).toMatchObject({ penalty: 1, measured: 6 });
  });

  it('for doctors: at most 7, then 48 h rest (47 h → 60)', () => {
    const f = facts().usePreset('NHS_DOCTORS_2016');
    f.run('a', 'E', '2026-03-02', 7); // last ends Sunday 15:00
    f.work('a', 'E', '2026-03-10', { start: '14:00' }); // Tuesday 14:00: 47 h later
    expect(f.violations('MAX_CONSECUTIVE_SHIFTS')).toEqual([
      expect.objectContaining({ penalty: 60, measured: 2820, limit: 2880 }),
    ]);
    const rested = facts().usePreset('NHS_DOCTORS_2016');
    rested.run('a', 'E', '2026-03-02', 7);
    rested.work('a', 'E', '2026-03-10', { start: '15:00' });
    expect(rested.violations('MAX_CONSECUTIVE_SHIFTS')).toEqual([]);
  });
});
