import { Role } from '../../src/common/auth/actor.js';
import {
  insertCredential,
  insertOrganisation,
  insertStaff,
  insertTeam,
  skillId,
} from '../fixtures/factories.js';
import { addShift, createRota, publish, rotaWorld, type RotaWorld } from '../fixtures/rota-setup.js';
import { errorCode, startTestApp, type GraphQLResponse, type TestApp } from '../fixtures/test-app.js';

/** Every rota write answers the same union; this selection reads all of it. */
const RESULT = `
  __typename
  ... on RotaEdit {
    rota { id version status startDate endDate }
    assignments { id staffId shiftId overrides { ruleCode reason } }
    removedAssignmentIds
    removedShiftIds
    shifts { id localDate startTime }
    skipped { staffId shiftId reason violations { ruleCode } }
    warnings { ruleCode severity staffId shiftIds }
    resolved { ruleCode staffId }
  }
  ... on RuleViolations { hardCount message violations { ruleCode severity staffId shiftIds } }`;

const OPS: Record<string, string> = Object.fromEntries(
  [
    ['assignStaff', 'AssignStaffInput'],
    ['unassignStaff', 'UnassignStaffInput'],
    ['moveAssignment', 'MoveAssignmentInput'],
    ['swapAssignments', 'SwapAssignmentsInput'],
    ['bulkAssign', 'BulkAssignInput'],
    ['updateShift', 'UpdateShiftInput'],
    ['removeShift', 'RemoveShiftInput'],
    ['publishRota', 'PublishRotaInput'],
    ['unpublishRota', 'UnpublishRotaInput'],
    ['copyRota', 'CopyRotaInput'],
    ['createRotaFromTemplate', 'CreateRotaFromTemplateInput'],
  ].map(([op, type]) => [op, `mutation($input: ${type}!) { ${op}(input: $input) { ${RESULT} } }`]),
);

const ROTA = `query($id: ID!) { rota(id: $id) {
  id version status
  shifts { id localDate startTime shiftTypeId minHeadcount assignments { id staffId } }
  changes { operation reason version }
  overrides { ruleCode reason }
  attention { kind staffId assignmentIds shiftIds ruleCode actions message placementId }
} }`;

const codes = (vs: Array<{ ruleCode: string }>) => [...new Set(vs.map((v) => v.ruleCode))].sort();

