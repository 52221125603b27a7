import { matchSlots } from '../../../src/rota-core/rules/cover-skill-mix.rule.js';
import { facts } from '../../fixtures/facts.js';

describe('COVER_SKILL_MIX', () => {
  const world = (people: Record<string, string[]>) => {
    const f = facts();
    const shift = f.shift('E', '2026-03-04', {
      skillSlots: [
        { skillId: 'NMC', count: 2 },
        { skillId: 'MED', count: 1 },
      ],
    });
    for (const [id, skills] of Object.entries(people)) {
      f.assign(id, shift);
      for (const s of skills) f.credential(id, s, '2020-01-01', null);
    }
    return f;
  };

  it('needs a distinct person per slot: one nurse cannot fill two (penalty: slots unfilled)', () => {
    const v = world({ a: ['NMC', 'MED'], b: ['NMC'] }).violations('COVER_SKILL_MIX');
    expect(v).toEqual([expect.objectContaining({ severity: 'HARD', penalty: 1, measured: 2, limit: 3 })]);
    expect(v[0]!.message).toMatch(/1 × (NMC|MED)/);
  });

  it('is met by a matching that a per-skill count would miss', () => {
    // a holds both skills, c only MED: a must take NMC so that c can take MED.
    expect(world({ a: ['NMC', 'MED'], b: ['NMC'], c: ['MED'] }).violations('COVER_SKILL_MIX')).toEqual([]);
  });

  it('only counts credentials valid on the shift’s date', () => {
    const f = world({ a: ['NMC'], b: [], c: ['MED'] });
    f.credential('b', 'NMC', '2020-01-01', '2026-03-04');
    expect(f.violations('COVER_SKILL_MIX')[0]!.penalty).toBe(1);
  });

  it('matches slots to people by augmenting paths', () => {
    expect(matchSlots([[1, 2], [1], [3]])).toEqual([2, 1, 3]);
    expect(matchSlots([[1], [1], []]).filter((p) => p === -1)).toHaveLength(2);
  });
});
