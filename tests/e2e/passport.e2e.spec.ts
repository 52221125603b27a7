import { Role } from '../../src/common/auth/actor.js';
import { OrganisationKind, Sector } from '../../src/modules/organisations/organisation.enums.js';
import { addDays, localDateOf } from '../../src/rota-core/dates.js';
import { insertCredential, insertOrganisation, insertStaff, skillId } from '../fixtures/factories.js';
import { addShift, createRota, rotaWorld, type RotaWorld } from '../fixtures/rota-setup.js';
import { errorCode, startTestApp, type TestApp } from '../fixtures/test-app.js';

const RECORD = `mutation($input: RecordCredentialInput!) {
  recordCredential(input: $input) { id obtainedOn expiresOn evidenceReference status skill { code } verifiedByOrganisation { id } }
}`;
const REVOKE = `mutation($id: ID!, $reason: String!) { revokeCredential(input: { credentialId: $id, reason: $reason }) { id status revocationReason } }`;
const ACCEPT = `mutation($input: PassportAcceptanceInput!) {
  setPassportAcceptance(input: $input) {
    organisationId sector version skills { code } verifyingOrganisations { id }
  }
}`;
const CHANGE = `mutation($input: PassportAcceptanceChangeInput!) {
  changePassportAcceptance(input: $input) {
    version skills { code } verifyingOrganisations { id }
  }
}`;
/** An organisation, the version read and the change: one input, as the mutations take it. */
const acceptanceVars = ({ org, v, input }: { org: string; v?: number | null; input: object }) => ({
  input: { ...input, organisationId: org, ...(v === undefined ? {} : { expectedVersion: v }) },
});
const DECIDE = `id acceptance status recordedBy { id } decidedBy { id } decidedAt declineReason`;
const READINESS = `query($staff: ID!, $team: ID!, $on: LocalDate) {
  passportReadiness(staffId: $staff, teamId: $team, on: $on) {
    ready on gaps { reason expiresOn credentialId skill { code } } staff { id } team { id }
  }
}`;

