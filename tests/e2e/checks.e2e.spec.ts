import { Role } from '../../src/common/auth/actor.js';
import { OrganisationKind, Sector } from '../../src/modules/organisations/organisation.enums.js';
import { insertCredential, insertOrganisation, insertStaff, skillId } from '../fixtures/factories.js';
import {
  addShift,
  ASSIGN,
  assignedOf,
  createRota,
  rotaWorld,
  type RotaWorld,
} from '../fixtures/rota-setup.js';
import { errorCode, startTestApp, type TestApp } from '../fixtures/test-app.js';

const CHECK = `query($id: ID!, $codes: [RuleCode!]) { checkRota(rotaId: $id, ruleCodes: $codes) {
  hardCount softPenalty violations { ruleCode severity penalty staffId shiftIds windowStart windowEnd measured limit unit message staff { name } } } }`;
const UPDATE_TEAM = `mutation($input: UpdateTeamInput!) { updateTeam(input: $input) {
  ruleSet { preset overrides { ruleCode severity params { name value } } } } }`;

/** Inserts an assignment directly (setting up a rota that already breaks rules, as an imported one might). */
async function rosterDirectly(t: TestApp, shiftId: string, staffId: string): Promise<void> {
  await t.dataSource.query(
    `INSERT INTO assignment (shift_id, staff_id, basis, starts_at, ends_at, created_by)
     SELECT id, $2, 'EMPLOYMENT', starts_at, ends_at, 'import' FROM shift WHERE id = $1`,
    [shiftId, staffId],
  );
}

