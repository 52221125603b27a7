import { Role } from '../../src/common/auth/actor.js';
import { OrganisationKind, Sector } from '../../src/modules/organisations/organisation.enums.js';
import { insertCredential, insertStaff, skillId } from '../fixtures/factories.js';
import {
  addShift,
  ASSIGN,
  assignedOf,
  createRota,
  rotaWorld,
  type RotaWorld,
} from '../fixtures/rota-setup.js';
import { startTestApp, type TestApp } from '../fixtures/test-app.js';

const PERSONAL = `email phone dateOfBirth employeeNumber payGrade payFramework contractedHoursPerWeek
  workingTimeOptOut credentials { id } placements { id } jointRoleAppointments { id }`;
const HIDDEN = {
  email: null,
  phone: null,
  dateOfBirth: null,
  employeeNumber: null,
  payGrade: null,
  payFramework: null,
  contractedHoursPerWeek: null,
  workingTimeOptOut: null,
  credentials: [],
  placements: [],
  jointRoleAppointments: [],
};

/**
 * Objects reached through field resolvers keep their owners' scope: someone who may see that a person works a
 * shift, or is placed in their team, sees who it is — not their contact details, contract, passport or moves.
 */
describe('field-level scope (no leaks through nested fields)', () => {
  let t: TestApp;
  let trust: RotaWorld;
  let council: RotaWorld;
  let nurse: { id: string };
  let colleague: { id: string };
  let colleagueToken: string;
  let rotaId: string;
  let placementId: string;

  beforeAll(async () => {
    // Asks for every personal field of everyone on a whole rota at once, far over the default query cost: the
    // point here is what each caller sees, so the cost limit is raised out of the way.
    t = await startTestApp({ graphql: { maxCost: 1_000_000 } });
    trust = await rotaWorld(t, 'Scope');
    council = await rotaWorld(t, 'Shire');
    await t.dataSource.query(`UPDATE organisation SET kind = $2, sector = $3 WHERE id = $1`, [
      council.orgId,
      OrganisationKind.LOCAL_AUTHORITY,
      Sector.SOCIAL_CARE,
    ]);
    nurse = await insertStaff(t.dataSource, trust.orgId, {
      homeTeamId: trust.teamId,
      email: 'nurse@trust.example',
      phone: '07700 900001',
      employeeNumber: 'T-001',
      contractedHoursPerWeek: 0,
    });
    colleague = await insertStaff(t.dataSource, trust.orgId, {
      homeTeamId: trust.teamId,
      contractedHoursPerWeek: 0,
    });
    colleagueToken = await t.token({
      roles: [Role.STAFF],
      organisationIds: [trust.orgId],
      staffId: colleague.id,
    });
    await insertCredential(t.dataSource, {
      staffId: nurse.id,
      skillId: await skillId(t.dataSource, 'CSTF_FIRE_SAFETY'),
      verifiedByOrganisationId: trust.orgId,
    });
    const rota = await createRota(t, trust, '2030-03-04', '2030-03-10');
    rotaId = rota.id;
    for (const [date, who] of [
      ['2030-03-04', nurse.id],
      ['2030-03-05', colleague.id],
    ] as const) {
      const shift = await addShift(t, trust, rota.id, 'E', date);
      expect(assignedOf(await t.gql(ASSIGN, { shift: shift.id, staff: who }, trust.manager)).__typename).toBe(
        'Assignment',
      );
    }
    await t.gql(
      `mutation($id: ID!) { publishRota(input: { rotaId: $id }) { __typename } }`,
      { id: rota.id },
      trust.manager,
    );
    const nurseToken = await t.token({
      roles: [Role.STAFF],
      organisationIds: [trust.orgId],
      staffId: nurse.id,
    });
    const requested = await t.gql(
      `mutation($input: RequestPlacementInput!) { requestPlacement(input: $input) { id } }`,
      {
        input: {
          hostTeamId: council.teamId,
          startDate: '2030-04-01',
          endDate: '2030-04-30',
          hoursPerWeek: 37.5,
          kind: 'SECONDMENT',
          reason: 'Discharge to assess',
        },
      },
      nurseToken,
    );
    placementId = requested.data!.requestPlacement.id;
  });
  afterAll(() => t.close());

  const staffOnRota = (token: string) =>
    t.gql(
      `query($id: ID!) { rota(id: $id) { shifts { assignments { staff { id name ${PERSONAL} } } } } }`,
      { id: rotaId },
      token,
    );

  it('lets a colleague on a published rota see who works, not their personal record', async () => {
    const res = await staffOnRota(colleagueToken);
    expect(res.errors).toBeUndefined();
    const people = res.data!.rota.shifts.flatMap((s: any) => s.assignments.map((a: any) => a.staff));
    const other = people.find((p: any) => p.id === nurse.id);
    expect(other).toMatchObject({ name: expect.any(String), ...HIDDEN });
    const self = people.find((p: any) => p.id === colleague.id);
    expect(self.contractedHoursPerWeek).toBe(0);
  });

  it('shows the same record in full to the manager and HR of the employer', async () => {
    const res = await staffOnRota(trust.manager);
    const person = res
      .data!.rota.shifts.flatMap((s: any) => s.assignments.map((a: any) => a.staff))
      .find((p: any) => p.id === nurse.id);
    expect(person).toMatchObject({
      email: 'nurse@trust.example',
      phone: '07700 900001',
      employeeNumber: 'T-001',
    });
    expect(person.credentials).toHaveLength(1);
    expect(person.placements).toHaveLength(1);
  });

  it('lets the host side of a placement see the request and who is asking, not their personal record', async () => {
    const res = await t.gql(
      `query($id: ID!) { placement(id: $id) { status staff { id name ${PERSONAL} } } }`,
      { id: placementId },
      council.manager,
    );
    expect(res.errors).toBeUndefined();
    expect(res.data!.placement).toMatchObject({ status: 'REQUESTED', staff: { id: nurse.id, ...HIDDEN } });
  });

  it('keeps out-of-scope placements out of lists', async () => {
    const outsider = await rotaWorld(t, 'Elsewhere');
    const hr = await t.token({ roles: [Role.HR], organisationIds: [outsider.orgId] });
    const res = await t.gql(`{ placements(first: 50) { totalCount edges { node { id } } } }`, {}, hr);
    expect(res.data!.placements.totalCount).toBe(0);
    const staff = await t.gql(`{ staff(first: 50) { totalCount } }`, {}, outsider.manager);
    expect(staff.data!.staff.totalCount).toBe(0);
  });
});
