import { Role } from '../../src/common/auth/actor.js';
import { OrganisationKind, Sector } from '../../src/modules/organisations/organisation.enums.js';
import { insertOrganisation, insertTeam } from '../fixtures/factories.js';
import { errorCode, startTestApp, type TestApp } from '../fixtures/test-app.js';

const CREATE_ORG = `mutation($input: CreateOrganisationInput!) {
  createOrganisation(input: $input) { id name kind sector odsCode cqcProviderId createdAt }
}`;
const UPDATE_ORG = `mutation($input: UpdateOrganisationInput!) {
  updateOrganisation(input: $input) { id name sector odsCode cqcProviderId }
}`;
const ORGS = `query($first: Int, $after: String, $filter: OrganisationFilter) {
  organisations(first: $first, after: $after, filter: $filter) {
    edges { cursor node { id name sector } }
    pageInfo { hasNextPage hasPreviousPage startCursor endCursor }
    totalCount
  }
}`;

describe('organisations (GraphQL over HTTP)', () => {
  let t: TestApp;
  let admin: string;

  beforeAll(async () => {
    t = await startTestApp();
    admin = await t.adminToken();
  });
  afterAll(() => t.close());

  const count = async (): Promise<number> =>
    Number((await t.dataSource.query('SELECT count(*)::int AS n FROM organisation'))[0].n);

  it('creates an organisation, takes the sector from the kind, and reads it back', async () => {
    const created = await t.gql(
      CREATE_ORG,
      { input: { name: '  Nene Valley Hospitals NHS Trust ', kind: 'NHS_TRUST', odsCode: 'RNV' } },
      admin,
    );
    expect(created.errors).toBeUndefined();
    const org = created.data!.createOrganisation;
    expect(org).toMatchObject({
      name: 'Nene Valley Hospitals NHS Trust',
      kind: 'NHS_TRUST',
      sector: 'HEALTH',
      odsCode: 'RNV',
    });
    expect(org.createdAt).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/);

    const read = await t.gql(
      `query($id: ID!) { organisation(id: $id) { id name sector } }`,
      { id: org.id },
      admin,
    );
    expect(read.data!.organisation).toEqual({
      id: org.id,
      name: 'Nene Valley Hospitals NHS Trust',
      sector: 'HEALTH',
    });
    const row = await t.dataSource.query(
      'SELECT name, sector::text, ods_code FROM organisation WHERE id = $1',
      [org.id],
    );
    expect(row).toEqual([{ name: 'Nene Valley Hospitals NHS Trust', sector: 'HEALTH', ods_code: 'RNV' }]);
  });

  it('lets a voluntary organisation choose its sector and requires it to', async () => {
    const missing = await t.gql(
      CREATE_ORG,
      { input: { name: 'Age Concern Nenshire', kind: 'VOLUNTARY_SECTOR' } },
      admin,
    );
    expect(errorCode(missing)).toBe('BAD_USER_INPUT');
    expect(missing.errors![0].extensions.field).toBe('input.sector');

    const ok = await t.gql(
      CREATE_ORG,
      { input: { name: 'Age Concern Nenshire', kind: 'VOLUNTARY_SECTOR', sector: 'SOCIAL_CARE' } },
      admin,
    );
    expect(ok.data!.createOrganisation.sector).toBe('SOCIAL_CARE');
  });

  it.each([
    [{ name: '   ', kind: 'NHS_TRUST' }, 'input.name'],
    [{ name: 'x'.repeat(201), kind: 'NHS_TRUST' }, 'input.name'],
    [{ name: 'Bad ODS Trust', kind: 'NHS_TRUST', odsCode: 'rnv!' }, 'input.odsCode'],
    [
      { name: 'Bad CQC Care', kind: 'INDEPENDENT_CARE_PROVIDER', cqcProviderId: '12345' },
      'input.cqcProviderId',
    ],
    [{ name: 'Trust In Social Care', kind: 'NHS_TRUST', sector: 'SOCIAL_CARE' }, 'input.sector'],
    [{ name: 'Council In Health', kind: 'LOCAL_AUTHORITY', sector: 'HEALTH' }, 'input.sector'],
  ])('refuses %j with BAD_USER_INPUT naming %s, writing nothing', async (input, field) => {
    const before = await count();
    const res = await t.gql(CREATE_ORG, { input }, admin);
    expect(errorCode(res)).toBe('BAD_USER_INPUT');
    expect(res.errors![0].extensions.field).toBe(field);
    expect(res.errors![0].message).toContain(field);
    expect(await count()).toBe(before);
  });

  it('refuses an unknown enum value before any resolver runs', async () => {
    const res = await t.gql(CREATE_ORG, { input: { name: 'Mystery', kind: 'HOSPITAL' } }, admin);
    expect(errorCode(res)).toBe('BAD_USER_INPUT');
  });

  it('refuses a second organisation with the same name in another case (CONFLICT)', async () => {
    await t.gql(
      CREATE_ORG,
      { input: { name: 'Riverside Care Homes Ltd', kind: 'INDEPENDENT_CARE_PROVIDER' } },
      admin,
    );
    const before = await count();
    const dup = await t.gql(
      CREATE_ORG,
      { input: { name: 'RIVERSIDE care homes ltd', kind: 'INDEPENDENT_CARE_PROVIDER' } },
      admin,
    );
    expect(errorCode(dup)).toBe('CONFLICT');
    expect(dup.errors![0].extensions.field).toBe('input.name');
    expect(await count()).toBe(before);
  });

  it('pages through organisations with cursors, in name order, with a total', async () => {
    for (const name of ['Page Org C', 'page org a', 'Page Org B', 'Page Org E', 'Page Org D']) {
      await insertOrganisation(t.dataSource, {
        name,
        kind: OrganisationKind.INDEPENDENT_CARE_PROVIDER,
        sector: Sector.SOCIAL_CARE,
      });
    }
    const filter = { nameContains: 'page org' };
    const first = await t.gql(ORGS, { first: 2, filter }, admin);
    const p1 = first.data!.organisations;
    expect(p1.edges.map((e: any) => e.node.name)).toEqual(['page org a', 'Page Org B']);
    expect(p1.pageInfo).toMatchObject({ hasNextPage: true, hasPreviousPage: false });
    expect(p1.totalCount).toBe(5);
    const second = await t.gql(ORGS, { first: 2, after: p1.pageInfo.endCursor, filter }, admin);
    expect(second.data!.organisations.edges.map((e: any) => e.node.name)).toEqual([
      'Page Org C',
      'Page Org D',
    ]);
    const third = await t.gql(
      ORGS,
      { first: 2, after: second.data!.organisations.pageInfo.endCursor, filter },
      admin,
    );
    expect(third.data!.organisations.edges.map((e: any) => e.node.name)).toEqual(['Page Org E']);
    expect(third.data!.organisations.pageInfo.hasNextPage).toBe(false);
  });

  it('filters by sector and escapes LIKE wildcards in the name filter', async () => {
    const health = await t.gql(ORGS, { first: 500, filter: { sector: 'HEALTH' } }, admin);
    expect(health.data!.organisations.edges.length).toBeGreaterThan(0);
    expect(health.data!.organisations.edges.every((e: any) => e.node.sector === 'HEALTH')).toBe(true);
    const wildcard = await t.gql(ORGS, { filter: { nameContains: '%' } }, admin);
    expect(wildcard.data!.organisations.totalCount).toBe(0);
  });

  it.each([
    [{ first: 0 }, 'first'],
    [{ first: 501 }, 'first'],
    [{ after: 'not-a-cursor' }, 'after'],
  ])('refuses page arguments %j (BAD_USER_INPUT on %s)', async (args, field) => {
    const res = await t.gql(ORGS, args, admin);
    expect(errorCode(res)).toBe('BAD_USER_INPUT');
    expect(res.errors![0].extensions.field).toBe(field);
  });

  it('answers NOT_FOUND for an unknown id and BAD_USER_INPUT for a malformed one', async () => {
    const unknown = await t.gql(
      `{ organisation(id: "6f1c1f7e-1111-4222-8333-944444444444") { id } }`,
      {},
      admin,
    );
    expect(errorCode(unknown)).toBe('NOT_FOUND');
    expect(unknown.errors![0].extensions).toMatchObject({
      entity: 'Organisation',
      id: '6f1c1f7e-1111-4222-8333-944444444444',
    });
    const malformed = await t.gql(`{ organisation(id: "42") { id } }`, {}, admin);
    expect(errorCode(malformed)).toBe('BAD_USER_INPUT');
    expect(malformed.errors![0].extensions.field).toBe('id');
  });

  describe('permissions', () => {
    it('needs a token (UNAUTHENTICATED without one, or with a bad or expired one)', async () => {
      expect(errorCode(await t.gql(ORGS, {}))).toBe('UNAUTHENTICATED');
      expect(errorCode(await t.gql(ORGS, {}, 'not.a.jwt'))).toBe('UNAUTHENTICATED');
      const expired = await t.token({ roles: [Role.ADMIN], expiresIn: '-1m' });
      const res = await t.gql(ORGS, {}, expired);
      expect(errorCode(res)).toBe('UNAUTHENTICATED');
      expect(res.errors![0].message).toMatch(/expired/);
    });

    it('rejects a token signed with another secret and an unsigned one', async () => {
      const [h, p] = admin.split('.');
      const tampered = `${h}.${p}.${Buffer.from('forged').toString('base64url')}`;
      expect(errorCode(await t.gql(ORGS, {}, tampered))).toBe('UNAUTHENTICATED');
      const none = `${Buffer.from('{"alg":"none","typ":"JWT"}').toString('base64url')}.${p}.`;
      expect(errorCode(await t.gql(ORGS, {}, none))).toBe('UNAUTHENTICATED');
    });

    it('lets only ADMIN create organisations (FORBIDDEN otherwise, nothing written)', async () => {
      const before = await count();
      for (const role of [Role.HR, Role.MANAGER, Role.STAFF]) {
        const token = await t.token({ roles: [role] });
        const res = await t.gql(CREATE_ORG, { input: { name: `By ${role}`, kind: 'NHS_TRUST' } }, token);
        expect(errorCode(res)).toBe('FORBIDDEN');
      }
      expect(await count()).toBe(before);
    });

    it('lets HR update their own organisation only', async () => {
      const mine = await insertOrganisation(t.dataSource, { name: 'HR Own Trust' });
      const other = await insertOrganisation(t.dataSource, { name: 'HR Other Trust' });
      const hr = await t.token({ roles: [Role.HR], organisationIds: [mine.id] });
      const ok = await t.gql(UPDATE_ORG, { input: { organisationId: mine.id, odsCode: 'RX1' } }, hr);
      expect(ok.errors).toBeUndefined();
      expect(ok.data!.updateOrganisation.odsCode).toBe('RX1');
      const refused = await t.gql(
        UPDATE_ORG,
        { input: { organisationId: other.id, name: 'Taken Over' } },
        hr,
      );
      expect(errorCode(refused)).toBe('FORBIDDEN');
      const row = await t.dataSource.query('SELECT name FROM organisation WHERE id = $1', [other.id]);
      expect(row[0].name).toBe('HR Other Trust');
    });

    it('clears an optional identifier with null but refuses null for a required field', async () => {
      const org = await insertOrganisation(t.dataSource, { name: 'Clearable Trust', odsCode: 'RCL' });
      const cleared = await t.gql(UPDATE_ORG, { input: { organisationId: org.id, odsCode: null } }, admin);
      expect(cleared.data!.updateOrganisation.odsCode).toBeNull();
      const refused = await t.gql(UPDATE_ORG, { input: { organisationId: org.id, name: null } }, admin);
      expect(errorCode(refused)).toBe('BAD_USER_INPUT');
      expect(refused.errors![0].extensions.field).toBe('input.name');
    });
  });

  it('lists organisations with their teams in a fixed number of SQL statements', async () => {
    for (let i = 0; i < 6; i++) {
      const org = await insertOrganisation(t.dataSource, { name: `Batch Org ${i}` });
      await insertTeam(t.dataSource, org.id);
      await insertTeam(t.dataSource, org.id);
    }
    const query = `query($first: Int) { organisations(first: $first, filter: { nameContains: "Batch Org" }) {
      edges { node { name teams { name organisation { name } } } } } }`;
    t.queries.start();
    const small = await t.gql(query, { first: 2 }, admin);
    const smallCount = t.queries.stop();
    t.queries.start();
    const large = await t.gql(query, { first: 6 }, admin);
    const largeCount = t.queries.stop();
    expect(small.data!.organisations.edges).toHaveLength(2);
    expect(large.data!.organisations.edges).toHaveLength(6);
    expect(large.data!.organisations.edges[5].node.teams).toHaveLength(2);
    expect(largeCount).toBe(smallCount);
    expect(largeCount).toBeLessThanOrEqual(3);
  });
});
