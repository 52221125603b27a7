import { Role } from '../../src/common/auth/actor.js';
import { demoUsers, findDemo, seedDemo } from '../../src/demo/demo.seeder.js';
import { IDE_EXAMPLE } from '../../src/common/graphql/ide-example.js';
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
    // Every credential is accepted by the employer's HR but two the trust attested, which wait for the council.
    const acceptance = await t.dataSource.query(
      `SELECT c.acceptance::text, v.name AS verifier, e.name AS employer, count(*)::int AS n
         FROM credential c JOIN staff_member s ON s.id = c.staff_id JOIN organisation e ON e.id = s.employer_id
         JOIN organisation v ON v.id = c.verified_by_organisation_id
        WHERE c.acceptance <> 'ACCEPTED' GROUP BY 1, 2, 3`,
    );
    expect(acceptance).toEqual([
      {
        acceptance: 'PENDING_ACCEPTANCE',
        verifier: expect.stringMatching(/Trust/),
        employer: expect.stringMatching(/Council/),
        n: 2,
      },
    ]);
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

    // A manager's token names their teams and organisation by id; `me` resolves them.
    const manager = users.find((u) => u.roles.includes(Role.MANAGER) && (u.teamIds?.length ?? 0) > 1)!;
    const mine = await t.gql(
      `{ me { teamIds teams { id name } organisationIds organisations { id name } } }`,
      {},
      await t.token(manager),
    );
    expect(mine.errors).toBeUndefined();
    const { teamIds, teams, organisationIds, organisations } = mine.data!.me;
    expect(teams.map((x: { id: string }) => x.id).sort()).toEqual([...teamIds].sort());
    expect(teams.every((x: { name: string }) => x.name.length > 0)).toBe(true);
    expect(organisations.map((x: { id: string }) => x.id).sort()).toEqual([...organisationIds].sort());
  });

  it('runs every operation of the IDE’s worked example, as the kind of user it is written for', async () => {
    const users = demoUsers((await findDemo(t.dataSource))!);
    const token = async (subject: string) => t.token(users.find((u) => u.subject === subject)!);
    const run = async (operationName: string, who: string, variables: Record<string, unknown> = {}) => {
      const res = await t.gql(IDE_EXAMPLE, variables, await token(who), operationName);
      expect(res.errors).toBeUndefined();
      return res.data!;
    };
    const me = (await run('WhoAmI', 'demo-manager-ward7')).me;
    expect(me.teams.length).toBeGreaterThan(0);
    const rotas = (await run('MyTeamsRotas', 'demo-manager-ward7', { teamId: me.teams[0].id })).rotas;
    expect(rotas.length).toBeGreaterThan(0);
    expect((await run('StaffDirectory', 'demo-hr-trust')).staff.totalCount).toBeGreaterThan(0);
    expect((await run('MyShifts', 'demo-staff-ward7')).myShifts.length).toBeGreaterThan(0);
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

describe('demo rotas', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await startTestApp();
    await seedDemo(t.dataSource, new Date('2026-11-22T10:00:00Z'));
  });
  afterAll(() => t.close());

  it('has a published four-week rota from this week’s Monday and a draft after it, for each demo rota team', async () => {
    const rows = await t.dataSource.query(
      `SELECT t.name, r.status::text, r.start_date, r.end_date, count(DISTINCT s.id)::int AS shifts, count(a.id)::int AS assignments
         FROM rota r JOIN team t ON t.id = r.team_id JOIN shift s ON s.rota_id = r.id LEFT JOIN assignment a ON a.shift_id = s.id
        GROUP BY t.name, r.status, r.start_date, r.end_date ORDER BY t.name, r.start_date`,
    );
    expect(rows.length).toBe(8);
    for (const r of rows) {
      expect([r.start_date, r.end_date]).toEqual(
        r.status === 'PUBLISHED' ? ['2026-11-16', '2026-12-13'] : ['2026-12-14', '2027-01-10'],
      );
      expect(r.assignments).toBeGreaterThan(r.shifts / 2);
    }
  });

  it('checks a demo rota, explains its breaches, and finds cover for an open draft shift', async () => {
    const ids = (await findDemo(t.dataSource))!;
    const manager = await t.token(demoUsers(ids).find((u) => u.subject === 'demo-manager-ward7')!);
    const [published] = await t.dataSource.query(
      `SELECT id FROM rota WHERE team_id = $1 AND status = 'PUBLISHED'`,
      [ids.teams.ward7],
    );
    const check = await t.gql(
      `query($id: ID!) { checkRota(rotaId: $id) { hardCount softPenalty violations { ruleCode severity message } } }`,
      { id: published.id },
      manager,
    );
    expect(check.errors).toBeUndefined();
    expect(check.data!.checkRota.violations.length).toBeGreaterThan(0);
    expect(check.data!.checkRota.violations.every((v: any) => v.message.length > 10)).toBe(true);

    const [open] = await t.dataSource.query(
      `SELECT s.id FROM shift s JOIN rota r ON r.id = s.rota_id WHERE r.team_id = $1 AND r.status = 'DRAFT' AND s.local_date = '2026-12-30' LIMIT 1`,
      [ids.teams.ward7],
    );
    const cover = await t.gql(
      `query($id: ID!) { eligibleStaff(shiftId: $id, first: 5) { eligible basis softPenaltyDelta staff { name } violations { ruleCode } } }`,
      { id: open.id },
      manager,
    );
    expect(cover.errors).toBeUndefined();
    expect(cover.data!.eligibleStaff.length).toBe(5);
    expect(cover.data!.eligibleStaff[0]).toMatchObject({ eligible: true, basis: 'EMPLOYMENT' });
  });
});

