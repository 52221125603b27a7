import { Role } from '../../src/common/auth/actor.js';
import { OrganisationKind, Sector } from '../../src/modules/organisations/organisation.enums.js';
import {
  insertCredential,
  insertOrganisation,
  insertStaff,
  insertTeam,
  skillId,
} from '../fixtures/factories.js';
import { addShift, ASSIGN, createRota, rotaWorld } from '../fixtures/rota-setup.js';
import { errorCode, startTestApp, type TestApp } from '../fixtures/test-app.js';

const CREATE = `mutation($input: CreateJointRoleInput!) { createJointRole(input: $input) {
  id status fte annualCost partners { organisationId fundingSharePercent timeSharePercent organisation { sector } }
  employingPartner { id } requiredSkills { code } } }`;
const APPOINT = `mutation($input: AppointToJointRoleInput!) { appointToJointRole(input: $input) {
  id fte startDate endDate overrideReason gaps { organisationId reason skill { code } } } }`;

describe('joint roles (GraphQL over HTTP)', () => {
  let t: TestApp;
  let trust: { id: string };
  let council: { id: string };
  let provider: { id: string };
  let hr: string;

  beforeAll(async () => {
    t = await startTestApp();
    trust = await insertOrganisation(t.dataSource, { name: 'JR Trust' });
    council = await insertOrganisation(t.dataSource, {
      name: 'JR Council',
      kind: OrganisationKind.LOCAL_AUTHORITY,
      sector: Sector.SOCIAL_CARE,
    });
    provider = await insertOrganisation(t.dataSource, {
      name: 'JR Care',
      kind: OrganisationKind.INDEPENDENT_CARE_PROVIDER,
      sector: Sector.SOCIAL_CARE,
    });
    hr = await t.token({ roles: [Role.HR], organisationIds: [trust.id, council.id] });
  });
  afterAll(() => t.close());

  const input = (partners: Array<[string, number, number]>, extra: Record<string, unknown> = {}) => ({
    title: 'Integrated Discharge Coordinator',
    staffGroup: 'NURSING',
    fte: 1,
    startDate: '2026-04-01',
    employmentModel: 'JOINT_EMPLOYMENT',
    employingPartnerId: trust.id,
    lineManagementPartnerId: trust.id,
    supervisionPartnerId: council.id,
    partners: partners.map(([organisationId, fundingSharePercent, timeSharePercent]) => ({
      organisationId,
      fundingSharePercent,
      timeSharePercent,
    })),
    annualCost: 52340.5,
    activate: true,
    ...extra,
  });
  const roleCount = async () =>
    Number((await t.dataSource.query(`SELECT count(*)::int AS n FROM joint_role`))[0].n);

  it('creates a role funded and managed by both sectors', async () => {
    const res = await t.gql(
      CREATE,
      {
        input: input([
          [trust.id, 60, 50],
          [council.id, 40, 50],
        ]),
      },
      hr,
    );
    expect(res.errors).toBeUndefined();
    expect(res.data!.createJointRole).toMatchObject({
      status: 'ACTIVE',
      fte: 1,
      annualCost: 52340.5,
      employingPartner: { id: trust.id },
    });
    expect(
      res
        .data!.createJointRole.partners.map((p: any) => [
          p.fundingSharePercent,
          p.timeSharePercent,
          p.organisation.sector,
        ])
        .sort(),
    ).toEqual([
      [40, 50, 'SOCIAL_CARE'],
      [60, 50, 'HEALTH'],
    ]);
  });

  it.each([
    [
      'funding 99',
      [
        [50, 50],
        [49, 50],
      ],
      /funding shares must sum to exactly 100 \(they sum to 99\)/,
    ],
    [
      'funding 101',
      [
        [51, 50],
        [50, 50],
      ],
      /sum to 101/,
    ],
    [
      'time 33.33 × 3',
      [
        [40, 33.33],
        [30, 33.33],
        [30, 33.33],
      ],
      /time shares must sum to exactly 100 \(they sum to 99.99\)/,
    ],
    [
      'three decimals',
      [
        [33.333, 50],
        [66.667, 50],
      ],
      /at most two decimals/,
    ],
  ])(
    'refuses shares that do not sum to exactly 100 (%s), writing nothing',
    async (_label, shares, message) => {
      const orgs = [trust.id, council.id, provider.id];
      const before = await roleCount();
      const res = await t.gql(
        CREATE,
        { input: input(shares.map(([f, s], i) => [orgs[i]!, f!, s!] as [string, number, number])) },
        hr,
      );
      expect(errorCode(res)).toBe('BAD_USER_INPUT');
      expect(res.errors![0].message).toMatch(message);
      expect(await roleCount()).toBe(before);
    },
  );

  it('accepts 33.34 + 33.33 + 33.33', async () => {
    const hrAll = await t.token({ roles: [Role.HR], organisationIds: [trust.id, council.id, provider.id] });
    const res = await t.gql(
      CREATE,
      {
        input: input([
          [trust.id, 33.34, 33.34],
          [council.id, 33.33, 33.33],
          [provider.id, 33.33, 33.33],
        ]),
      },
      hrAll,
    );
    expect(res.errors).toBeUndefined();
  });

  it('refuses partners from one sector, a partner twice, and named partners outside the partners', async () => {
    const otherTrust = await insertOrganisation(t.dataSource, { name: 'JR Other Trust' });
    const one = await t.gql(
      CREATE,
      {
        input: input(
          [
            [trust.id, 50, 50],
            [otherTrust.id, 50, 50],
          ],
          { supervisionPartnerId: trust.id },
        ),
      },
      await t.adminToken(),
    );
    expect(one.errors![0]).toMatchObject({
      message: expect.stringMatching(/health and a social care/),
      extensions: { code: 'BAD_USER_INPUT' },
    });
    const twice = await t.gql(
      CREATE,
      {
        input: input([
          [trust.id, 50, 50],
          [trust.id, 50, 50],
        ]),
      },
      hr,
    );
    expect(twice.errors![0].extensions).toMatchObject({
      code: 'BAD_USER_INPUT',
      field: 'input.partners[1].organisationId',
    });
    const named = await t.gql(
      CREATE,
      {
        input: input(
          [
            [trust.id, 50, 50],
            [council.id, 50, 50],
          ],
          { supervisionPartnerId: provider.id },
        ),
      },
      hr,
    );
    expect(named.errors![0].extensions).toMatchObject({
      code: 'BAD_USER_INPUT',
      field: 'input.supervisionPartnerId',
    });
  });

  it('is guarded by the database too: a write that breaks the sums is refused at commit', async () => {
    const res = await t.gql(
      CREATE,
      {
        input: input([
          [trust.id, 50, 50],
          [council.id, 50, 50],
        ]),
      },
      hr,
    );
    const id = res.data!.createJointRole.id;
    await expect(
      t.dataSource.transaction((em) =>
        em.query(
          `UPDATE joint_role_partner SET funding_share_percent = 49 WHERE joint_role_id = $1 AND organisation_id = $2`,
          [id, trust.id],
        ),
      ),
    ).rejects.toMatchObject({ driverError: { code: '23514', constraint: 'ck_joint_role_shares' } });
    await expect(
      t.dataSource.transaction((em) =>
        em.query(`DELETE FROM joint_role_partner WHERE joint_role_id = $1 AND organisation_id = $2`, [
          id,
          council.id,
        ]),
      ),
    ).rejects.toMatchObject({ driverError: { code: '23514' } });
    const rows = await t.dataSource.query(
      `SELECT sum(funding_share_percent)::text AS f FROM joint_role_partner WHERE joint_role_id = $1`,
      [id],
    );
    expect(rows[0].f).toBe('100.00');
  });

  it('moves DRAFT → ACTIVE → ENDED only forwards (CONFLICT naming the status otherwise)', async () => {
    const res = await t.gql(
      CREATE,
      {
        input: input(
          [
            [trust.id, 50, 50],
            [council.id, 50, 50],
          ],
          { activate: false },
        ),
      },
      hr,
    );
    const id = res.data!.createJointRole.id;
    const q = `mutation($id: ID!, $input: UpdateJointRoleInput!) { updateJointRole(id: $id, input: $input) { status endDate } }`;
    expect(errorCode(await t.gql(q, { id, input: { status: 'ENDED' } }, hr))).toBe('CONFLICT');
    expect((await t.gql(q, { id, input: { status: 'ACTIVE' } }, hr)).data!.updateJointRole.status).toBe(
      'ACTIVE',
    );
    expect(
      (await t.gql(q, { id, input: { status: 'ENDED', endDate: '2026-12-31' } }, hr)).data!.updateJointRole,
    ).toEqual({ status: 'ENDED', endDate: '2026-12-31' });
    const again = await t.gql(q, { id, input: { title: 'Renamed' } }, hr);
    expect(again.errors![0].extensions).toMatchObject({ code: 'CONFLICT', status: 'ENDED' });
  });

  it('lets only HR of a partner set one up', async () => {
    const hrProvider = await t.token({ roles: [Role.HR], organisationIds: [provider.id] });
    expect(
      errorCode(
        await t.gql(
          CREATE,
          {
            input: input([
              [trust.id, 50, 50],
              [council.id, 50, 50],
            ]),
          },
          hrProvider,
        ),
      ),
    ).toBe('FORBIDDEN');
    const manager = await t.token({ roles: [Role.MANAGER], organisationIds: [trust.id] });
    expect(
      errorCode(
        await t.gql(
          CREATE,
          {
            input: input([
              [trust.id, 50, 50],
              [council.id, 50, 50],
            ]),
          },
          manager,
        ),
      ),
    ).toBe('FORBIDDEN');
  });

  describe('appointments', () => {
    let roleId: string;
    let MH: string;

    beforeAll(async () => {
      MH = await skillId(t.dataSource, 'CSTF_MOVING_HANDLING_L2');
      const res = await t.gql(
        CREATE,
        {
          input: input(
            [
              [trust.id, 50, 50],
              [council.id, 50, 50],
            ],
            { title: 'Reablement Therapist', fte: 0.6, requiredSkillIds: [MH] },
          ),
        },
        hr,
      );
      roleId = res.data!.createJointRole.id;
    });

    it('reports passport gaps against every partner and needs a reason to appoint anyway', async () => {
      const person = await insertStaff(t.dataSource, trust.id);
      // Verified by the trust: fine at the trust, not accepted by the council.
      await insertCredential(t.dataSource, {
        staffId: person.id,
        skillId: MH,
        verifiedByOrganisationId: trust.id,
        obtainedOn: '2026-01-01',
        expiresOn: '2028-01-01',
      });
      const refused = await t.gql(
        APPOINT,
        { input: { jointRoleId: roleId, staffId: person.id, startDate: '2026-05-01' } },
        hr,
      );
      expect(refused.errors![0].extensions).toMatchObject({
        code: 'BAD_USER_INPUT',
        field: 'input.overrideGapsReason',
        gaps: [{ organisationId: council.id, reason: 'NOT_ACCEPTED' }],
      });
      const ok = await t.gql(
        APPOINT,
        {
          input: {
            jointRoleId: roleId,
            staffId: person.id,
            startDate: '2026-05-01',
            overrideGapsReason: 'Council training booked for June',
          },
        },
        hr,
      );
      expect(ok.data!.appointToJointRole).toMatchObject({
        fte: 0.6,
        overrideReason: 'Council training booked for June',
        gaps: [
          { organisationId: council.id, reason: 'NOT_ACCEPTED', skill: { code: 'CSTF_MOVING_HANDLING_L2' } },
        ],
      });
    });

    it('lets one person hold several joint roles only while their FTEs fit in 1.0', async () => {
      const person = await insertStaff(t.dataSource, trust.id);
      await insertCredential(t.dataSource, {
        staffId: person.id,
        skillId: MH,
        verifiedByOrganisationId: council.id,
        obtainedOn: '2026-01-01',
        expiresOn: null,
      });
      await t.dataSource.query(
        `INSERT INTO passport_acceptance (organisation_id, skill_id) VALUES ($1, $2) ON CONFLICT DO NOTHING`,
        [trust.id, MH],
      );
      const other = (
        await t.gql(
          CREATE,
          {
            input: input(
              [
                [trust.id, 50, 50],
                [council.id, 50, 50],
              ],
              { title: 'Falls Lead', fte: 0.5 },
            ),
          },
          hr,
        )
      ).data!.createJointRole.id;
      expect(
        (
          await t.gql(
            APPOINT,
            { input: { jointRoleId: roleId, staffId: person.id, startDate: '2026-05-01', fte: 0.6 } },
            hr,
          )
        ).errors,
      ).toBeUndefined();
      const tooMuch = await t.gql(
        APPOINT,
        { input: { jointRoleId: other, staffId: person.id, startDate: '2026-06-01', fte: 0.5 } },
        hr,
      );
      expect(tooMuch.errors![0].extensions).toMatchObject({ code: 'CONFLICT', heldFte: 0.6 });
      expect(
        (
          await t.gql(
            APPOINT,
            { input: { jointRoleId: other, staffId: person.id, startDate: '2026-06-01', fte: 0.4 } },
            hr,
          )
        ).errors,
      ).toBeUndefined();
      const twice = await t.gql(
        APPOINT,
        { input: { jointRoleId: roleId, staffId: person.id, startDate: '2027-01-01', fte: 0.1 } },
        hr,
      );
      expect(errorCode(twice)).toBe('CONFLICT');
    });

    it('refuses someone employed outside the partners, and dates outside the role', async () => {
      const outsider = await insertStaff(t.dataSource, provider.id);
      expect(
        (
          await t.gql(
            APPOINT,
            { input: { jointRoleId: roleId, staffId: outsider.id, startDate: '2026-05-01' } },
            hr,
          )
        ).errors![0].extensions,
      ).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.staffId' });
      const insider = await insertStaff(t.dataSource, council.id);
      expect(
        (
          await t.gql(
            APPOINT,
            { input: { jointRoleId: roleId, staffId: insider.id, startDate: '2026-03-01' } },
            hr,
          )
        ).errors![0].extensions,
      ).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.startDate' });
    });

    it('authorises work at every partner’s teams while it runs (basis JOINT_ROLE), and not after it ends', async () => {
      const world = await rotaWorld(t, 'Partner');
      await t.dataSource.query(`UPDATE team SET organisation_id = $1 WHERE id = $2`, [
        council.id,
        world.teamId,
      ]);
      await t.dataSource.query(
        `INSERT INTO passport_acceptance (organisation_id, skill_id) VALUES ($1, $2) ON CONFLICT DO NOTHING`,
        [council.id, MH],
      );
      const person = await insertStaff(t.dataSource, trust.id);
      await insertCredential(t.dataSource, {
        staffId: person.id,
        skillId: MH,
        verifiedByOrganisationId: trust.id,
        obtainedOn: '2026-01-01',
        expiresOn: null,
      });
      const appointment = await t.gql(
        APPOINT,
        {
          input: { jointRoleId: roleId, staffId: person.id, startDate: '2026-05-01', endDate: '2026-06-30' },
        },
        hr,
      );
      expect(appointment.errors).toBeUndefined();
      const rota = await createRota(t, world, '2026-06-22', '2026-07-05');
      const inside = await addShift(t, world, rota.id, 'E', '2026-06-30');
      const outside = await addShift(t, world, rota.id, 'E', '2026-07-01');
      expect(
        (await t.gql(ASSIGN, { shift: inside.id, staff: person.id }, world.manager)).data!.assignStaff,
      ).toMatchObject({ __typename: 'Assignment', basis: 'JOINT_ROLE' });
      const refused = await t.gql(ASSIGN, { shift: outside.id, staff: person.id }, world.manager);
      expect(refused.data!.assignStaff.violations.map((v: any) => v.ruleCode)).toContain(
        'NOT_AUTHORISED_AT_TEAM',
      );
      // All of the rota's joint-role hours at the council against an agreed 50/50 split: 50 points off,
      // 40 beyond the 10-point tolerance.
      const check = await t.gql(
        `query($id: ID!) { checkRota(rotaId: $id, ruleCodes: ["JOINT_ROLE_TIME_SPLIT"]) {
          violations { ruleCode severity staffId penalty measured limit message } } }`,
        { id: rota.id },
        world.manager,
      );
      expect(check.data!.checkRota.violations).toEqual([
        expect.objectContaining({
          ruleCode: 'JOINT_ROLE_TIME_SPLIT',
          severity: 'SOFT',
          staffId: person.id,
          penalty: 80,
          measured: 90,
          limit: 10,
        }),
      ]);
      expect(check.data!.checkRota.violations[0].message).toMatch(
        /100% vs 50%, 0% vs 50%|0% vs 50%, 100% vs 50%/,
      );
      const ended = await t.gql(
        `mutation($id: ID!) { endJointRoleAppointment(id: $id, endDate: "2026-06-15", reason: "Moved post") { endDate endReason } }`,
        { id: appointment.data!.appointToJointRole.id },
        hr,
      );
      expect(ended.data!.endJointRoleAppointment).toEqual({ endDate: '2026-06-15', endReason: 'Moved post' });
      expect(
        errorCode(
          await t.gql(
            `mutation($id: ID!) { endJointRoleAppointment(id: $id, endDate: "2026-06-10") { endDate } }`,
            { id: appointment.data!.appointToJointRole.id },
            hr,
          ),
        ),
      ).toBe('CONFLICT');
    });
  });

  it('lists roles to their partners’ people only', async () => {
    const q = `{ jointRoles(first: 100) { totalCount edges { node { title partners { organisationId } } } } }`;
    const mine = await t.gql(q, {}, hr);
    expect(mine.data!.jointRoles.totalCount).toBeGreaterThan(3);
    const outsiderOrg = await insertOrganisation(t.dataSource, {
      name: 'JR Unrelated',
      kind: OrganisationKind.INDEPENDENT_CARE_PROVIDER,
      sector: Sector.SOCIAL_CARE,
    });
    const stranger = await t.token({ roles: [Role.HR], organisationIds: [outsiderOrg.id] });
    expect((await t.gql(q, {}, stranger)).data!.jointRoles.totalCount).toBe(0);
    await insertTeam(t.dataSource, outsiderOrg.id);
  });
});