describe('skills passport (GraphQL over HTTP)', () => {
  let t: TestApp;
  let admin: string;
  let trust: { id: string };
  let council: { id: string };
  let provider: { id: string };
  let reablement: { id: string };
  let hrTrust: string;
  let hrCouncil: string;
  let MH: string;
  let DBS: string;

  beforeAll(async () => {
    t = await startTestApp();
    admin = await t.adminToken();
    trust = await insertOrganisation(t.dataSource, { name: 'Passport Trust' });
    council = await insertOrganisation(t.dataSource, {
      name: 'Passport Council',
      kind: OrganisationKind.LOCAL_AUTHORITY,
      sector: Sector.SOCIAL_CARE,
    });
    provider = await insertOrganisation(t.dataSource, {
      name: 'Passport Care Ltd',
      kind: OrganisationKind.INDEPENDENT_CARE_PROVIDER,
      sector: Sector.SOCIAL_CARE,
    });
    hrTrust = await t.token({ roles: [Role.HR], organisationIds: [trust.id] });
    hrCouncil = await t.token({ roles: [Role.HR], organisationIds: [council.id] });
    MH = await skillId(t.dataSource, 'CSTF_MOVING_HANDLING_L2');
    DBS = await skillId(t.dataSource, 'DBS_ENHANCED_ADULTS_BARRED');
    const team = await t.gql(
      `mutation($input: CreateTeamInput!) { createTeam(input: $input) { id requiredSkills { code } } }`,
      {
        input: {
          organisationId: council.id,
          name: 'Reablement West',
          kind: 'REABLEMENT',
          requiredSkillIds: [MH, DBS],
        },
      },
      admin,
    );
    expect(team.data!.createTeam.requiredSkills.map((s: any) => s.code)).toEqual([
      'CSTF_MOVING_HANDLING_L2',
      'DBS_ENHANCED_ADULTS_BARRED',
    ]);
    reablement = team.data!.createTeam;
  });
  afterAll(() => t.close());

  /** setPassportAcceptance from the version the organisation is at now (a fresh read). */
  const setAcceptance = async (
    vars: { org: string; input: { skillIds: string[]; verifyingOrganisationIds: string[] } },
    token: string,
  ) => {
    const [row] = await t.dataSource.query(
      'SELECT passport_acceptance_version AS v FROM organisation WHERE id = $1',
      [vars.org],
    );
    return t.gql(ACCEPT, acceptanceVars({ ...vars, v: row?.v ?? 0 }), token);
  };

  const credentialCount = async (): Promise<number> =>
    Number((await t.dataSource.query('SELECT count(*)::int AS n FROM credential'))[0].n);

  describe('catalogue', () => {
    it('is seeded with CSTF subjects, Care Certificate standards, registrations and checks', async () => {
      const res = await t.gql(`{ skills { code kind defaultValidityMonths } }`, {}, hrTrust);
      const byCode = new Map(res.data!.skills.map((s: any) => [s.code, s]));
      expect(byCode.get('CSTF_FIRE_SAFETY')).toEqual({
        code: 'CSTF_FIRE_SAFETY',
        kind: 'MANDATORY_TRAINING',
        defaultValidityMonths: 24,
      });
      expect(byCode.get('CC_STD16_LEARNING_DISABILITY_AUTISM')).toMatchObject({
        kind: 'CARE_CERTIFICATE',
        defaultValidityMonths: null,
      });
      for (const code of ['NMC_REGISTRATION', 'HCPC_REGISTRATION', 'GMC_LICENCE', 'SWE_REGISTRATION']) {
        expect(byCode.get(code)).toMatchObject({ kind: 'REGISTRATION' });
      }
      for (const code of ['DBS_BASIC', 'DBS_ENHANCED_BOTH_BARRED', 'RIGHT_TO_WORK']) {
        expect(byCode.get(code)).toMatchObject({ kind: 'EMPLOYMENT_CHECK' });
      }
      const registrations = await t.gql(`{ skills(filter: { kind: REGISTRATION }) { code } }`, {}, hrTrust);
      expect(registrations.data!.skills.map((s: any) => s.code).sort()).toEqual([
        'GMC_LICENCE',
        'HCPC_REGISTRATION',
        'NMC_REGISTRATION',
        'SWE_REGISTRATION',
      ]);
    });

    it('adds a skill, refusing a duplicate code and a bad one', async () => {
      const q = `mutation($input: CreateSkillInput!) { createSkill(input: $input) { code defaultValidityMonths } }`;
      const ok = await t.gql(
        q,
        {
          input: {
            code: 'STOMA_CARE',
            name: 'Stoma care',
            kind: 'CLINICAL_COMPETENCY',
            defaultValidityMonths: 24,
          },
        },
        hrTrust,
      );
      expect(ok.data!.createSkill).toEqual({ code: 'STOMA_CARE', defaultValidityMonths: 24 });
      const dup = await t.gql(
        q,
        { input: { code: 'STOMA_CARE', name: 'Again', kind: 'CLINICAL_COMPETENCY' } },
        hrTrust,
      );
      expect(errorCode(dup)).toBe('CONFLICT');
      const bad = await t.gql(
        q,
        { input: { code: 'stoma care', name: 'x', kind: 'CLINICAL_COMPETENCY' } },
        hrTrust,
      );
      expect(bad.errors![0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.code' });
      const staffToken = await t.token({ roles: [Role.STAFF] });
      expect(
        errorCode(await t.gql(q, { input: { code: 'NOPE', name: 'x', kind: 'QUALIFICATION' } }, staffToken)),
      ).toBe('FORBIDDEN');
    });
  });

  describe('recordCredential', () => {
    it('records a credential, taking the expiry from the skill’s default validity', async () => {
      const staff = await insertStaff(t.dataSource, trust.id);
      const res = await t.gql(
        RECORD,
        {
          input: {
            staffId: staff.id,
            skillId: MH,
            obtainedOn: '2025-03-31',
            verifiedByOrganisationId: trust.id,
            evidenceReference: 'MH-2025-0042',
          },
        },
        hrTrust,
      );
      expect(res.errors).toBeUndefined();
      expect(res.data!.recordCredential).toMatchObject({
        obtainedOn: '2025-03-31',
        expiresOn: '2027-03-31',
        evidenceReference: 'MH-2025-0042',
        skill: { code: 'CSTF_MOVING_HANDLING_L2' },
        verifiedByOrganisation: { id: trust.id },
      });
    });

    it.each([
      [{ expiresOn: '2025-03-31' }, 'input.expiresOn'],
      [{ expiresOn: '2025-03-30' }, 'input.expiresOn'],
      [{ obtainedOn: '2999-01-01' }, 'input.obtainedOn'],
      [{ verifiedAt: '2999-01-01T00:00:00Z' }, 'input.verifiedAt'],
      [{ evidenceReference: 'x'.repeat(201) }, 'input.evidenceReference'],
    ])('refuses %j with BAD_USER_INPUT naming %s, writing nothing', async (change, field) => {
      const staff = await insertStaff(t.dataSource, trust.id);
      const before = await credentialCount();
      const res = await t.gql(
        RECORD,
        {
          input: {
            staffId: staff.id,
            skillId: MH,
            obtainedOn: '2025-03-31',
            verifiedByOrganisationId: trust.id,
            ...change,
          },
        },
        hrTrust,
      );
      expect(errorCode(res)).toBe('BAD_USER_INPUT');
      expect(res.errors![0].extensions.field).toBe(field);
      expect(await credentialCount()).toBe(before);
    });

    it('refuses malformed dates', async () => {
      const staff = await insertStaff(t.dataSource, trust.id);
      const res = await t.gql(
        RECORD,
        {
          input: {
            staffId: staff.id,
            skillId: MH,
            obtainedOn: '31/03/2025',
            verifiedByOrganisationId: trust.id,
          },
        },
        hrTrust,
      );
      expect(errorCode(res)).toBe('BAD_USER_INPUT');
      expect(res.errors![0].message).toMatch(/obtainedOn/);
    });

    it.each([
      ['skillId', 'input.skillId'],
      ['staffId', 'input.staffId'],
      ['verifiedByOrganisationId', 'input.verifiedByOrganisationId'],
    ])('answers NOT_FOUND for an unknown %s', async (key, field) => {
      const staff = await insertStaff(t.dataSource, trust.id);
      const input = {
        staffId: staff.id,
        skillId: MH,
        obtainedOn: '2025-03-31',
        verifiedByOrganisationId: trust.id,
        [key]: '0b7a4b43-5d8e-4f1a-9c3b-2f6a1d9e8c7b',
      };
      const res = await t.gql(RECORD, { input }, admin);
      expect(errorCode(res)).toBe('NOT_FOUND');
      expect(res.errors![0].extensions.field).toBe(field);
    });

    it('refuses the same credential twice (CONFLICT) but allows a renewal that overlaps', async () => {
      const staff = await insertStaff(t.dataSource, trust.id);
      const input = {
        staffId: staff.id,
        skillId: MH,
        obtainedOn: '2024-06-01',
        verifiedByOrganisationId: trust.id,
      };
      expect((await t.gql(RECORD, { input }, hrTrust)).errors).toBeUndefined();
      const before = await credentialCount();
      const dup = await t.gql(RECORD, { input: { ...input, expiresOn: '2030-01-01' } }, hrTrust);
      expect(errorCode(dup)).toBe('CONFLICT');
      expect(await credentialCount()).toBe(before);
      const renewal = await t.gql(RECORD, { input: { ...input, obtainedOn: '2026-05-01' } }, hrTrust);
      expect(renewal.errors).toBeUndefined();
    });

    it('lets HR verify only for their own organisation', async () => {
      const staff = await insertStaff(t.dataSource, trust.id);
      const res = await t.gql(
        RECORD,
        {
          input: {
            staffId: staff.id,
            skillId: MH,
            obtainedOn: '2025-01-01',
            verifiedByOrganisationId: trust.id,
          },
        },
        hrCouncil,
      );
      expect(errorCode(res)).toBe('FORBIDDEN');
    });

    it('revokes a credential once, keeping it, and it stops counting', async () => {
      const staff = await insertStaff(t.dataSource, trust.id);
      const c = await insertCredential(t.dataSource, {
        staffId: staff.id,
        skillId: MH,
        verifiedByOrganisationId: trust.id,
      });
      expect(errorCode(await t.gql(REVOKE, { id: c.id, reason: 'Wrong person' }, hrCouncil))).toBe(
        'FORBIDDEN',
      );
      expect(errorCode(await t.gql(REVOKE, { id: c.id, reason: '  ' }, hrTrust))).toBe('BAD_USER_INPUT');
      const res = await t.gql(REVOKE, { id: c.id, reason: 'Certificate could not be verified' }, hrTrust);
      expect(res.data!.revokeCredential).toMatchObject({
        status: 'REVOKED',
        revocationReason: 'Certificate could not be verified',
      });
      const again = await t.gql(REVOKE, { id: c.id, reason: 'Twice' }, hrTrust);
      expect(errorCode(again)).toBe('CONFLICT');
      const q = `query($id: ID!) { staffMember(id: $id) { credentials { id } all: credentials(includeRevoked: true) { id } } }`;
      const listed = await t.gql(q, { id: staff.id }, hrTrust);
      expect(listed.data!.staffMember).toEqual({ credentials: [], all: [{ id: c.id }] });
    });
  });

  describe('passportReadiness across the sector boundary', () => {
    let worker: { id: string };

    beforeAll(async () => {
      // A trust health-care assistant whose moving-and-handling is trust-verified and DBS council-verified.
      worker = await insertStaff(t.dataSource, trust.id, { familyName: 'Crossover' });
      await insertCredential(t.dataSource, {
        staffId: worker.id,
        skillId: MH,
        verifiedByOrganisationId: trust.id,
        obtainedOn: '2025-01-15',
        expiresOn: '2027-01-15',
      });
      await insertCredential(t.dataSource, {
        staffId: worker.id,
        skillId: DBS,
        verifiedByOrganisationId: council.id,
        obtainedOn: '2024-03-01',
        expiresOn: '2027-03-01',
      });
    });

    const readiness = async (on: string) =>
      (await t.gql(READINESS, { staff: worker.id, team: reablement.id, on }, admin)).data!.passportReadiness;

    it('does not accept a health-verified credential at a council team by default', async () => {
      await setAcceptance(
        { org: council.id, input: { skillIds: [], verifyingOrganisationIds: [] } },
        hrCouncil,
      );
      const r = await readiness('2026-06-01');
      expect(r.ready).toBe(false);
      expect(r.gaps).toEqual([
        {
          reason: 'NOT_ACCEPTED',
          expiresOn: '2027-01-15',
          credentialId: expect.any(String),
          skill: { code: 'CSTF_MOVING_HANDLING_L2' },
        },
      ]);
    });

    it('accepts it once the council lists the skill, or the verifying trust', async () => {
      const bySkill = await setAcceptance(
        { org: council.id, input: { skillIds: [MH], verifyingOrganisationIds: [] } },
        hrCouncil,
      );
      expect(bySkill.data!.setPassportAcceptance).toMatchObject({
        sector: 'SOCIAL_CARE',
        skills: [{ code: 'CSTF_MOVING_HANDLING_L2' }],
      });
      expect((await readiness('2026-06-01')).ready).toBe(true);
      await setAcceptance(
        { org: council.id, input: { skillIds: [], verifyingOrganisationIds: [trust.id] } },
        hrCouncil,
      );
      const r = await readiness('2026-06-01');
      expect(r).toMatchObject({
        ready: true,
        gaps: [],
        on: '2026-06-01',
        staff: { id: worker.id },
        team: { id: reablement.id },
      });
    });

    it('is valid the day before expiry and EXPIRED on the expiry date', async () => {
      await setAcceptance(
        { org: council.id, input: { skillIds: [MH], verifyingOrganisationIds: [] } },
        hrCouncil,
      );
      expect((await readiness('2027-01-14')).ready).toBe(true);
      const onExpiry = await readiness('2027-01-15');
      expect(onExpiry.ready).toBe(false);
      expect(onExpiry.gaps).toEqual([
        {
          reason: 'EXPIRED',
          expiresOn: '2027-01-15',
          credentialId: expect.any(String),
          skill: { code: 'CSTF_MOVING_HANDLING_L2' },
        },
      ]);
    });

    it('reports MISSING before a credential was obtained', async () => {
      const r = await readiness('2024-02-01');
      expect(r.gaps.map((g: any) => [g.skill.code, g.reason])).toEqual([
        ['CSTF_MOVING_HANDLING_L2', 'MISSING'],
        ['DBS_ENHANCED_ADULTS_BARRED', 'MISSING'],
      ]);
    });

    it('shows what an organisation accepts on the organisation itself', async () => {
      await setAcceptance(
        { org: council.id, input: { skillIds: [MH], verifyingOrganisationIds: [trust.id] } },
        hrCouncil,
      );
      const res = await t.gql(
        `query($id: ID!) { organisation(id: $id) { passportAcceptance { skills { code } verifyingOrganisations { id } } } }`,
        { id: council.id },
        admin,
      );
      expect(res.data!.organisation.passportAcceptance).toEqual({
        skills: [{ code: 'CSTF_MOVING_HANDLING_L2' }],
        verifyingOrganisations: [{ id: trust.id }],
      });
    });

    it('refuses to list a same-sector verifier (always accepted) and other organisations’ HR', async () => {
      const same = await setAcceptance(
        { org: council.id, input: { skillIds: [], verifyingOrganisationIds: [provider.id] } },
        hrCouncil,
      );
      expect(same.errors![0].extensions).toMatchObject({
        code: 'BAD_USER_INPUT',
        field: 'input.verifyingOrganisationIds',
      });
      const unknownSkill = await setAcceptance(
        {
          org: council.id,
          input: { skillIds: ['0b7a4b43-5d8e-4f1a-9c3b-2f6a1d9e8c7b'], verifyingOrganisationIds: [] },
        },
        hrCouncil,
      );
      expect(unknownSkill.errors![0].extensions).toMatchObject({
        code: 'NOT_FOUND',
        field: 'input.skillIds',
      });
      expect(
        errorCode(
          await setAcceptance(
            { org: council.id, input: { skillIds: [], verifyingOrganisationIds: [] } },
            hrTrust,
          ),
        ),
      ).toBe('FORBIDDEN');
      // the failed calls changed nothing
      const rows = await t.dataSource.query(
        'SELECT count(*)::int AS n FROM passport_acceptance WHERE organisation_id = $1',
        [council.id],
      );
      expect(rows[0].n).toBe(2);
    });

    it('answers NOT_FOUND for unknown people and teams, and FORBIDDEN outside your scope', async () => {
      const unknown = '0b7a4b43-5d8e-4f1a-9c3b-2f6a1d9e8c7b';
      expect(errorCode(await t.gql(READINESS, { staff: unknown, team: reablement.id }, admin))).toBe(
        'NOT_FOUND',
      );
      expect(errorCode(await t.gql(READINESS, { staff: worker.id, team: unknown }, admin))).toBe('NOT_FOUND');
      const stranger = await t.token({ roles: [Role.STAFF] });
      expect(errorCode(await t.gql(READINESS, { staff: worker.id, team: reablement.id }, stranger))).toBe(
        'FORBIDDEN',
      );
      const hostManager = await t.token({
        roles: [Role.MANAGER],
        organisationIds: [council.id],
        teamIds: [reablement.id],
      });
      // A team's manager may not look into anybody's passport: only someone on their way to or working there.
      const ask = () =>
        t.gql(READINESS, { staff: worker.id, team: reablement.id, on: '2026-06-01' }, hostManager);
      expect(errorCode(await ask())).toBe('FORBIDDEN');
      const requested = await t.gql(
        `mutation($input: RequestPlacementInput!) { requestPlacement(input: $input) { id } }`,
        {
          input: {
            staffId: worker.id,
            hostTeamId: reablement.id,
            kind: 'ROTATION',
            startDate: '2030-06-03',
            endDate: '2030-06-30',
            hoursPerWeek: 30,
            reason: 'Trusted assessor training',
          },
        },
        admin,
      );
      expect(requested.errors).toBeUndefined();
      expect((await ask()).data!.passportReadiness).toMatchObject({
        staff: { id: worker.id },
        on: '2026-06-01',
      });
    });
  });

  // Security review (high): HR of an unrelated care provider recorded — and verified themselves — a DBS check for
  // a council employee; the expired-DBS gap cleared and the council counted them ready.
  describe('credentials attested for another organisation’s staff', () => {
    const today = localDateOf(new Date());
    const shiftDate = addDays(today, 7);
    let w: RotaWorld;
    let carer: string;
    let hrEmployer: string;
    let hrProvider: string;
    let shiftId: string;
    let attested: string;

    const record = (input: Record<string, unknown>, token: string) =>
      t.gql(
        `mutation($input: RecordCredentialInput!) { recordCredential(input: $input) { ${DECIDE} } }`,
        { input },
        token,
      );
    const decide = (
      op: 'acceptCredential' | 'declineCredential',
      id: string,
      token: string,
      reason?: string,
    ) =>
      t.gql(
        op === 'acceptCredential'
          ? `mutation($id: ID!) { acceptCredential(input: { credentialId: $id }) { ${DECIDE} } }`
          : `mutation($id: ID!, $reason: String!) { declineCredential(input: { credentialId: $id, reason: $reason }) { ${DECIDE} } }`,
        { id, reason },
        token,
      );
    const dbsGap = async () =>
      (await t.gql(READINESS, { staff: carer, team: w.teamId, on: shiftDate }, admin)).data!
        .passportReadiness;
    const previewRules = async () =>
      (
        await t.gql(
          `query($shift: ID!, $staff: ID!) { previewAssignment(shiftId: $shift, staffId: $staff) { violations { ruleCode } } }`,
          { shift: shiftId, staff: carer },
          w.manager,
        )
      ).data!.previewAssignment.violations.map((v: any) => v.ruleCode);

    beforeAll(async () => {
      // A council reablement team that requires an enhanced DBS with the adults' barred list.
      w = await rotaWorld(t, 'Attest');
      await t.dataSource.query(
        `UPDATE organisation SET kind = 'LOCAL_AUTHORITY', sector = 'SOCIAL_CARE' WHERE id = $1`,
        [w.orgId],
      );
      await t.dataSource.query(`INSERT INTO team_required_skill (team_id, skill_id) VALUES ($1, $2)`, [
        w.teamId,
        DBS,
      ]);
      carer = (await insertStaff(t.dataSource, w.orgId, { homeTeamId: w.teamId, contractedHoursPerWeek: 0 }))
        .id;
      await insertCredential(t.dataSource, {
        staffId: carer,
        skillId: DBS,
        verifiedByOrganisationId: w.orgId,
        obtainedOn: addDays(today, -1100),
        expiresOn: addDays(today, -10),
      });
      hrEmployer = await t.token({ roles: [Role.HR], organisationIds: [w.orgId], subject: 'hr-employer' });
      hrProvider = await t.token({
        roles: [Role.HR],
        organisationIds: [provider.id],
        subject: 'hr-provider',
      });
      const rota = await createRota(t, w, shiftDate, addDays(shiftDate, 6));
      shiftId = (await addShift(t, w, rota.id, 'E', shiftDate)).id;
    });

    it('lets HR of an unrelated provider attest a DBS check, but the gap stays until the employer accepts it', async () => {
      const res = await record(
        {
          staffId: carer,
          skillId: DBS,
          obtainedOn: addDays(today, -5),
          verifiedByOrganisationId: provider.id,
        },
        hrProvider,
      );
      expect(res.errors).toBeUndefined();
      expect(res.data!.recordCredential).toMatchObject({
        acceptance: 'PENDING_ACCEPTANCE',
        status: 'PENDING_ACCEPTANCE',
        recordedBy: { id: 'hr-provider' },
        decidedBy: null,
      });
      attested = res.data!.recordCredential.id;

      // Readiness, the SKILL_REQUIRED rule, the directory's skill search and the expiry report all ignore it.
      const r = await dbsGap();
      expect(r.ready).toBe(false);
      expect(r.gaps).toEqual([
        expect.objectContaining({ reason: 'EXPIRED', skill: { code: 'DBS_ENHANCED_ADULTS_BARRED' } }),
      ]);
      expect(await previewRules()).toContain('SKILL_REQUIRED');
      const search = await t.gql(
        `query($org: ID!, $skill: ID!, $on: LocalDate) { staff(filter: { organisationId: $org, skillId: $skill, validOn: $on }) { edges { node { id } } } }`,
        { org: w.orgId, skill: DBS, on: shiftDate },
        hrEmployer,
      );
      expect(search.data!.staff.edges).toEqual([]);
      const expiry = await t.gql(
        `query($org: ID) { credentialExpiryReport(withinDays: 0, organisationId: $org) { credentials { staffId skillCode status } } }`,
        { org: w.orgId },
        hrEmployer,
      );
      expect(expiry.data!.credentialExpiryReport.credentials).toEqual([
        { staffId: carer, skillCode: 'DBS_ENHANCED_ADULTS_BARRED', status: 'EXPIRED' },
      ]);
      // The employer's HR sees it waiting.
      const waiting = await t.gql(
        `query($org: ID!) { credentialsAwaitingAcceptance(organisationId: $org) { totalCount edges { node { id staff { id } verifiedByOrganisation { id } } } } }`,
        { org: w.orgId },
        hrEmployer,
      );
      expect(waiting.data!.credentialsAwaitingAcceptance).toEqual({
        totalCount: 1,
        edges: [
          { node: { id: attested, staff: { id: carer }, verifiedByOrganisation: { id: provider.id } } },
        ],
      });
    });

    it('is accepted only by HR of the employer (FORBIDDEN for anyone else), once (CONFLICT naming the status)', async () => {
      expect(errorCode(await decide('acceptCredential', attested, hrProvider))).toBe('FORBIDDEN');
      expect(errorCode(await decide('acceptCredential', attested, hrCouncil))).toBe('FORBIDDEN');
      expect(errorCode(await decide('declineCredential', attested, hrProvider, 'Not ours'))).toBe(
        'FORBIDDEN',
      );
      expect((await dbsGap()).ready).toBe(false);
      const ok = await decide('acceptCredential', attested, hrEmployer);
      expect(ok.data!.acceptCredential).toMatchObject({
        acceptance: 'ACCEPTED',
        status: 'VALID',
        decidedBy: { id: 'hr-employer' },
        decidedAt: expect.any(String),
      });
      expect((await dbsGap()).ready).toBe(true);
      expect(await previewRules()).not.toContain('SKILL_REQUIRED');
      const again = await decide('acceptCredential', attested, hrEmployer);
      expect(again.errors![0].extensions).toMatchObject({ code: 'CONFLICT', status: 'ACCEPTED' });
      expect(
        (await decide('declineCredential', attested, hrEmployer, 'Changed my mind')).errors![0].extensions,
      ).toMatchObject({ code: 'CONFLICT', status: 'ACCEPTED' });
    });

    it('is declined with a reason and then never counts; the date is free for a corrected one', async () => {
      const input = {
        staffId: carer,
        skillId: MH,
        obtainedOn: addDays(today, -3),
        verifiedByOrganisationId: provider.id,
      };
      const id = (await record(input, hrProvider)).data!.recordCredential.id;
      expect((await decide('declineCredential', id, hrEmployer, '   ')).errors![0].extensions).toMatchObject({
        code: 'BAD_USER_INPUT',
        field: 'input.reason',
      });
      const declined = await decide('declineCredential', id, hrEmployer, 'Certificate number does not match');
      expect(declined.data!.declineCredential).toMatchObject({
        acceptance: 'DECLINED',
        status: 'DECLINED',
        declineReason: 'Certificate number does not match',
        decidedBy: { id: 'hr-employer' },
      });
      expect((await decide('acceptCredential', id, hrEmployer)).errors![0].extensions).toMatchObject({
        code: 'CONFLICT',
        status: 'DECLINED',
      });
      const listed = await t.gql(
        `query($id: ID!) { staffMember(id: $id) { credentials { id } all: credentials(includeDeclined: true) { id } } }`,
        { id: carer },
        hrEmployer,
      );
      expect(listed.data!.staffMember.credentials.map((c: any) => c.id)).not.toContain(id);
      expect(listed.data!.staffMember.all.map((c: any) => c.id)).toContain(id);
      const corrected = await record({ ...input, evidenceReference: 'MH-2026-7' }, hrProvider);
      expect(corrected.data!.recordCredential.acceptance).toBe('PENDING_ACCEPTANCE');
      // Revoked while waiting: nothing left to decide.
      const revoked = await t.gql(
        REVOKE,
        { id: corrected.data!.recordCredential.id, reason: 'Sent to the wrong employer' },
        hrProvider,
      );
      expect(revoked.errors).toBeUndefined();
      expect(
        (await decide('acceptCredential', corrected.data!.recordCredential.id, hrEmployer)).errors![0]
          .extensions,
      ).toMatchObject({ code: 'CONFLICT', status: 'REVOKED' });
    });

    it('counts at once when HR of the employer records it (whichever organisation they verify for)', async () => {
      const own = await record(
        { staffId: carer, skillId: MH, obtainedOn: addDays(today, -20), verifiedByOrganisationId: w.orgId },
        hrEmployer,
      );
      expect(own.data!.recordCredential).toMatchObject({
        acceptance: 'ACCEPTED',
        decidedBy: { id: 'hr-employer' },
      });
      const hrBoth = await t.token({ roles: [Role.HR], organisationIds: [w.orgId, provider.id] });
      const viaProvider = await record(
        {
          staffId: carer,
          skillId: MH,
          obtainedOn: addDays(today, -21),
          verifiedByOrganisationId: provider.id,
        },
        hrBoth,
      );
      expect(viaProvider.data!.recordCredential.acceptance).toBe('ACCEPTED');
      // Still only for organisations you administer.
      expect(
        errorCode(
          await record(
            {
              staffId: carer,
              skillId: MH,
              obtainedOn: addDays(today, -22),
              verifiedByOrganisationId: trust.id,
            },
            hrEmployer,
          ),
        ),
      ).toBe('FORBIDDEN');
    });

    it('is guarded by the database: a new row waits, and a decision needs who and when', async () => {
      const [row] = await t.dataSource.query(
        `INSERT INTO credential (staff_id, skill_id, obtained_on, verified_by_organisation_id, verified_at)
         VALUES ($1, $2, $3, $4, now()) RETURNING id, acceptance::text`,
        [carer, MH, addDays(today, -40), provider.id],
      );
      expect(row.acceptance).toBe('PENDING_ACCEPTANCE');
      const counted = await t.dataSource.query(
        `SELECT count(*)::int AS n FROM counting_credential WHERE id = $1`,
        [row.id],
      );
      expect(counted[0].n).toBe(0);
      await expect(
        t.dataSource.query(`UPDATE credential SET acceptance = 'ACCEPTED' WHERE id = $1`, [row.id]),
      ).rejects.toMatchObject({ driverError: { code: '23514', constraint: 'ck_credential_acceptance' } });
    });
  });

  // Security review: setPassportAcceptance silently replaced a council's three accepted skills with one.
  describe('changing passport acceptance', () => {
    let org: { id: string };
    let hr: string;
    let skills: string[];
    const get = async () =>
      (
        await t.gql(
          `query($id: ID!) { organisation(id: $id) { passportAcceptance { version skills { code } verifyingOrganisations { id } } } }`,
          { id: org.id },
          hr,
        )
      ).data!.organisation.passportAcceptance;

    beforeEach(async () => {
      org = await insertOrganisation(t.dataSource, {
        kind: OrganisationKind.LOCAL_AUTHORITY,
        sector: Sector.SOCIAL_CARE,
      });
      hr = await t.token({ roles: [Role.HR], organisationIds: [org.id] });
      skills = await Promise.all(
        ['CSTF_FIRE_SAFETY', 'CSTF_IPC_L2', 'CSTF_MOVING_HANDLING_L2', 'CSTF_INFORMATION_GOVERNANCE'].map(
          (c) => skillId(t.dataSource, c),
        ),
      );
      const res = await t.gql(
        CHANGE,
        acceptanceVars({ org: org.id, input: { addSkillIds: skills.slice(0, 3) } }),
        hr,
      );
      expect(res.data!.changePassportAcceptance.version).toBe(1);
    });

    it('refuses a replace-all without the current version, so a stale one cannot drop accepted skills', async () => {
      const blind = await t.gql(
        `mutation($input: PassportAcceptanceInput!) { setPassportAcceptance(input: $input) { version } }`,
        { input: { organisationId: org.id, skillIds: [skills[3]], verifyingOrganisationIds: [] } },
        hr,
      );
      expect(errorCode(blind)).toBe('BAD_USER_INPUT');
      const stale = await t.gql(
        ACCEPT,
        acceptanceVars({ org: org.id, v: 0, input: { skillIds: [skills[3]], verifyingOrganisationIds: [] } }),
        hr,
      );
      expect(stale.errors![0].extensions).toMatchObject({
        code: 'CONFLICT',
        field: 'input.expectedVersion',
        currentVersion: 1,
      });
      expect((await get()).skills).toHaveLength(3);
      const current = await t.gql(
        ACCEPT,
        acceptanceVars({ org: org.id, v: 1, input: { skillIds: [skills[3]], verifyingOrganisationIds: [] } }),
        hr,
      );
      expect(current.data!.setPassportAcceptance).toMatchObject({
        version: 2,
        skills: [{ code: 'CSTF_INFORMATION_GOVERNANCE' }],
      });
    });

    it('adds and removes only what it names, and the version goes up with each change', async () => {
      const added = await t.gql(
        CHANGE,
        acceptanceVars({
          org: org.id,
          input: { addSkillIds: [skills[3]], addVerifyingOrganisationIds: [trust.id] },
        }),
        hr,
      );
      expect(added.data!.changePassportAcceptance.version).toBe(2);
      expect(added.data!.changePassportAcceptance.skills).toHaveLength(4);
      const removed = await t.gql(
        CHANGE,
        acceptanceVars({
          org: org.id,
          v: 2,
          input: { removeSkillIds: [skills[0]], removeVerifyingOrganisationIds: [trust.id] },
        }),
        hr,
      );
      expect(removed.data!.changePassportAcceptance).toEqual({
        version: 3,
        skills: expect.arrayContaining([
          { code: 'CSTF_IPC_L2' },
          { code: 'CSTF_MOVING_HANDLING_L2' },
          { code: 'CSTF_INFORMATION_GOVERNANCE' },
        ]),
        verifyingOrganisations: [],
      });
      expect(removed.data!.changePassportAcceptance.skills).toHaveLength(3);
      // Nothing to do changes nothing (not even the version).
      const noop = await t.gql(
        CHANGE,
        acceptanceVars({ org: org.id, input: { addSkillIds: [skills[1]] } }),
        hr,
      );
      expect(noop.data!.changePassportAcceptance.version).toBe(3);
    });

    it('refuses contradictions, empty changes, stale versions, same-sector verifiers and other organisations’ HR', async () => {
      const both = await t.gql(
        CHANGE,
        acceptanceVars({ org: org.id, input: { addSkillIds: [skills[3]], removeSkillIds: [skills[3]] } }),
        hr,
      );
      expect(both.errors![0].extensions).toMatchObject({
        code: 'BAD_USER_INPUT',
        field: 'input.addSkillIds[0]',
      });
      const empty = await t.gql(CHANGE, acceptanceVars({ org: org.id, input: {} }), hr);
      expect(empty.errors![0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input' });
      const stale = await t.gql(
        CHANGE,
        acceptanceVars({ org: org.id, v: 0, input: { removeSkillIds: [skills[0]] } }),
        hr,
      );
      expect(stale.errors![0].extensions).toMatchObject({ code: 'CONFLICT', currentVersion: 1 });
      const same = await t.gql(
        CHANGE,
        acceptanceVars({ org: org.id, input: { addVerifyingOrganisationIds: [provider.id] } }),
        hr,
      );
      expect(same.errors![0].extensions).toMatchObject({
        code: 'BAD_USER_INPUT',
        field: 'input.addVerifyingOrganisationIds',
      });
      expect(
        errorCode(
          await t.gql(CHANGE, acceptanceVars({ org: org.id, input: { addSkillIds: [skills[3]] } }), hrTrust),
        ),
      ).toBe('FORBIDDEN');
      expect(await get()).toMatchObject({ version: 1 });
      expect((await get()).skills).toHaveLength(3);
    });
  });
});
