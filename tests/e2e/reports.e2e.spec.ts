import request from 'supertest';
import { Role } from '../../src/common/auth/actor.js';
import { OrganisationKind, Sector } from '../../src/modules/organisations/organisation.enums.js';
import { addDays, localDateOf } from '../../src/rota-core/dates.js';
import {
  insertCredential,
  insertOrganisation,
  insertStaff,
  insertTeam,
  skillId,
} from '../fixtures/factories.js';
import { addShift, ASSIGN, createRota, rotaWorld, type RotaWorld } from '../fixtures/rota-setup.js';
import { errorCode, startTestApp, type TestApp } from '../fixtures/test-app.js';

/**
 * The HR reports against a small world whose every figure is worked out by hand beside the assertion.
 * Organisations: a trust (HEALTH), a council and a care provider (SOCIAL_CARE).
 */
describe('reports (GraphQL over HTTP, and CSV)', () => {
  let t: TestApp;
  let trust: RotaWorld;
  let council: RotaWorld;
  let provider: { id: string };
  let hr: string;
  let hrProvider: string;
  const ok = (res: { data?: any; errors?: unknown }): any => {
    if (res.errors) throw new Error(JSON.stringify(res.errors));
    return res.data;
  };

  beforeAll(async () => {
    t = await startTestApp();
    trust = await rotaWorld(t, 'Nene');
    council = await rotaWorld(t, 'Shire');
    await t.dataSource.query(
      `UPDATE organisation SET name = $2, kind = 'LOCAL_AUTHORITY', sector = 'SOCIAL_CARE' WHERE id = $1`,
      [council.orgId, 'Shire Council'],
    );
    await t.dataSource.query(`UPDATE organisation SET name = $2 WHERE id = $1`, [
      trust.orgId,
      'Nene Valley, "Community" Trust',
    ]);
    provider = await insertOrganisation(t.dataSource, {
      name: 'Wold Care',
      kind: OrganisationKind.INDEPENDENT_CARE_PROVIDER,
      sector: Sector.SOCIAL_CARE,
    });
    hr = await t.token({ roles: [Role.HR], organisationIds: [trust.orgId, council.orgId] });
    hrProvider = await t.token({ roles: [Role.HR], organisationIds: [provider.id] });
  });
  afterAll(() => t.close());

  // ---- joint roles ---------------------------------------------------------------------------------------

  describe('jointRoleReport', () => {
    const JR = `query($from: LocalDate!, $to: LocalDate!, $org: ID) {
      jointRoleReport(from: $from, to: $to, organisationId: $org) {
        roles appointments fte annualCost rolesWithoutCost
        byOrganisation { organisationId organisationName sector roles fte annualCost }
        bySector { sector roles fte annualCost }
        timeSplit { staffId jointRoleTitle organisationId agreedSharePercent rosteredHours rosteredSharePercent deviationPoints } } }`;
    const march = { from: '2026-03-01', to: '2026-03-31' };
    let personP: string;
    let personQ: string;

    const createRole = async (title: string, partners: Array<[string, number, number]>, extra = {}) =>
      ok(
        await t.gql(
          `mutation($input: CreateJointRoleInput!) { createJointRole(input: $input) { id } }`,
          {
            input: {
              title,
              staffGroup: 'ALLIED_HEALTH',
              fte: 1,
              startDate: '2026-01-01',
              employmentModel: 'JOINT_EMPLOYMENT',
              employingPartnerId: trust.orgId,
              lineManagementPartnerId: trust.orgId,
              supervisionPartnerId: council.orgId,
              partners: partners.map(([organisationId, fundingSharePercent, timeSharePercent]) => ({
                organisationId,
                fundingSharePercent,
                timeSharePercent,
              })),
              activate: true,
              ...extra,
            },
          },
          hr,
        ),
      ).createJointRole.id as string;

    beforeAll(async () => {
      // R1: £52,340.50, funded 60/40, time 50/50, 1.0 FTE. R2: £40,000.01 funded 33.33/33.33/33.34, time
      // 30/40/30, 0.8 FTE. A draft role and a role that ended in 2025 are left out of the report.
      const r1 = await createRole(
        'Discharge Coordinator',
        [
          [trust.orgId, 60, 50],
          [council.orgId, 40, 50],
        ],
        { annualCost: 52340.5 },
      );
      const r2 = await createRole(
        'Reablement Therapist',
        [
          [trust.orgId, 33.33, 30],
          [council.orgId, 33.33, 40],
          [provider.id, 33.34, 30],
        ],
        { annualCost: 40000.01, fte: 0.8, startDate: '2026-02-01' },
      );
      // R2 is ACTIVE once the provider's HR has accepted its share too.
      ok(
        await t.gql(
          `mutation($id: ID!, $org: ID!) { acceptJointRoleShare(input: { jointRoleId: $id, organisationId: $org, termsVersion: 1 }) { status } }`,
          { id: r2, org: provider.id },
          hrProvider,
        ),
      );
      await createRole(
        'Falls Lead (draft)',
        [
          [trust.orgId, 50, 50],
          [council.orgId, 50, 50],
        ],
        { annualCost: 1000, activate: false },
      );
      await createRole(
        'Winter Hub 2025',
        [
          [trust.orgId, 50, 50],
          [council.orgId, 50, 50],
        ],
        { annualCost: 10000, startDate: '2025-01-01', endDate: '2025-06-30' },
      );

      personP = (await insertStaff(t.dataSource, trust.orgId, { contractedHoursPerWeek: 0 })).id;
      personQ = (await insertStaff(t.dataSource, council.orgId, { contractedHoursPerWeek: 0 })).id;
      const appoint = (jointRoleId: string, staffId: string, startDate: string) =>
        t.gql(
          `mutation($input: AppointToJointRoleInput!) { appointToJointRole(input: $input) { id } }`,
          { input: { jointRoleId, staffId, startDate } },
          hr,
        );
      ok(await appoint(r1, personP, '2026-02-01'));
      ok(await appoint(r2, personQ, '2026-03-15'));

      // P in March, on published rotas: three earlies at the trust (7.5 h each after the 30-minute break) and
      // one at the council; a fourth trust early was unassigned after publication (cancelled, not counted);
      // a draft rota's early and an April early do not count either.
      const week = await createRota(t, trust, '2026-03-02', '2026-03-08');
      const trustShifts = [];
      for (const d of ['2026-03-02', '2026-03-03', '2026-03-04', '2026-03-05'])
        trustShifts.push(await addShift(t, trust, week.id, 'E', d));
      const ids: string[] = [];
      for (const s of trustShifts) {
        const res = ok(await t.gql(ASSIGN, { shift: s.id, staff: personP }, trust.manager));
        ids.push(res.assignStaff.assignments[0].id);
      }
      ok(
        await t.gql(
          `mutation($id: ID!) { publishRota(input: { rotaId: $id }) { __typename } }`,
          { id: week.id },
          trust.manager,
        ),
      );
      ok(
        await t.gql(
          `mutation($id: ID!) { unassignStaff(input: { assignmentId: $id, reason: "Swapped to study day", override: { ruleCodes: [COVER_MIN_HEADCOUNT], reason: "Covered by bank" } }) { __typename } }`,
          { id: ids[3] },
          trust.manager,
        ),
      );
      const councilWeek = await createRota(t, council, '2026-03-02', '2026-03-08');
      const councilShift = await addShift(t, council, councilWeek.id, 'E', '2026-03-06');
      expect(
        ok(await t.gql(ASSIGN, { shift: councilShift.id, staff: personP }, council.manager)).assignStaff
          .assignments[0],
      ).toMatchObject({ basis: 'JOINT_ROLE' });
      ok(
        await t.gql(
          `mutation($id: ID!) { publishRota(input: { rotaId: $id }) { __typename } }`,
          { id: councilWeek.id },
          council.manager,
        ),
      );
      const draft = await createRota(t, trust, '2026-03-09', '2026-03-15');
      ok(
        await t.gql(
          ASSIGN,
          { shift: (await addShift(t, trust, draft.id, 'E', '2026-03-10')).id, staff: personP },
          trust.manager,
        ),
      );
      const april = await createRota(t, trust, '2026-04-06', '2026-04-12');
      ok(
        await t.gql(
          ASSIGN,
          { shift: (await addShift(t, trust, april.id, 'E', '2026-04-06')).id, staff: personP },
          trust.manager,
        ),
      );
      ok(
        await t.gql(
          `mutation($id: ID!) { publishRota(input: { rotaId: $id }) { __typename } }`,
          { id: april.id },
          trust.manager,
        ),
      );
    });

    it('splits cost by funding share to the penny, reconciling exactly to the roles’ costs', async () => {
      const r = ok(await t.gql(JR, march, hr)).jointRoleReport;
      expect(r).toMatchObject({
        roles: 2,
        appointments: 2,
        fte: 1.8,
        annualCost: 92340.51,
        rolesWithoutCost: 0,
      });
      // R1 in pence 5,234,050: trust 60% = 3,140,430, council 40% = 2,093,620.
      // R2 in pence 4,000,001: 33.33% = 1,333,200.3333 (twice), 33.34% = 1,333,600.3334; floors add to
      // 4,000,000, the spare penny goes to the largest remainder (the provider): 1,333,601.
      expect(r.byOrganisation).toEqual([
        {
          organisationId: trust.orgId,
          organisationName: 'Nene Valley, "Community" Trust',
          sector: 'HEALTH',
          roles: 2,
          fte: 0.74,
          annualCost: 44736.3,
        },
        {
          organisationId: council.orgId,
          organisationName: 'Shire Council',
          sector: 'SOCIAL_CARE',
          roles: 2,
          fte: 0.82,
          annualCost: 34268.2,
        },
        {
          organisationId: provider.id,
          organisationName: 'Wold Care',
          sector: 'SOCIAL_CARE',
          roles: 1,
          fte: 0.24,
          annualCost: 13336.01,
        },
      ]);
      const pence = (xs: Array<{ annualCost: number }>) =>
        xs.reduce((s, x) => s + Math.round(x.annualCost * 100), 0);
      expect(pence(r.byOrganisation)).toBe(5_234_050 + 4_000_001);
      expect(r.bySector).toEqual([
        { sector: 'HEALTH', roles: 2, fte: 0.74, annualCost: 44736.3 },
        { sector: 'SOCIAL_CARE', roles: 2, fte: 1.06, annualCost: 47604.21 },
      ]);
      expect(pence(r.bySector)).toBe(pence([{ annualCost: r.annualCost }]));
    });

    it('compares rostered hours per partner with the agreed time split', async () => {
      const r = ok(await t.gql(JR, march, hr)).jointRoleReport;
      const p = r.timeSplit.filter((l: any) => l.staffId === personP);
      // 3 × 7.5 h at the trust, 1 × 7.5 h at the council: 75 % / 25 % against 50 / 50.
      expect(p).toEqual([
        expect.objectContaining({
          organisationId: trust.orgId,
          agreedSharePercent: 50,
          rosteredHours: 22.5,
          rosteredSharePercent: 75,
          deviationPoints: 25,
        }),
        expect.objectContaining({
          organisationId: council.orgId,
          agreedSharePercent: 50,
          rosteredHours: 7.5,
          rosteredSharePercent: 25,
          deviationPoints: -25,
        }),
      ]);
      const q = r.timeSplit.filter((l: any) => l.staffId === personQ);
      expect(q).toHaveLength(3);
      expect(
        q.every(
          (l: any) => l.rosteredHours === 0 && l.rosteredSharePercent === null && l.deviationPoints === null,
        ),
      ).toBe(true);
    });

    it('covers only the roles a provider’s HR partners in, and refuses another organisation or a manager', async () => {
      const r = ok(await t.gql(JR, march, hrProvider)).jointRoleReport;
      expect(r).toMatchObject({ roles: 1, annualCost: 40000.01 });
      expect(r.byOrganisation.map((l: any) => [l.organisationId, l.annualCost])).toEqual([
        [trust.orgId, 13332],
        [council.orgId, 13332],
        [provider.id, 13336.01],
      ]);
      expect(r.timeSplit.every((l: any) => l.staffId === personQ)).toBe(true);
      expect(errorCode(await t.gql(JR, { ...march, org: trust.orgId }, hrProvider))).toBe('FORBIDDEN');
      expect(errorCode(await t.gql(JR, march, trust.manager))).toBe('FORBIDDEN');
      expect(ok(await t.gql(JR, { ...march, org: council.orgId }, hr)).jointRoleReport.roles).toBe(2);
    });

    it('refuses a period backwards or over three years (BAD_USER_INPUT naming the field)', async () => {
      const back = await t.gql(JR, { from: '2026-03-31', to: '2026-03-01' }, hr);
      expect(back.errors![0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'to' });
      expect(errorCode(await t.gql(JR, { from: '2020-01-01', to: '2026-01-01' }, hr))).toBe('BAD_USER_INPUT');
      expect(errorCode(await t.gql(JR, { from: '2026-02-30', to: '2026-03-01' }, hr))).toBe('BAD_USER_INPUT');
      expect((await t.gql(JR, { ...march, org: 'nope' }, hr)).errors![0].extensions).toMatchObject({
        code: 'BAD_USER_INPUT',
        field: 'organisationId',
      });
    });

    it('downloads as CSV: exact bytes, RFC 4180 quoting, the same permissions', async () => {
      const res = await request(t.http)
        .get('/reports/jointRoleReport.csv')
        .query(march)
        .set('authorization', `Bearer ${hr}`)
        .buffer(true)
        .parse((r, cb) => {
          const chunks: Buffer[] = [];
          r.on('data', (c: Buffer) => chunks.push(c));
          r.on('end', () => cb(null, Buffer.concat(chunks)));
        });
      expect(res.status).toBe(200);
      expect(res.headers['content-type']).toBe('text/csv; charset=utf-8');
      expect(res.headers['content-disposition']).toBe(
        'attachment; filename="jointRoleReport_2026-03-01_2026-03-31.csv"',
      );
      // A byte-order mark first (EF BB BF), so Excel reads the file as UTF-8.
      expect([...(res.body as Buffer).subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
      expect((res.body as Buffer).toString('utf8')).toBe(
        '\uFEFForganisation_id,organisation,sector,roles,fte,annual_cost_gbp\r\n' +
          `${trust.orgId},"Nene Valley, ""Community"" Trust",HEALTH,2,0.74,44736.30\r\n` +
          `${council.orgId},Shire Council,SOCIAL_CARE,2,0.82,34268.20\r\n` +
          `${provider.id},Wold Care,SOCIAL_CARE,1,0.24,13336.01\r\n`,
      );
      const split = await request(t.http)
        .get('/reports/jointRoleReport.csv')
        .query({ ...march, section: 'time-split' })
        .set('authorization', `Bearer ${hr}`);
      expect(split.status).toBe(200);
      expect(split.text.replace(/^\uFEFF/, '').split('\r\n')[0]).toBe(
        'appointment_id,joint_role,staff,organisation,agreed_share_percent,rostered_hours,rostered_share_percent,deviation_points',
      );
      expect(split.text.trim().split('\r\n')).toHaveLength(1 + 5);
      const bad = await request(t.http)
        .get('/reports/jointRoleReport.csv')
        .query({ ...march, section: 'nope' })
        .set('authorization', `Bearer ${hr}`);
      expect(bad.status).toBe(400);
      expect(bad.body.error).toMatchObject({ code: 'BAD_USER_INPUT', field: 'section' });
      const anonymous = await request(t.http).get('/reports/jointRoleReport.csv').query(march);
      expect([anonymous.status, anonymous.body.error.code]).toEqual([401, 'UNAUTHENTICATED']);
      const manager = await request(t.http)
        .get('/reports/jointRoleReport.csv')
        .query(march)
        .set('authorization', `Bearer ${trust.manager}`);
      expect([manager.status, manager.body.error.code]).toEqual([403, 'FORBIDDEN']);
      const missing = await request(t.http)
        .get('/reports/jointRoleReport.csv')
        .query({ from: '2026-03-01' })
        .set('authorization', `Bearer ${hr}`);
      expect([missing.status, missing.body.error.field]).toEqual([400, 'to']);
    });
  });

  // ---- placements ----------------------------------------------------------------------------------------

  describe('placementReport', () => {
    const PR = `query($from: LocalDate!, $to: LocalDate!, $org: ID) {
      placementReport(from: $from, to: $to, organisationId: $org) {
        total decided approved rejected approvalPercent rejectionPercent medianDaysToDecision p90DaysToDecision
        byDirection { direction count } byKind { kind count } byStatus { status count } byPhase { phase count }
        groups { direction kind status phase count } } }`;
    const today = localDateOf(new Date());
    const period = { from: addDays(today, -90), to: addDays(today, 90) };
    const requested = new Date('2026-01-05T09:00:00Z');
    const after = (days: number) => new Date(requested.getTime() + days * 86_400_000);

    beforeAll(async () => {
      const providerTeam = await insertTeam(t.dataSource, provider.id, { name: 'Wold Reablement' });
      const place = async (
        home: string,
        host: { id: string; org: string },
        kind: string,
        status: string,
        dates: [number, number],
        decisions: Array<[string, string, number]>,
      ) => {
        const person = await insertStaff(t.dataSource, home);
        const [row] = await t.dataSource.query(
          `INSERT INTO placement (staff_id, home_organisation_id, host_team_id, host_organisation_id, kind, start_date,
             end_date, hours_per_week, reason, status, requested_by, requested_at, withdrawn_at, withdrawn_by,
             cancelled_at, cancelled_by, cancel_reason)
           VALUES ($1, $2, $3, $4, $5, $6, $7, 37.5, 'Winter pressures', $8::placement_status, 'test', $9,
             CASE WHEN $8::text = 'WITHDRAWN' THEN now() END, CASE WHEN $8::text = 'WITHDRAWN' THEN 'test' END,
             CASE WHEN $8::text = 'CANCELLED' THEN now() END, CASE WHEN $8::text = 'CANCELLED' THEN 'test' END,
             CASE WHEN $8::text = 'CANCELLED' THEN 'No longer needed' END)
           RETURNING id`,
          [
            person.id,
            home,
            host.id,
            host.org,
            kind,
            addDays(today, dates[0]),
            addDays(today, dates[1]),
            status,
            requested,
          ],
        );
        for (const [side, decision, day] of decisions)
          await t.dataSource.query(
            `INSERT INTO placement_decision (placement_id, side, decision, decided_by, decided_at) VALUES ($1, $2, $3, 'test', $4)`,
            [row.id, side, decision, after(day)],
          );
      };
      const trustHost = { id: trust.teamId, org: trust.orgId };
      const councilHost = { id: council.teamId, org: council.orgId };
      const providerHost = { id: providerTeam.id, org: provider.id };
      // PL1 health → social care, approved home first then host (final after 5 days), active now.
      await place(
        trust.orgId,
        councilHost,
        'SECONDMENT',
        'APPROVED',
        [-10, 10],
        [
          ['HOME', 'APPROVE', 2],
          ['HOST', 'APPROVE', 5],
        ],
      );
      // PL2 social care → health, approved host first then home (final after 3 days), upcoming.
      await place(
        council.orgId,
        trustHost,
        'ROTATION',
        'APPROVED',
        [20, 40],
        [
          ['HOST', 'APPROVE', 1],
          ['HOME', 'APPROVE', 3],
        ],
      );
      // PL3 within social care, rejected by the host after 10 days, ended.
      await place(
        council.orgId,
        providerHost,
        'MUTUAL_AID',
        'REJECTED',
        [-60, -30],
        [['HOST', 'REJECT', 10]],
      );
      // PL4 health → social care, one approval only (no final decision), upcoming.
      await place(
        trust.orgId,
        councilHost,
        'SHORT_TERM_DEPLOYMENT',
        'REQUESTED',
        [20, 30],
        [['HOME', 'APPROVE', 1]],
      );
      // PL5 social care → health, withdrawn before any decision, ended.
      await place(council.orgId, trustHost, 'SECONDMENT', 'WITHDRAWN', [-60, -31], []);
      // PL6 health → social care, approved (final after 8 days) then cancelled, active.
      await place(
        trust.orgId,
        councilHost,
        'ROTATION',
        'CANCELLED',
        [-5, 5],
        [
          ['HOME', 'APPROVE', 4],
          ['HOST', 'APPROVE', 8],
        ],
      );
      // Outside the period.
      await place(
        trust.orgId,
        councilHost,
        'ROTATION',
        'APPROVED',
        [-200, -150],
        [
          ['HOME', 'APPROVE', 1],
          ['HOST', 'APPROVE', 2],
        ],
      );
    });

    it('counts moves by direction, kind, status and phase, and times decisions from request to final decision', async () => {
      const r = ok(await t.gql(PR, period, hr)).placementReport;
      // Decided: PL1 5 d, PL2 3 d, PL3 10 d (rejected), PL6 8 d. Median of 3, 5, 8, 10 = 6.5;
      // 90th percentile (continuous) = 8 + 0.7 × (10 − 8) = 9.4.
      expect(r).toMatchObject({
        total: 6,
        decided: 4,
        approved: 3,
        rejected: 1,
        approvalPercent: 75,
        rejectionPercent: 25,
        medianDaysToDecision: 6.5,
        p90DaysToDecision: 9.4,
      });
      const counts = (xs: any[], key: string) => Object.fromEntries(xs.map((x) => [x[key], x.count]));
      expect(counts(r.byDirection, 'direction')).toEqual({
        HEALTH_TO_SOCIAL_CARE: 3,
        SOCIAL_CARE_TO_HEALTH: 2,
        WITHIN_SOCIAL_CARE: 1,
      });
      expect(counts(r.byKind, 'kind')).toEqual({
        SECONDMENT: 2,
        ROTATION: 2,
        MUTUAL_AID: 1,
        SHORT_TERM_DEPLOYMENT: 1,
      });
      expect(counts(r.byStatus, 'status')).toEqual({
        APPROVED: 2,
        REJECTED: 1,
        REQUESTED: 1,
        WITHDRAWN: 1,
        CANCELLED: 1,
      });
      expect(counts(r.byPhase, 'phase')).toEqual({ ACTIVE: 2, UPCOMING: 2, ENDED: 2 });
      expect(r.groups).toHaveLength(6);
      expect(r.groups).toContainEqual({
        direction: 'HEALTH_TO_SOCIAL_CARE',
        kind: 'ROTATION',
        status: 'CANCELLED',
        phase: 'ACTIVE',
        count: 1,
      });
      expect(r.groups.reduce((s: number, g: any) => s + g.count, 0)).toBe(6);
    });

    it('is scoped to the caller’s organisations (home or host)', async () => {
      const r = ok(await t.gql(PR, period, hrProvider)).placementReport;
      expect(r).toMatchObject({
        total: 1,
        decided: 1,
        rejected: 1,
        approvalPercent: 0,
        medianDaysToDecision: 10,
      });
      expect(errorCode(await t.gql(PR, { ...period, org: trust.orgId }, hrProvider))).toBe('FORBIDDEN');
      const none = ok(await t.gql(PR, { from: '2000-01-01', to: '2000-12-31' }, hr)).placementReport;
      expect(none).toMatchObject({
        total: 0,
        decided: 0,
        approvalPercent: null,
        medianDaysToDecision: null,
        byDirection: [],
      });
    });
  });

  // ---- compliance ----------------------------------------------------------------------------------------

  describe('complianceReport', () => {
    const CR = `query($from: LocalDate!, $to: LocalDate!, $team: ID) {
      complianceReport(from: $from, to: $to, teamId: $team) {
        rotas violations hardViolations
        byRule { ruleCode severity violations hardViolations penalty people }
        byTeam { teamId violations hardViolations penalty }
        byTeamAndRule { teamId ruleCode violations penalty }
        overrides { ruleCode reason overriddenBy { id } teamId staffId shiftDate assignmentId } } }`;
    const may = { from: '2026-05-01', to: '2026-05-31' };
    let wards: RotaWorld;
    let homes: RotaWorld;

    const publish = (w: RotaWorld, id: string, override?: object) =>
      t.gql(
        `mutation($id: ID!, $o: OverrideInput) { publishRota(input: { rotaId: $id, override: $o }) { __typename ... on RotaEdit { rota { status } } ... on RuleViolations { message } } }`,
        { id, o: override },
        w.manager,
      );

    beforeAll(async () => {
      wards = await rotaWorld(t, 'Compliance');
      homes = await rotaWorld(t, 'Homes');
      await t.dataSource.query(`UPDATE team SET organisation_id = $1 WHERE id = $2`, [
        trust.orgId,
        wards.teamId,
      ]);
      await t.dataSource.query(`UPDATE team SET organisation_id = $1 WHERE id = $2`, [
        council.orgId,
        homes.teamId,
      ]);
      const q = await insertStaff(t.dataSource, trust.orgId, { contractedHoursPerWeek: 0 });
      // Wards: Q on Monday's early; Tuesday's and Wednesday's earlies unfilled (minimum 1, target 1). Published
      // with both gaps overridden; then Q takes Wednesday's (a change with a reason). What stays: Tuesday — one
      // COVER_MIN_HEADCOUNT (hard, 1 short) and one COVER_TARGET (soft, 1 × 100).
      const rota = await createRota(t, wards, '2026-05-04', '2026-05-10');
      const mon = await addShift(t, wards, rota.id, 'E', '2026-05-04');
      await addShift(t, wards, rota.id, 'E', '2026-05-05');
      const wed = await addShift(t, wards, rota.id, 'E', '2026-05-06');
      ok(await t.gql(ASSIGN, { shift: mon.id, staff: q.id }, wards.manager));
      expect(ok(await publish(wards, rota.id)).publishRota.__typename).toBe('RuleViolations');
      expect(
        ok(
          await publish(wards, rota.id, {
            reason: 'Agency nurse booked',
            ruleCodes: ['COVER_MIN_HEADCOUNT'],
          }),
        ).publishRota.rota,
      ).toMatchObject({ status: 'PUBLISHED' });
      ok(await t.gql(ASSIGN, { shift: wed.id, staff: q.id, reason: 'Q picked up Wednesday' }, wards.manager));
      // Homes: one unfilled early, published with an override; a draft rota and an April rota do not count.
      const homesRota = await createRota(t, homes, '2026-05-11', '2026-05-17');
      await addShift(t, homes, homesRota.id, 'L', '2026-05-12');
      ok(
        await publish(homes, homesRota.id, {
          reason: 'Bank staff on call',
          ruleCodes: ['COVER_MIN_HEADCOUNT'],
        }),
      );
      const draft = await createRota(t, homes, '2026-05-18', '2026-05-24');
      await addShift(t, homes, draft.id, 'L', '2026-05-19');
      const april = await createRota(t, homes, '2026-04-20', '2026-04-26');
      await addShift(t, homes, april.id, 'L', '2026-04-21');
      ok(await publish(homes, april.id, { reason: 'Easter', ruleCodes: ['COVER_MIN_HEADCOUNT'] }));
    });

    it('counts violations by rule and team over published rotas, as re-checked after each change', async () => {
      const r = ok(await t.gql(CR, may, hr)).complianceReport;
      expect(r).toMatchObject({ rotas: 2, violations: 4, hardViolations: 2 });
      expect(r.byRule).toEqual([
        {
          ruleCode: 'COVER_MIN_HEADCOUNT',
          severity: 'HARD',
          violations: 2,
          hardViolations: 2,
          penalty: 2,
          people: 0,
        },
        {
          ruleCode: 'COVER_TARGET',
          severity: 'SOFT',
          violations: 2,
          hardViolations: 0,
          penalty: 200,
          people: 0,
        },
      ]);
      expect(r.byTeam).toEqual(
        expect.arrayContaining([
          { teamId: wards.teamId, violations: 2, hardViolations: 1, penalty: 101 },
          { teamId: homes.teamId, violations: 2, hardViolations: 1, penalty: 101 },
        ]),
      );
      expect(r.byTeam).toHaveLength(2);
      expect(r.byTeamAndRule).toHaveLength(4);
    });

    it('lists the overrides with who and why, one per gap waived, with its shift', async () => {
      const r = ok(await t.gql(CR, may, hr)).complianceReport;
      expect(r.overrides).toEqual([
        expect.objectContaining({
          ruleCode: 'COVER_MIN_HEADCOUNT',
          reason: 'Agency nurse booked',
          teamId: wards.teamId,
          assignmentId: null,
          shiftDate: '2026-05-05',
        }),
        expect.objectContaining({
          ruleCode: 'COVER_MIN_HEADCOUNT',
          reason: 'Agency nurse booked',
          teamId: wards.teamId,
          assignmentId: null,
          shiftDate: '2026-05-06',
        }),
        expect.objectContaining({
          ruleCode: 'COVER_MIN_HEADCOUNT',
          reason: 'Bank staff on call',
          teamId: homes.teamId,
          assignmentId: null,
        }),
      ]);
      expect(r.overrides[0].overriddenBy.id).toMatch(/^test-user-/);
    });

    it('shows a manager their own team only, and refuses another team', async () => {
      const mine = ok(await t.gql(CR, may, wards.manager)).complianceReport;
      expect(mine).toMatchObject({ rotas: 1, violations: 2, hardViolations: 1 });
      expect(mine.overrides.map((o: any) => o.reason)).toEqual([
        'Agency nurse booked',
        'Agency nurse booked',
      ]);
      expect(errorCode(await t.gql(CR, { ...may, team: homes.teamId }, wards.manager))).toBe('FORBIDDEN');
      expect(ok(await t.gql(CR, { ...may, team: homes.teamId }, hr)).complianceReport.violations).toBe(2);
      expect(ok(await t.gql(CR, may, hrProvider)).complianceReport.violations).toBe(0);
    });
  });

  // ---- credentials ---------------------------------------------------------------------------------------

  describe('credentialExpiryReport', () => {
    const ER = `query($within: Int!, $org: ID) { credentialExpiryReport(withinDays: $within, organisationId: $org) {
      today withinDays expired expiring
      byOrganisation { organisationId teamId expired expiring }
      byTeam { organisationId teamId teamName expired expiring }
      credentials { staffId skillCode expiresOn daysLeft status teamId organisationId } } }`;
    const today = localDateOf(new Date());
    const people: Record<string, string> = {};

    beforeAll(async () => {
      const bls = await skillId(t.dataSource, 'CSTF_RESUSCITATION_L2_ADULT');
      const add = async (
        name: string,
        org: string,
        expiresIn: number | null,
        extra: object = {},
        staffExtra: object = {},
      ) => {
        const s = await insertStaff(t.dataSource, org, staffExtra);
        people[name] = s.id;
        await insertCredential(t.dataSource, {
          staffId: s.id,
          skillId: bls,
          verifiedByOrganisationId: org,
          obtainedOn: addDays(today, -700),
          expiresOn: expiresIn === null ? null : addDays(today, expiresIn),
          ...extra,
        });
        return s;
      };
      await add('soon', trust.orgId, 10, {}, { homeTeamId: trust.teamId });
      await add('lapsed', trust.orgId, -5);
      const renewed = await add('renewed', trust.orgId, -30);
      await insertCredential(t.dataSource, {
        staffId: renewed.id,
        skillId: bls,
        verifiedByOrganisationId: trust.orgId,
        obtainedOn: addDays(today, -31),
        expiresOn: addDays(today, 400),
      });
      await add('later', trust.orgId, 100);
      await add('left', trust.orgId, -5, {}, { active: false });
      await add('revoked', trust.orgId, 3, { revokedAt: new Date(), revocationReason: 'Issued in error' });
      await add('lifelong', trust.orgId, null);
      await add('today', council.orgId, 0, {}, { homeTeamId: council.teamId });
      await add('elsewhere', provider.id, 1);
    });

    it('lists the latest credential per skill that has expired or expires within the window', async () => {
      const r = ok(await t.gql(ER, { within: 90 }, hr)).credentialExpiryReport;
      expect(r).toMatchObject({ today, withinDays: 90, expired: 1, expiring: 2 });
      expect(r.credentials).toEqual([
        {
          staffId: people.lapsed,
          skillCode: 'CSTF_RESUSCITATION_L2_ADULT',
          expiresOn: addDays(today, -5),
          daysLeft: -5,
          status: 'EXPIRED',
          teamId: null,
          organisationId: trust.orgId,
        },
        {
          staffId: people.today,
          skillCode: 'CSTF_RESUSCITATION_L2_ADULT',
          expiresOn: today,
          daysLeft: 0,
          status: 'EXPIRING',
          teamId: council.teamId,
          organisationId: council.orgId,
        },
        {
          staffId: people.soon,
          skillCode: 'CSTF_RESUSCITATION_L2_ADULT',
          expiresOn: addDays(today, 10),
          daysLeft: 10,
          status: 'EXPIRING',
          teamId: trust.teamId,
          organisationId: trust.orgId,
        },
      ]);
      expect(r.byOrganisation).toEqual(
        expect.arrayContaining([
          { organisationId: trust.orgId, teamId: null, expired: 1, expiring: 1 },
          { organisationId: council.orgId, teamId: null, expired: 0, expiring: 1 },
        ]),
      );
      expect(r.byOrganisation).toHaveLength(2);
      expect(r.byTeam).toEqual(
        expect.arrayContaining([
          expect.objectContaining({
            organisationId: trust.orgId,
            teamId: trust.teamId,
            expired: 0,
            expiring: 1,
          }),
          expect.objectContaining({ organisationId: trust.orgId, teamId: null, expired: 1, expiring: 0 }),
          expect.objectContaining({
            organisationId: council.orgId,
            teamId: council.teamId,
            expired: 0,
            expiring: 1,
          }),
        ]),
      );
      expect(r.byTeam).toHaveLength(3);
      const wider = ok(await t.gql(ER, { within: 100 }, hr)).credentialExpiryReport;
      expect(wider.credentials.map((c: any) => c.staffId)).toContain(people.later);
    });

    it('is scoped, and validates the window', async () => {
      const mine = ok(await t.gql(ER, { within: 90 }, hrProvider)).credentialExpiryReport;
      expect(mine.credentials.map((c: any) => c.staffId)).toEqual([people.elsewhere]);
      expect(errorCode(await t.gql(ER, { within: 90, org: trust.orgId }, hrProvider))).toBe('FORBIDDEN');
      expect((await t.gql(ER, { within: -1 }, hr)).errors![0].extensions).toMatchObject({
        code: 'BAD_USER_INPUT',
        field: 'withinDays',
      });
      const csv = await request(t.http)
        .get('/reports/credentialExpiryReport.csv')
        .query({ withinDays: 90, section: 'teams' })
        .set('authorization', `Bearer ${hr}`);
      expect(csv.status).toBe(200);
      expect(csv.text.replace(/^\uFEFF/, '').split('\r\n')[0]).toBe('organisation,team,expired,expiring');
      expect(csv.text.trim().split('\r\n')).toHaveLength(4);
    });
  });
});