describe('the rota checker (GraphQL over HTTP)', () => {
  let t: TestApp;
  let w: RotaWorld;
  let admin: string;

  beforeAll(async () => {
    t = await startTestApp();
    w = await rotaWorld(t, 'Checks');
    admin = await t.adminToken();
  });
  afterAll(() => t.close());

  it('lists every rule with its parameters', async () => {
    const res = await t.gql(
      `{ ruleCatalogue { code scope unit defaultSeverity parameters { name unit } } }`,
      {},
      w.manager,
    );
    const byCode = new Map(res.data!.ruleCatalogue.map((r: any) => [r.code, r]));
    expect(byCode.size).toBe(36);
    expect(byCode.get('DAILY_REST')).toMatchObject({
      scope: 'STAFF',
      defaultSeverity: 'HARD',
      parameters: [{ name: 'minRestMinutes' }, { name: 'youngMinRestMinutes' }],
    });
    expect(byCode.get('COVER_TARGET')).toMatchObject({
      scope: 'SHIFT',
      unit: 'PEOPLE',
      defaultSeverity: 'SOFT',
    });
    expect(byCode.get('DAILY_REST')).toMatchObject({ unit: 'MINUTES' });
    expect(byCode.get('MAX_WEEKENDS')).toMatchObject({ unit: 'WEEKENDS' });
  });

  it('configures a team’s rule set, refusing unknown rules and parameters', async () => {
    const bad = await t.gql(
      UPDATE_TEAM,
      {
        input: {
          teamId: w.teamId,
          ruleSet: {
            preset: 'WTR_1998',
            overrides: [{ ruleCode: 'DAILY_REST', params: [{ name: 'minRestHours', value: 11 }] }],
          },
        },
      },
      w.manager,
    );
    expect(bad.errors![0].extensions).toMatchObject({
      code: 'BAD_USER_INPUT',
      field: 'input.ruleSet.overrides',
    });
    expect(bad.errors![0].message).toMatch(/no parameter minRestHours/);
    const unknown = await t.gql(
      UPDATE_TEAM,
      { input: { teamId: w.teamId, ruleSet: { preset: 'WTR_1998', overrides: [{ ruleCode: 'NAP_TIME' }] } } },
      w.manager,
    );
    expect(unknown.errors![0].message).toMatch(/NAP_TIME/);
    expect(unknown.errors![0].extensions).toMatchObject({
      code: 'BAD_USER_INPUT',
      field: 'input.ruleSet.overrides[0].ruleCode',
    });
    const ok = await t.gql(
      UPDATE_TEAM,
      {
        input: {
          teamId: w.teamId,
          ruleSet: {
            preset: 'WTR_1998',
            overrides: [
              { ruleCode: 'COVER_TARGET', severity: 'OFF' },
              { ruleCode: 'DAILY_REST', params: [{ name: 'minRestMinutes', value: 720 }] },
            ],
          },
        },
      },
      w.manager,
    );
    expect(ok.data!.updateTeam.ruleSet).toEqual({
      preset: 'WTR_1998',
      overrides: [
        { ruleCode: 'COVER_TARGET', severity: 'OFF', params: [] },
        { ruleCode: 'DAILY_REST', severity: null, params: [{ name: 'minRestMinutes', value: 720 }] },
      ],
    });
    const rota = await createRota(t, w, '2026-05-04', '2026-05-10');
    const nurse = await insertStaff(t.dataSource, w.orgId);
    await rosterDirectly(
      t,
      (await addShift(t, w, rota.id, 'L', '2026-05-05', { minHeadcount: 0 })).id,
      nurse.id,
    );
    await rosterDirectly(
      t,
      (await addShift(t, w, rota.id, 'LD', '2026-05-06', { start: undefined, minHeadcount: 0 })).id,
      nurse.id,
    );
    // 22:30 to 07:30 is 9 h; with the team's 12 h minimum that is 180 minutes short.
    const check = await t.gql(CHECK, { id: rota.id, codes: ['DAILY_REST', 'COVER_TARGET'] }, w.manager);
    expect(check.data!.checkRota.violations).toEqual([
      expect.objectContaining({ ruleCode: 'DAILY_REST', penalty: 180, limit: 720 }),
    ]);
    await t.gql(UPDATE_TEAM, { input: { teamId: w.teamId, ruleSet: { preset: 'WTR_1998' } } }, w.manager);
  });

  describe('a doctors’ rota', () => {
    let doctors: RotaWorld;
    let rotaId: string;
    let doctor: { id: string };

    beforeAll(async () => {
      doctors = await rotaWorld(t, 'Doctors');
      await t.gql(
        UPDATE_TEAM,
        { input: { teamId: doctors.teamId, ruleSet: { preset: 'NHS_DOCTORS_2016' } } },
        doctors.manager,
      );
      rotaId = (await createRota(t, doctors, '2026-06-01', '2026-06-28')).id;
      doctor = await insertStaff(t.dataSource, doctors.orgId, {
        staffGroup: 'MEDICAL' as never,
        ruleProfile: 'DOCTOR_IN_TRAINING' as never,
      });
      // Week 1: six long days Mon–Sat (LD 07:30–20:00 = 11.5 h work each) + Sunday early: 76.5 h in 168 h.
      for (const date of [
        '2026-06-01',
        '2026-06-02',
        '2026-06-03',
        '2026-06-04',
        '2026-06-05',
        '2026-06-06',
      ]) {
        await rosterDirectly(
          t,
          (await addShift(t, doctors, rotaId, 'LD', date, { minHeadcount: 0 })).id,
          doctor.id,
        );
      }
      await rosterDirectly(
        t,
        (await addShift(t, doctors, rotaId, 'E', '2026-06-07', { minHeadcount: 0 })).id,
        doctor.id,
      );
      // Week 3: nights Mon–Thu, then an early on Saturday (ends Fri 08:00, next Sat 07:00: 23 h rest).
      for (const date of ['2026-06-15', '2026-06-16', '2026-06-17', '2026-06-18']) {
        await rosterDirectly(
          t,
          (await addShift(t, doctors, rotaId, 'N', date, { minHeadcount: 0 })).id,
          doctor.id,
        );
      }
      await rosterDirectly(
        t,
        (await addShift(t, doctors, rotaId, 'E', '2026-06-20', { minHeadcount: 0 })).id,
        doctor.id,
      );
    });

    it('explains 72 h in 168, nights without 46 h rest, and weekends more often than one in three', async () => {
      const res = await t.gql(CHECK, { id: rotaId }, doctors.manager);
      expect(res.errors).toBeUndefined();
      const v = res.data!.checkRota.violations;
      const find = (code: string) => v.filter((x: any) => x.ruleCode === code);
      expect(find('MAX_HOURS_ROLLING_7_DAYS')).toEqual([
        expect.objectContaining({
          severity: 'HARD',
          penalty: 270,
          measured: 4590,
          limit: 4320,
          unit: 'MINUTES',
          staffId: doctor.id,
          windowStart: '2026-06-01T06:30:00.000Z',
        }),
      ]);
      expect(find('MAX_HOURS_ROLLING_7_DAYS')[0].message).toMatch(/76.5 h in the 168 hours/);
      expect(find('REST_AFTER_NIGHTS')).toEqual([
        expect.objectContaining({
          penalty: 2760 - 1380,
          measured: 1380,
          limit: 2760,
          windowStart: '2026-06-19T07:00:00.000Z',
        }),
      ]);
      expect(find('WEEKEND_FREQUENCY')).toEqual([expect.objectContaining({ penalty: 1, measured: 2 })]);
      expect(find('MAX_CONSECUTIVE_LONG_SHIFTS')[0]).toMatchObject({ measured: 6, limit: 4, penalty: 2 });
      expect(res.data!.checkRota.hardCount).toBe(v.filter((x: any) => x.severity === 'HARD').length);
      expect(v[0].staff).toBeDefined();
    });

    it('filters by rule code and refuses unknown codes', async () => {
      const only = await t.gql(CHECK, { id: rotaId, codes: ['WEEKEND_FREQUENCY'] }, doctors.manager);
      expect(only.data!.checkRota.violations.map((x: any) => x.ruleCode)).toEqual(['WEEKEND_FREQUENCY']);
      const bad = await t.gql(CHECK, { id: rotaId, codes: ['TEA_BREAK'] }, doctors.manager);
      expect(bad.errors![0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'codes[0]' });
    });

    it('refuses an assignment that breaks a hard rule, and records the override that lets it through', async () => {
      const extra = await addShift(t, doctors, rotaId, 'E', '2026-06-08', { minHeadcount: 0 });
      const preview = await t.gql(
        `query($s: ID!, $p: ID!) { previewAssignment(shiftId: $s, staffId: $p) { eligible hardCount basis violations { ruleCode } } }`,
        { s: extra.id, p: doctor.id },
        doctors.manager,
      );
      expect(preview.data!.previewAssignment).toMatchObject({ eligible: false, basis: 'EMPLOYMENT' });
      const codes: string[] = preview.data!.previewAssignment.violations.map((x: any) => x.ruleCode);
      expect(codes).toContain('MAX_CONSECUTIVE_SHIFTS');
      const refused = await t.gql(ASSIGN, { shift: extra.id, staff: doctor.id }, doctors.manager);
      expect(assignedOf(refused)).toMatchObject({ __typename: 'RuleViolations' });
      expect(
        await t.dataSource.query(`SELECT count(*)::int AS n FROM assignment WHERE shift_id = $1`, [extra.id]),
      ).toEqual([{ n: 0 }]);
      const hardCodes = [
        ...new Set(
          assignedOf(refused)
            .violations.filter((x: any) => x.severity === 'HARD')
            .map((x: any) => x.ruleCode),
        ),
      ] as string[];
      const partial = await t.gql(
        ASSIGN,
        {
          shift: extra.id,
          staff: doctor.id,
          override: { reason: 'Rota gap', ruleCodes: hardCodes.slice(1) },
        },
        doctors.manager,
      );
      expect(assignedOf(partial).__typename).toBe('RuleViolations');
      const ok = await t.gql(
        ASSIGN,
        {
          shift: extra.id,
          staff: doctor.id,
          override: {
            reason: 'No other registrar; agreed with the guardian of safe working',
            ruleCodes: hardCodes,
          },
        },
        doctors.manager,
      );
      expect(assignedOf(ok).__typename).toBe('Assignment');
      expect(
        assignedOf(ok)
          .overrides.map((o: any) => o.ruleCode)
          .sort(),
      ).toEqual([...hardCodes].sort());
      const rows = await t.dataSource.query(
        `SELECT rule_code, reason, overridden_by FROM rule_override WHERE assignment_id = $1 ORDER BY rule_code`,
        [assignedOf(ok).id],
      );
      expect(rows).toHaveLength(hardCodes.length);
      expect(rows[0].reason).toBe('No other registrar; agreed with the guardian of safe working');
    });

    it('refuses to publish while hard rules are broken, and publishes with an override naming them all (recorded)', async () => {
      const refused = await t.gql(
        `mutation($id: ID!) { publishRota(input: { rotaId: $id }) { __typename ... on RuleViolations { hardCount message violations { ruleCode } } } }`,
        { id: rotaId },
        doctors.manager,
      );
      expect(refused.data!.publishRota.__typename).toBe('RuleViolations');
      expect(refused.data!.publishRota.message).toMatch(/override/);
      const codes = [
        ...new Set(refused.data!.publishRota.violations.map((x: any) => x.ruleCode)),
      ] as string[];
      const published = await t.gql(
        `mutation($id: ID!, $o: OverrideInput) { publishRota(input: { rotaId: $id, override: $o }) { __typename ... on RotaEdit { rota { status overrides { ruleCode reason } } } } }`,
        { id: rotaId, o: { reason: 'Interim rota during the deanery transfer', ruleCodes: codes } },
        doctors.manager,
      );
      expect(published.data!.publishRota).toMatchObject({
        __typename: 'RotaEdit',
        rota: { status: 'PUBLISHED' },
      });
      // The rota keeps every waiver: those made at publication, with its reason, beside earlier ones.
      const atPublication = published.data!.publishRota.rota.overrides.filter(
        (o: any) => o.reason === 'Interim rota during the deanery transfer',
      );
      expect([...new Set(atPublication.map((o: any) => o.ruleCode))].sort()).toEqual([...codes].sort());
    });
  });

  it('refuses a care worker at the council’s team without a placement, and flags one rostered there anyway', async () => {
    const council = await rotaWorld(t, 'Council');
    await t.dataSource.query(
      `UPDATE organisation SET kind = 'LOCAL_AUTHORITY', sector = 'SOCIAL_CARE' WHERE id = $1`,
      [council.orgId],
    );
    const provider = await insertOrganisation(t.dataSource, {
      name: 'Carers Ltd',
      kind: OrganisationKind.INDEPENDENT_CARE_PROVIDER,
      sector: Sector.SOCIAL_CARE,
    });
    const carer = await insertStaff(t.dataSource, provider.id, { staffGroup: 'CARE_AND_SUPPORT' as never });
    const rota = await createRota(t, council, '2026-07-06', '2026-07-12');
    const shift = await addShift(t, council, rota.id, 'E', '2026-07-07');
    const res = await t.gql(
      ASSIGN,
      {
        shift: shift.id,
        staff: carer.id,
        override: { reason: 'Short staffed', ruleCodes: ['NOT_AUTHORISED_AT_TEAM'] },
      },
      council.manager,
    );
    expect(assignedOf(res)).toMatchObject({
      __typename: 'RuleViolations',
      message: expect.stringMatching(/cannot be overridden/),
    });
    expect(assignedOf(res).violations).toContainEqual(
      expect.objectContaining({ ruleCode: 'NOT_AUTHORISED_AT_TEAM', staffId: carer.id }),
    );
    await rosterDirectly(t, shift.id, carer.id);
    const check = await t.gql(CHECK, { id: rota.id, codes: ['NOT_AUTHORISED_AT_TEAM'] }, council.manager);
    expect(check.data!.checkRota.violations).toEqual([
      expect.objectContaining({ penalty: 1, staffId: carer.id, shiftIds: [shift.id] }),
    ]);
  });

  it('treats skill mix as a matching: one nurse cannot fill two slots', async () => {
    const rota = await createRota(t, w, '2026-07-13', '2026-07-19');
    const nmc = await skillId(t.dataSource, 'NMC_REGISTRATION');
    const med = await skillId(t.dataSource, 'MEDICATION_ADMINISTRATION');
    const shift = await addShift(t, w, rota.id, 'E', '2026-07-14', {
      minHeadcount: 0,
      skillMix: [
        { skillId: nmc, count: 1 },
        { skillId: med, count: 1 },
      ],
    });
    const both = await insertStaff(t.dataSource, w.orgId, { familyName: 'Both' });
    const neither = await insertStaff(t.dataSource, w.orgId, { familyName: 'Neither' });
    await insertCredential(t.dataSource, {
      staffId: both.id,
      skillId: nmc,
      verifiedByOrganisationId: w.orgId,
    });
    await insertCredential(t.dataSource, {
      staffId: both.id,
      skillId: med,
      verifiedByOrganisationId: w.orgId,
    });
    await rosterDirectly(t, shift.id, both.id);
    await rosterDirectly(t, shift.id, neither.id);
    const check = await t.gql(CHECK, { id: rota.id, codes: ['COVER_SKILL_MIX'] }, w.manager);
    expect(check.data!.checkRota.violations).toEqual([
      expect.objectContaining({ penalty: 1, measured: 1, limit: 2 }),
    ]);
    const medic = await insertStaff(t.dataSource, w.orgId, { familyName: 'Medic' });
    await insertCredential(t.dataSource, {
      staffId: medic.id,
      skillId: med,
      verifiedByOrganisationId: w.orgId,
    });
    const preview = await t.gql(
      `query($s: ID!, $p: ID!) { previewAssignment(shiftId: $s, staffId: $p) { resolved { ruleCode penalty } violations { ruleCode } } }`,
      { s: shift.id, p: medic.id },
      w.manager,
    );
    expect(preview.data!.previewAssignment.resolved).toContainEqual({
      ruleCode: 'COVER_SKILL_MIX',
      penalty: 1,
    });
    expect(preview.data!.previewAssignment.violations.map((x: any) => x.ruleCode)).not.toContain(
      'COVER_SKILL_MIX',
    );
  });

  it('ranks who can cover a shift: eligible first, with reasons for the others', async () => {
    const rota = await createRota(t, w, '2026-07-20', '2026-07-26');
    const shift = await addShift(t, w, rota.id, 'E', '2026-07-22', { minHeadcount: 1, targetHeadcount: 1 });
    const busy = await insertStaff(t.dataSource, w.orgId, { familyName: 'Busy' });
    const away = await insertStaff(t.dataSource, w.orgId, { familyName: 'Away' });
    await insertStaff(t.dataSource, w.orgId, { familyName: 'Free' });
    const late = await addShift(t, w, rota.id, 'L', '2026-07-21', { minHeadcount: 0 });
    await rosterDirectly(t, late.id, busy.id);
    await t.dataSource.query(
      `INSERT INTO absence (staff_id, kind, start_date, end_date, status, requested_by, decided_by, decided_at) VALUES ($1, 'SICKNESS', '2026-07-20', '2026-07-24', 'APPROVED', 'x', 'y', now())`,
      [away.id],
    );
    const res = await t.gql(
      `query($s: ID!) { eligibleStaff(shiftId: $s, first: 500) { eligible basis softPenaltyDelta staff { familyName } violations { ruleCode severity } } }`,
      { s: shift.id },
      w.manager,
    );
    const list = res.data!.eligibleStaff;
    const position = (name: string) => list.findIndex((c: any) => c.staff.familyName === name);
    expect(list[position('Free')]).toMatchObject({ eligible: true, basis: 'EMPLOYMENT' });
    expect(list[position('Away')]).toMatchObject({
      eligible: false,
      violations: expect.arrayContaining([{ ruleCode: 'ON_ABSENCE', severity: 'HARD' }]),
    });
    expect(list[position('Busy')].violations.map((v: any) => v.ruleCode)).toEqual(
      expect.arrayContaining(['DAILY_REST']),
    );
    expect(position('Free')).toBeLessThan(position('Away'));
    const lastEligible = list.map((c: any) => c.eligible).lastIndexOf(true);
    const firstIneligible = list.findIndex((c: any) => !c.eligible);
    expect(firstIneligible === -1 || lastEligible < firstIneligible).toBe(true);
    const capped = await t.gql(
      `query($s: ID!) { eligibleStaff(shiftId: $s, first: 2) { staff { id } } }`,
      { s: shift.id },
      w.manager,
    );
    expect(capped.data!.eligibleStaff).toHaveLength(2);
    expect(
      errorCode(
        await t.gql(
          `query($s: ID!) { eligibleStaff(shiftId: $s, first: 0) { eligible } }`,
          { s: shift.id },
          w.manager,
        ),
      ),
    ).toBe('BAD_USER_INPUT');
  });

  it('lets only those who oversee the team check it', async () => {
    const rota = await createRota(t, w, '2026-08-31', '2026-09-06');
    const stranger = await t.token({
      roles: [Role.MANAGER],
      teamIds: ['0b7a4b43-5d8e-4f1a-9c3b-2f6a1d9e8c7b'],
    });
    expect(errorCode(await t.gql(CHECK, { id: rota.id }, stranger))).toBe('FORBIDDEN');
    const hr = await t.token({ roles: [Role.HR], organisationIds: [w.orgId] });
    expect((await t.gql(CHECK, { id: rota.id }, hr)).data!.checkRota.hardCount).toBe(0);
    expect((await t.gql(CHECK, { id: rota.id }, admin)).errors).toBeUndefined();
  });
});
