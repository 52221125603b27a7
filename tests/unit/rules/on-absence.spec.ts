import { facts } from '../../fixtures/facts.js';

describe('ON_ABSENCE', () => {
  const world = (date: string) => {
    const f = facts().absence('a', '2026-03-10', '2026-03-12');
    f.work('a', 'E', date);
    return f;
  };

  it('penalises a shift starting on a day of approved absence (inclusive end) by 1', () => {
    expect(world('2026-03-12').violations('ON_ABSENCE')).toEqual([
      expect.objectContaining({ severity: 'HARD', penalty: 1, staffId: 'a' }),
    ]);
    expect(world('2026-03-10').violations('ON_ABSENCE')).toHaveLength(1);
  });

  it('does not penalise the day after, nor a night starting the evening before', () => {
    expect(world('2026-03-13').violations('ON_ABSENCE')).toEqual([]);
    const f = facts().absence('a', '2026-03-10', '2026-03-12');
    f.work('a', 'N', '2026-03-09');
    expect(f.violations('ON_ABSENCE')).toEqual([]);
  });
});
