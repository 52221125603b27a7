import { Role } from '../../src/common/auth/actor.js';
import { insertStaff } from '../fixtures/factories.js';
import {
  addShift,
  ASSIGN,
  assignedOf,
  createRota,
  rotaWorld,
  type RotaWorld,
} from '../fixtures/rota-setup.js';
import { startTestApp, type TestApp } from '../fixtures/test-app.js';

const UPDATE_TEAM = `mutation($input: UpdateTeamInput!) { updateTeam(input: $input) {
  ruleSet { preset overrides { ruleCode severity params { name value } }
            derogations { ruleCode param reason grantedBy { id } grantedAt } forbiddenSequences { first then } } } }`;
const CHECK = `query($id: ID!, $codes: [RuleCode!]) { checkRota(rotaId: $id, ruleCodes: $codes) {
  violations { ruleCode severity penalty staffId measured limit message } } }`;
const CR = `query($from: LocalDate!, $to: LocalDate!, $team: ID) {
  complianceReport(from: $from, to: $to, teamId: $team) {
    derogations { teamId teamName ruleCode param limitKind direction statutoryValue valueInForce severityInForce
                  source reason grantedBy { id } grantedAt } } }`;

const dailyRest = (minRestMinutes: number | null, extra: object = {}) => ({
  ruleSet: {
    preset: 'WTR_1998',
    overrides: [{ ruleCode: 'DAILY_REST', params: [{ name: 'minRestMinutes', value: minRestMinutes }] }],
    ...extra,
  },
});

