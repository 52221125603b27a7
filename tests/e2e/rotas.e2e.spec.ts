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
import { errorCode, startTestApp, type TestApp } from '../fixtures/test-app.js';

const ADD = `mutation($input: AddShiftsInput!) {
  addShifts(input: $input) {
    __typename
    ... on RotaEdit { rota { version } shifts { id localDate startTime durationMinutes startsAt endsAt realDurationMinutes isNight isLong } }
    ... on RuleViolations { message }
  }
}`;
const PATTERN = `mutation($input: AddShiftsFromPatternInput!) {
  addShiftsFromPattern(input: $input) { __typename ... on RotaEdit { rota { version } shifts { id } } }
}`;

describe('rotas, shifts and assignments (GraphQL over HTTP)', () => {
  let t: TestApp;
  let w: RotaWorld;

  beforeAll(async () => {
    t = await startTestApp();
    w = await rotaWorld(t, 'Rotas');
  });
  afterAll(() => t.close());

  describe('shift instants across clock changes (Europe/London)', () => {
    let rotaId: string;
    beforeAll(async () => {
      rotaId = (await createRota(t, w, '2026-03-23', '2026-04-05')).id;
    });

    it.each([
      ['2026-03-28', 660, '2026-03-28T20:00:00.000Z', '2026-03-29T07:00:00.000Z'],
      ['2026-03-27', 720, '2026-03-27T20:00:00.000Z', '2026-03-28T08:00:00.000Z'],
    ])('a 20:00 12-hour night on %s lasts %i real minutes', async (date, minutes, startsAt, endsAt) => {
      const res = await t.gql(
        ADD,
        { input: { rotaId: rotaId, shifts: [{ shiftTypeId: w.types.N, date }] } },
        w.manager,
      );
      expect(res.errors).toBeUndefined();
      const shift = res.data!.addShifts.shifts[0];
      expect(shift).toMatchObject({
        startsAt,
        endsAt,
        realDurationMinutes: minutes,
        durationMinutes: 720,
        isNight: true,
        isLong: true,
      });
      const row = await t.dataSource.query(`SELECT starts_at, ends_at, local_date FROM shift WHERE id = $1`, [
        shift.id,
      ]);
      expect(row[0].starts_at.toISOString()).toBe(startsAt);
      expect(row[0].ends_at.toISOString()).toBe(endsAt);
      expect(row[0].local_date).toBe(date);
    });

    it('refuses a start time that does not exist (01:30 on 29 March 2026) with BAD_USER_INPUT', async () => {
      const before = await t.dataSource.query(`SELECT count(*)::int AS n FROM shift`);
      const res = await t.gql(
        ADD,
        {
          input: {
            rotaId: rotaId,
            shifts: [{ shiftTypeId: w.types.E, date: '2026-03-29', startTime: '01:30' }],
          },
        },
        w.manager,
      );
      expect(errorCode(res)).toBe('BAD_USER_INPUT');
      expect(res.errors![0].extensions.field).toBe('input.shifts[0].startTime');
      expect(res.errors![0].message).toMatch(/does not exist/);
      expect(await t.dataSource.query(`SELECT count(*)::int AS n FROM shift`)).toEqual(before);
    });
  });

  describe('the autumn clock change', () => {
    let rotaId: string;
    beforeAll(async () => {
      rotaId = (await createRota(t, w, '2026-10-19', '2026-11-01')).id;
    });

    it('a 20:00 12-hour night on 24 October 2026 lasts 13 real hours', async () => {
      const res = await t.gql(
        ADD,
        { input: { rotaId: rotaId, shifts: [{ shiftTypeId: w.types.N, date: '2026-10-24' }] } },
        w.manager,
      );
      const shift = res.data!.addShifts.shifts[0];
      expect(shift).toMatchObject({
        startsAt: '2026-10-24T19:00:00.000Z',
        endsAt: '2026-10-25T08:00:00.000Z',
        realDurationMinutes: 780,
      });
    });

    it('resolves an ambiguous start (01:30 on 25 October) to its first occurrence, still on summer time', async () => {
      const res = await t.gql(
        ADD,
        {
          input: {
            rotaId: rotaId,
            shifts: [{ shiftTypeId: w.types.E, date: '2026-10-25', startTime: '01:30' }],
          },
        },
        w.manager,
      );
      expect(res.errors).toBeUndefined();
      expect(res.data!.addShifts.shifts[0]).toMatchObject({
        startsAt: '2026-10-25T00:30:00.000Z',
        endsAt: '2026-10-25T09:30:00.000Z',
        realDurationMinutes: 540,
      });
    });
  });

  describe('bad input', () => {
    let rotaId: string;
    beforeAll(async () => {
      rotaId = (await createRota(t, w, '2026-06-01', '2026-06-28')).id;
    });

    it.each([
      [{ startDate: '2026-08-10', endDate: '2026-08-01' }, 'input.endDate'],
      [{ startDate: '2026-08-01', endDate: '2027-01-30' }, 'input.endDate'],
      [{ startDate: '2026-08-32', endDate: '2026-09-01' }, undefined],
    ])('refuses a rota %j', async (dates, field) => {
      const res = await t.gql(
        `mutation($input: CreateRotaInput!) { createRota(input: $input) { id } }`,
        { input: { teamId: w.teamId, ...dates } },
        w.manager,
      );
      expect(errorCode(res)).toBe('BAD_USER_INPUT');
      if (field) expect(res.errors![0].extensions.field).toBe(field);
    });

    it('accepts exactly 26 weeks, and refuses a second rota over the same days (CONFLICT)', async () => {
      const ok = await t.gql(
        `mutation($input: CreateRotaInput!) { createRota(input: $input) { id } }`,
        { input: { teamId: w.teamId, startDate: '2027-01-04', endDate: '2027-07-04' } },
        w.manager,
      );
      expect(ok.errors).toBeUndefined();
      const overlap = await t.gql(
        `mutation($input: CreateRotaInput!) { createRota(input: $input) { id } }`,
        { input: { teamId: w.teamId, startDate: '2026-06-20', endDate: '2026-07-10' } },
        w.manager,
      );
      expect(errorCode(overlap)).toBe('CONFLICT');
      // It names the rota in the way, with its dates.
      const other = overlap.errors![0].extensions;
      expect(overlap.errors![0].extensions).toMatchObject({
        field: 'input.startDate',
        rotaId: expect.any(String),
      });
      expect(overlap.errors![0].message).toContain(
        `from ${other.startDate} to ${other.endDate} (${other.rotaId})`,
      );
      const [row] = await t.dataSource.query(
        `SELECT start_date::text AS s, end_date::text AS e FROM rota WHERE id = $1`,
        [other.rotaId],
      );
      expect(row.s <= '2026-07-10' && row.e >= '2026-06-20').toBe(true);
    });

    it.each([
      [{ date: '2026-07-01' }, 'input.shifts[0].date', /outside the rota/],
      [{ date: '2026-06-10', durationMinutes: 0 }, 'input.shifts[0].durationMinutes', /at least 1 minute/],
      [{ date: '2026-06-10', durationMinutes: 1441 }, 'input.shifts[0].durationMinutes', /at most 24 hours/],
      [
        { startsAt: '2026-06-10T09:00:00Z', endsAt: '2026-06-10T08:00:00Z' },
        'input.shifts[0].endsAt',
        /after startsAt/,
      ],
      [
        { startsAt: '2026-06-10T09:00:00Z', endsAt: '2026-06-10T09:00:00Z' },
        'input.shifts[0].endsAt',
        /after startsAt/,
      ],
      [
        { startsAt: '2026-06-10T08:00:00Z', endsAt: '2026-06-11T08:01:00Z' },
        'input.shifts[0].endsAt',
        /24 hours/,
      ],
      [
        { date: '2026-06-10', minHeadcount: 3, targetHeadcount: 2 },
        'input.shifts[0].targetHeadcount',
        /minHeadcount/,
      ],
      [{}, 'input.shifts[0].date', /give a date/],
    ])(
      'refuses the shift %j with BAD_USER_INPUT naming %s, writing nothing',
      async (item, field, message) => {
        const before = await t.dataSource.query(`SELECT count(*)::int AS n FROM shift WHERE rota_id = $1`, [
          rotaId,
        ]);
        const res = await t.gql(
          ADD,
          { input: { rotaId: rotaId, shifts: [{ shiftTypeId: w.types.E, ...item }] } },
          w.manager,
        );
        expect(errorCode(res)).toBe('BAD_USER_INPUT');
        expect(res.errors![0].extensions.field).toBe(field);
        expect(res.errors![0].message).toMatch(message);
        expect(
          await t.dataSource.query(`SELECT count(*)::int AS n FROM shift WHERE rota_id = $1`, [rotaId]),
        ).toEqual(before);
      },
    );

    it('keeps nothing of a list when one item is bad', async () => {
      const res = await t.gql(
        ADD,
        {
          input: {
            rotaId: rotaId,
            shifts: [
              { shiftTypeId: w.types.E, date: '2026-06-11' },
              { shiftTypeId: w.types.L, date: '2026-07-11' },
            ],
          },
        },
        w.manager,
      );
      expect(errorCode(res)).toBe('BAD_USER_INPUT');
      const rows = await t.dataSource.query(
        `SELECT count(*)::int AS n FROM shift WHERE rota_id = $1 AND local_date = '2026-06-11'`,
        [rotaId],
      );
      expect(rows[0].n).toBe(0);
    });

    it('answers NOT_FOUND for unknown rotas, shift types, shifts and staff', async () => {
      const ghost = '0b7a4b43-5d8e-4f1a-9c3b-2f6a1d9e8c7b';
      expect(
        errorCode(
          await t.gql(
            ADD,
            { input: { rotaId: ghost, shifts: [{ shiftTypeId: w.types.E, date: '2026-06-10' }] } },
            w.manager,
          ),
        ),
      ).toBe('NOT_FOUND');
      const badType = await t.gql(
        ADD,
        { input: { rotaId: rotaId, shifts: [{ shiftTypeId: ghost, date: '2026-06-10' }] } },
        w.manager,
      );
      expect(badType.errors![0].extensions).toMatchObject({
        code: 'NOT_FOUND',
        field: 'input.shifts[0].shiftTypeId',
      });
      expect(errorCode(await t.gql(ASSIGN, { shift: ghost, staff: ghost }, w.manager))).toBe('NOT_FOUND');
      const shift = await addShift(t, w, rotaId, 'E', '2026-06-12');
      const res = await t.gql(ASSIGN, { shift: shift.id, staff: ghost }, w.manager);
      expect(res.errors![0].extensions).toMatchObject({ code: 'NOT_FOUND', field: 'input.staffId' });
    });
  });

  describe('pattern generation', () => {
    it('creates shift types × weekdays × weeks over the range, and is idempotent', async () => {
      const rota = await createRota(t, w, '2026-08-03', '2026-08-30');
      const input = {
        lines: [
          {
            shiftTypeId: w.types.E,
            weekdays: ['MONDAY', 'TUESDAY', 'WEDNESDAY', 'THURSDAY', 'FRIDAY'],
            minHeadcount: 3,
            targetHeadcount: 4,
          },
          { shiftTypeId: w.types.N, weekdays: ['SATURDAY', 'SUNDAY'], minHeadcount: 2 },
        ],
      };
      const first = await t.gql(PATTERN, { input: { rotaId: rota.id, ...input } }, w.manager);
      expect(first.errors).toBeUndefined();
      expect(first.data!.addShiftsFromPattern.shifts).toHaveLength(28);
      expect(first.data!.addShiftsFromPattern.rota).toEqual({ version: 2 });
      // Nothing new to add: nothing written, the version stays.
      const again = await t.gql(PATTERN, { input: { rotaId: rota.id, ...input } }, w.manager);
      expect(again.data!.addShiftsFromPattern).toEqual({
        __typename: 'RotaEdit',
        shifts: [],
        rota: { version: 2 },
      });
      const weeks = await t.gql(
        PATTERN,
        {
          input: {
            rotaId: rota.id,
            lines: [{ shiftTypeId: w.types.L, weekdays: ['MONDAY', 'FRIDAY'] }],
            weeks: [1, 3],
          },
        },
        w.manager,
      );
      expect(weeks.data!.addShiftsFromPattern.shifts).toHaveLength(4);
      const rows = await t.dataSource.query(
        `SELECT t.code, count(*)::int AS n, min(s.min_headcount) AS min, min(s.target_headcount) AS target
           FROM shift s JOIN shift_type t ON t.id = s.shift_type_id WHERE s.rota_id = $1 GROUP BY t.code ORDER BY t.code`,
        [rota.id],
      );
      expect(rows).toEqual([
        { code: 'E', n: 20, min: 3, target: 4 },
        { code: 'L', n: 4, min: 0, target: 0 },
        { code: 'N', n: 8, min: 2, target: 2 },
      ]);
    });
  });

  describe('assignments', () => {
    let rotaId: string;
    beforeAll(async () => {
      rotaId = (await createRota(t, w, '2026-09-07', '2026-09-20')).id;
    });

    it('assigns an employee with basis EMPLOYMENT', async () => {
      const shift = await addShift(t, w, rotaId, 'E', '2026-09-08');
      const nurse = await insertStaff(t.dataSource, w.orgId, { homeTeamId: w.teamId });
      const res = await t.gql(ASSIGN, { shift: shift.id, staff: nurse.id }, w.manager);
      expect(assignedOf(res)).toMatchObject({
        __typename: 'Assignment',
        basis: 'EMPLOYMENT',
        overrides: [],
      });
      const row = await t.dataSource.query(`SELECT starts_at, ends_at FROM assignment WHERE id = $1`, [
        assignedOf(res).id,
      ]);
      expect(row[0].starts_at.toISOString()).toBe(shift.startsAt);
    });

    it('lets exactly one of two concurrent assignments of one person to overlapping shifts succeed, across two teams', async () => {
      const otherWorld = await rotaWorld(t, 'Concurrency');
      await t.dataSource.query(`UPDATE team SET organisation_id = $1 WHERE id = $2`, [
        w.orgId,
        otherWorld.teamId,
      ]);
      const otherRota = await createRota(t, otherWorld, '2026-09-07', '2026-09-20');
      const shiftA = await addShift(t, w, rotaId, 'LD', '2026-09-10');
      const shiftB = await addShift(t, otherWorld, otherRota.id, 'E', '2026-09-10');
      for (let round = 0; round < 3; round++) {
        const nurse = await insertStaff(t.dataSource, w.orgId);
        const [a, b] = await Promise.all([
          t.gql(ASSIGN, { shift: shiftA.id, staff: nurse.id }, w.manager),
          t.gql(ASSIGN, { shift: shiftB.id, staff: nurse.id }, otherWorld.manager),
        ]);
        const outcomes = [a, b].map((r) => r.data?.assignStaff?.__typename ?? r.errors?.[0]?.extensions.code);
        expect(outcomes.sort()).toEqual(['CONFLICT', 'RotaEdit']);
        const loser = [a, b].find((r) => r.errors)!;
        expect(loser.errors![0].message).toMatch(/overlapping/);
        const rows = await t.dataSource.query(
          `SELECT count(*)::int AS n FROM assignment WHERE staff_id = $1`,
          [nurse.id],
        );
        expect(rows[0].n).toBe(1);
      }
    });

    it('is backed by an exclusion constraint: the database itself refuses an overlapping assignment', async () => {
      const shiftA = await addShift(t, w, rotaId, 'N', '2026-09-11');
      const shiftB = await addShift(t, w, rotaId, 'LD', '2026-09-12');
      const nurse = await insertStaff(t.dataSource, w.orgId);
      const insert = (shiftId: string) =>
        t.dataSource.query(
          `INSERT INTO assignment (shift_id, staff_id, basis, starts_at, ends_at, created_by)
           SELECT id, $2, 'EMPLOYMENT', starts_at, ends_at, 'sql' FROM shift WHERE id = $1`,
          [shiftId, nurse.id],
        );
      await insert(shiftA.id);
      await expect(insert(shiftB.id)).rejects.toMatchObject({
        driverError: { code: '23P01', constraint: 'ex_assignment_staff_overlap' },
      });
      const conflict = await t.gql(ASSIGN, { shift: shiftB.id, staff: nurse.id }, w.manager);
      expect(conflict.errors![0].extensions).toMatchObject({ code: 'CONFLICT', otherShiftId: shiftA.id });
    });

    it('refuses a stale rota version with CONFLICT and names the current one', async () => {
      const shift = await addShift(t, w, rotaId, 'L', '2026-09-14');
      const { version } = (
        await t.gql(`query($id: ID!) { rota(id: $id) { version } }`, { id: rotaId }, w.manager)
      ).data!.rota;
      const nurse = await insertStaff(t.dataSource, w.orgId);
      const ok = await t.gql(
        ASSIGN,
        { shift: shift.id, staff: nurse.id, expectedVersion: version },
        w.manager,
      );
      expect(assignedOf(ok).__typename).toBe('Assignment');
      const stale = await t.gql(
        ASSIGN,
        {
          shift: shift.id,
          staff: (await insertStaff(t.dataSource, w.orgId)).id,
          expectedVersion: version,
        },
        w.manager,
      );
      expect(errorCode(stale)).toBe('CONFLICT');
      expect(stale.errors![0].extensions.currentVersion).toBe(version + 1);
    });

    it('refuses to fill a shift beyond its maximum (CONFLICT)', async () => {
      const shift = await addShift(t, w, rotaId, 'E', '2026-09-15', {
        minHeadcount: 1,
        targetHeadcount: 1,
        maxHeadcount: 1,
      });
      const first = await t.gql(
        ASSIGN,
        { shift: shift.id, staff: (await insertStaff(t.dataSource, w.orgId)).id },
        w.manager,
      );
      expect(assignedOf(first).__typename).toBe('Assignment');
      const second = await t.gql(
        ASSIGN,
        { shift: shift.id, staff: (await insertStaff(t.dataSource, w.orgId)).id },
        w.manager,
      );
      expect(errorCode(second)).toBe('CONFLICT');
      expect(second.errors![0].message).toMatch(/full/);
    });
  });

  describe('absence', () => {
    let rotaId: string;
    beforeAll(async () => {
      rotaId = (await createRota(t, w, '2026-11-02', '2026-11-15')).id;
    });

    it('blocks assignments once approved (ON_ABSENCE), shows on the rota, and yields to an override with a reason', async () => {
      const nurse = await insertStaff(t.dataSource, w.orgId, { homeTeamId: w.teamId });
      const staffToken = await t.token({ roles: [Role.STAFF], staffId: nurse.id });
      const req = await t.gql(
        `mutation($input: RequestAbsenceInput!) { requestAbsence(input: $input) { id status } }`,
        { input: { kind: 'ANNUAL_LEAVE', startDate: '2026-11-09', endDate: '2026-11-11' } },
        staffToken,
      );
      expect(req.data!.requestAbsence.status).toBe('REQUESTED');
      const shift = await addShift(t, w, rotaId, 'E', '2026-11-10');
      const shift2 = await addShift(t, w, rotaId, 'L', '2026-11-10');

      // Requested, not approved: no block yet (but a staff member cannot approve their own leave).
      expect(
        errorCode(
          await t.gql(
            `mutation($id: ID!) { decideAbsence(input: { absenceId: $id, decision: APPROVE }) { status } }`,
            { id: req.data!.requestAbsence.id },
            staffToken,
          ),
        ),
      ).toBe('FORBIDDEN');
      const approved = await t.gql(
        `mutation($id: ID!) { decideAbsence(input: { absenceId: $id, decision: APPROVE, reason: "Enjoy" }) { status decidedBy { id } decisionReason } }`,
        { id: req.data!.requestAbsence.id },
        w.manager,
      );
      expect(approved.data!.decideAbsence).toMatchObject({ status: 'APPROVED', decisionReason: 'Enjoy' });
      // The person sees their own leave and its decision, whatever rota it falls on (or none); nobody else's.
      const mine = await t.gql(
        `{ myAbsences(from: "2026-11-01", to: "2026-11-30") { staffId status startDate decisionReason } }`,
        {},
        staffToken,
      );
      expect(mine.data!.myAbsences).toEqual([
        { staffId: nurse.id, status: 'APPROVED', startDate: '2026-11-09', decisionReason: 'Enjoy' },
      ]);
      const colleague = await insertStaff(t.dataSource, w.orgId, { homeTeamId: w.teamId });
      const theirs = await t.gql(
        `{ myAbsences(from: "2026-11-01", to: "2026-11-30") { id } }`,
        {},
        await t.token({ roles: [Role.STAFF], staffId: colleague.id }),
      );
      expect(theirs.data!.myAbsences).toEqual([]);
      const noRecord = await t.gql(
        `{ myAbsences(from: "2026-11-01", to: "2026-11-30") { id } }`,
        {},
        w.manager,
      );
      expect(noRecord.errors![0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'token' });
      const again = await t.gql(
        `mutation($id: ID!) { decideAbsence(input: { absenceId: $id, decision: REJECT }) { status } }`,
        { id: req.data!.requestAbsence.id },
        w.manager,
      );
      expect(again.errors![0].extensions).toMatchObject({ code: 'CONFLICT', status: 'APPROVED' });

      const refused = await t.gql(ASSIGN, { shift: shift.id, staff: nurse.id }, w.manager);
      expect(assignedOf(refused)).toMatchObject({ __typename: 'RuleViolations', hardCount: 1 });
      expect(assignedOf(refused).violations).toContainEqual(
        expect.objectContaining({ ruleCode: 'ON_ABSENCE', severity: 'HARD', penalty: 1, staffId: nurse.id }),
      );
      expect(
        (
          await t.dataSource.query(`SELECT count(*)::int AS n FROM assignment WHERE staff_id = $1`, [
            nurse.id,
          ])
        )[0].n,
      ).toBe(0);

      const rota = await t.gql(
        `query($id: ID!) { rota(id: $id) { absences { staffId kind startDate endDate status } } }`,
        { id: rotaId },
        w.manager,
      );
      expect(rota.data!.rota.absences).toEqual([
        {
          staffId: nurse.id,
          kind: 'ANNUAL_LEAVE',
          startDate: '2026-11-09',
          endDate: '2026-11-11',
          status: 'APPROVED',
        },
      ]);

      const overridden = await t.gql(
        ASSIGN,
        {
          shift: shift2.id,
          staff: nurse.id,
          override: { reason: 'Agreed to come in for the CQC visit', ruleCodes: ['ON_ABSENCE'] },
        },
        w.manager,
      );
      expect(assignedOf(overridden)).toMatchObject({
        __typename: 'Assignment',
        overrides: [
          {
            ruleCode: 'ON_ABSENCE',
            reason: 'Agreed to come in for the CQC visit',
            overriddenBy: { id: expect.stringMatching(/^test-user/) },
          },
        ],
      });
    });

    it('refuses overlapping leave requests (CONFLICT) and an unknown override rule code (BAD_USER_INPUT)', async () => {
      const nurse = await insertStaff(t.dataSource, w.orgId, { homeTeamId: w.teamId });
      const q = `mutation($input: RequestAbsenceInput!) { requestAbsence(input: $input) { id } }`;
      await t.gql(
        q,
        { input: { staffId: nurse.id, kind: 'STUDY', startDate: '2026-11-03', endDate: '2026-11-04' } },
        w.manager,
      );
      const overlap = await t.gql(
        q,
        {
          input: { staffId: nurse.id, kind: 'ANNUAL_LEAVE', startDate: '2026-11-04', endDate: '2026-11-06' },
        },
        w.manager,
      );
      expect(errorCode(overlap)).toBe('CONFLICT');
      const shift = await addShift(t, w, rotaId, 'N', '2026-11-03');
      const res = await t.gql(
        ASSIGN,
        { shift: shift.id, staff: nurse.id, override: { reason: 'because', ruleCodes: ['NOT_A_RULE'] } },
        w.manager,
      );
      // Rule codes are an enum: GraphQL refuses an unknown one before anything runs.
      expect(res.errors![0].extensions.code).toBe('BAD_USER_INPUT');
      expect(res.errors![0].message).toMatch(/NOT_A_RULE/);
    });
  });

  describe('published rotas', () => {
    it('need a reason for every change, which is kept, and the version increments', async () => {
      const rota = await createRota(t, w, '2026-12-07', '2026-12-13');
      const shift = await addShift(t, w, rota.id, 'E', '2026-12-08', { minHeadcount: 0 });
      const pub = await t.gql(
        `mutation($id: ID!) { publishRota(input: { rotaId: $id }) { __typename ... on RotaEdit { rota { status version publishedAt } } } }`,
        { id: rota.id },
        w.manager,
      );
      expect(pub.data!.publishRota).toMatchObject({
        __typename: 'RotaEdit',
        rota: { status: 'PUBLISHED', version: 3 },
      });
      const again = await t.gql(
        `mutation($id: ID!) { publishRota(input: { rotaId: $id }) { __typename } }`,
        { id: rota.id },
        w.manager,
      );
      expect(again.errors![0].extensions).toMatchObject({ code: 'CONFLICT', status: 'PUBLISHED' });

      const nurse = await insertStaff(t.dataSource, w.orgId);
      const noReason = await t.gql(ASSIGN, { shift: shift.id, staff: nurse.id }, w.manager);
      expect(noReason.errors![0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.reason' });
      const withReason = await t.gql(
        ASSIGN,
        { shift: shift.id, staff: nurse.id, reason: 'Sickness cover for Amara' },
        w.manager,
      );
      expect(assignedOf(withReason).__typename).toBe('Assignment');

      const removed = await t.gql(
        `mutation($input: RemoveShiftInput!) { removeShift(input: $input) { ... on RotaEdit { rota { version } removedShiftIds } } }`,
        { input: { shiftId: shift.id, reason: 'Ward closed for deep clean', expectedVersion: 4 } },
        w.manager,
      );
      expect(removed.data!.removeShift).toEqual({ rota: { version: 5 }, removedShiftIds: [shift.id] });
      const view = await t.gql(
        `query($id: ID!) { rota(id: $id) { version changes { version operation reason } shifts { id } all: shifts(includeCancelled: true) { id cancelledAt assignments(includeCancelled: true) { cancelledAt } } } }`,
        { id: rota.id },
        w.manager,
      );
      expect(view.data!.rota.changes).toEqual([
        { version: 4, operation: 'ASSIGN_STAFF', reason: 'Sickness cover for Amara' },
        { version: 5, operation: 'REMOVE_SHIFT', reason: 'Ward closed for deep clean' },
      ]);
      expect(view.data!.rota.shifts).toEqual([]);
      expect(view.data!.rota.all[0].cancelledAt).not.toBeNull();
      expect(view.data!.rota.all[0].assignments[0].cancelledAt).not.toBeNull();
    });

    it('are visible to staff of the team, drafts are not; other managers may not change them', async () => {
      const rota = await createRota(t, w, '2027-08-02', '2027-08-08');
      const nurse = await insertStaff(t.dataSource, w.orgId, { homeTeamId: w.teamId });
      const staffToken = await t.token({ roles: [Role.STAFF], staffId: nurse.id });
      const q = `query($id: ID!) { rota(id: $id) { id status } }`;
      expect(errorCode(await t.gql(q, { id: rota.id }, staffToken))).toBe('FORBIDDEN');
      await t.gql(
        `mutation($id: ID!) { publishRota(input: { rotaId: $id }) { __typename } }`,
        { id: rota.id },
        w.manager,
      );
      expect((await t.gql(q, { id: rota.id }, staffToken)).data!.rota.status).toBe('PUBLISHED');
      const stranger = await t.token({
        roles: [Role.STAFF],
        staffId: (await insertStaff(t.dataSource, w.orgId)).id,
      });
      expect(errorCode(await t.gql(q, { id: rota.id }, stranger))).toBe('FORBIDDEN');
      const otherManager = await t.token({
        roles: [Role.MANAGER],
        teamIds: ['0b7a4b43-5d8e-4f1a-9c3b-2f6a1d9e8c7b'],
      });
      const res = await t.gql(
        ADD,
        {
          input: {
            rotaId: rota.id,
            reason: 'x y z',
            shifts: [{ shiftTypeId: w.types.E, date: '2027-08-03' }],
          },
        },
        otherManager,
      );
      expect(errorCode(res)).toBe('FORBIDDEN');
    });
  });

  it('returns a rota with shifts, assignments, requirements and staff in a fixed number of SQL statements', async () => {
    const query = `query($id: ID!) { rota(id: $id) { id team { name } absences { id } shifts { id startsAt isNight shiftType { code }
      skillMix { count skill { code } } assignments { basis staff { name employer { name } } } } } }`;
    const counts: number[] = [];
    for (const people of [1, 6]) {
      const rota = await createRota(
        t,
        w,
        people === 1 ? '2027-09-06' : '2027-09-20',
        people === 1 ? '2027-09-12' : '2027-09-26',
      );
      const skill = (await t.dataSource.query(`SELECT id FROM skill WHERE code = 'NMC_REGISTRATION'`))[0].id;
      for (let d = 0; d < people; d++) {
        const date = `2027-09-${String((people === 1 ? 6 : 20) + d).padStart(2, '0')}`;
        const shift = await addShift(t, w, rota.id, 'E', date, { skillMix: [{ skillId: skill, count: 1 }] });
        for (let p = 0; p < people; p++) {
          const nurse = await insertStaff(t.dataSource, w.orgId);
          await t.dataSource.query(
            `INSERT INTO assignment (shift_id, staff_id, basis, starts_at, ends_at, created_by) SELECT id, $2, 'EMPLOYMENT', starts_at, ends_at, 'test' FROM shift WHERE id = $1`,
            [shift.id, nurse.id],
          );
        }
      }
      t.queries.start();
      const res = await t.gql(query, { id: rota.id }, w.manager);
      counts.push(t.queries.stop());
      expect(res.errors).toBeUndefined();
      expect(res.data!.rota.shifts).toHaveLength(people);
      expect(res.data!.rota.shifts[people - 1].assignments).toHaveLength(people);
    }
    expect(counts[1]).toBe(counts[0]);
    expect(counts[1]).toBeLessThanOrEqual(14);
  });
});