describe('demo partnerships', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await startTestApp();
    await seedDemo(t.dataSource, new Date());
  });
  afterAll(() => t.close());

  it('has two running joint roles and placements in every state, both ways across the sectors', async () => {
    const roles = await t.dataSource.query(
      `SELECT title FROM joint_role WHERE status = 'ACTIVE' ORDER BY title`,
    );
    expect(roles.map((r: any) => r.title)).toEqual([
      'Integrated Discharge Coordinator',
      'Reablement Therapist',
    ]);
    // Every partner's HR has accepted its share of the running roles; one proposal waits for the council.
    const shares = await t.dataSource.query(
      `SELECT r.status::text AS role, p.acceptance::text AS share, count(*)::int AS n
         FROM joint_role_partner p JOIN joint_role r ON r.id = p.joint_role_id
        GROUP BY 1, 2 ORDER BY 1, 2`,
    );
    expect(shares).toEqual([
      { role: 'ACTIVE', share: 'ACCEPTED', n: 4 },
      { role: 'DRAFT', share: 'ACCEPTED', n: 1 },
      { role: 'DRAFT', share: 'PENDING', n: 1 },
    ]);
    const appointments = await t.dataSource.query(
      `SELECT status::text, count(*)::int AS n FROM joint_role_appointment GROUP BY 1 ORDER BY 1`,
    );
    expect(appointments).toEqual([
      { status: 'CONSENTED', n: 2 },
      { status: 'PROPOSED', n: 1 },
    ]);
    const states = await t.dataSource.query(`SELECT DISTINCT status::text FROM placement ORDER BY 1`);
    expect(states.map((s: any) => s.status)).toEqual([
      'APPROVED',
      'CANCELLED',
      'REJECTED',
      'REQUESTED',
      'WITHDRAWN',
    ]);
    const directions = await t.dataSource.query(
      `SELECT DISTINCT h.sector::text AS home, o.sector::text AS host FROM placement p
         JOIN organisation h ON h.id = p.home_organisation_id JOIN organisation o ON o.id = p.host_organisation_id ORDER BY 1, 2`,
    );
    expect(directions).toEqual(
      expect.arrayContaining([
        { home: 'HEALTH', host: 'SOCIAL_CARE' },
        { home: 'SOCIAL_CARE', host: 'HEALTH' },
      ]),
    );
  });

  it('rosters cross-sector workers on the published rotas, with no authorisation breaches', async () => {
    const bases = await t.dataSource.query(
      `SELECT basis::text, count(*)::int AS n FROM assignment GROUP BY 1 ORDER BY 1`,
    );
    expect(bases.map((b: any) => b.basis)).toEqual(['EMPLOYMENT', 'JOINT_ROLE', 'PLACEMENT']);
    const ids = (await findDemo(t.dataSource))!;
    const admin = await t.adminToken();
    for (const team of [ids.teams.ward7, ids.teams.reablementWest]) {
      const [rota] = await t.dataSource.query(
        `SELECT id FROM rota WHERE team_id = $1 AND status = 'PUBLISHED'`,
        [team],
      );
      const res = await t.gql(
        `query($id: ID!) { checkRota(rotaId: $id, ruleCodes: [NOT_AUTHORISED_AT_TEAM, DOUBLE_BOOKED]) { violations { ruleCode message } } }`,
        { id: rota.id },
        admin,
      );
      expect(res.data!.checkRota.violations).toEqual([]);
    }
  });
});
