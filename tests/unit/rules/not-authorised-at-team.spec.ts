import { facts, TEAM_ORG } from '../../fixtures/facts.js';

describe('NOT_AUTHORISED_AT_TEAM', () => {
  const council = (f = facts()) => f.person('c', { employerId: 'org-council' });

  it('penalises each shift worked at another employer’s team without authorisation', () => {
    const f = council();
    f.work('c', 'E', '2026-03-10');
    f.work('c', 'E', '2026-03-11');
    expect(f.violations('NOT_AUTHORISED_AT_TEAM').map((v) => v.penalty)).toEqual([1, 1]);
  });

  it('does not penalise the employer’s own staff', () => {
    const f = facts().person('e', { employerId: TEAM_ORG });
    f.work('e', 'E', '2026-03-10');
    expect(f.violations('NOT_AUTHORISED_AT_TEAM')).toEqual([]);
  });

  it('is satisfied by an approved placement covering the date, and only its dates (inclusive)', () => {
    const f = council().placement('c', 'team-1', '2026-03-01', '2026-03-10');
    f.work('c', 'E', '2026-03-10');
    f.work('c', 'E', '2026-03-11');
    expect(f.violations('NOT_AUTHORISED_AT_TEAM').map((v) => v.shiftIds[0])).toEqual(['c:E@2026-03-11']);
  });

  it('is satisfied by a running joint-role appointment with the team’s organisation as a partner', () => {
    const f = council().appointment('c', '2026-01-01', null, [
      { organisationId: TEAM_ORG, timeSharePercent: 50 },
      { organisationId: 'org-council', timeSharePercent: 50 },
    ]);
    f.work('c', 'E', '2026-03-10');
    expect(f.violations('NOT_AUTHORISED_AT_TEAM')).toEqual([]);
  });

  it('is not satisfied by a placement at another team', () => {
    const f = council().placement('c', 'team-2', '2026-03-01', '2026-03-31');
    f.work('c', 'E', '2026-03-10');
    expect(f.violations('NOT_AUTHORISED_AT_TEAM')).toHaveLength(1);
  });

  it('is satisfied by an approved bank claim for that shift, and for no other shift', () => {
    const f = council().bankShift('c', 'c:E@2026-03-10');
    f.work('c', 'E', '2026-03-10');
    f.work('c', 'E', '2026-03-11');
    expect(f.violations('NOT_AUTHORISED_AT_TEAM').map((v) => v.shiftIds[0])).toEqual(['c:E@2026-03-11']);
  });

  it('is not satisfied by someone else’s bank claim on the shift', () => {
    const f = council().person('d', { employerId: 'org-council' }).bankShift('d', 'c:E@2026-03-10');
    f.work('c', 'E', '2026-03-10');
    expect(f.violations('NOT_AUTHORISED_AT_TEAM')).toHaveLength(1);
  });
});
