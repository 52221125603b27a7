import { type Actor, Role } from '../../src/common/auth/actor.js';
import { Audiences, inAudience } from '../../src/common/visibility/audiences.js';
import { Relation, relationsOf, type Subject } from '../../src/common/visibility/relations.js';

const TRUST = '11111111-1111-4111-8111-111111111111';
const COUNCIL = '22222222-2222-4222-8222-222222222222';
const WARD = '33333333-3333-4333-8333-333333333333';
const OTHER_WARD = '44444444-4444-4444-8444-444444444444';
const NURSE = '55555555-5555-4555-8555-555555555555';
const COLLEAGUE = '66666666-6666-4666-8666-666666666666';

const actor = (roles: Role[], orgs: string[] = [], teams: string[] = [], staffId?: string): Actor => ({
  subject: 's',
  roles: new Set(roles),
  organisationIds: orgs,
  teamIds: teams,
  staffId,
});
const nurse: Subject = { staffId: NURSE, employerId: TRUST, homeTeamId: WARD };

describe('relations between a caller and whose data an object is', () => {
  it.each([
    ['the nurse herself', actor([Role.STAFF], [TRUST], [], NURSE), [Relation.SELF]],
    ['a colleague', actor([Role.STAFF], [TRUST], [], COLLEAGUE), []],
    [
      'her ward manager',
      actor([Role.MANAGER], [TRUST], [WARD]),
      [Relation.EMPLOYER_MANAGER, Relation.LINE_MANAGER],
    ],
    ['another trust manager', actor([Role.MANAGER], [TRUST], [OTHER_WARD]), [Relation.EMPLOYER_MANAGER]],
    ['trust HR', actor([Role.HR], [TRUST]), [Relation.EMPLOYER_HR]],
    ['council HR', actor([Role.HR], [COUNCIL]), []],
    [
      'a manager of her ward in another organisation',
      actor([Role.MANAGER], [COUNCIL], [WARD]),
      [Relation.LINE_MANAGER],
    ],
    ['ADMIN', actor([Role.ADMIN]), [Relation.ADMIN]],
  ])('%s', (_who, caller, expected) => {
    expect([...relationsOf(caller, nurse)].sort()).toEqual([...expected].sort());
  });

  it('relates HR and managers to the organisations, teams and people an object belongs to', () => {
    const role: Subject = { organisationIds: [TRUST, COUNCIL], staffIds: [NURSE], teamIds: [WARD] };
    expect([...relationsOf(actor([Role.HR], [COUNCIL]), role)]).toEqual([Relation.ORGANISATION_HR]);
    expect([...relationsOf(actor([Role.MANAGER], [COUNCIL], [WARD]), role)].sort()).toEqual(
      [Relation.ORGANISATION_MANAGER, Relation.TEAM_MANAGER].sort(),
    );
    // Staff of a partner organisation are not its partners: only those appointed to it are attached.
    expect([...relationsOf(actor([Role.STAFF], [TRUST], [], COLLEAGUE), role)]).toEqual([]);
    expect([...relationsOf(actor([Role.STAFF], [TRUST], [], NURSE), role)]).toEqual([Relation.ATTACHED]);
    expect([...relationsOf(undefined, role)]).toEqual([]);
  });

  it('puts ADMIN in every audience and nobody else in an audience without one of its relations', () => {
    for (const audience of Object.values(Audiences)) {
      expect(inAudience(audience, new Set([Relation.ADMIN]))).toBe(true);
      expect(inAudience(audience, new Set())).toBe(audience.relations.length === 0);
    }
    expect(inAudience(Audiences.SPECIAL_CATEGORY, new Set([Relation.EMPLOYER_MANAGER]))).toBe(false);
    expect(inAudience(Audiences.PERSONAL, new Set([Relation.EMPLOYER_MANAGER]))).toBe(true);
  });
});
