import { CanonicalTeamTimeZones1795363204118 } from '../../migrations/1795363204118-CanonicalTeamTimeZones.js';
import { Role } from '../../src/common/auth/actor.js';
import { insertOrganisation, insertTeam } from '../fixtures/factories.js';
import { errorCode, startTestApp, type TestApp } from '../fixtures/test-app.js';

const CREATE_TEAM = `mutation($input: CreateTeamInput!) {
  createTeam(input: $input) { id name kind timeZone organisation { id name } }
}`;
const UPDATE_TEAM = `mutation($input: UpdateTeamInput!) { updateTeam(input: $input) { id name timeZone } }`;

describe('teams (GraphQL over HTTP)', () => {
  let t: TestApp;
  let admin: string;
  let orgId: string;

  beforeAll(async () => {
    t = await startTestApp();
    admin = await t.adminToken();
    orgId = (await insertOrganisation(t.dataSource, { name: 'Teams Test Trust' })).id;
  });
  afterAll(() => t.close());

  const teamCount = async (): Promise<number> =>
    Number((await t.dataSource.query('SELECT count(*)::int AS n FROM team'))[0].n);

  it('creates a team in Europe/London by default and resolves its organisation', async () => {
    const res = await t.gql(
      CREATE_TEAM,
      { input: { organisationId: orgId, name: 'Ward 7', kind: 'WARD' } },
      admin,
    );
    expect(res.errors).toBeUndefined();
    expect(res.data!.createTeam).toMatchObject({
      name: 'Ward 7',
      kind: 'WARD',
      timeZone: 'Europe/London',
      organisation: { id: orgId, name: 'Teams Test Trust' },
    });
  });

  it.each(['America/New_York', 'Europe/Dublin', 'Asia/Kolkata'])(
    'accepts the IANA zone %s',
    async (timeZone) => {
      const res = await t.gql(
        CREATE_TEAM,
        { input: { organisationId: orgId, name: `Team in ${timeZone}`, kind: 'COMMUNITY', timeZone } },
        admin,
      );
      expect(res.data!.createTeam.timeZone).toBe(timeZone);
    },
  );

  it.each([
    ['europe/london', 'Europe/London'],
    ['AMERICA/NEW_YORK', 'America/New_York'],
    ['utc', 'UTC'],
    ['GB', 'Europe/London'],
  ])(
    'stores the IANA zone %s in its canonical spelling %s, on create and update',
    async (given, canonical) => {
      const res = await t.gql(
        CREATE_TEAM,
        { input: { organisationId: orgId, name: `Canonical ${given}`, kind: 'COMMUNITY', timeZone: given } },
        admin,
      );
      expect(res.data!.createTeam.timeZone).toBe(canonical);
      const [row] = await t.dataSource.query('SELECT time_zone FROM team WHERE id = $1', [
        res.data!.createTeam.id,
      ]);
      expect(row.time_zone).toBe(canonical);
      const updated = await t.gql(
        UPDATE_TEAM,
        { input: { teamId: res.data!.createTeam.id, timeZone: given.toLowerCase() } },
        admin,
      );
      expect(updated.data!.updateTeam.timeZone).toBe(canonical);
    },
  );

  it('respells zones stored before they were canonicalised (migration)', async () => {
    const res = await t.gql(
      CREATE_TEAM,
      { input: { organisationId: orgId, name: 'Stored in lower case', kind: 'WARD' } },
      admin,
    );
    const id = res.data!.createTeam.id;
    await t.dataSource.query(`UPDATE team SET time_zone = 'europe/london' WHERE id = $1`, [id]);
    const runner = t.dataSource.createQueryRunner();
    try {
      await new CanonicalTeamTimeZones1795363204118().up(runner);
    } finally {
      await runner.release();
    }
    const [row] = await t.dataSource.query('SELECT time_zone FROM team WHERE id = $1', [id]);
    expect(row.time_zone).toBe('Europe/London');
  });

  it.each(['Mars/Olympus_Mons', 'GMT+1', 'europe london', '', 'Europe/London; DROP TABLE team'])(
    'refuses the time zone %j with BAD_USER_INPUT naming input.timeZone, writing nothing',
    async (timeZone) => {
      const before = await teamCount();
      const res = await t.gql(
        CREATE_TEAM,
        { input: { organisationId: orgId, name: 'Bad zone', kind: 'WARD', timeZone } },
        admin,
      );
      expect(errorCode(res)).toBe('BAD_USER_INPUT');
      expect(res.errors![0].extensions.field).toBe('input.timeZone');
      expect(await teamCount()).toBe(before);
    },
  );

  it('answers NOT_FOUND for a team in an unknown organisation', async () => {
    const res = await t.gql(
      CREATE_TEAM,
      { input: { organisationId: '0b7a4b43-5d8e-4f1a-9c3b-2f6a1d9e8c7b', name: 'Orphan', kind: 'WARD' } },
      admin,
    );
    expect(errorCode(res)).toBe('NOT_FOUND');
    expect(res.errors![0].extensions.field).toBe('input.organisationId');
  });

  it('refuses two teams with one name in an organisation (any case), but allows it across organisations', async () => {
    const other = await insertOrganisation(t.dataSource, { name: 'Teams Other Trust' });
    await t.gql(
      CREATE_TEAM,
      { input: { organisationId: orgId, name: 'Discharge Hub', kind: 'DISCHARGE_HUB' } },
      admin,
    );
    const dup = await t.gql(
      CREATE_TEAM,
      { input: { organisationId: orgId, name: 'discharge hub', kind: 'DISCHARGE_HUB' } },
      admin,
    );
    expect(errorCode(dup)).toBe('CONFLICT');
    const elsewhere = await t.gql(
      CREATE_TEAM,
      { input: { organisationId: other.id, name: 'Discharge Hub', kind: 'DISCHARGE_HUB' } },
      admin,
    );
    expect(elsewhere.errors).toBeUndefined();
  });

  it('pages an organisation’s teams and answers NOT_FOUND for an unknown organisation', async () => {
    const org = await insertOrganisation(t.dataSource, { name: 'Paged Teams Trust' });
    for (const name of ['Delta', 'alpha', 'Charlie', 'Bravo'])
      await insertTeam(t.dataSource, org.id, { name });
    const q = `query($org: ID!, $after: String) { teams(organisationId: $org, first: 3, after: $after) {
      edges { node { name } } pageInfo { hasNextPage endCursor } totalCount } }`;
    const p1 = await t.gql(q, { org: org.id }, admin);
    expect(p1.data!.teams.edges.map((e: any) => e.node.name)).toEqual(['alpha', 'Bravo', 'Charlie']);
    expect(p1.data!.teams.totalCount).toBe(4);
    const p2 = await t.gql(q, { org: org.id, after: p1.data!.teams.pageInfo.endCursor }, admin);
    expect(p2.data!.teams.edges.map((e: any) => e.node.name)).toEqual(['Delta']);
    const missing = await t.gql(q, { org: '0b7a4b43-5d8e-4f1a-9c3b-2f6a1d9e8c7b' }, admin);
    expect(errorCode(missing)).toBe('NOT_FOUND');
  });

  describe('permissions', () => {
    it('lets HR create teams in their organisation only', async () => {
      const other = await insertOrganisation(t.dataSource, { name: 'Not My Trust' });
      const hr = await t.token({ roles: [Role.HR], organisationIds: [orgId] });
      const ok = await t.gql(
        CREATE_TEAM,
        { input: { organisationId: orgId, name: 'HR made', kind: 'WARD' } },
        hr,
      );
      expect(ok.errors).toBeUndefined();
      const before = await teamCount();
      const refused = await t.gql(
        CREATE_TEAM,
        { input: { organisationId: other.id, name: 'HR elsewhere', kind: 'WARD' } },
        hr,
      );
      expect(errorCode(refused)).toBe('FORBIDDEN');
      expect(await teamCount()).toBe(before);
    });

    it('refuses team creation to managers and staff', async () => {
      for (const role of [Role.MANAGER, Role.STAFF]) {
        const token = await t.token({ roles: [role], organisationIds: [orgId] });
        const res = await t.gql(
          CREATE_TEAM,
          { input: { organisationId: orgId, name: `By ${role}`, kind: 'WARD' } },
          token,
        );
        expect(errorCode(res)).toBe('FORBIDDEN');
      }
    });

    it('lets a manager update their own team but not another', async () => {
      const mine = await insertTeam(t.dataSource, orgId, { name: 'Managed Ward' });
      const theirs = await insertTeam(t.dataSource, orgId, { name: 'Other Ward' });
      const manager = await t.token({ roles: [Role.MANAGER], teamIds: [mine.id] });
      const ok = await t.gql(UPDATE_TEAM, { input: { teamId: mine.id, timeZone: 'Europe/Dublin' } }, manager);
      expect(ok.data!.updateTeam.timeZone).toBe('Europe/Dublin');
      const refused = await t.gql(UPDATE_TEAM, { input: { teamId: theirs.id, name: 'Hijacked' } }, manager);
      expect(errorCode(refused)).toBe('FORBIDDEN');
      const row = await t.dataSource.query('SELECT name, time_zone FROM team WHERE id = $1', [theirs.id]);
      expect(row[0]).toEqual({ name: 'Other Ward', time_zone: 'Europe/London' });
    });

    it('refuses an invalid zone on update and keeps the old one', async () => {
      const team = await insertTeam(t.dataSource, orgId, { name: 'Zone Keeper', timeZone: 'Europe/London' });
      const res = await t.gql(UPDATE_TEAM, { input: { teamId: team.id, timeZone: 'Nowhere/Land' } }, admin);
      expect(errorCode(res)).toBe('BAD_USER_INPUT');
      const row = await t.dataSource.query('SELECT time_zone FROM team WHERE id = $1', [team.id]);
      expect(row[0].time_zone).toBe('Europe/London');
    });
  });
});
