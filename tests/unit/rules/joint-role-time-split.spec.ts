import { facts, TEAM_ORG } from '../../fixtures/facts.js';

describe('JOINT_ROLE_TIME_SPLIT', () => {
  const world = (here: number, there: number) => {
    const f = facts().appointment('j', '2026-01-01', null, [
      { organisationId: TEAM_ORG, timeSharePercent: 50 },
      { organisationId: 'org-council', timeSharePercent: 50 },
    ]);
    for (let i = 0; i < here; i++) f.work('j', 'E', `2026-03-${String(2 + i).padStart(2, '0')}`);
    for (let i = 0; i < there; i++)
      f.work('j', 'E', `2026-03-${String(16 + i).padStart(2, '0')}`, {
        inRota: false,
        organisationId: 'org-council',
      });
    return f.violations('JOINT_ROLE_TIME_SPLIT');
  };

  it('penalises points beyond the tolerance per partner (75/25 against 50/50: 15 + 15 → 30)', () => {
    expect(world(3, 1)).toEqual([expect.objectContaining({ severity: 'SOFT', penalty: 30, limit: 10 })]);
  });

  it('measures the largest deviation from an agreed share, in points (75/25 against 50/50: 25 off)', () => {
    expect(world(3, 1)).toEqual([expect.objectContaining({ measured: 25, limit: 10 })]);
    expect(world(4, 0)).toEqual([expect.objectContaining({ measured: 50, limit: 10, penalty: 80 })]);
  });

  it('does not penalise within 10 points (60/40)', () => {
    expect(world(3, 2)).toEqual([]);
  });
});
