import { Role } from '../../src/common/auth/actor.js';
import { OrganisationKind, Sector } from '../../src/modules/organisations/organisation.enums.js';
import { insertCredential, insertOrganisation, insertStaff, skillId } from '../fixtures/factories.js';
import { errorCode, startTestApp, type TestApp } from '../fixtures/test-app.js';

const RECORD = `mutation($input: RecordCredentialInput!) {
  recordCredential(input: $input) { id obtainedOn expiresOn evidenceReference status skill { code } verifiedBy { id } }
}`;
const REVOKE = `mutation($id: ID!, $reason: String!) { revokeCredential(id: $id, reason: $reason) { id status revocationReason } }`;
const ACCEPT = `mutation($org: ID!, $input: PassportAcceptanceInput!) {
  setPassportAcceptance(organisationId: $org, input: $input) { organisationId sector skills { code } verifyingOrganisations { id } }
}`;
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
        verifiedBy: { id: trust.id },
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
      await t.gql(
        ACCEPT,
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
      const bySkill = await t.gql(
        ACCEPT,
        { org: council.id, input: { skillIds: [MH], verifyingOrganisationIds: [] } },
        hrCouncil,
      );
      expect(bySkill.data!.setPassportAcceptance).toMatchObject({
        sector: 'SOCIAL_CARE',
        skills: [{ code: 'CSTF_MOVING_HANDLING_L2' }],
      });
      expect((await readiness('2026-06-01')).ready).toBe(true);
      await t.gql(
        ACCEPT,
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
      await t.gql(
        ACCEPT,
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
      await t.gql(
        ACCEPT,
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
      const same = await t.gql(
        ACCEPT,
        { org: council.id, input: { skillIds: [], verifyingOrganisationIds: [provider.id] } },
        hrCouncil,
      );
      expect(same.errors![0].extensions).toMatchObject({
        code: 'BAD_USER_INPUT',
        field: 'input.verifyingOrganisationIds',
      });
      const unknownSkill = await t.gql(
        ACCEPT,
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
          await t.gql(
            ACCEPT,
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
});
