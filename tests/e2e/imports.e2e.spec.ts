import { Role } from '../../src/common/auth/actor.js';
import { OrganisationKind, Sector } from '../../src/modules/organisations/organisation.enums.js';
import { addDays, localDateOf } from '../../src/rota-core/dates.js';
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

const IMPORT = `mutation($input: ImportCsvInput!) { importCsv(input: $input) {
  id kind organisationId dryRun status requestedBy { id } rowsTotal rowsValid rowsWritten errorCount
  errors { line column code message } createdAt finishedAt } }`;
const STAFF_BY_NUMBER = `query($org: ID!, $name: String!) { staff(filter: { organisationId: $org, nameContains: $name }, first: 100) {
  totalCount edges { node { id givenName familyName email employeeNumber homeTeam { name } } } } }`;
const MEMBER = `query($id: ID!) { staffMember(id: $id) {
  credentials { skill { code } obtainedOn expiresOn acceptance }
  placements { status startDate endDate hostTeamId }
  jointRoleAppointments { status startDate endDate fte } } }`;

const STAFF_HEADER =
  'givenName,familyName,email,employeeNumber,staffGroup,jobTitle,payFramework,payGrade,contractedHoursPerWeek,homeTeam';

describe('bulk import for go-live (GraphQL over HTTP)', () => {
  let t: TestApp;
  let a: RotaWorld;
  let b: RotaWorld;
  let admin: string;
  let hrA: string;
  let hrB: string;
  let staffToken: string;
  let jointRoleTitle: string;
  const today = localDateOf(new Date());
  const day = (n: number) => addDays(today, n);

  const run = (token: string, kind: string, csv: string, extra: Record<string, unknown> = {}) =>
    t.gql(IMPORT, { input: { kind, organisationId: a.orgId, csv, ...extra } }, token);
  const imported = async (token: string, kind: string, csv: string, extra: Record<string, unknown> = {}) => {
    const res = await run(token, kind, csv, extra);
    if (res.errors) throw new Error(JSON.stringify(res.errors));
    return res.data!.importCsv;
  };
  const staffNamed = async (name: string) =>
    (await t.gql(STAFF_BY_NUMBER, { org: a.orgId, name }, hrA)).data!.staff;
  const staffId = async (employeeNumber: string): Promise<string> => {
    const [row] = await t.dataSource.query(
      `SELECT id FROM staff_member WHERE employer_id = $1 AND employee_number = $2`,
      [a.orgId, employeeNumber],
    );
    return row.id;
  };

  beforeAll(async () => {
    t = await startTestApp();
    a = await rotaWorld(t, 'ImportA');
    b = await rotaWorld(t, 'ImportB');
    await t.dataSource.query(`UPDATE organisation SET kind = $2, sector = $3 WHERE id = $1`, [
      b.orgId,
      OrganisationKind.LOCAL_AUTHORITY,
      Sector.SOCIAL_CARE,
    ]);
    admin = await t.adminToken();
    hrA = await t.token({ roles: [Role.HR], organisationIds: [a.orgId], subject: 'hr-of-a' });
    hrB = await t.token({ roles: [Role.HR], organisationIds: [b.orgId] });
    const someone = await insertStaff(t.dataSource, a.orgId, { homeTeamId: a.teamId });
    staffToken = await t.token({ roles: [Role.STAFF], organisationIds: [a.orgId], staffId: someone.id });
    jointRoleTitle = 'Imported joint role';
    const role = await t.gql(
      `mutation($input: CreateJointRoleInput!) { createJointRole(input: $input) { id } }`,
      {
        input: {
          title: jointRoleTitle,
          staffGroup: 'NURSING',
          fte: 1,
          startDate: '2020-01-01',
          employmentModel: 'JOINT_EMPLOYMENT',
          employingPartnerId: a.orgId,
          lineManagementPartnerId: a.orgId,
          supervisionPartnerId: b.orgId,
          partners: [
            { organisationId: a.orgId, fundingSharePercent: 50, timeSharePercent: 50 },
            { organisationId: b.orgId, fundingSharePercent: 50, timeSharePercent: 50 },
          ],
          activate: true,
        },
      },
      admin,
    );
    if (role.errors) throw new Error(JSON.stringify(role.errors));
  });
  afterAll(() => t.close());

  it('imports staff (all-or-nothing, SUCCEEDED) and they read back through the directory; the import is kept', async () => {
    const csv = [
      STAFF_HEADER,
      'Ada,Importer,ada.importer@example.org,A100,NURSING,Staff Nurse,AGENDA_FOR_CHANGE,Band 5,37.5,ImportA Ward',
      'Ben,Importer,,A101,NURSING,Staff Nurse,AGENDA_FOR_CHANGE,6,30,',
      '"Cat, Jr",Importer,,A102,CARE_AND_SUPPORT,Support Worker,AGENDA_FOR_CHANGE,3,22.5,',
    ].join('\n');
    const result = await imported(hrA, 'STAFF', csv);
    expect(result).toMatchObject({
      kind: 'STAFF',
      status: 'SUCCEEDED',
      dryRun: false,
      requestedBy: { id: 'hr-of-a' },
      rowsTotal: 3,
      rowsValid: 3,
      rowsWritten: 3,
      errorCount: 0,
      errors: [],
    });
    expect(result.finishedAt).not.toBeNull();
    const staff = await staffNamed('Importer');
    expect(staff.totalCount).toBe(3);
    const ada = staff.edges.find((e: any) => e.node.givenName === 'Ada').node;
    expect(ada).toMatchObject({
      email: 'ada.importer@example.org',
      employeeNumber: 'A100',
      homeTeam: { name: 'ImportA Ward' },
    });
    expect(staff.edges.map((e: any) => e.node.givenName)).toContain('Cat, Jr');

    const list = await t.gql(
      `query($org: ID!) { imports(organisationId: $org) { id status rowsWritten } }`,
      { org: a.orgId },
      hrA,
    );
    expect(list.errors).toBeUndefined();
    expect(list.data!.imports[0]).toEqual({ id: result.id, status: 'SUCCEEDED', rowsWritten: 3 });
    const one = await t.gql(`query($id: ID!) { import(id: $id) { status kind } }`, { id: result.id }, admin);
    expect(one.data!.import).toEqual({ status: 'SUCCEEDED', kind: 'STAFF' });
  });

  it('the writes show in the audit trail, attributed to the importer and the importCsv operation', async () => {
    const id = await staffId('A100');
    const res = await t.gql(
      `query($id: String!) { auditEvents(filter: { entity: "staff_member", entityId: $id }) {
        edges { node { action actor { id } operation } } } }`,
      { id },
      admin,
    );
    expect(res.data!.auditEvents.edges.map((e: any) => e.node)).toContainEqual({
      action: 'INSERT',
      actor: { id: 'hr-of-a' },
      operation: 'Mutation.importCsv',
    });
  });

  it('reports every error with its line and column (lines 3 and 7), and writes nothing', async () => {
    const row = (n: number) => `Row${n},Faulty,,F${n},NURSING,Nurse,AGENDA_FOR_CHANGE,5,37.5,`;
    const csv = [
      STAFF_HEADER,
      row(2),
      'Row3,Faulty,,F3,PLUMBING,Nurse,AGENDA_FOR_CHANGE,5,37.5,',
      row(4),
      row(5),
      row(6),
      'Row7,Faulty,,F7,NURSING,Nurse,AGENDA_FOR_CHANGE,5,lots,No Such Team',
      row(8),
    ].join('\n');
    const result = await imported(hrA, 'STAFF', csv);
    expect(result.status).toBe('REJECTED');
    expect(result).toMatchObject({ rowsTotal: 7, rowsValid: 5, rowsWritten: 0, errorCount: 3 });
    expect(result.errors.map((e: any) => [e.line, e.column, e.code])).toEqual([
      [3, 'staffGroup', 'INVALID_VALUE'],
      [7, 'homeTeam', 'NOT_FOUND'],
      [7, 'contractedHoursPerWeek', 'INVALID_NUMBER'],
    ]);
    expect(result.errors[0].message).toMatch(/"PLUMBING" is not one of NURSING/);
    expect((await staffNamed('Faulty')).totalCount).toBe(0);
    const stored = await t.gql(
      `query($id: ID!) { import(id: $id) { status errorCount } }`,
      { id: result.id },
      hrA,
    );
    expect(stored.data!.import).toEqual({ status: 'REJECTED', errorCount: 3 });
  });

  it('reports the write path’s refusals by line too (a duplicate employee number), and writes nothing', async () => {
    const csv = [
      STAFF_HEADER,
      'Dup,Checker,,D1,NURSING,Nurse,AGENDA_FOR_CHANGE,5,37.5,',
      'Dup,Checker,,A100,NURSING,Nurse,AGENDA_FOR_CHANGE,5,37.5,',
      'Dup,Checker,,D3,NURSING,Nurse,AGENDA_FOR_CHANGE,Band 99,37.5,',
    ].join('\n');
    const result = await imported(hrA, 'STAFF', csv);
    expect(result.status).toBe('REJECTED');
    expect(result.errors.map((e: any) => [e.line, e.column, e.code])).toEqual([
      [3, 'employeeNumber', 'CONFLICT'],
      [4, 'payGrade', 'BAD_USER_INPUT'],
    ]);
    expect((await staffNamed('Checker')).totalCount).toBe(0);
  });

  it('refuses a header with unknown or missing columns, naming them', async () => {
    const result = await imported(hrA, 'STAFF', 'givenName,familyName,shoeSize\nA,B,9\n');
    expect(result.status).toBe('REJECTED');
    const codes = result.errors.map((e: any) => `${e.line}:${e.code}:${e.column}`);
    expect(codes).toContain('1:UNKNOWN_COLUMN:shoeSize');
    expect(codes).toContain('1:MISSING_COLUMN:staffGroup');
  });

  it('reports a CSV syntax error with its line (blank lines still count)', async () => {
    const csv = [STAFF_HEADER, '', 'Quote,"Bro"ken,,Q1,NURSING,Nurse,AGENDA_FOR_CHANGE,5,37.5,'].join('\n');
    const result = await imported(hrA, 'STAFF', csv);
    expect(result).toMatchObject({ status: 'REJECTED', rowsWritten: 0 });
    expect(result.errors.map((e: any) => [e.line, e.code])).toEqual([[3, 'CSV_SYNTAX']]);
  });

  it('a dry run validates and writes nothing', async () => {
    const csv = [STAFF_HEADER, 'Dry,Runner,,R1,NURSING,Nurse,AGENDA_FOR_CHANGE,5,37.5,'].join('\n');
    const result = await imported(hrA, 'STAFF', csv, { dryRun: true });
    expect(result).toMatchObject({ status: 'VALIDATED', dryRun: true, rowsValid: 1, rowsWritten: 0 });
    expect((await staffNamed('Runner')).totalCount).toBe(0);
  });

  it('only ADMIN and HR of the organisation may import (HR elsewhere, managers and staff: FORBIDDEN)', async () => {
    const csv = [STAFF_HEADER, 'No,Access,,N1,NURSING,Nurse,AGENDA_FOR_CHANGE,5,37.5,'].join('\n');
    for (const token of [hrB, a.manager, staffToken]) {
      expect(errorCode(await run(token, 'STAFF', csv))).toBe('FORBIDDEN');
    }
    expect(
      errorCode(
        await t.gql(`query($org: ID!) { imports(organisationId: $org) { id } }`, { org: a.orgId }, hrB),
      ),
    ).toBe('FORBIDDEN');
    expect((await staffNamed('Access')).totalCount).toBe(0);
    expect((await imported(admin, 'STAFF', csv)).status).toBe('SUCCEEDED');
  });

  it('imports credentials obtained in the past (staff by employee number or email, skills by code)', async () => {
    const csv = [
      'staff,skill,obtainedOn,expiresOn,evidenceReference',
      'A100,CSTF_FIRE_SAFETY,2019-03-01,2020-03-01,FS-1',
      'ada.importer@example.org,cstf_fire_safety,2021-03-01,,FS-2',
      'A101,CSTF_FIRE_SAFETY,2024-06-01,,',
    ].join('\n');
    const result = await imported(hrA, 'CREDENTIALS', csv);
    expect(result).toMatchObject({ status: 'SUCCEEDED', rowsWritten: 3 });
    const res = await t.gql(MEMBER, { id: await staffId('A100') }, hrA);
    expect(res.data!.staffMember.credentials).toEqual([
      {
        skill: { code: 'CSTF_FIRE_SAFETY' },
        obtainedOn: '2019-03-01',
        expiresOn: '2020-03-01',
        acceptance: 'ACCEPTED',
      },
      expect.objectContaining({ obtainedOn: '2021-03-01', acceptance: 'ACCEPTED' }),
    ]);
  });

  it('refuses people of another organisation and unknown references, by line', async () => {
    const other = await insertStaff(t.dataSource, b.orgId, { employeeNumber: 'B1', email: 'b1@example.org' });
    const csv = [
      'staff,skill,obtainedOn',
      'b1@example.org,CSTF_FIRE_SAFETY,2019-03-01',
      'NOPE,CSTF_FIRE_SAFETY,2019-03-01',
      `A100,NO_SUCH_SKILL,2019-13-01`,
    ].join('\n');
    const result = await imported(hrA, 'CREDENTIALS', csv);
    expect(other.employerId).toBe(b.orgId);
    expect(result.errors.map((e: any) => [e.line, e.column, e.code])).toEqual([
      [2, 'staff', 'NOT_IN_ORGANISATION'],
      [3, 'staff', 'NOT_FOUND'],
      [4, 'skill', 'NOT_FOUND'],
      [4, 'obtainedOn', 'INVALID_DATE'],
    ]);
  });

  it('imports past absences (approved, as leave already taken)', async () => {
    const csv = ['staff,kind,startDate,endDate,note', 'A100,ANNUAL_LEAVE,2025-08-04,2025-08-15,Summer'].join(
      '\n',
    );
    const result = await imported(hrA, 'ABSENCES', csv);
    expect(result).toMatchObject({ status: 'SUCCEEDED', rowsWritten: 1 });
    const rows = await t.dataSource.query(
      `SELECT status, start_date::text AS start, decided_by FROM absence WHERE staff_id = $1`,
      [await staffId('A100')],
    );
    expect(rows).toEqual([{ status: 'APPROVED', start: '2025-08-04', decided_by: 'hr-of-a' }]);
  });

  it('imports past placements (the importer decides for the sides it answers for); the normal mutation still refuses past dates', async () => {
    const csv = [
      'staff,hostTeam,kind,startDate,endDate,hoursPerWeek,reason',
      `A101,ImportB Ward,SECONDMENT,${day(-120)},${day(-60)},37.5,Winter pressures`,
    ].join('\n');
    // HR of A answers for the home side only: the host still has to approve.
    expect((await imported(hrA, 'PLACEMENTS', csv)).status).toBe('SUCCEEDED');
    const csvAdmin = [
      'staff,hostTeam,kind,startDate,endDate,hoursPerWeek',
      `A102,ImportB Ward,ROTATION,${day(-50)},${day(-20)},22.5`,
    ].join('\n');
    expect((await imported(admin, 'PLACEMENTS', csvAdmin)).status).toBe('SUCCEEDED');
    const ben = await t.gql(MEMBER, { id: await staffId('A101') }, hrA);
    expect(ben.data!.staffMember.placements).toEqual([
      { status: 'REQUESTED', startDate: day(-120), endDate: day(-60), hostTeamId: b.teamId },
    ]);
    const cat = await t.gql(MEMBER, { id: await staffId('A102') }, hrA);
    expect(cat.data!.staffMember.placements).toEqual([
      { status: 'APPROVED', startDate: day(-50), endDate: day(-20), hostTeamId: b.teamId },
    ]);

    const refused = await t.gql(
      `mutation($input: RequestPlacementInput!) { requestPlacement(input: $input) { id } }`,
      {
        input: {
          staffId: await staffId('A101'),
          hostTeamId: b.teamId,
          kind: 'SECONDMENT',
          startDate: day(-10),
          endDate: day(10),
          hoursPerWeek: 37.5,
          reason: 'Backdated',
        },
      },
      hrA,
    );
    expect(errorCode(refused)).toBe('BAD_USER_INPUT');
    expect(refused.errors![0].message).toMatch(/startDate: must not be in the past/);
  });

  it('imports past joint-role appointments (consented by the employer’s HR)', async () => {
    const csv = [
      'staff,jointRole,startDate,endDate,fte',
      `A100,${jointRoleTitle},2021-04-01,2022-03-31,0.5`,
    ].join('\n');
    expect((await imported(hrA, 'APPOINTMENTS', csv)).status).toBe('SUCCEEDED');
    const res = await t.gql(MEMBER, { id: await staffId('A100') }, hrA);
    expect(res.data!.staffMember.jointRoleAppointments).toEqual([
      { status: 'CONSENTED', startDate: '2021-04-01', endDate: '2022-03-31', fte: 0.5 },
    ]);
  });

  it('imports a past rota (published, shifts and assignments) and look-back rules see it from the next rota', async () => {
    const start = day(-7);
    const end = day(-1);
    const csv = [
      'team,rotaStart,rotaEnd,rotaName,date,shiftType,staff,minHeadcount',
      `ImportA Ward,${start},${end},Before go-live,${day(-2)},L,A100,1`,
      `ImportA Ward,${start},${end},Before go-live,${day(-1)},L,A100,1`,
      `ImportA Ward,${start},${end},Before go-live,${day(-1)},L,A101,1`,
      `ImportA Ward,${start},${end},Before go-live,${day(-1)},E,,2`,
    ].join('\n');
    const result = await imported(hrA, 'ROTAS', csv);
    expect(result).toMatchObject({ status: 'SUCCEEDED', rowsWritten: 4 });

    const [{ id: pastId }] = await t.dataSource.query(
      `SELECT id FROM rota WHERE team_id = $1 AND start_date = $2`,
      [a.teamId, start],
    );
    const rotas = await t.gql(
      `query($id: ID!) { rota(id: $id) { id name status startDate endDate
        shifts { localDate shiftType { code } assignments { staff { employeeNumber } } } } }`,
      { id: pastId },
      hrA,
    );
    if (rotas.errors) throw new Error(JSON.stringify(rotas.errors));
    const past = rotas.data!.rota;
    expect(past.name).toBe('Before go-live');
    expect(past).toMatchObject({ status: 'PUBLISHED', startDate: start, endDate: end });
    expect(past.shifts).toHaveLength(3);
    const lastLate = past.shifts.find((s: any) => s.localDate === day(-1) && s.shiftType.code === 'L');
    expect(lastLate.assignments.map((x: any) => x.staff.employeeNumber).sort()).toEqual(['A100', 'A101']);

    const checked = await t.gql(
      `query($id: ID!) { checkRota(rotaId: $id) { hardCount violations { ruleCode } } }`,
      { id: pastId },
      hrA,
    );
    expect(checked.errors).toBeUndefined();
    expect(checked.data!.checkRota.violations.map((v: any) => v.ruleCode)).toContain('COVER_MIN_HEADCOUNT');

    // Late yesterday (ends 22:30), early today (07:00): 8½ hours' rest — only history can tell.
    const rota = await createRota(t, a, today, day(6));
    const early = await addShift(t, a, rota.id, 'E', today);
    const res = assignedOf(await t.gql(ASSIGN, { shift: early.id, staff: await staffId('A100') }, a.manager));
    const codes = (res.violations ?? res.warnings).map((v: any) => v.ruleCode);
    expect(codes).toContain('DAILY_REST');
  });

  it('refuses rotas that have not ended (they are planned in the rota editor) and people with no basis at the team', async () => {
    const stranger = await insertStaff(t.dataSource, b.orgId, { email: 'stranger@example.org' });
    const csv = [
      'team,rotaStart,rotaEnd,date,shiftType,staff',
      `ImportA Ward,${day(-30)},${day(3)},${day(-30)},E,A100`,
      `ImportA Ward,${day(-60)},${day(-54)},${day(-60)},E,${stranger.email}`,
      `ImportA Ward,${day(-60)},${day(-54)},${day(-60)},X,A100`,
      // The same rota: created again after line 3's row was undone (no knock-on error).
      `ImportA Ward,${day(-60)},${day(-54)},${day(-59)},E,A100`,
    ].join('\n');
    const result = await imported(hrA, 'ROTAS', csv);
    expect(result).toMatchObject({ status: 'REJECTED', rowsTotal: 4, rowsValid: 1 });
    expect(result.errors.map((e: any) => [e.line, e.column, e.code])).toEqual([
      [2, 'rotaEnd', 'NOT_PAST'],
      [3, 'staff', 'BAD_USER_INPUT'],
      [4, 'shiftType', 'NOT_FOUND'],
    ]);
    const [{ n }] = await t.dataSource.query(
      `SELECT count(*)::int AS n FROM rota WHERE team_id = $1 AND start_date = $2`,
      [a.teamId, day(-60)],
    );
    expect(n).toBe(0);
  });

  it('an import left RUNNING by a stopped service is reported FAILED (INTERRUPTED) at the next import', async () => {
    const [{ id }] = await t.dataSource.query(
      `INSERT INTO data_import (kind, organisation_id, status, requested_by, created_at)
       VALUES ('STAFF', $1, 'RUNNING', 'hr-of-a', now() - interval '1 hour') RETURNING id`,
      [a.orgId],
    );
    await imported(hrA, 'STAFF', STAFF_HEADER, { dryRun: true });
    const res = await t.gql(
      `query($id: ID!) { import(id: $id) { status finishedAt errors { line code } } }`,
      { id },
      hrA,
    );
    expect(res.data!.import).toMatchObject({ status: 'FAILED', errors: [{ line: 1, code: 'INTERRUPTED' }] });
  });

  it('refuses a file over the row limit before looking at its rows', async () => {
    const lines = [STAFF_HEADER];
    for (let i = 0; i < 2001; i++)
      lines.push(`Over${i},Limit,,O${i},NURSING,Nurse,AGENDA_FOR_CHANGE,5,37.5,`);
    const result = await imported(hrA, 'STAFF', lines.join('\n'));
    expect(result).toMatchObject({ status: 'REJECTED', rowsTotal: 2001, rowsWritten: 0 });
    expect(result.errors.map((e: any) => e.code)).toEqual(['TOO_MANY_ROWS']);
  });

  it('writes a 2,000-row file in one request', async () => {
    const lines = [STAFF_HEADER];
    for (let i = 0; i < 2000; i++)
      lines.push(
        `Bulk${i},Loaded,bulk${i}@example.org,BULK${i},NURSING,Nurse,AGENDA_FOR_CHANGE,5,37.5,ImportA Ward`,
      );
    const started = Date.now();
    const result = await imported(hrA, 'STAFF', lines.join('\n'));
    const ms = Date.now() - started;
    process.stdout.write(`2,000-row staff import: ${ms} ms\n`);
    expect(result).toMatchObject({ status: 'SUCCEEDED', rowsTotal: 2000, rowsWritten: 2000 });
  }, 120_000);
});
