import { facts } from '../../fixtures/facts.js';

describe('WEEKEND_FREQUENCY', () => {
  const doctors = () => facts().usePreset('NHS_DOCTORS_2016');

  it('penalises weekends beyond one in three (2 of the rota’s 4 → 1)', () => {
    const f = doctors();
    f.work('a', 'E', '2026-03-07');
    f.work('a', 'E', '2026-03-22');
    expect(f.violations('WEEKEND_FREQUENCY')).toEqual([
      expect.objectContaining({ severity: 'HARD', penalty: 1, measured: 2 }),
    ]);
  });

  it('does not penalise one weekend in four, worked on both days', () => {
    const f = doctors();
    f.work('a', 'E', '2026-03-07');
    f.work('a', 'E', '2026-03-08');
    expect(f.violations('WEEKEND_FREQUENCY')).toEqual([]);
  });

  it('counts a Friday night that runs into Saturday as a weekend worked', () => {
    const f = doctors();
    f.work('a', 'N', '2026-03-06');
    f.work('a', 'N', '2026-03-20');
    expect(f.violations('WEEKEND_FREQUENCY')[0]).toMatchObject({ measured: 2 });
  });

  it('allowed one in two under the original 2016 terms', () => {
    const f = facts('2017-03-06').usePreset('NHS_DOCTORS_2016');
    f.work('a', 'E', '2017-03-11');
    f.work('a', 'E', '2017-03-25');
    expect(f.violations('WEEKEND_FREQUENCY')).toEqual([]);
  });
});
