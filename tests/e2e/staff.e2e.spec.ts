import { Role } from '../../src/common/auth/actor.js';
import { OrganisationKind, Sector } from '../../src/modules/organisations/organisation.enums.js';
import {
  insertCredential,
  insertOrganisation,
  insertStaff,
  insertTeam,
  skillId,
} from '../fixtures/factories.js';
import { errorCode, startTestApp, type TestApp } from '../fixtures/test-app.js';

const CREATE = `mutation($input: CreateStaffMemberInput!) {
  createStaffMember(input: $input) {
    id name givenName familyName email staffGroup jobTitle payFramework payGrade contractedHoursPerWeek
    workingTimeOptOut optOutSignedOn dateOfBirth ruleProfile active employer { id name } homeTeam { id name }
  }
}`;
const UPDATE = `mutation($input: UpdateStaffMemberInput!) {
  updateStaffMember(input: $input) { id payFramework payGrade contractedHoursPerWeek active homeTeam { id } }
}`;
const LIST = `query($filter: StaffFilter, $first: Int, $after: String) {
  staff(filter: $filter, first: $first, after: $after) {
    edges { node { id name } } pageInfo { hasNextPage endCursor } totalCount
  }
}`;

describe('staff directory (GraphQL over HTTP)', () => {
  let t: TestApp;
  let admin: string;
  let trust: { id: string };
  let council: { id: string };
  let ward: { id: string };

  beforeAll(async () => {
    // One test reads the largest page (500 staff with credentials), over the default query cost, to count its
    // SQL statements: the cost limit is raised out of its way.
    t = await startTestApp({ graphql: { maxCost: 1_000_000 } });
    admin = await t.adminToken();
    trust = await insertOrganisation(t.dataSource, { name: 'Staff Test Trust' });
    council = await insertOrganisation(t.dataSource, {
      name: 'Staff Test Council',
      kind: OrganisationKind.LOCAL_AUTHORITY,
      sector: Sector.SOCIAL_CARE,
    });
    ward = await insertTeam(t.dataSource, trust.id, { name: 'Staff Test Ward' });
  });
  afterAll(() => t.close());

  const staffCount = async (): Promise<number> =>
    Number((await t.dataSource.query('SELECT count(*)::int AS n FROM staff_member'))[0].n);

  const valid = () => ({
    givenName: 'Amara',
    familyName: 'Okonkwo',
    email: 'Amara.Okonkwo@nenevalley.nhs.uk',
    employerId: trust.id,
    staffGroup: 'NURSING',
    jobTitle: 'Staff Nurse',
    payFramework: 'AGENDA_FOR_CHANGE',
    payGrade: 'band 5',
    contractedHoursPerWeek: 37.5,
    dateOfBirth: '1992-04-17',
    homeTeamId: ward.id,
  });

  it('creates a staff member, normalising the band and the email', async () => {
    const res = await t.gql(CREATE, { input: valid() }, admin);
    expect(res.errors).toBeUndefined();
    expect(res.data!.createStaffMember).toMatchObject({
      name: 'Amara Okonkwo',
      email: 'amara.okonkwo@nenevalley.nhs.uk',
      payGrade: '5',
      contractedHoursPerWeek: 37.5,
      dateOfBirth: '1992-04-17',
      ruleProfile: 'STANDARD',
      active: true,
      employer: { id: trust.id, name: 'Staff Test Trust' },
      homeTeam: { id: ward.id, name: 'Staff Test Ward' },
    });
    const row = await t.dataSource.query(
      'SELECT contracted_hours_per_week::text AS h FROM staff_member WHERE id = $1',
      [res.data!.createStaffMember.id],
    );
    expect(row[0].h).toBe('37.50');
  });

  it.each([
    [{ contractedHoursPerWeek: -1 }, 'input.contractedHoursPerWeek'],
    [{ contractedHoursPerWeek: 168.5 }, 'input.contractedHoursPerWeek'],
    [{ contractedHoursPerWeek: 37.555 }, 'input.contractedHoursPerWeek'],
    [{ payGrade: '10' }, 'input.payGrade'],
    [{ payFramework: 'MEDICAL_AND_DENTAL', payGrade: '5' }, 'input.payGrade'],
    [{ payFramework: 'LOCAL_GOVERNMENT', payGrade: 'SCP 44' }, 'input.payGrade'],
    [{ email: 'not-an-email' }, 'input.email'],
    [{ givenName: ' ' }, 'input.givenName'],
    [{ dateOfBirth: '2099-01-01' }, 'input.dateOfBirth'],
    [{ dateOfBirth: '2020-01-01' }, 'input.dateOfBirth'],
    [{ workingTimeOptOut: true }, 'input.optOutSignedOn'],
    [
      { workingTimeOptOut: true, optOutSignedOn: '2025-01-01', dateOfBirth: '2009-06-01' },
      'input.workingTimeOptOut',
    ],
  ])('refuses %j with BAD_USER_INPUT naming %s, writing nothing', async (change, field) => {
    const before = await staffCount();
    const res = await t.gql(CREATE, { input: { ...valid(), email: null, ...change } }, admin);
    expect(errorCode(res)).toBe('BAD_USER_INPUT');
    expect(res.errors![0].extensions.field).toBe(field);
    expect(await staffCount()).toBe(before);
  });

  it.each(['1992-02-30', '17/04/1992', '1992-4-17'])('refuses the malformed date %s', async (dateOfBirth) => {
    const res = await t.gql(CREATE, { input: { ...valid(), email: null, dateOfBirth } }, admin);
    expect(errorCode(res)).toBe('BAD_USER_INPUT');
    expect(res.errors![0].message).toMatch(/dateOfBirth/);
  });

  it('refuses a home team of another employer (and the database would too)', async () => {
    const councilTeam = await insertTeam(t.dataSource, council.id);
    const res = await t.gql(
      CREATE,
      { input: { ...valid(), email: null, homeTeamId: councilTeam.id } },
      admin,
    );
    expect(errorCode(res)).toBe('BAD_USER_INPUT');
    expect(res.errors![0].extensions.field).toBe('input.homeTeamId');
    const staff = await insertStaff(t.dataSource, trust.id);
    await expect(
      t.dataSource.query('UPDATE staff_member SET home_team_id = $1 WHERE id = $2', [
        councilTeam.id,
        staff.id,
      ]),
    ).rejects.toThrow(/fk_staff_member_home_team/);
  });

  it('answers NOT_FOUND for an unknown employer and CONFLICT for a duplicate email', async () => {
    const missing = await t.gql(
      CREATE,
      { input: { ...valid(), email: null, employerId: '0b7a4b43-5d8e-4f1a-9c3b-2f6a1d9e8c7b' } },
      admin,
    );
    expect(errorCode(missing)).toBe('NOT_FOUND');
    expect(missing.errors![0].extensions.field).toBe('input.employerId');
    await t.gql(CREATE, { input: { ...valid(), email: 'dup@example.org' } }, admin);
    const dup = await t.gql(CREATE, { input: { ...valid(), email: 'DUP@example.org' } }, admin);
    expect(errorCode(dup)).toBe('CONFLICT');
    expect(dup.errors![0].extensions.field).toBe('input.email');
  });

  it('updates a record, revalidating the grade against a new framework', async () => {
    const staff = await insertStaff(t.dataSource, trust.id);
    const bad = await t.gql(
      UPDATE,
      { input: { staffId: staff.id, payFramework: 'MEDICAL_AND_DENTAL' } },
      admin,
    );
    expect(errorCode(bad)).toBe('BAD_USER_INPUT');
    expect(bad.errors![0].extensions.field).toBe('input.payGrade');
    const ok = await t.gql(
      UPDATE,
      { input: { staffId: staff.id, payFramework: 'MEDICAL_AND_DENTAL', payGrade: 'st3', active: false } },
      admin,
    );
    expect(ok.data!.updateStaffMember).toMatchObject({
      payFramework: 'MEDICAL_AND_DENTAL',
      payGrade: 'ST3',
      active: false,
    });
  });

  it('searches by organisation, team, group, name and valid skill, paginated', async () => {
    const org = await insertOrganisation(t.dataSource, { name: 'Search Trust' });
    const team = await insertTeam(t.dataSource, org.id);
    const fire = await skillId(t.dataSource, 'CSTF_FIRE_SAFETY');
    const people = [];
    for (let i = 0; i < 5; i++) {
      people.push(
        await insertStaff(t.dataSource, org.id, {
          familyName: `Searchable${i}`,
          homeTeamId: i < 3 ? team.id : null,
          staffGroup: i % 2 ? ('CARE_AND_SUPPORT' as never) : ('NURSING' as never),
        }),
      );
    }
    await insertCredential(t.dataSource, {
      staffId: people[0]!.id,
      skillId: fire,
      verifiedByOrganisationId: org.id,
      obtainedOn: '2025-01-01',
      expiresOn: '2027-01-01',
    });
    await insertCredential(t.dataSource, {
      staffId: people[1]!.id,
      skillId: fire,
      verifiedByOrganisationId: org.id,
      obtainedOn: '2023-01-01',
      expiresOn: '2025-01-01',
    });
    await insertStaff(t.dataSource, org.id, { familyName: 'Searchable9', active: false });

    const byOrg = await t.gql(LIST, { filter: { organisationId: org.id }, first: 2 }, admin);
    expect(byOrg.data!.staff.totalCount).toBe(5);
    expect(byOrg.data!.staff.edges.map((e: any) => e.node.name)).toEqual([
      `${people[0]!.givenName} Searchable0`,
      `${people[1]!.givenName} Searchable1`,
    ]);
    const page2 = await t.gql(
      LIST,
      { filter: { organisationId: org.id }, first: 2, after: byOrg.data!.staff.pageInfo.endCursor },
      admin,
    );
    expect(page2.data!.staff.edges.map((e: any) => e.node.id)).toEqual([people[2]!.id, people[3]!.id]);

    const total = async (filter: object) => (await t.gql(LIST, { filter }, admin)).data!.staff.totalCount;
    expect(await total({ teamId: team.id })).toBe(3);
    expect(await total({ organisationId: org.id, staffGroup: 'CARE_AND_SUPPORT' })).toBe(2);
    expect(await total({ organisationId: org.id, includeInactive: true })).toBe(6);
    expect(await total({ nameContains: 'searchable3' })).toBe(1);
    expect(await total({ organisationId: org.id, skillId: fire, validOn: '2026-06-01' })).toBe(1);
    expect(await total({ organisationId: org.id, skillId: fire, validOn: '2024-06-01' })).toBe(1);
    expect(await total({ organisationId: org.id, skillId: fire, validOn: '2026-12-31' })).toBe(1);
    expect(await total({ organisationId: org.id, skillId: fire, validOn: '2027-01-01' })).toBe(0);
  });

  it('says plainly what is wrong with a search: an empty name, one too long', async () => {
    const empty = await t.gql(LIST, { filter: { nameContains: '' } }, admin);
    expect(empty.errors![0].extensions).toMatchObject({
      code: 'BAD_USER_INPUT',
      field: 'filter.nameContains',
    });
    expect(empty.errors![0].message).toMatch(/must not be empty/);
    const long = await t.gql(LIST, { filter: { nameContains: 'x'.repeat(101) } }, admin);
    expect(long.errors![0].message).toMatch(/must be at most 100 characters long/);
  });

  it('answers NOT_FOUND for an unknown skill in the search', async () => {
    const res = await t.gql(LIST, { filter: { skillId: '0b7a4b43-5d8e-4f1a-9c3b-2f6a1d9e8c7b' } }, admin);
    expect(errorCode(res)).toBe('NOT_FOUND');
    expect(res.errors![0].extensions.field).toBe('filter.skillId');
  });

  describe('permissions', () => {
    it('limits HR and managers to their organisations’ staff', async () => {
      const hr = await t.token({ roles: [Role.HR], organisationIds: [council.id] });
      await insertStaff(t.dataSource, council.id, { familyName: 'CouncilOnly' });
      const mine = await t.gql(LIST, { filter: { nameContains: 'CouncilOnly' } }, hr);
      expect(mine.data!.staff.totalCount).toBe(1);
      const everyone = await t.gql(LIST, { first: 500 }, hr);
      expect(everyone.data!.staff.edges.length).toBe(everyone.data!.staff.totalCount);
      const otherOrg = await t.gql(LIST, { filter: { organisationId: trust.id } }, hr);
      expect(errorCode(otherOrg)).toBe('FORBIDDEN');
      const staffToken = await t.token({ roles: [Role.STAFF] });
      expect(errorCode(await t.gql(LIST, {}, staffToken))).toBe('FORBIDDEN');
    });

    it('lets staff read their own record and `me`, and no one else’s', async () => {
      const me = await insertStaff(t.dataSource, trust.id, { familyName: 'Myself' });
      const other = await insertStaff(t.dataSource, trust.id);
      const token = await t.token({ roles: [Role.STAFF], staffId: me.id, name: 'Me Myself' });
      const q = `query($id: ID!) { staffMember(id: $id) { id familyName } }`;
      expect((await t.gql(q, { id: me.id }, token)).data!.staffMember.familyName).toBe('Myself');
      expect(errorCode(await t.gql(q, { id: other.id }, token))).toBe('FORBIDDEN');
      const whoami = await t.gql(`{ me { name roles staffId staffMember { familyName } } }`, {}, token);
      expect(whoami.data!.me).toEqual({
        name: 'Me Myself',
        roles: ['STAFF'],
        staffId: me.id,
        staffMember: { familyName: 'Myself' },
      });
    });

    it('lets only HR of the employer create or change staff records', async () => {
      const hrCouncil = await t.token({ roles: [Role.HR], organisationIds: [council.id] });
      const before = await staffCount();
      expect(errorCode(await t.gql(CREATE, { input: { ...valid(), email: null } }, hrCouncil))).toBe(
        'FORBIDDEN',
      );
      const manager = await t.token({ roles: [Role.MANAGER], organisationIds: [trust.id] });
      expect(errorCode(await t.gql(CREATE, { input: { ...valid(), email: null } }, manager))).toBe(
        'FORBIDDEN',
      );
      expect(await staffCount()).toBe(before);
      const staff = await insertStaff(t.dataSource, trust.id);
      expect(errorCode(await t.gql(UPDATE, { input: { staffId: staff.id, active: false } }, hrCouncil))).toBe(
        'FORBIDDEN',
      );
    });
  });

  it('lists 500 staff with their credentials, skills, employers and teams in a fixed number of SQL statements', async () => {
    const org = await insertOrganisation(t.dataSource, { name: 'Big Trust' });
    const team = await insertTeam(t.dataSource, org.id);
    const skills = await Promise.all(
      ['CSTF_FIRE_SAFETY', 'CSTF_IPC_L2', 'DBS_ENHANCED'].map((c) => skillId(t.dataSource, c)),
    );
    // Bulk rows through SQL: this is setup, not the API under test.
    await t.dataSource.query(
      `INSERT INTO staff_member (given_name, family_name, employer_id, home_team_id, staff_group, job_title, pay_framework, pay_grade, contracted_hours_per_week)
       SELECT 'Bulk', 'Person' || lpad(g::text, 4, '0'), $1, $2, 'NURSING', 'Nurse', 'AGENDA_FOR_CHANGE', '5', 37.5 FROM generate_series(1, 500) g`,
      [org.id, team.id],
    );
    await t.dataSource.query(
      `INSERT INTO credential (staff_id, skill_id, obtained_on, expires_on, verified_by_organisation_id, verified_at,
       acceptance, decided_by, decided_at)
       SELECT s.id, k.id, DATE '2025-01-01', DATE '2027-01-01', $1, now(), 'ACCEPTED', 'test-setup', now()
       FROM staff_member s CROSS JOIN unnest($2::uuid[]) AS k(id) WHERE s.employer_id = $1`,
      [org.id, skills],
    );
    const q = `query($first: Int, $org: ID!) { staff(first: $first, filter: { organisationId: $org }) { edges { node {
      name employer { name sector } homeTeam { name organisation { name } }
      credentials { obtainedOn expiresOn status skill { code } verifiedByOrganisation { name } } } } } }`;
    t.queries.start();
    const small = await t.gql(q, { first: 10, org: org.id }, admin);
    const smallCount = t.queries.stop();
    t.queries.start();
    const big = await t.gql(q, { first: 500, org: org.id }, admin);
    const bigCount = t.queries.stop();
    expect(small.errors).toBeUndefined();
    expect(big.data!.staff.edges).toHaveLength(500);
    expect(big.data!.staff.edges[499].node.credentials).toHaveLength(3);
    expect(big.data!.staff.edges[499].node.credentials[0].verifiedByOrganisation.name).toBe('Big Trust');
    expect(bigCount).toBe(smallCount);
    // organisation check, page, credentials, skills, organisations, teams
    expect(bigCount).toBeLessThanOrEqual(7);
  });
});