describe('one write path for every change to a rota (GraphQL over HTTP)', () => {
  let t: TestApp;
  let calls = 0;

  /** Runs a rota write and answers its union member (throws on a GraphQL error). */
  const edit = async (op: string, input: Record<string, unknown>, token: string): Promise<any> => {
    const res = await gql(OPS[op]!, { input }, token);
    if (res.errors) throw new Error(`${op}: ${JSON.stringify(res.errors)}`);
    return res.data![op];
  };
  const gql = (
    query: string,
    variables: Record<string, unknown>,
    token: string,
  ): Promise<GraphQLResponse> => {
    calls++;
    return t.gql(query, variables, token);
  };
  const rota = async (id: string, token: string) => {
    const res = await gql(ROTA, { id }, token);
    if (res.errors) throw new Error(JSON.stringify(res.errors));
    return res.data!.rota;
  };
  const assignmentsOf = async (rotaId: string, token: string) =>
    (await rota(rotaId, token)).shifts.flatMap((s: any) =>
      s.assignments.map((a: any) => ({ staffId: a.staffId, date: s.localDate, type: s.shiftTypeId })),
    );

  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(() => t.close());

  describe('rules judge when they make sense', () => {
    let w: RotaWorld;
    let rotaId: string;
    let runner: string; // works runs of at least 3 days by contract
    let other: string;
    let third: string;
    const shifts: Record<string, string> = {};

    beforeAll(async () => {
      w = await rotaWorld(t, 'Judging');
      runner = (
        await insertStaff(t.dataSource, w.orgId, {
          homeTeamId: w.teamId,
          ruleLimits: { minConsecutiveShifts: 3 },
        })
      ).id;
      other = (await insertStaff(t.dataSource, w.orgId, { homeTeamId: w.teamId })).id;
      third = (await insertStaff(t.dataSource, w.orgId, { homeTeamId: w.teamId })).id;
      rotaId = (await createRota(t, w, '2027-01-04', '2027-01-17')).id;
      for (const [key, code, date] of [
        ['tueE', 'E', '2027-01-05'],
        ['thuE', 'E', '2027-01-07'],
        ['friE', 'E', '2027-01-08'],
        ['monL', 'L', '2027-01-11'],
        ['tueE2', 'E', '2027-01-12'],
        ['friE2', 'E', '2027-01-15'],
        ['satE', 'E', '2027-01-16'],
      ] as const)
        shifts[key] = (await addShift(t, w, rotaId, code, date)).id;
      for (const key of ['friE2', 'satE'])
        await edit('assignStaff', { shiftId: shifts[key], staffId: third }, w.manager);
    });

    it('does not block a draft on rules about the finished rota, but shows them', async () => {
      const first = await edit('assignStaff', { shiftId: shifts.tueE, staffId: runner }, w.manager);
      expect(first.__typename).toBe('RotaEdit');
      expect(first.warnings).toContainEqual(
        expect.objectContaining({ ruleCode: 'MIN_CONSECUTIVE_SHIFTS', severity: 'HARD', staffId: runner }),
      );
      const second = await edit('assignStaff', { shiftId: shifts.thuE, staffId: runner }, w.manager);
      expect(second.__typename).toBe('RotaEdit');
      expect(codes(second.warnings)).toContain('MIN_CONSECUTIVE_SHIFTS');
    });

    it('blocks a draft edit that breaks a rule about a person’s safety, and keeps an override for publication', async () => {
      await edit('assignStaff', { shiftId: shifts.monL, staffId: other }, w.manager);
      const refused = await edit('assignStaff', { shiftId: shifts.tueE2, staffId: other }, w.manager);
      expect(refused).toMatchObject({ __typename: 'RuleViolations', hardCount: 1 });
      expect(codes(refused.violations)).toEqual(['DAILY_REST']);
      const overridden = await edit(
        'assignStaff',
        {
          shiftId: shifts.tueE2,
          staffId: other,
          override: { ruleCodes: ['DAILY_REST'], reason: 'Handover training day, agreed with the nurse' },
        },
        w.manager,
      );
      expect(overridden.assignments[0].overrides).toEqual([
        { ruleCode: 'DAILY_REST', reason: 'Handover training day, agreed with the nurse' },
      ]);
    });

    it('judges the whole rota at publication, and does not ask again for an override already given', async () => {
      const refused = await edit('publishRota', { rotaId }, w.manager);
      expect(refused.__typename).toBe('RuleViolations');
      // Friday's empty shift and the runner's short runs; not the rest already overridden.
      expect(codes(refused.violations)).toEqual(['COVER_MIN_HEADCOUNT', 'MIN_CONSECUTIVE_SHIFTS']);
      await edit('assignStaff', { shiftId: shifts.friE, staffId: runner }, w.manager); // Thu–Fri: still short
      const published = await edit(
        'publishRota',
        { rotaId, override: { ruleCodes: ['MIN_CONSECUTIVE_SHIFTS'], reason: 'Agreed split week' } },
        w.manager,
      );
      expect(published).toMatchObject({ __typename: 'RotaEdit', rota: { status: 'PUBLISHED' } });
      const rows: Array<{ rule_code: string; n: number }> = await t.dataSource.query(
        `SELECT rule_code, count(*)::int AS n FROM rule_override WHERE rota_id = $1 GROUP BY rule_code ORDER BY 1`,
        [rotaId],
      );
      expect(rows).toEqual([
        { rule_code: 'DAILY_REST', n: 1 },
        { rule_code: 'MIN_CONSECUTIVE_SHIFTS', n: expect.any(Number) },
      ]);
    });

    it('judges every edit of a published rota, whole-rota rules included, and changes nothing when refused', async () => {
      const before = await rota(rotaId, w.manager);
      const friday = before.shifts.find((s: any) => s.id === shifts.friE);
      const refused = await edit(
        'unassignStaff',
        { assignmentId: friday.assignments[0].id, reason: 'Asked for the day' },
        w.manager,
      );
      expect(refused.__typename).toBe('RuleViolations');
      expect(codes(refused.violations)).toEqual(['COVER_MIN_HEADCOUNT']);
      expect((await rota(rotaId, w.manager)).version).toBe(before.version);

      // A published rota needs a reason for every change.
      const noReason = await gql(
        OPS.unassignStaff!,
        { input: { assignmentId: friday.assignments[0].id } },
        w.manager,
      );
      expect(noReason.errors![0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.reason' });

      const done = await edit(
        'unassignStaff',
        {
          assignmentId: friday.assignments[0].id,
          reason: 'Asked for the day',
          override: { ruleCodes: ['COVER_MIN_HEADCOUNT'], reason: 'Agency nurse booked' },
        },
        w.manager,
      );
      expect(done).toMatchObject({
        __typename: 'RotaEdit',
        removedAssignmentIds: [friday.assignments[0].id],
      });
      const after = await rota(rotaId, w.manager);
      expect(after.changes.at(-1)).toMatchObject({
        operation: 'UNASSIGN_STAFF',
        reason: 'Asked for the day',
      });
    });

    it('judges a shift’s new times and needs against everyone on it, and cancels a removed shift', async () => {
      const lateStart = await edit(
        'updateShift',
        { shiftId: shifts.friE2, startTime: '16:00', reason: 'Later handover' },
        w.manager,
      );
      expect(lateStart.__typename).toBe('RuleViolations');
      expect(lateStart.violations).toEqual([
        expect.objectContaining({
          ruleCode: 'DAILY_REST',
          staffId: third,
          shiftIds: [shifts.friE2, shifts.satE],
        }),
      ]);
      const needsTwo = await edit(
        'updateShift',
        { shiftId: shifts.tueE, minHeadcount: 2, reason: 'Two on for the audit' },
        w.manager,
      );
      expect(needsTwo.__typename).toBe('RuleViolations');
      expect(codes(needsTwo.violations)).toEqual(['COVER_MIN_HEADCOUNT']);
      const current = await rota(rotaId, w.manager);
      expect(current.shifts.find((x: any) => x.id === shifts.friE2)).toMatchObject({ startTime: '07:00' });
      expect(current.shifts.find((x: any) => x.id === shifts.tueE)).toMatchObject({ minHeadcount: 1 });

      const earlier = await edit(
        'updateShift',
        { shiftId: shifts.friE2, startTime: '06:30', reason: 'Earlier handover' },
        w.manager,
      );
      expect(earlier).toMatchObject({
        __typename: 'RotaEdit',
        shifts: [{ id: shifts.friE2, startTime: '06:30' }],
      });

      const removed = await edit('removeShift', { shiftId: shifts.satE, reason: 'Ward closed' }, w.manager);
      expect(removed).toMatchObject({ __typename: 'RotaEdit', removedShiftIds: [shifts.satE] });
      const [row] = await t.dataSource.query(
        `SELECT cancelled_at IS NOT NULL AS cancelled FROM shift WHERE id = $1`,
        [shifts.satE],
      );
      expect(row.cancelled).toBe(true);
    });
  });

  describe('moving, swapping and bulk assignment', () => {
    let w: RotaWorld;
    let rotaId: string;
    let a: string;
    let b: string;
    const s: Record<string, string> = {};

    beforeAll(async () => {
      w = await rotaWorld(t, 'Moves');
      a = (await insertStaff(t.dataSource, w.orgId, { homeTeamId: w.teamId })).id;
      b = (await insertStaff(t.dataSource, w.orgId, { homeTeamId: w.teamId })).id;
      rotaId = (await createRota(t, w, '2027-02-01', '2027-02-07')).id;
      for (const [key, code, date] of [
        ['monN', 'N', '2027-02-01'],
        ['tueE', 'E', '2027-02-02'],
        ['tueL', 'L', '2027-02-02'],
        ['wedE', 'E', '2027-02-03'],
        ['thuE', 'E', '2027-02-04'],
      ] as const)
        s[key] = (await addShift(t, w, rotaId, code, date, { minHeadcount: 0 })).id;
    });

    it('moves someone to another shift in one call', async () => {
      const placed = await edit(
        'bulkAssign',
        {
          rotaId,
          assign: [
            { shiftId: s.monN, staffId: a },
            { shiftId: s.tueL, staffId: b },
          ],
        },
        w.manager,
      );
      expect(placed.assignments).toHaveLength(2);
      const bOnLate = placed.assignments.find((x: any) => x.staffId === b).id;
      const moved = await edit('moveAssignment', { assignmentId: bOnLate, toShiftId: s.tueE }, w.manager);
      expect(moved).toMatchObject({
        __typename: 'RotaEdit',
        removedAssignmentIds: [bOnLate],
        assignments: [expect.objectContaining({ staffId: b, shiftId: s.tueE })],
      });
    });

    it('swaps two people in one call, judging both', async () => {
      const current = await rota(rotaId, w.manager);
      const idOn = (shiftId: string) => current.shifts.find((x: any) => x.id === shiftId).assignments[0].id;
      const swapped = await edit(
        'swapAssignments',
        { assignmentId: idOn(s.monN), otherAssignmentId: idOn(s.tueE) },
        w.manager,
      );
      expect(swapped.__typename).toBe('RotaEdit');
      expect(swapped.assignments.map((x: any) => [x.staffId, x.shiftId]).sort()).toEqual(
        [
          [a, s.tueE],
          [b, s.monN],
        ].sort(),
      );
      // With a on Wednesday's early too, moving a from Tuesday's early to Tuesday's late leaves 8.5 h of rest:
      // refused, and nothing changes.
      await edit('assignStaff', { shiftId: s.wedE, staffId: a }, w.manager);
      const after = await rota(rotaId, w.manager);
      const aEarly = after.shifts.find((x: any) => x.id === s.tueE).assignments[0].id;
      const refused = await edit('moveAssignment', { assignmentId: aEarly, toShiftId: s.tueL }, w.manager);
      expect(refused.__typename).toBe('RuleViolations');
      expect(codes(refused.violations)).toEqual(['DAILY_REST']);
      expect((await rota(rotaId, w.manager)).version).toBe(after.version);
    });

    it('assigns many in one transaction: all or nothing, or skipping the refused ones with reasons', async () => {
      const before = await assignmentsOf(rotaId, w.manager);
      const batch = {
        rotaId,
        assign: [
          { shiftId: s.thuE, staffId: a },
          { shiftId: s.tueE, staffId: b }, // overlaps b's Monday night: a conflict
          { shiftId: s.tueL, staffId: b }, // 6.5 h after the night ends at 08:00: DAILY_REST
          { shiftId: s.thuE, staffId: b },
        ],
      };
      const overlap = await gql(OPS.bulkAssign!, { input: batch }, w.manager);
      expect(overlap.errors![0].extensions).toMatchObject({
        code: 'CONFLICT',
        field: 'input.assign[1].staffId',
        staffId: b,
      });
      expect(await assignmentsOf(rotaId, w.manager)).toEqual(before);
      const breach = await edit(
        'bulkAssign',
        { ...batch, assign: [batch.assign[2], batch.assign[3]] },
        w.manager,
      );
      expect(breach.__typename).toBe('RuleViolations');
      expect(codes(breach.violations)).toEqual(['DAILY_REST']);
      expect(await assignmentsOf(rotaId, w.manager)).toEqual(before);

      const skipping = await edit('bulkAssign', { ...batch, skipRefused: true }, w.manager);
      expect(skipping.__typename).toBe('RotaEdit');
      expect(skipping.assignments.map((x: any) => [x.staffId, x.shiftId]).sort()).toEqual(
        [
          [a, s.thuE],
          [b, s.thuE],
        ].sort(),
      );
      expect(skipping.skipped).toEqual([
        expect.objectContaining({
          staffId: b,
          shiftId: s.tueE,
          reason: expect.stringMatching(/overlapping/),
        }),
        expect.objectContaining({ staffId: b, shiftId: s.tueL, violations: [{ ruleCode: 'DAILY_REST' }] }),
      ]);
      expect(await assignmentsOf(rotaId, w.manager)).toHaveLength(before.length + 2);
    });
  });

  describe('building fast: templates, copy forward, unpublish, delete, shift type changes', () => {
    let w: RotaWorld;
    const staff: string[] = [];
    let fromTemplate: string;

    beforeAll(async () => {
      w = await rotaWorld(t, 'Builder');
      for (let i = 0; i < 25; i++)
        staff.push((await insertStaff(t.dataSource, w.orgId, { homeTeamId: w.teamId })).id);
    });

    it('builds and publishes a 4-week rota for a 25-person ward from a template in under 10 calls', async () => {
      const startCalls = calls;
      // One week's pattern: 3 earlies, 3 lates and 2 nights a day, each group of people on its own shift type.
      const early = staff.slice(0, 10);
      const late = staff.slice(10, 19);
      const night = staff.slice(19, 25);
      const weekdays = ['MONDAY', 'TUESDAY', 'WEDNESDAY', 'THURSDAY', 'FRIDAY', 'SATURDAY', 'SUNDAY'];
      const lines = weekdays.flatMap((weekday, d) => [
        {
          week: 1,
          weekday,
          shiftTypeId: w.types.E,
          minHeadcount: 3,
          staffIds: [0, 1, 2].map((k) => early[(3 * d + k) % early.length]),
        },
        {
          week: 1,
          weekday,
          shiftTypeId: w.types.L,
          minHeadcount: 3,
          staffIds: [0, 1, 2].map((k) => late[(3 * d + k) % late.length]),
        },
        {
          week: 1,
          weekday,
          shiftTypeId: w.types.N,
          minHeadcount: 2,
          staffIds: [0, 1].map((k) => night[(2 * d + k) % night.length]),
        },
      ]);
      const template = await gql(
        `mutation($input: CreateRotaTemplateInput!) { createRotaTemplate(input: $input) { id weeks shifts { week weekday staffIds } } }`,
        { input: { teamId: w.teamId, name: 'Standard week', shifts: lines } },
        w.manager,
      );
      expect(template.errors).toBeUndefined();
      expect(template.data!.createRotaTemplate).toMatchObject({ weeks: 1 });
      const built = await edit(
        'createRotaFromTemplate',
        { templateId: template.data!.createRotaTemplate.id, startDate: '2027-03-01', weeks: 4 },
        w.manager,
      );
      expect(built).toMatchObject({
        __typename: 'RotaEdit',
        rota: { status: 'DRAFT', startDate: '2027-03-01', endDate: '2027-03-28' },
        skipped: [],
      });
      expect(built.shifts).toHaveLength(28 * 3);
      expect(built.assignments).toHaveLength(28 * 8);
      fromTemplate = built.rota.id;
      const published = await edit('publishRota', { rotaId: fromTemplate }, w.manager);
      expect(published).toMatchObject({ __typename: 'RotaEdit', rota: { status: 'PUBLISHED' } });
      expect(calls - startCalls).toBeLessThan(10);
    });

    it('copies a rota forward onto new dates, with who works it', async () => {
      const copied = await edit(
        'copyRota',
        { rotaId: fromTemplate, startDate: '2027-03-29', includeAssignments: true },
        w.manager,
      );
      expect(copied).toMatchObject({
        __typename: 'RotaEdit',
        rota: { status: 'DRAFT', startDate: '2027-03-29', endDate: '2027-04-25' },
      });
      expect(copied.shifts).toHaveLength(84);
      expect(copied.assignments).toHaveLength(224);
      const source = await assignmentsOf(fromTemplate, w.manager);
      const copy = await assignmentsOf(copied.rota.id, w.manager);
      const shiftDate = (d: string, days: number) =>
        new Date(Date.parse(`${d}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);
      expect(copy.map((x: any) => `${x.staffId} ${x.date} ${x.type}`).sort()).toEqual(
        source.map((x: any) => `${x.staffId} ${shiftDate(x.date, 28)} ${x.type}`).sort(),
      );
    });

    it('unpublishes with a reason, and deletes only drafts', async () => {
      const noReason = await gql(OPS.unpublishRota!, { input: { rotaId: fromTemplate } }, w.manager);
      expect(noReason.errors![0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.reason' });
      const del = `mutation($input: DeleteRotaInput!) { deleteRota(input: $input) { id } }`;
      expect(errorCode(await gql(del, { input: { rotaId: fromTemplate } }, w.manager))).toBe('CONFLICT');
      const back = await edit(
        'unpublishRota',
        { rotaId: fromTemplate, reason: 'Wrong ward pattern sent out' },
        w.manager,
      );
      expect(back).toMatchObject({ __typename: 'RotaEdit', rota: { status: 'DRAFT' } });
      expect((await rota(fromTemplate, w.manager)).changes.at(-1)).toMatchObject({
        operation: 'UNPUBLISH_ROTA',
        reason: 'Wrong ward pattern sent out',
      });
      const deleted = await gql(del, { input: { rotaId: fromTemplate } }, w.manager);
      expect(deleted.data!.deleteRota).toEqual({ id: fromTemplate });
      expect(errorCode(await gql(ROTA, { id: fromTemplate }, w.manager))).toBe('NOT_FOUND');
      const left = await t.dataSource.query(`SELECT count(*)::int AS n FROM shift WHERE rota_id = $1`, [
        fromTemplate,
      ]);
      expect(left[0].n).toBe(0);
    });

    it('changes a shift type from a date: later shifts on drafts move, earlier ones and published ones stay', async () => {
      const draft = (await createRota(t, w, '2027-05-03', '2027-05-16')).id;
      const early = await addShift(t, w, draft, 'L', '2027-05-04', { minHeadcount: 0 });
      const later = await addShift(t, w, draft, 'L', '2027-05-11', { minHeadcount: 0 });
      const res = await gql(
        `mutation($input: UpdateShiftTypeInput!) { updateShiftType(input: $input) {
          __typename
          ... on ShiftTypeUpdate { shiftsUpdated shiftType { startTime } rotas { id } }
          ... on RuleViolations { message }
        } }`,
        { input: { shiftTypeId: w.types.L, startTime: '15:00', effectiveFrom: '2027-05-10' } },
        w.manager,
      );
      expect(res.errors).toBeUndefined();
      expect(res.data!.updateShiftType).toMatchObject({
        __typename: 'ShiftTypeUpdate',
        shiftsUpdated: 1,
        shiftType: { startTime: '15:00' },
        rotas: [{ id: draft }],
      });
      const after = await rota(draft, w.manager);
      const time = (id: string) => after.shifts.find((x: any) => x.id === id).startTime;
      expect([time(early.id), time(later.id)]).toEqual(['14:30', '15:00']);
    });
  });

  describe('changes elsewhere flow into the rota', () => {
    let w: RotaWorld;
    let council: { orgId: string; teamId: string; manager: string };
    let rotaId: string;
    let nurse: string;
    let nurseToken: string;
    const s: Record<string, string> = {};

    beforeAll(async () => {
      w = await rotaWorld(t, 'Upstream');
      const org = await insertOrganisation(t.dataSource, { name: 'Upstream Council' });
      await t.dataSource.query(
        `UPDATE organisation SET kind = 'LOCAL_AUTHORITY', sector = 'SOCIAL_CARE' WHERE id = $1`,
        [org.id],
      );
      const team = await insertTeam(t.dataSource, org.id, { name: 'Reablement' });
      council = {
        orgId: org.id,
        teamId: team.id,
        manager: await t.token({ roles: [Role.MANAGER], organisationIds: [org.id], teamIds: [team.id] }),
      };
      nurse = (await insertStaff(t.dataSource, w.orgId, { homeTeamId: w.teamId })).id;
      nurseToken = await t.token({ roles: [Role.STAFF], staffId: nurse });
      rotaId = (await createRota(t, w, '2027-06-07', '2027-06-20')).id;
      for (const [key, date] of [
        ['mon', '2027-06-07'],
        ['wed', '2027-06-09'],
        ['mon2', '2027-06-14'],
        ['wed2', '2027-06-16'],
      ] as const) {
        s[key] = (await addShift(t, w, rotaId, 'E', date, { minHeadcount: 0 })).id;
        await edit('assignStaff', { shiftId: s[key], staffId: nurse }, w.manager);
      }
      await publish(t, w.manager, rotaId);
    });

    it('starts with nothing to attend to', async () => {
      expect((await rota(rotaId, w.manager)).attention).toEqual([]);
    });

    it('flags the assignments approved leave now covers, with what to do, and refreshes stored compliance', async () => {
      const report = `query { complianceReport(from: "2027-06-07", to: "2027-06-20") { byRule { ruleCode violations } } }`;
      const onLeave = async () =>
        (await gql(report, {}, w.manager)).data!.complianceReport.byRule.filter(
          (l: any) => l.ruleCode === 'ON_ABSENCE',
        );
      expect(await onLeave()).toEqual([]);
      const leave = await gql(
        `mutation($input: RequestAbsenceInput!) { requestAbsence(input: $input) { id } }`,
        { input: { kind: 'ANNUAL_LEAVE', startDate: '2027-06-08', endDate: '2027-06-10' } },
        nurseToken,
      );
      await gql(
        `mutation($id: ID!) { decideAbsence(input: { absenceId: $id, decision: APPROVE }) { status } }`,
        { id: leave.data!.requestAbsence.id },
        w.manager,
      );
      const { attention, shifts } = await rota(rotaId, w.manager);
      const wed = shifts.find((x: any) => x.id === s.wed);
      expect(attention).toEqual([
        expect.objectContaining({
          kind: 'ON_LEAVE',
          staffId: nurse,
          ruleCode: 'ON_ABSENCE',
          shiftIds: [s.wed],
          assignmentIds: [wed.assignments[0].id],
          actions: ['UNASSIGN', 'FIND_COVER'],
        }),
      ]);
      // The stored compliance of the published rota was marked stale by the approval and is refreshed on read.
      expect(await onLeave()).toEqual([{ ruleCode: 'ON_ABSENCE', violations: 1 }]);

      // Taking them off clears it.
      const off = await edit(
        'unassignStaff',
        { assignmentId: wed.assignments[0].id, reason: 'On leave' },
        w.manager,
      );
      expect(off.__typename).toBe('RotaEdit');
      expect((await rota(rotaId, w.manager)).attention).toEqual([]);
      expect(await onLeave()).toEqual([]);
    });

    it('flags the home rota when a placement elsewhere is approved', async () => {
      const req = await gql(
        `mutation($input: RequestPlacementInput!) { requestPlacement(input: $input) { id } }`,
        {
          input: {
            hostTeamId: council.teamId,
            kind: 'ROTATION',
            startDate: '2027-06-14',
            endDate: '2027-07-31',
            hoursPerWeek: 37.5,
            reason: 'Community rotation',
          },
        },
        nurseToken,
      );
      expect(req.errors).toBeUndefined();
      const id = req.data!.requestPlacement.id;
      const decide = `mutation($id: ID!, $side: PlacementSide!) {
        decidePlacement(input: { placementId: $id, side: $side, decision: APPROVE, reason: "Agreed" }) { status } }`;
      await gql(decide, { id, side: 'HOME' }, w.manager);
      const approved = await gql(decide, { id, side: 'HOST' }, council.manager);
      expect(approved.data!.decidePlacement.status).toBe('APPROVED');
      const { attention } = await rota(rotaId, w.manager);
      const placed = attention.filter((x: any) => x.kind === 'PLACED_ELSEWHERE');
      expect(placed.flatMap((x: any) => x.shiftIds).sort()).toEqual([s.mon2, s.wed2].sort());
      for (const item of placed)
        expect(item).toMatchObject({ staffId: nurse, placementId: id, actions: ['UNASSIGN', 'FIND_COVER'] });
      // Nothing before the placement starts is flagged.
      expect(attention.filter((x: any) => x.shiftIds.includes(s.mon))).toEqual([]);
    });

    it('flags a revoked credential the team requires, and a move to another employer', async () => {
      const ward = await rotaWorld(t, 'Passport');
      const MH = await skillId(t.dataSource, 'CSTF_MOVING_HANDLING_L2');
      await t.dataSource.query(`INSERT INTO team_required_skill (team_id, skill_id) VALUES ($1, $2)`, [
        ward.teamId,
        MH,
      ]);
      const people: string[] = [];
      const credentials: string[] = [];
      for (let i = 0; i < 2; i++) {
        const person = await insertStaff(t.dataSource, ward.orgId, { homeTeamId: ward.teamId });
        people.push(person.id);
        credentials.push(
          (
            await insertCredential(t.dataSource, {
              staffId: person.id,
              skillId: MH,
              verifiedByOrganisationId: ward.orgId,
              obtainedOn: '2026-01-01',
            })
          ).id,
        );
      }
      const [p, q] = people as [string, string];
      const id = (await createRota(t, ward, '2027-07-05', '2027-07-11')).id;
      const mon = await addShift(t, ward, id, 'E', '2027-07-05', { minHeadcount: 0 });
      const tue = await addShift(t, ward, id, 'E', '2027-07-06', { minHeadcount: 0 });
      await edit('assignStaff', { shiftId: mon.id, staffId: p }, ward.manager);
      await edit('assignStaff', { shiftId: tue.id, staffId: q }, ward.manager);
      await publish(t, ward.manager, id);
      expect((await rota(id, ward.manager)).attention).toEqual([]);

      const hr = await t.token({ roles: [Role.HR], organisationIds: [ward.orgId, council.orgId] });
      const revoked = await gql(
        `mutation($id: ID!) { revokeCredential(input: { credentialId: $id, reason: "Certificate could not be verified" }) { status } }`,
        { id: credentials[0] },
        hr,
      );
      expect(revoked.data!.revokeCredential.status).toBe('REVOKED');
      expect((await rota(id, ward.manager)).attention).toEqual([
        expect.objectContaining({
          kind: 'PASSPORT_GAP',
          staffId: p,
          shiftIds: [mon.id],
          actions: ['RENEW_CREDENTIAL', 'UNASSIGN', 'FIND_COVER'],
        }),
      ]);

      const moved = await gql(
        `mutation($input: UpdateStaffMemberInput!) { updateStaffMember(input: $input) { id } }`,
        { input: { staffId: q, employerId: council.orgId, homeTeamId: null } },
        hr,
      );
      expect(moved.errors).toBeUndefined();
      const after = (await rota(id, ward.manager)).attention;
      expect(after.filter((x: any) => x.staffId === q)).toContainEqual(
        expect.objectContaining({
          kind: 'NOT_AUTHORISED',
          shiftIds: [tue.id],
          actions: ['UNASSIGN', 'FIND_COVER'],
        }),
      );
    });
  });
});
