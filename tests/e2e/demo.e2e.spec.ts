import { demoUsers, findDemo, seedDemo } from '../../src/demo/demo.seeder.js';
import { startTestApp, type TestApp } from '../fixtures/test-app.js';

describe('demo area', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(() => t.close());

  const one = async (sql: string, params: unknown[] = []): Promise<number> =>
    Number((await t.dataSource.query(sql, params))[0].n);

  it('seeds an integrated area of about 150 staff with realistic passports, once', async () => {
    const now = new Date('2026-11-22T10:00:00Z');
    const first = await seedDemo(t.dataSource, now);
    expect(first.created).toBe(true);
    const staff = await one('SELECT count(*)::int AS n FROM staff_member');
    expect(staff).toBeGreaterThanOrEqual(140);
    expect(staff).toBeLessThanOrEqual(160);
    const perOrg = await t.dataSource.query(
      `SELECT o.sector::text, count(*)::int AS n FROM staff_member s JOIN organisation o ON o.id = s.employer_id GROUP BY 1 ORDER BY 1`,
    );
    expect(perOrg.map((r: any) => r.sector)).toEqual(['HEALTH', 'SOCIAL_CARE']);
    expect(
      await one(
        `SELECT count(*)::int AS n FROM credential WHERE expires_on > DATE '2026-11-22' AND expires_on <= DATE '2026-12-22'`,
      ),
    ).toBeGreaterThan(10);
    expect(
      await one(`SELECT count(*)::int AS n FROM credential WHERE expires_on <= DATE '2026-11-22'`),
    ).toBeGreaterThan(10);
    expect(await one(`SELECT count(*)::int AS n FROM credential WHERE obtained_on > DATE '2026-11-22'`)).toBe(
      0,
    );
    const crossSector = await one(
      `SELECT count(*)::int AS n FROM credential c JOIN staff_member s ON s.id = c.staff_id
       JOIN organisation e ON e.id = s.employer_id JOIN organisation v ON v.id = c.verified_by_organisation_id
       WHERE e.sector <> v.sector`,
    );
    expect(crossSector).toBeGreaterThan(5);
    expect(
      await one(`SELECT count(*)::int AS n FROM staff_member WHERE rule_profile = 'DOCTOR_IN_TRAINING'`),
    ).toBe(12);

    const again = await seedDemo(t.dataSource, now);
    expect(again.created).toBe(false);
    expect(await one('SELECT count(*)::int AS n FROM staff_member')).toBe(staff);
    expect(again.ids.staff).toEqual(first.ids.staff);
  });

  it('gives working tokens to its demo users, including staff who see their own passport', async () => {
    const ids = (await findDemo(t.dataSource))!;
    const users = demoUsers(ids);
    expect(users.map((u) => u.label)).toContain('Staff – reablement support worker (council)');
    const worker = users.find((u) => u.subject === 'demo-staff-reablement')!;
    const token = await t.token(worker);
    const me = await t.gql(
      `{ me { staffMember { name jobTitle employer { sector } credentials { skill { code } } } } }`,
      {},
      token,
    );
    expect(me.errors).toBeUndefined();
    expect(me.data!.me.staffMember).toMatchObject({
      name: worker.name,
      jobTitle: 'Reablement Support Worker',
      employer: { sector: 'SOCIAL_CARE' },
    });
    expect(me.data!.me.staffMember.credentials.length).toBeGreaterThan(2);
  });

  it('shows NOT_ACCEPTED gaps where Riverside does not accept trust-verified training', async () => {
    const ids = (await findDemo(t.dataSource))!;
    const admin = await t.adminToken();
    const rows = await t.dataSource.query(
      `SELECT c.staff_id FROM credential c JOIN skill k ON k.id = c.skill_id JOIN staff_member s ON s.id = c.staff_id
       WHERE k.code = 'CSTF_IPC_L2' AND s.home_team_id = $1 AND c.verified_by_organisation_id = $2 AND c.expires_on > DATE '2026-11-22' LIMIT 1`,
      [ids.teams.oakHouse, ids.organisations.trust],
    );
    expect(rows.length).toBe(1);
    const res = await t.gql(
      `query($s: ID!, $t: ID!) { passportReadiness(staffId: $s, teamId: $t, on: "2026-11-22") { gaps { reason skill { code } } } }`,
      { s: rows[0].staff_id, t: ids.teams.oakHouse },
      admin,
    );
    expect(res.data!.passportReadiness.gaps).toContainEqual({
      reason: 'NOT_ACCEPTED',
      skill: { code: 'CSTF_IPC_L2' },
    });
  });
});
