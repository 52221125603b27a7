import { Role } from '../../src/common/auth/actor.js';
import { OrganisationKind, Sector } from '../../src/modules/organisations/organisation.enums.js';
import {
  insertCredential,
  insertOrganisation,
  insertStaff,
  insertTeam,
  skillId,
} from '../fixtures/factories.js';
import { addShift, ASSIGN, assignedOf, createRota, rotaWorld } from '../fixtures/rota-setup.js';
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
    const q = `mutation($input: UpdateJointRoleInput!) { updateJointRole(input: $input) { status endDate } }`;
    expect(errorCode(await t.gql(q, { input: { jointRoleId: id, status: 'ENDED' } }, hr))).toBe('CONFLICT');
    expect(
      (await t.gql(q, { input: { jointRoleId: id, status: 'ACTIVE' } }, hr)).data!.updateJointRole.status,
    ).toBe('ACTIVE');
    expect(
      (await t.gql(q, { input: { jointRoleId: id, status: 'ENDED', endDate: '2026-12-31' } }, hr)).data!
        .updateJointRole,
    ).toEqual({ status: 'ENDED', endDate: '2026-12-31' });
    const again = await t.gql(q, { input: { jointRoleId: id, title: 'Renamed' } }, hr);
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
        field: 'input.overrideGaps',
        gaps: [{ organisationId: council.id, reason: 'NOT_ACCEPTED' }],
      });
      const ok = await t.gql(
        APPOINT,
        {
          input: {
            jointRoleId: roleId,
            staffId: person.id,
            startDate: '2026-05-01',
            overrideGaps: true,
            reason: 'Council training booked for June',
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
        assignedOf(await t.gql(ASSIGN, { shift: inside.id, staff: person.id }, world.manager)),
      ).toMatchObject({ __typename: 'Assignment', basis: 'JOINT_ROLE' });
      const refused = await t.gql(ASSIGN, { shift: outside.id, staff: person.id }, world.manager);
      expect(assignedOf(refused).violations.map((v: any) => v.ruleCode)).toContain('NOT_AUTHORISED_AT_TEAM');
      // All of the rota's joint-role hours at the council against an agreed 50/50 split: 50 points off each
      // partner's share (measured 50), 40 beyond the 10-point tolerance for each (penalty 80).
      const check = await t.gql(
        `query($id: ID!) { checkRota(rotaId: $id, ruleCodes: [JOINT_ROLE_TIME_SPLIT]) {
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
          measured: 50,
          limit: 10,
        }),
      ]);
      expect(check.data!.checkRota.violations[0].message).toMatch(
        /100% vs 50%, 0% vs 50%|0% vs 50%, 100% vs 50%/,
      );
      const ended = await t.gql(
        `mutation($id: ID!) { endJointRoleAppointment(input: { appointmentId: $id, endDate: "2026-06-15", reason: "Moved post" }) { endDate endReason } }`,
        { id: appointment.data!.appointToJointRole.id },
        hr,
      );
      expect(ended.data!.endJointRoleAppointment).toEqual({ endDate: '2026-06-15', endReason: 'Moved post' });
      // The assignment on 30 June is no longer authorised: the rota says so, with what to do.
      const attention = await t.gql(
        `query($id: ID!) { rota(id: $id) { attention { kind staffId shiftIds ruleCode actions } } }`,
        { id: rota.id },
        world.manager,
      );
      expect(attention.data!.rota.attention).toEqual([
        {
          kind: 'NOT_AUTHORISED',
          staffId: person.id,
          shiftIds: [inside.id],
          ruleCode: 'NOT_AUTHORISED_AT_TEAM',
          actions: ['UNASSIGN', 'FIND_COVER'],
        },
      ]);
      expect(
        errorCode(
          await t.gql(
            `mutation($id: ID!) { endJointRoleAppointment(input: { appointmentId: $id, endDate: "2026-06-10" }) { endDate } }`,
            { id: appointment.data!.appointToJointRole.id },
            hr,
          ),
        ),
      ).toBe('CONFLICT');
    });
  });

  // Security review: one partner's HR created an ACTIVE joint role committing the other partners' funding.
  describe('partners’ acceptance of their shares', () => {
    const PARTNERS = `status termsVersion partners { organisationId fundingSharePercent acceptance decidedBy { id } declineReason }`;
    const ACCEPT_SHARE = `mutation($id: ID!, $org: ID!, $v: Int!) { acceptJointRoleShare(input: { jointRoleId: $id, organisationId: $org, termsVersion: $v }) { ${PARTNERS} } }`;
    const DECLINE_SHARE = `mutation($id: ID!, $org: ID!, $v: Int!, $reason: String!) { declineJointRoleShare(input: { jointRoleId: $id, organisationId: $org, termsVersion: $v, reason: $reason }) { ${PARTNERS} } }`;
    const UPDATE = `mutation($input: UpdateJointRoleInput!) { updateJointRole(input: $input) { ${PARTNERS} } }`;
    let hrTrust: string;
    let hrCouncil: string;
    let hrProvider: string;
    const share = (role: any, org: string) => role.partners.find((p: any) => p.organisationId === org);

    beforeAll(async () => {
      hrTrust = await t.token({ roles: [Role.HR], organisationIds: [trust.id], subject: 'hr-trust' });
      hrCouncil = await t.token({ roles: [Role.HR], organisationIds: [council.id], subject: 'hr-council' });
      hrProvider = await t.token({
        roles: [Role.HR],
        organisationIds: [provider.id],
        subject: 'hr-provider',
      });
    });

    it('keeps a role one partner sets up DRAFT until every other partner’s HR accepts its share', async () => {
      const created = await t.gql(
        `mutation($input: CreateJointRoleInput!) { createJointRole(input: $input) { id ${PARTNERS} } }`,
        {
          input: input([
            [trust.id, 70, 50],
            [council.id, 30, 50],
          ]),
        },
        hrTrust,
      );
      expect(created.errors).toBeUndefined();
      const role = created.data!.createJointRole;
      expect(role).toMatchObject({ status: 'DRAFT', termsVersion: 1 });
      expect(share(role, trust.id)).toMatchObject({ acceptance: 'ACCEPTED', decidedBy: { id: 'hr-trust' } });
      expect(share(role, council.id)).toMatchObject({ acceptance: 'PENDING', decidedBy: null });

      // Nobody can appoint to it or activate it past the council.
      const person = await insertStaff(t.dataSource, trust.id);
      const early = await t.gql(
        APPOINT,
        { input: { jointRoleId: role.id, staffId: person.id, startDate: '2026-05-01' } },
        hrTrust,
      );
      expect(early.errors![0].extensions).toMatchObject({ code: 'CONFLICT', status: 'DRAFT' });
      const forced = await t.gql(UPDATE, { input: { jointRoleId: role.id, status: 'ACTIVE' } }, hrTrust);
      expect(forced.errors![0].extensions).toMatchObject({
        code: 'CONFLICT',
        status: 'DRAFT',
        awaitingOrganisationIds: [council.id],
      });
      await expect(
        t.dataSource.transaction((em) =>
          em.query(`UPDATE joint_role SET status = 'ACTIVE' WHERE id = $1`, [role.id]),
        ),
      ).rejects.toMatchObject({ driverError: { code: '23514', constraint: 'ck_joint_role_accepted' } });

      // The council's HR finds it waiting; only they answer for the council.
      const inbox = await t.gql(
        `query($org: ID!) { jointRoles(filter: { awaitingAcceptanceBy: $org }) { edges { node { id } } } }`,
        { org: council.id },
        hrCouncil,
      );
      expect(inbox.data!.jointRoles.edges.map((e: any) => e.node.id)).toContain(role.id);
      expect(errorCode(await t.gql(ACCEPT_SHARE, { id: role.id, org: council.id, v: 1 }, hrTrust))).toBe(
        'FORBIDDEN',
      );
      expect(errorCode(await t.gql(ACCEPT_SHARE, { id: role.id, org: council.id, v: 1 }, hrProvider))).toBe(
        'FORBIDDEN',
      );
      expect(
        (await t.gql(ACCEPT_SHARE, { id: role.id, org: provider.id, v: 1 }, hrProvider)).errors![0]
          .extensions,
      ).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.organisationId' });
      expect(
        (await t.gql(ACCEPT_SHARE, { id: role.id, org: trust.id, v: 1 }, hrTrust)).errors![0].extensions,
      ).toMatchObject({ code: 'CONFLICT', status: 'ACCEPTED' });
      expect(
        (await t.gql(ACCEPT_SHARE, { id: role.id, org: council.id, v: 2 }, hrCouncil)).errors![0].extensions,
      ).toMatchObject({ code: 'CONFLICT', field: 'input.termsVersion', currentTermsVersion: 1 });

      const accepted = await t.gql(ACCEPT_SHARE, { id: role.id, org: council.id, v: 1 }, hrCouncil);
      expect(accepted.data!.acceptJointRoleShare.status).toBe('ACTIVE');
      expect(share(accepted.data!.acceptJointRoleShare, council.id)).toMatchObject({
        acceptance: 'ACCEPTED',
        decidedBy: { id: 'hr-council' },
      });
      const appointed = await t.gql(
        APPOINT,
        { input: { jointRoleId: role.id, staffId: person.id, startDate: '2026-05-01', fte: 0.2 } },
        hrTrust,
      );
      expect(appointed.errors).toBeUndefined();
    });

    it('asks again only the partners a change of shares affects; an ACTIVE role is DRAFT until they accept', async () => {
      const hrAll = await t.token({ roles: [Role.HR], organisationIds: [trust.id, council.id, provider.id] });
      const role = (
        await t.gql(
          `mutation($input: CreateJointRoleInput!) { createJointRole(input: $input) { id ${PARTNERS} } }`,
          {
            input: input([
              [trust.id, 50, 40],
              [council.id, 30, 40],
              [provider.id, 20, 20],
            ]),
          },
          hrAll,
        )
      ).data!.createJointRole;
      expect(role.status).toBe('ACTIVE');
      // The trust moves 10 points of funding onto the provider: the council's share is untouched.
      const changed = await t.gql(
        UPDATE,
        {
          input: {
            jointRoleId: role.id,
            partners: [
              { organisationId: trust.id, fundingSharePercent: 40, timeSharePercent: 40 },
              { organisationId: council.id, fundingSharePercent: 30, timeSharePercent: 40 },
              { organisationId: provider.id, fundingSharePercent: 30, timeSharePercent: 20 },
            ],
          },
        },
        hrTrust,
      );
      const after = changed.data!.updateJointRole;
      expect(after).toMatchObject({ status: 'DRAFT', termsVersion: 2 });
      expect(share(after, trust.id)).toMatchObject({ acceptance: 'ACCEPTED', decidedBy: { id: 'hr-trust' } });
      expect(share(after, council.id)).toMatchObject({ acceptance: 'ACCEPTED' });
      expect(share(after, provider.id)).toMatchObject({ acceptance: 'PENDING', decidedBy: null });

      // The provider declines; the role stays DRAFT, and a declined share cannot then be accepted.
      expect(
        (await t.gql(DECLINE_SHARE, { id: role.id, org: provider.id, v: 2, reason: ' ' }, hrProvider))
          .errors![0].extensions,
      ).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.reason' });
      const declined = await t.gql(
        DECLINE_SHARE,
        { id: role.id, org: provider.id, v: 2, reason: 'Not in this year’s budget' },
        hrProvider,
      );
      expect(declined.data!.declineJointRoleShare.status).toBe('DRAFT');
      expect(share(declined.data!.declineJointRoleShare, provider.id)).toMatchObject({
        acceptance: 'DECLINED',
        declineReason: 'Not in this year’s budget',
      });
      expect(
        (await t.gql(ACCEPT_SHARE, { id: role.id, org: provider.id, v: 2 }, hrProvider)).errors![0]
          .extensions,
      ).toMatchObject({ code: 'CONFLICT', status: 'DECLINED' });

      // A change to the common terms (the annual cost) asks every partner but the one proposing it.
      const costed = (await t.gql(UPDATE, { input: { jointRoleId: role.id, annualCost: 60000 } }, hrCouncil))
        .data!.updateJointRole;
      expect(costed.termsVersion).toBe(3);
      expect(costed.partners.map((p: any) => [p.organisationId, p.acceptance]).sort()).toEqual(
        [
          [trust.id, 'PENDING'],
          [council.id, 'ACCEPTED'],
          [provider.id, 'PENDING'],
        ].sort(),
      );
      // A change of title asks nobody.
      expect(
        (await t.gql(UPDATE, { input: { jointRoleId: role.id, title: 'Renamed' } }, hrCouncil)).data!
          .updateJointRole.termsVersion,
      ).toBe(3);
      await t.gql(ACCEPT_SHARE, { id: role.id, org: trust.id, v: 3 }, hrTrust);
      const active = await t.gql(ACCEPT_SHARE, { id: role.id, org: provider.id, v: 3 }, hrProvider);
      expect(active.data!.acceptJointRoleShare.status).toBe('ACTIVE');
      // Ending it cannot change its terms on the way out.
      const sneaky = await t.gql(
        UPDATE,
        { input: { jointRoleId: role.id, status: 'ENDED', fte: 2 } },
        hrTrust,
      );
      expect(sneaky.errors![0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.status' });
    });
  });

  // Security review: council HR appointed a trust employee to a joint role without the employer.
  describe('the employer’s consent to an appointment', () => {
    const CONSENT = `mutation($id: ID!) { consentToJointRoleAppointment(input: { appointmentId: $id }) { id status decidedBy { id } } }`;
    const DECLINE = `mutation($id: ID!, $reason: String!) { declineJointRoleAppointment(input: { appointmentId: $id, reason: $reason }) { id status declineReason } }`;
    let world: Awaited<ReturnType<typeof rotaWorld>>;
    let hrTrust: string;
    let hrWorld: string;
    let roles: string[];
    let person: string;
    let shiftId: string;

    beforeAll(async () => {
      // A council (the rota world's organisation, made social care) and the trust share two roles.
      world = await rotaWorld(t, 'Consent');
      await t.dataSource.query(
        `UPDATE organisation SET kind = 'LOCAL_AUTHORITY', sector = 'SOCIAL_CARE' WHERE id = $1`,
        [world.orgId],
      );
      hrTrust = await t.token({ roles: [Role.HR], organisationIds: [trust.id], subject: 'hr-trust' });
      hrWorld = await t.token({ roles: [Role.HR], organisationIds: [world.orgId], subject: 'hr-council' });
      const hrBoth = await t.token({ roles: [Role.HR], organisationIds: [trust.id, world.orgId] });
      roles = [];
      for (const title of ['Community Matron', 'Frailty Practitioner']) {
        const res = await t.gql(
          CREATE,
          {
            input: input(
              [
                [trust.id, 50, 50],
                [world.orgId, 50, 50],
              ],
              { title, supervisionPartnerId: world.orgId },
            ),
          },
          hrBoth,
        );
        expect(res.data!.createJointRole.status).toBe('ACTIVE');
        roles.push(res.data!.createJointRole.id);
      }
      person = (await insertStaff(t.dataSource, trust.id, { contractedHoursPerWeek: 0 })).id;
      const rota = await createRota(t, world, '2026-06-01', '2026-06-07');
      shiftId = (await addShift(t, world, rota.id, 'E', '2026-06-02')).id;
    });

    const appoint = (jointRoleId: string, fte: number, token: string) =>
      t.gql(
        `mutation($input: AppointToJointRoleInput!) { appointToJointRole(input: $input) { id status decidedBy { id } } }`,
        { input: { jointRoleId, staffId: person, startDate: '2026-05-01', endDate: '2026-12-31', fte } },
        token,
      );

    it('leaves an appointment by another partner’s HR PROPOSED: it authorises no work and holds no FTE', async () => {
      const proposed = await appoint(roles[0]!, 0.6, hrWorld);
      expect(proposed.data!.appointToJointRole).toMatchObject({ status: 'PROPOSED', decidedBy: null });
      const refused = await t.gql(ASSIGN, { shift: shiftId, staff: person }, world.manager);
      expect(assignedOf(refused).violations.map((v: any) => v.ruleCode)).toContain('NOT_AUTHORISED_AT_TEAM');
      const cover = await t.gql(
        `query($shift: ID!) { eligibleStaff(shiftId: $shift, first: 50) { staff { id } } }`,
        { shift: shiftId },
        world.manager,
      );
      expect(cover.data!.eligibleStaff.map((c: any) => c.staff.id)).not.toContain(person);
      const report = await t.gql(
        `query($org: ID) { jointRoleReport(from: "2026-06-01", to: "2026-06-30", organisationId: $org) { appointments timeSplit { staffId } } }`,
        { org: world.orgId },
        hrWorld,
      );
      expect(report.data!.jointRoleReport.timeSplit.map((l: any) => l.staffId)).not.toContain(person);
      // The 0.6 proposed does not count against the 1.0 limit: the employer appoints them to 0.5 elsewhere.
      const own = await appoint(roles[1]!, 0.5, hrTrust);
      expect(own.data!.appointToJointRole).toMatchObject({
        status: 'CONSENTED',
        decidedBy: { id: 'hr-trust' },
      });
    });

    it('is consented to or declined only by HR of the employer, once; consent checks the FTE limit again', async () => {
      const [proposed] = await t.dataSource.query(
        `SELECT id FROM joint_role_appointment WHERE staff_id = $1 AND status = 'PROPOSED'`,
        [person],
      );
      expect(errorCode(await t.gql(CONSENT, { id: proposed.id }, hrWorld))).toBe('FORBIDDEN');
      expect(errorCode(await t.gql(DECLINE, { id: proposed.id, reason: 'x' }, hrWorld))).toBe('FORBIDDEN');
      const tooMuch = await t.gql(CONSENT, { id: proposed.id }, hrTrust);
      expect(tooMuch.errors![0].extensions).toMatchObject({ code: 'CONFLICT', heldFte: 0.5 });
      const declined = await t.gql(DECLINE, { id: proposed.id, reason: 'Only 0.4 can be spared' }, hrTrust);
      expect(declined.data!.declineJointRoleAppointment).toMatchObject({
        status: 'DECLINED',
        declineReason: 'Only 0.4 can be spared',
      });
      expect((await t.gql(CONSENT, { id: proposed.id }, hrTrust)).errors![0].extensions).toMatchObject({
        code: 'CONFLICT',
        status: 'DECLINED',
      });

      // A new proposal for the same dates (a declined one holds nothing), consented by the employer.
      const again = await appoint(roles[0]!, 0.4, hrWorld);
      expect(again.data!.appointToJointRole.status).toBe('PROPOSED');
      const consented = await t.gql(CONSENT, { id: again.data!.appointToJointRole.id }, hrTrust);
      expect(consented.data!.consentToJointRoleAppointment).toMatchObject({
        status: 'CONSENTED',
        decidedBy: { id: 'hr-trust' },
      });
      expect(
        (await t.gql(CONSENT, { id: again.data!.appointToJointRole.id }, hrTrust)).errors![0].extensions,
      ).toMatchObject({ code: 'CONFLICT', status: 'CONSENTED' });
      const assigned = await t.gql(ASSIGN, { shift: shiftId, staff: person }, world.manager);
      expect(assignedOf(assigned)).toMatchObject({ __typename: 'Assignment', basis: 'JOINT_ROLE' });
    });

    it('stops authorising work while the role is back in DRAFT after a change of shares', async () => {
      const rota = await createRota(t, world, '2026-06-08', '2026-06-14');
      const shift = await addShift(t, world, rota.id, 'E', '2026-06-09');
      // The trust changes the funding of both roles the person holds; the council has not accepted yet.
      for (const id of roles) {
        const changed = await t.gql(
          `mutation($input: UpdateJointRoleInput!) { updateJointRole(input: $input) { status } }`,
          {
            input: {
              jointRoleId: id,
              partners: [
                { organisationId: trust.id, fundingSharePercent: 40, timeSharePercent: 50 },
                { organisationId: world.orgId, fundingSharePercent: 60, timeSharePercent: 50 },
              ],
            },
          },
          hrTrust,
        );
        expect(changed.data!.updateJointRole.status).toBe('DRAFT');
      }
      const preview = await t.gql(
        `query($shift: ID!, $staff: ID!) { previewAssignment(shiftId: $shift, staffId: $staff) { basis violations { ruleCode } } }`,
        { shift: shift.id, staff: person },
        world.manager,
      );
      expect(preview.data!.previewAssignment.basis).toBeNull();
      expect(preview.data!.previewAssignment.violations.map((v: any) => v.ruleCode)).toContain(
        'NOT_AUTHORISED_AT_TEAM',
      );
      // Once the council accepts the new shares, the role is ACTIVE and the appointment authorises work again.
      for (const id of roles) {
        const accepted = await t.gql(
          `mutation($id: ID!, $org: ID!) { acceptJointRoleShare(input: { jointRoleId: $id, organisationId: $org, termsVersion: 2 }) { status } }`,
          { id, org: world.orgId },
          hrWorld,
        );
        expect(accepted.data!.acceptJointRoleShare.status).toBe('ACTIVE');
      }
      const again = await t.gql(
        `query($shift: ID!, $staff: ID!) { previewAssignment(shiftId: $shift, staffId: $staff) { basis } }`,
        { shift: shift.id, staff: person },
        world.manager,
      );
      expect(again.data!.previewAssignment.basis).toBe('JOINT_ROLE');
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
