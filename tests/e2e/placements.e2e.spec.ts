import { Role } from '../../src/common/auth/actor.js';
import { addDays, localDateOf } from '../../src/rota-core/dates.js';
import { OrganisationKind, Sector } from '../../src/modules/organisations/organisation.enums.js';
import {
  insertCredential,
  insertOrganisation,
  insertStaff,
  insertTeam,
  skillId,
} from '../fixtures/factories.js';
import {
  addShift,
  ASSIGN,
  assignedOf,
  createRota,
  rotaWorld,
  type RotaWorld,
} from '../fixtures/rota-setup.js';
import { errorCode, startTestApp, type TestApp } from '../fixtures/test-app.js';

const REQUEST = `mutation($input: RequestPlacementInput!) { requestPlacement(input: $input) {
  id status phase direction readinessAtRequest { reason skill { code } } } }`;
const DECIDE = `mutation($id: ID!, $side: PlacementSide!, $decision: Decision!, $comment: String, $override: Boolean) {
  decidePlacement(input: { placementId: $id, side: $side, decision: $decision, reason: $comment, overrideGaps: $override }) {
    status decisions { side decision reason overrideGaps readiness { reason } } } }`;

describe('cross-sector placements (GraphQL over HTTP)', () => {
  let t: TestApp;
  let council: RotaWorld; // host: the council's reablement team
  let trust: { id: string };
  let homeTeam: { id: string };
  let homeManager: string;
  let MH: string;
  const today = localDateOf(new Date());
  const day = (n: number) => addDays(today, n);

  beforeAll(async () => {
    t = await startTestApp();
    council = await rotaWorld(t, 'Host');
    await t.dataSource.query(
      `UPDATE organisation SET kind = 'LOCAL_AUTHORITY', sector = 'SOCIAL_CARE' WHERE id = $1`,
      [council.orgId],
    );
    trust = await insertOrganisation(t.dataSource, { name: 'Home Trust' });
    homeTeam = await insertTeam(t.dataSource, trust.id, { name: 'Ward 9' });
    homeManager = await t.token({
      roles: [Role.MANAGER],
      organisationIds: [trust.id],
      teamIds: [homeTeam.id],
    });
    MH = await skillId(t.dataSource, 'CSTF_MOVING_HANDLING_L2');
    await t.dataSource.query(`INSERT INTO team_required_skill (team_id, skill_id) VALUES ($1, $2)`, [
      council.teamId,
      MH,
    ]);
  });
  afterAll(() => t.close());

  /** A trust nurse (home team Ward 9) whose moving-and-handling the council accepts, and their own token. */
  const nurse = async (ready = true) => {
    const staff = await insertStaff(t.dataSource, trust.id, { homeTeamId: homeTeam.id });
    if (ready)
      await insertCredential(t.dataSource, {
        staffId: staff.id,
        skillId: MH,
        verifiedByOrganisationId: council.orgId,
        obtainedOn: '2026-01-01',
        expiresOn: null,
      });
    return { staff, token: await t.token({ roles: [Role.STAFF], staffId: staff.id }) };
  };
  const request = async (token: string, extra: Record<string, unknown> = {}) =>
    t.gql(
      REQUEST,
      {
        input: {
          hostTeamId: council.teamId,
          kind: 'ROTATION',
          startDate: day(10),
          endDate: day(40),
          hoursPerWeek: 22.5,
          reason: 'Discharge-to-assess experience',
          ...extra,
        },
      },
      token,
    );

  it('is requested by the person, approved by both sides in either order, and keeps every decision', async () => {
    for (const order of [
      ['HOME', 'HOST'],
      ['HOST', 'HOME'],
    ]) {
      const { token } = await nurse();
      const req = await request(token);
      expect(req.data!.requestPlacement).toMatchObject({
        status: 'REQUESTED',
        phase: 'UPCOMING',
        direction: 'HEALTH_TO_SOCIAL_CARE',
        readinessAtRequest: [],
      });
      const id = req.data!.requestPlacement.id;
      const who = { HOME: homeManager, HOST: council.manager } as Record<string, string>;
      const first = await t.gql(
        DECIDE,
        { id, side: order[0], decision: 'APPROVE', comment: 'Fine by us' },
        who[order[0]!],
      );
      expect(first.data!.decidePlacement.status).toBe('REQUESTED');
      const second = await t.gql(DECIDE, { id, side: order[1], decision: 'APPROVE' }, who[order[1]!]);
      expect(second.data!.decidePlacement).toMatchObject({
        status: 'APPROVED',
        decisions: [
          { side: order[0], decision: 'APPROVE', reason: 'Fine by us', overrideGaps: false, readiness: [] },
          { side: order[1], decision: 'APPROVE', reason: null },
        ],
      });
    }
  });

  it('is rejected by either side; a rejected placement takes no further decisions (CONFLICT naming REJECTED)', async () => {
    const { token } = await nurse();
    const id = (await request(token)).data!.requestPlacement.id;
    const rejected = await t.gql(
      DECIDE,
      { id, side: 'HOST', decision: 'REJECT', comment: 'No supervisor that month' },
      council.manager,
    );
    expect(rejected.data!.decidePlacement.status).toBe('REJECTED');
    const late = await t.gql(DECIDE, { id, side: 'HOME', decision: 'APPROVE' }, homeManager);
    expect(late.errors![0].extensions).toMatchObject({ code: 'CONFLICT', status: 'REJECTED' });
    expect(late.errors![0].message).toMatch(/REJECTED/);
  });

  it('refuses a side deciding twice, and a side deciding for the other', async () => {
    const { token } = await nurse();
    const id = (await request(token)).data!.requestPlacement.id;
    await t.gql(DECIDE, { id, side: 'HOME', decision: 'APPROVE' }, homeManager);
    expect(errorCode(await t.gql(DECIDE, { id, side: 'HOME', decision: 'REJECT' }, homeManager))).toBe(
      'CONFLICT',
    );
    expect(errorCode(await t.gql(DECIDE, { id, side: 'HOST', decision: 'APPROVE' }, homeManager))).toBe(
      'FORBIDDEN',
    );
  });

  it('needs an explicit override with a reason for a host approval with passport gaps, and records it', async () => {
    const { staff, token } = await nurse(false);
    const req = await request(token);
    expect(req.data!.requestPlacement.readinessAtRequest).toEqual([
      { reason: 'MISSING', skill: { code: 'CSTF_MOVING_HANDLING_L2' } },
    ]);
    const id = req.data!.requestPlacement.id;
    const refused = await t.gql(DECIDE, { id, side: 'HOST', decision: 'APPROVE' }, council.manager);
    expect(refused.errors![0].extensions).toMatchObject({
      code: 'BAD_USER_INPUT',
      field: 'input.overrideGaps',
      gaps: [{ reason: 'MISSING' }],
    });
    const noReason = await t.gql(
      DECIDE,
      { id, side: 'HOST', decision: 'APPROVE', override: true },
      council.manager,
    );
    expect(noReason.errors![0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.reason' });
    const ok = await t.gql(
      DECIDE,
      { id, side: 'HOST', decision: 'APPROVE', override: true, comment: 'Training on day one' },
      council.manager,
    );
    expect(ok.data!.decidePlacement.decisions).toEqual([
      {
        side: 'HOST',
        decision: 'APPROVE',
        reason: 'Training on day one',
        overrideGaps: true,
        readiness: [{ reason: 'MISSING' }],
      },
    ]);
    // The home side decides later, after the person has done the training: readiness is recomputed then.
    await insertCredential(t.dataSource, {
      staffId: staff.id,
      skillId: MH,
      verifiedByOrganisationId: council.orgId,
      obtainedOn: today,
      expiresOn: null,
    });
    const home = await t.gql(DECIDE, { id, side: 'HOME', decision: 'APPROVE' }, homeManager);
    expect(home.data!.decidePlacement.decisions[1]).toMatchObject({ side: 'HOME', readiness: [] });
  });

  it('refuses a second approved placement overlapping the first (CONFLICT), leaving the second requested', async () => {
    const { token } = await nurse();
    const approve = async (id: string) => {
      await t.gql(DECIDE, { id, side: 'HOME', decision: 'APPROVE' }, homeManager);
      return t.gql(DECIDE, { id, side: 'HOST', decision: 'APPROVE' }, council.manager);
    };
    const a = (await request(token)).data!.requestPlacement.id;
    const b = (await request(token, { startDate: day(30), endDate: day(60) })).data!.requestPlacement.id;
    expect((await approve(a)).data!.decidePlacement.status).toBe('APPROVED');
    const second = await approve(b);
    expect(errorCode(second)).toBe('CONFLICT');
    const row = await t.dataSource.query(`SELECT status::text FROM placement WHERE id = $1`, [b]);
    expect(row[0].status).toBe('REQUESTED');
    const decisions = await t.dataSource.query(
      `SELECT side::text FROM placement_decision WHERE placement_id = $1`,
      [b],
    );
    expect(decisions).toEqual([{ side: 'HOME' }]);
  });

  it('is withdrawn by the requester before it starts, and cancelled by a manager; other moves are CONFLICT', async () => {
    const { token } = await nurse();
    const id = (await request(token)).data!.requestPlacement.id;
    expect(
      errorCode(
        await t.gql(
          `mutation($id: ID!) { withdrawPlacement(input: { placementId: $id }) { status } }`,
          { id },
          homeManager,
        ),
      ),
    ).toBe('FORBIDDEN');
    expect(
      (
        await t.gql(
          `mutation($id: ID!) { withdrawPlacement(input: { placementId: $id }) { status } }`,
          { id },
          token,
        )
      ).data!.withdrawPlacement.status,
    ).toBe('WITHDRAWN');
    const again = await t.gql(
      `mutation($id: ID!) { cancelPlacement(input: { placementId: $id, reason: "x" }) { status } }`,
      { id },
      homeManager,
    );
    expect(again.errors![0].extensions).toMatchObject({ code: 'CONFLICT', status: 'WITHDRAWN' });

    const other = (await request(token)).data!.requestPlacement.id;
    const cancelled = await t.gql(
      `mutation($id: ID!) { cancelPlacement(input: { placementId: $id, reason: "Host team merging" }) { status cancelReason } }`,
      { id: other },
      council.manager,
    );
    expect(cancelled.data!.cancelPlacement).toEqual({
      status: 'CANCELLED',
      cancelReason: 'Host team merging',
    });
    expect(
      errorCode(await t.gql(DECIDE, { id: other, side: 'HOME', decision: 'APPROVE' }, homeManager)),
    ).toBe('CONFLICT');
  });

  it('cannot be withdrawn once it has started', async () => {
    const { staff, token } = await nurse();
    const id = (await request(token)).data!.requestPlacement.id;
    await t.dataSource.query(`UPDATE placement SET start_date = $2 WHERE id = $1`, [id, today]);
    const res = await t.gql(
      `mutation($id: ID!) { withdrawPlacement(input: { placementId: $id }) { status } }`,
      { id },
      token,
    );
    expect(res.errors![0].extensions).toMatchObject({ code: 'CONFLICT', status: 'REQUESTED' });
    expect(res.errors![0].message).toMatch(/started/);
    expect(staff.id).toBeDefined();
  });

  it.each([
    [{ startDate: '2020-01-01', endDate: '2020-02-01' }, 'input.startDate'],
    [{ endDate: '2000-01-01' }, 'input.endDate'],
    [{ hoursPerWeek: 0 }, 'input.hoursPerWeek'],
  ])('refuses %j with BAD_USER_INPUT naming %s', async (extra, field) => {
    const { token } = await nurse();
    const res = await request(token, extra);
    expect(res.errors![0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field });
  });

  it('refuses a move within the same employer and someone else’s request', async () => {
    const { staff, token } = await nurse();
    const own = await request(token, { hostTeamId: homeTeam.id });
    expect(own.errors![0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.hostTeamId' });
    const { token: other } = await nurse();
    expect(errorCode(await request(other, { staffId: staff.id }))).toBe('FORBIDDEN');
  });

  it('authorises assignments at the host team with basis PLACEMENT for its dates, and no others', async () => {
    const { staff, token } = await nurse();
    const id = (await request(token, { startDate: day(10), endDate: day(12) })).data!.requestPlacement.id;
    const rota = await createRota(t, council, day(7), day(20));
    const before = await addShift(t, council, rota.id, 'E', day(9));
    const first = await addShift(t, council, rota.id, 'E', day(10));
    const last = await addShift(t, council, rota.id, 'L', day(12));
    const after = await addShift(t, council, rota.id, 'E', day(13));
    // Requested but not approved: not yet authorised.
    expect(
      assignedOf(await t.gql(ASSIGN, { shift: first.id, staff: staff.id }, council.manager)).__typename,
    ).toBe('RuleViolations');
    await t.gql(DECIDE, { id, side: 'HOME', decision: 'APPROVE' }, homeManager);
    await t.gql(DECIDE, { id, side: 'HOST', decision: 'APPROVE' }, council.manager);
    expect(
      assignedOf(await t.gql(ASSIGN, { shift: first.id, staff: staff.id }, council.manager)),
    ).toMatchObject({ __typename: 'Assignment', basis: 'PLACEMENT' });
    expect(
      assignedOf(await t.gql(ASSIGN, { shift: last.id, staff: staff.id }, council.manager)),
    ).toMatchObject({ basis: 'PLACEMENT' });
    for (const outside of [before, after]) {
      const res = await t.gql(ASSIGN, { shift: outside.id, staff: staff.id }, council.manager);
      expect(assignedOf(res).violations.map((v: any) => v.ruleCode)).toContain('NOT_AUTHORISED_AT_TEAM');
    }
    const cover = await t.gql(
      `query($s: ID!) { eligibleStaff(shiftId: $s, first: 500) { basis staff { id } } }`,
      { s: after.id },
      council.manager,
    );
    expect(cover.data!.eligibleStaff.map((c: any) => c.staff.id)).not.toContain(staff.id);
    const open = await addShift(t, council, rota.id, 'E', day(11));
    const during = await t.gql(
      `query($s: ID!) { eligibleStaff(shiftId: $s, first: 500) { basis staff { id } } }`,
      { s: open.id },
      council.manager,
    );
    expect(during.data!.eligibleStaff).toContainEqual({ basis: 'PLACEMENT', staff: { id: staff.id } });
  });

  it('shows placements to the people involved only', async () => {
    const { token } = await nurse();
    await request(token);
    const mine = await t.gql(`{ placements(first: 100) { totalCount } }`, {}, token);
    expect(mine.data!.placements.totalCount).toBe(1);
    const host = await t.gql(`{ placements(first: 500) { totalCount } }`, {}, council.manager);
    expect(host.data!.placements.totalCount).toBeGreaterThan(5);
    const unrelatedOrg = await insertOrganisation(t.dataSource, {
      name: 'Elsewhere Care',
      kind: OrganisationKind.INDEPENDENT_CARE_PROVIDER,
      sector: Sector.SOCIAL_CARE,
    });
    const stranger = await t.token({ roles: [Role.HR], organisationIds: [unrelatedOrg.id] });
    expect(
      (await t.gql(`{ placements(first: 100) { totalCount } }`, {}, stranger)).data!.placements.totalCount,
    ).toBe(0);
  });
});
