import { Role } from '../../src/common/auth/actor.js';
import { OrganisationKind, Sector } from '../../src/modules/organisations/organisation.enums.js';
import { insertStaff } from '../fixtures/factories.js';
import {
  addShift,
  ASSIGN,
  assignedOf,
  createRota,
  rotaWorld,
  type RotaWorld,
} from '../fixtures/rota-setup.js';
import { errorCode, startTestApp, type TestApp } from '../fixtures/test-app.js';

/**
 * The review's findings, each reproduced as it was reported: a STAFF token reading a colleague's sickness
 * through the rota; a STAFF member listing every joint role with its cost; another employer reading the personal
 * facts behind a rule's message. (Passport readiness without a link to the team: passport.e2e.spec.ts.)
 */
describe('data protection: what the review found', () => {
  let t: TestApp;
  let trust: RotaWorld;
  let council: RotaWorld;
  let admin: string;
  let nurse: { id: string };
  let colleague: { id: string };
  let carer: { id: string };
  let tokens: Record<string, string>;
  let rotaId: string;
  let jointRoleId: string;
  let freeShift: string;

  beforeAll(async () => {
    t = await startTestApp();
    admin = await t.adminToken();
    trust = await rotaWorld(t, 'Guard');
    council = await rotaWorld(t, 'Guardshire');
    await t.dataSource.query(`UPDATE organisation SET kind = $2, sector = $3 WHERE id = $1`, [
      council.orgId,
      OrganisationKind.LOCAL_AUTHORITY,
      Sector.SOCIAL_CARE,
    ]);
    // A 17-year-old nurse on 10 contracted hours a week.
    nurse = await insertStaff(t.dataSource, trust.orgId, {
      homeTeamId: trust.teamId,
      dateOfBirth: '2013-05-01',
      contractedHoursPerWeek: 10,
    });
    colleague = await insertStaff(t.dataSource, trust.orgId, { homeTeamId: trust.teamId });
    carer = await insertStaff(t.dataSource, council.orgId, { homeTeamId: council.teamId });
    const placement = await t.gql(
      `mutation($input: RequestPlacementInput!) { requestPlacement(input: $input) { id } }`,
      {
        input: {
          staffId: carer.id,
          hostTeamId: trust.teamId,
          kind: 'ROTATION',
          startDate: '2030-03-01',
          endDate: '2030-03-31',
          hoursPerWeek: 30,
          reason: 'Winter',
        },
      },
      admin,
    );
    for (const side of ['HOME', 'HOST']) {
      await t.gql(
        `mutation($id: ID!, $side: PlacementSide!) { decidePlacement(input: { placementId: $id, side: $side, decision: APPROVE, overrideGaps: true, reason: "ok" }) { status } }`,
        { id: placement.data!.requestPlacement.id, side },
        admin,
      );
    }
    const staffToken = (id: string, org: string) =>
      t.token({ roles: [Role.STAFF], organisationIds: [org], staffId: id });
    tokens = {
      nurse: await staffToken(nurse.id, trust.orgId),
      colleague: await staffToken(colleague.id, trust.orgId),
      carer: await staffToken(carer.id, council.orgId),
      lineManager: trust.manager,
      otherTrustManager: await t.token({ roles: [Role.MANAGER], organisationIds: [trust.orgId] }),
      trustHr: await t.token({ roles: [Role.HR], organisationIds: [trust.orgId] }),
      councilHr: await t.token({ roles: [Role.HR], organisationIds: [council.orgId] }),
      councilManager: council.manager,
    };

    // Sickness with a note, approved, during the rota; a colleague's leave still only requested.
    const sick = await t.gql(
      `mutation($input: RequestAbsenceInput!) { requestAbsence(input: $input) { id } }`,
      {
        input: {
          kind: 'SICKNESS',
          startDate: '2030-03-08',
          endDate: '2030-03-09',
          note: 'Chemotherapy follow-up',
        },
      },
      tokens.nurse,
    );
    await t.gql(
      `mutation($id: ID!) { decideAbsence(input: { absenceId: $id, decision: APPROVE, reason: "Take care" }) { status } }`,
      { id: sick.data!.requestAbsence.id },
      trust.manager,
    );
    await t.gql(
      `mutation($input: RequestAbsenceInput!) { requestAbsence(input: $input) { id } }`,
      { input: { kind: 'ANNUAL_LEAVE', startDate: '2030-03-05', endDate: '2030-03-05' } },
      tokens.colleague,
    );

    // A published rota the three of them work on.
    const rota = await createRota(t, trust, '2030-03-04', '2030-03-10');
    rotaId = rota.id;
    for (const [code, date, who] of [
      ['E', '2030-03-04', nurse.id],
      ['E', '2030-03-06', colleague.id],
      ['L', '2030-03-06', carer.id],
    ] as const) {
      const shift = await addShift(t, trust, rota.id, code, date);
      const res = await t.gql(ASSIGN, { shift: shift.id, staff: who }, trust.manager);
      expect(assignedOf(res).__typename).toBe('Assignment');
    }
    freeShift = (await addShift(t, trust, rota.id, 'N', '2030-03-04')).id;
    await t.gql(
      `mutation($id: ID!) { publishRota(input: { rotaId: $id, override: { reason: "Short week", ruleCodes: [COVER_MIN_HEADCOUNT] } }) { __typename } }`,
      { id: rota.id },
      trust.manager,
    );

    const role = await t.gql(
      `mutation($input: CreateJointRoleInput!) { createJointRole(input: $input) { id } }`,
      {
        input: {
          title: 'Guard discharge lead',
          staffGroup: 'NURSING',
          fte: 1,
          startDate: '2030-01-01',
          employmentModel: 'SECONDMENT',
          employingPartnerId: trust.orgId,
          lineManagementPartnerId: trust.orgId,
          supervisionPartnerId: council.orgId,
          annualCost: 48000,
          activate: true,
          partners: [
            { organisationId: trust.orgId, fundingSharePercent: 70, timeSharePercent: 50 },
            { organisationId: council.orgId, fundingSharePercent: 30, timeSharePercent: 50 },
          ],
        },
      },
      admin,
    );
    jointRoleId = role.data!.createJointRole.id;
  });
  afterAll(() => t.close());

  describe('1. absences on a rota', () => {
    const absences = async (who: string) => {
      const res = await t.gql(
        `query($id: ID!) { rota(id: $id) { absences { staffId kind note status decisionReason } } }`,
        { id: rotaId },
        tokens[who],
      );
      expect(res.errors).toBeUndefined();
      return res.data!.rota.absences as Array<Record<string, unknown>>;
    };

    it.each(['colleague', 'carer'])(
      'shows %s that the nurse is away, never why, and no one else’s pending request',
      async (who) => {
        const seen = await absences(who);
        expect(seen.filter((a) => a.staffId === nurse.id)).toEqual([
          { staffId: nurse.id, kind: null, note: null, status: 'APPROVED', decisionReason: null },
        ]);
        const self = who === 'colleague' ? colleague.id : carer.id;
        expect(seen.filter((a) => a.staffId !== self && a.status !== 'APPROVED')).toEqual([]);
      },
    );

    it.each(['nurse', 'lineManager', 'trustHr'])('shows %s the reason and the note', async (who) => {
      const mine = (await absences(who)).find((a) => a.staffId === nurse.id);
      expect(mine).toMatchObject({
        kind: 'SICKNESS',
        note: 'Chemotherapy follow-up',
        decisionReason: 'Take care',
      });
    });
  });

  describe('4. joint roles', () => {
    it('lists none to a STAFF member who holds none, and refuses one by id', async () => {
      const list = await t.gql(
        `{ jointRoles(first: 50) { totalCount edges { node { id } } } }`,
        {},
        tokens.colleague,
      );
      expect(list.data!.jointRoles.totalCount).toBe(0);
      expect(
        errorCode(
          await t.gql(`query($id: ID!) { jointRole(id: $id) { id } }`, { id: jointRoleId }, tokens.colleague),
        ),
      ).toBe('FORBIDDEN');
    });

    it('shows the cost and funding shares to the partners’ HR only', async () => {
      const read = (token: string) =>
        t.gql(
          `query($id: ID!) { jointRole(id: $id) { annualCost partners { organisationId fundingSharePercent timeSharePercent } } }`,
          { id: jointRoleId },
          token,
        );
      const manager = (await read(tokens.councilManager)).data!.jointRole;
      expect(manager.annualCost).toBeNull();
      expect(manager.partners.map((p: any) => p.fundingSharePercent)).toEqual([null, null]);
      expect(manager.partners.map((p: any) => p.timeSharePercent)).toEqual([50, 50]);
      const hr = (await read(tokens.councilHr)).data!.jointRole;
      expect(hr.annualCost).toBe(48000);
      expect(hr.partners.map((p: any) => p.fundingSharePercent).sort()).toEqual([30, 70]);
    });
  });

  describe('6. rule messages', () => {
    const VIOLATION = 'ruleCode staffId measured limit message';

    it('tells another employer which rule a person breaks, not their age or contract', async () => {
      // The council's manager looks at who could cover the ward's night — and at the nurse on it.
      const nurseRules = async (token: string) => {
        const res = await t.gql(
          `query($shift: ID!, $staff: ID!) { previewAssignment(shiftId: $shift, staffId: $staff) { violations { ${VIOLATION} } } }`,
          { shift: freeShift, staff: nurse.id },
          token,
        );
        expect(res.errors).toBeUndefined();
        return res.data!.previewAssignment.violations as Array<Record<string, any>>;
      };
      const employer = await nurseRules(trust.manager);
      const young = employer.find((v) => v.ruleCode === 'YOUNG_WORKER_LIMITS' || /under 18/.test(v.message));
      expect(young).toBeDefined();
      expect(employer.every((v) => v.measured !== null && v.limit !== null)).toBe(true);

      const host = await t.token({
        roles: [Role.MANAGER],
        organisationIds: [council.orgId],
        teamIds: [trust.teamId],
      });
      const outside = await nurseRules(host);
      expect(outside.map((v) => v.ruleCode).sort()).toEqual(employer.map((v) => v.ruleCode).sort());
      const catalogue = await t.gql(`{ ruleCatalogue { code personalDetails } }`, {}, host);
      const personal = new Set(
        catalogue.data!.ruleCatalogue.filter((r: any) => r.personalDetails).map((r: any) => r.code),
      );
      expect(outside.some((v) => personal.has(v.ruleCode))).toBe(true);
      for (const v of outside) {
        expect(v.message).not.toMatch(/under 18|contracted/);
        if (!personal.has(v.ruleCode)) continue;
        expect(v.message).toContain(v.ruleCode);
        expect([v.measured, v.limit]).toEqual([null, null]);
      }
    });

    it('keeps rules that rest on the rota alone fully explained to everyone', async () => {
      const res = await t.gql(
        `query($id: ID!) { checkRota(rotaId: $id) { violations { ${VIOLATION} } } }`,
        { id: rotaId },
        trust.manager,
      );
      const cover = res.data!.checkRota.violations.find((v: any) => v.ruleCode === 'COVER_MIN_HEADCOUNT');
      expect(cover).toMatchObject({ staffId: null, measured: 0, limit: 1 });
      expect(cover.message).not.toContain('details are shown');
    });
  });
});
