import { facts } from '../../fixtures/facts.js';

describe('COVER_TARGET', () => {
  const world = (people: number, weights: { underWeight?: number; overWeight?: number } = {}) => {
    const f = facts();
    const shift = f.shift('E', '2026-03-04', { minHeadcount: 0, targetHeadcount: 3, ...weights });
    for (let i = 0; i < people; i++) f.assign(`p${i}`, shift);
    return f;
  };

  it('penalises 100 per person under the target and 1 per person over (Curtois weights)', () => {
    expect(world(1).violations('COVER_TARGET')).toEqual([
      expect.objectContaining({ severity: 'SOFT', penalty: 200, measured: 1, limit: 3 }),
    ]);
    expect(world(5).violations('COVER_TARGET')).toEqual([
      expect.objectContaining({ penalty: 2, measured: 5 }),
    ]);
  });

  it('does not penalise the target exactly', () => {
    expect(world(3).violations('COVER_TARGET')).toEqual([]);
  });

  it("uses a shift's own weights when it has them", () => {
    expect(world(2, { underWeight: 7 }).violations('COVER_TARGET')[0]!.penalty).toBe(7);
    expect(world(4, { overWeight: 3 }).violations('COVER_TARGET')[0]!.penalty).toBe(3);
  });
});