describe('legal floors and derogations (GraphQL over HTTP)', () => {
  let t: TestApp;
  let w: RotaWorld;
  let admin: string;
  let hr: string;

  beforeAll(async () => {
    t = await startTestApp();
    w = await rotaWorld(t, 'Floors');
    admin = await t.adminToken();
    hr = await t.token({ roles: [Role.HR], organisationIds: [w.orgId] });
  });
  afterAll(() => t.close());

  it('refuses a manager’s DAILY_REST below 11 h, switched off or made soft, naming the statute', async () => {
    const low = await t.gql(UPDATE_TEAM, { input: { ...dailyRest(300), teamId: w.teamId } }, w.manager);
    expect(low.errors![0].extensions).toMatchObject({
      code: 'BAD_USER_INPUT',
      field: 'input.ruleSet.overrides[0].params[0].value',
      statutoryValue: 660,
      source: 'Working Time Regulations 1998, reg. 10(1)',
    });
    expect(low.errors![0].message).toMatch(/11 h.*Working Time Regulations 1998, reg\. 10\(1\)/);

    const off = await t.gql(
      UPDATE_TEAM,
      {
        input: {
          teamId: w.teamId,
          ruleSet: { preset: 'WTR_1998', overrides: [{ ruleCode: 'DAILY_REST', severity: 'OFF' }] },
        },
      },
      w.manager,
    );
    expect(off.errors![0].extensions).toMatchObject({
      code: 'BAD_USER_INPUT',
      field: 'input.ruleSet.overrides[0].severity',
    });
    expect(off.errors![0].message).toMatch(/statutory.*reg\. 10\(1\)/);

    const soft = await t.gql(
      UPDATE_TEAM,
      {
        input: {
          teamId: w.teamId,
          ruleSet: {
            preset: 'WTR_1998',
            overrides: [
              { ruleCode: 'COVER_TARGET', severity: 'OFF' },
              { ruleCode: 'REST_BREAK', severity: 'SOFT' },
            ],
          },
        },
      },
      w.manager,
    );
    expect(soft.errors![0].extensions).toMatchObject({ field: 'input.ruleSet.overrides[1].severity' });

    const unset = await t.gql(UPDATE_TEAM, { input: { ...dailyRest(null), teamId: w.teamId } }, w.manager);
    expect(unset.errors![0].extensions).toMatchObject({
      code: 'BAD_USER_INPUT',
      field: 'input.ruleSet.overrides[0].params[0].value',
    });
    expect(unset.errors![0].message).toMatch(/may not be switched off/);

    const stricter = await t.gql(UPDATE_TEAM, { input: { ...dailyRest(720), teamId: w.teamId } }, w.manager);
    expect(stricter.errors).toBeUndefined();
    expect(stricter.data!.updateTeam.ruleSet.overrides).toEqual([
      { ruleCode: 'DAILY_REST', severity: null, params: [{ name: 'minRestMinutes', value: 720 }] },
    ]);
  });

  it('lets only an ADMIN derogate, with a reason; the weaker value then takes effect', async () => {
    const derogation = {
      ruleCode: 'DAILY_REST',
      param: 'minRestMinutes',
      reason: 'Collective agreement under reg. 23: compensatory rest given',
    };
    for (const token of [w.manager, hr]) {
      const refused = await t.gql(
        UPDATE_TEAM,
        { input: { ...dailyRest(600, { derogations: [derogation] }), teamId: w.teamId } },
        token,
      );
      expect(refused.errors![0].extensions).toMatchObject({
        code: 'FORBIDDEN',
        field: 'input.ruleSet.derogations[0]',
      });
    }
    const blank = await t.gql(
      UPDATE_TEAM,
      { input: { ...dailyRest(600, { derogations: [{ ...derogation, reason: '  ' }] }), teamId: w.teamId } },
      admin,
    );
    expect(blank.errors![0].extensions).toMatchObject({ code: 'BAD_USER_INPUT' });
    expect(blank.errors![0].extensions.field).toMatch(/^input\.ruleSet\.derogations\[0\]\.reason/);

    // A derogation covers only what it names: the parameter, not the rule's severity.
    const other = await t.gql(
      UPDATE_TEAM,
      {
        input: {
          teamId: w.teamId,
          ruleSet: {
            preset: 'WTR_1998',
            overrides: [
              { ruleCode: 'DAILY_REST', severity: 'OFF', params: [{ name: 'minRestMinutes', value: 600 }] },
            ],
            derogations: [derogation],
          },
        },
      },
      admin,
    );
    expect(other.errors![0].extensions).toMatchObject({ field: 'input.ruleSet.overrides[0].severity' });
    // …and one that covers nothing is refused.
    const idle = await t.gql(
      UPDATE_TEAM,
      { input: { ...dailyRest(660, { derogations: [derogation] }), teamId: w.teamId } },
      admin,
    );
    expect(idle.errors![0].extensions).toMatchObject({ field: 'input.ruleSet.derogations[0]' });

    const ok = await t.gql(
      UPDATE_TEAM,
      { input: { ...dailyRest(600, { derogations: [derogation] }), teamId: w.teamId } },
      admin,
    );
    expect(ok.errors).toBeUndefined();
    expect(ok.data!.updateTeam.ruleSet.derogations).toEqual([
      { ...derogation, grantedBy: { id: 'test-admin' }, grantedAt: expect.any(String) },
    ]);

    // L (14:30–22:30) then E (07:00): 8.5 h rest, short of the 10 h now in force (not of the statutory 11 h).
    const rota = await createRota(t, w, '2026-05-04', '2026-05-10');
    const nurse = await insertStaff(t.dataSource, w.orgId);
    for (const [code, date] of [
      ['L', '2026-05-05'],
      ['E', '2026-05-06'],
    ] as const) {
      const shift = await addShift(t, w, rota.id, code, date, { minHeadcount: 0 });
      await t.dataSource.query(
        `INSERT INTO assignment (shift_id, staff_id, basis, starts_at, ends_at, created_by)
         SELECT id, $2, 'EMPLOYMENT', starts_at, ends_at, 'import' FROM shift WHERE id = $1`,
        [shift.id, nurse.id],
      );
    }
    const check = await t.gql(CHECK, { id: rota.id, codes: ['DAILY_REST'] }, w.manager);
    expect(check.errors).toBeUndefined();
    expect(check.data!.checkRota.violations).toEqual([
      expect.objectContaining({ ruleCode: 'DAILY_REST', measured: 510, limit: 600, penalty: 90 }),
    ]);

    const report = await t.gql(CR, { from: '2026-05-01', to: '2026-05-31', team: w.teamId }, hr);
    expect(report.errors).toBeUndefined();
    expect(report.data!.complianceReport.derogations).toEqual([
      {
        teamId: w.teamId,
        teamName: 'Floors Ward',
        ruleCode: 'DAILY_REST',
        param: 'minRestMinutes',
        limitKind: 'STATUTORY',
        direction: 'MINIMUM',
        statutoryValue: 660,
        valueInForce: 600,
        severityInForce: 'HARD',
        source: 'Working Time Regulations 1998, reg. 10(1)',
        reason: derogation.reason,
        grantedBy: { id: 'test-admin' },
        grantedAt: ok.data!.updateTeam.ruleSet.derogations[0].grantedAt,
      },
    ]);
  });

  it('keeps a derogation through a manager’s edits, and refuses to drop it while the weaker value stays', async () => {
    const kept = await t.gql(
      UPDATE_TEAM,
      {
        input: {
          teamId: w.teamId,
          ruleSet: {
            preset: 'WTR_1998',
            overrides: [
              { ruleCode: 'DAILY_REST', params: [{ name: 'minRestMinutes', value: 600 }] },
              { ruleCode: 'COVER_TARGET', severity: 'OFF' },
            ],
          },
        },
      },
      w.manager,
    );
    expect(kept.errors).toBeUndefined();
    expect(kept.data!.updateTeam.ruleSet.derogations).toHaveLength(1);

    for (const token of [w.manager, admin]) {
      const dropped = await t.gql(
        UPDATE_TEAM,
        { input: { ...dailyRest(600, { derogations: [] }), teamId: w.teamId } },
        token,
      );
      expect(dropped.errors![0].extensions).toMatchObject({
        code: 'BAD_USER_INPUT',
        field: 'input.ruleSet.overrides[0].params[0].value',
      });
    }
    // Back to the statutory value: the derogation, covering nothing, lapses (the audit trail keeps it).
    const lawful = await t.gql(UPDATE_TEAM, { input: { ...dailyRest(660), teamId: w.teamId } }, w.manager);
    expect(lawful.errors).toBeUndefined();
    expect(lawful.data!.updateTeam.ruleSet.derogations).toEqual([]);
    const audit: Array<{ n: number }> = await t.dataSource.query(
      `SELECT count(*)::int AS n FROM audit_event WHERE entity = 'team' AND entity_id = $1
          AND actor = 'test-admin' AND (after->'rule_set_derogations') @> '[{"ruleCode":"DAILY_REST"}]'`,
      [w.teamId],
    );
    expect(audit[0]!.n).toBeGreaterThan(0);
  });

  it('states each parameter’s statutory limit and source in the catalogue', async () => {
    const res = await t.gql(
      `{ ruleCatalogue { code statutory parameters { name statutory floor ceiling source limits { kind direction value source presets } } } }`,
      {},
      w.manager,
    );
    expect(res.errors).toBeUndefined();
    const byCode = new Map<string, any>(res.data!.ruleCatalogue.map((r: any) => [r.code, r]));
    expect(byCode.get('DAILY_REST')).toMatchObject({
      statutory: true,
      parameters: [
        {
          name: 'minRestMinutes',
          statutory: true,
          floor: 660,
          ceiling: null,
          source: 'Working Time Regulations 1998, reg. 10(1)',
        },
        {
          name: 'youngMinRestMinutes',
          statutory: true,
          floor: 720,
          source: expect.stringMatching(/10\(2\)/),
        },
      ],
    });
    const hours = byCode.get('AVERAGE_WEEKLY_HOURS').parameters;
    expect(hours.find((p: any) => p.name === 'maxMinutesPerWeek')).toMatchObject({ ceiling: 2880 });
    expect(hours.find((p: any) => p.name === 'optedOutMaxMinutesPerWeek')).toMatchObject({
      statutory: false,
      limits: [{ kind: 'CONTRACTUAL', direction: 'MAXIMUM', value: 3360, presets: ['NHS_DOCTORS_2016'] }],
    });
    expect(byCode.get('MIN_CONSECUTIVE_SHIFTS')).toMatchObject({
      statutory: false,
      parameters: [{ name: 'minShifts', statutory: false, floor: null, ceiling: null, limits: [] }],
    });
  });

  it('treats the doctors’ 2016 limits as floors on an NHS_DOCTORS_2016 team only', async () => {
    const longShifts = (preset: string) => ({
      ruleSet: {
        preset,
        overrides: [{ ruleCode: 'MAX_SHIFT_LENGTH', params: [{ name: 'maxMinutes', value: 14 * 60 }] }],
      },
    });
    const doctors = await t.gql(
      UPDATE_TEAM,
      { input: { ...longShifts('NHS_DOCTORS_2016'), teamId: w.teamId } },
      w.manager,
    );
    expect(doctors.errors![0].message).toMatch(/contractual maximum.*2016/);
    const ward = await t.gql(
      UPDATE_TEAM,
      { input: { ...longShifts('WTR_1998'), teamId: w.teamId } },
      w.manager,
    );
    expect(ward.errors).toBeUndefined();
  });

  describe('team parameters for contract rules', () => {
    let v: RotaWorld;
    beforeAll(async () => {
      v = await rotaWorld(t, 'Runs');
    });

    it('MIN_CONSECUTIVE_SHIFTS.minShifts from the team’s rule set blocks publication of a short run', async () => {
      const set = await t.gql(
        UPDATE_TEAM,
        {
          input: {
            teamId: v.teamId,
            ruleSet: {
              preset: 'WTR_1998',
              overrides: [{ ruleCode: 'MIN_CONSECUTIVE_SHIFTS', params: [{ name: 'minShifts', value: 3 }] }],
            },
          },
        },
        v.manager,
      );
      expect(set.errors).toBeUndefined();
      const rota = await createRota(t, v, '2026-06-01', '2026-06-07');
      const nurse = await insertStaff(t.dataSource, v.orgId);
      // A run of two earlies, Wednesday and Thursday, touching neither edge of the rota.
      for (const date of ['2026-06-03', '2026-06-04']) {
        const shift = await addShift(t, v, rota.id, 'E', date);
        const res = assignedOf(await t.gql(ASSIGN, { shift: shift.id, staff: nurse.id }, v.manager));
        expect(res.__typename).toBe('Assignment');
      }
      const refused = await t.gql(
        `mutation($id: ID!) { publishRota(input: { rotaId: $id }) { __typename ... on RuleViolations { violations { ruleCode measured limit staffId } } } }`,
        { id: rota.id },
        v.manager,
      );
      expect(refused.data!.publishRota.__typename).toBe('RuleViolations');
      expect(refused.data!.publishRota.violations).toContainEqual({
        ruleCode: 'MIN_CONSECUTIVE_SHIFTS',
        measured: 2,
        limit: 3,
        staffId: nurse.id,
      });
    });

    it('a forbidden sequence of shift type codes produces FORBIDDEN_SEQUENCE', async () => {
      const unknown = await t.gql(
        UPDATE_TEAM,
        {
          input: {
            teamId: v.teamId,
            ruleSet: { preset: 'WTR_1998', forbiddenSequences: [{ first: 'X', then: 'L' }] },
          },
        },
        v.manager,
      );
      expect(unknown.errors![0].extensions).toMatchObject({
        code: 'BAD_USER_INPUT',
        field: 'input.ruleSet.forbiddenSequences[0].first',
      });
      const set = await t.gql(
        UPDATE_TEAM,
        {
          input: {
            teamId: v.teamId,
            ruleSet: { preset: 'WTR_1998', forbiddenSequences: [{ first: 'E', then: 'L' }] },
          },
        },
        v.manager,
      );
      expect(set.errors).toBeUndefined();
      expect(set.data!.updateTeam.ruleSet.forbiddenSequences).toEqual([{ first: 'E', then: 'L' }]);
      const rota = await createRota(t, v, '2026-07-06', '2026-07-12');
      const nurse = await insertStaff(t.dataSource, v.orgId);
      const early = await addShift(t, v, rota.id, 'E', '2026-07-07');
      const late = await addShift(t, v, rota.id, 'L', '2026-07-08');
      expect(
        assignedOf(await t.gql(ASSIGN, { shift: early.id, staff: nurse.id }, v.manager)).__typename,
      ).toBe('Assignment');
      const refused = assignedOf(await t.gql(ASSIGN, { shift: late.id, staff: nurse.id }, v.manager));
      expect(refused.__typename).toBe('RuleViolations');
      expect(refused.violations.map((x: any) => x.ruleCode)).toEqual(['FORBIDDEN_SEQUENCE']);
    });
  });
});
