import { facts } from '../../fixtures/facts.js';

describe('COVER_MIN_HEADCOUNT', () => {
  const world = (people: number) => {
    const f = facts();
    const shift = f.shift('E', '2026-03-04', { minHeadcount: 3, targetHeadcount: 3 });
    for (let i = 0; i < people; i++) f.assign(`p${i}`, shift);
    return f;
  };

  it('penalises by the number of people short (2 of 3 → 1)', () => {
    expect(world(2).violations('COVER_MIN_HEADCOUNT')).toEqual([
      expect.objectContaining({
        severity: 'HARD',
        penalty: 1,
        measured: 2,
        limit: 3,
        shiftIds: ['E@2026-03-04'],
        staffId: null,
      }),
    ]);
    expect(world(0).violations('COVER_MIN_HEADCOUNT')[0]!.penalty).toBe(3);
  });

  it('does not penalise a shift at its minimum', () => {
    expect(world(3).violations('COVER_MIN_HEADCOUNT')).toEqual([]);
  });

  it('can be made soft by the rule set', () => {
    const f = world(1).override('COVER_MIN_HEADCOUNT', { severity: 'SOFT' });
    expect(f.violations('COVER_MIN_HEADCOUNT')[0]).toMatchObject({ severity: 'SOFT', penalty: 2 });
  });
});
