import { addMonths, ageOn } from '../../src/rota-core/dates.js';
import {
  type AcceptancePolicy,
  assessReadiness,
  assessSkill,
  type CredentialFact,
  isValidOn,
} from '../../src/rota-core/passport.js';

const TRUST = 'org-trust';
const COUNCIL = 'org-council';
const PROVIDER = 'org-provider';

const councilPolicy = (over: Partial<AcceptancePolicy> = {}): AcceptancePolicy => ({
  organisationId: COUNCIL,
  sector: 'SOCIAL_CARE',
  acceptedSkillIds: new Set(),
  acceptedVerifierIds: new Set(),
  ...over,
});

const cred = (over: Partial<CredentialFact> = {}): CredentialFact => ({
  id: 'c1',
  staffId: 's1',
  skillId: 'MH',
  obtainedOn: '2025-06-01',
  expiresOn: '2026-06-01',
  verifierOrganisationId: TRUST,
  verifierSector: 'HEALTH',
  revoked: false,
  ...over,
});

describe('isValidOn: [obtainedOn, expiresOn)', () => {
  it.each([
    ['2025-05-31', false],
    ['2025-06-01', true],
    ['2026-05-31', true],
    ['2026-06-01', false],
  ])('on %s → %s', (on, valid) => expect(isValidOn(cred(), on)).toBe(valid));
  it('never for a revoked credential', () =>
    expect(isValidOn(cred({ revoked: true }), '2025-12-01')).toBe(false));
  it('forever without an expiry', () =>
    expect(isValidOn(cred({ expiresOn: null }), '2099-01-01')).toBe(true));
});

describe('assessSkill across the sector boundary', () => {
  it('accepts an own-sector credential by default', () => {
    const c = cred({ verifierOrganisationId: PROVIDER, verifierSector: 'SOCIAL_CARE' });
    expect(assessSkill('MH', [c], councilPolicy(), '2025-12-01')).toBeUndefined();
  });

  it('does not accept an other-sector credential unless listed', () => {
    expect(assessSkill('MH', [cred()], councilPolicy(), '2025-12-01')).toEqual({
      skillId: 'MH',
      reason: 'NOT_ACCEPTED',
      expiresOn: '2026-06-01',
      credentialId: 'c1',
    });
  });

  it('accepts an other-sector credential when the skill is listed', () => {
    expect(
      assessSkill('MH', [cred()], councilPolicy({ acceptedSkillIds: new Set(['MH']) }), '2025-12-01'),
    ).toBeUndefined();
  });

  it('accepts an other-sector credential when the verifier is listed', () => {
    expect(
      assessSkill('MH', [cred()], councilPolicy({ acceptedVerifierIds: new Set([TRUST]) }), '2025-12-01'),
    ).toBeUndefined();
  });

  it('reports EXPIRED on the expiry date and valid the day before', () => {
    const policy = councilPolicy({ acceptedSkillIds: new Set(['MH']) });
    expect(assessSkill('MH', [cred()], policy, '2026-05-31')).toBeUndefined();
    expect(assessSkill('MH', [cred()], policy, '2026-06-01')).toMatchObject({
      reason: 'EXPIRED',
      expiresOn: '2026-06-01',
    });
  });

  it('reports MISSING when nothing covers the date (none, or only a future one)', () => {
    expect(assessSkill('MH', [], councilPolicy(), '2025-12-01')).toMatchObject({
      reason: 'MISSING',
      expiresOn: null,
    });
    expect(
      assessSkill('MH', [cred({ obtainedOn: '2026-01-01' })], councilPolicy(), '2025-12-01'),
    ).toMatchObject({ reason: 'MISSING' });
  });

  it('prefers a valid accepted renewal over an expired one, and names the latest expiry', () => {
    const old = cred({
      id: 'old',
      obtainedOn: '2023-01-01',
      expiresOn: '2024-01-01',
      verifierSector: 'SOCIAL_CARE',
    });
    const older = cred({
      id: 'older',
      obtainedOn: '2021-01-01',
      expiresOn: '2022-01-01',
      verifierSector: 'SOCIAL_CARE',
    });
    expect(assessSkill('MH', [older, old], councilPolicy(), '2025-01-01')).toMatchObject({
      reason: 'EXPIRED',
      credentialId: 'old',
    });
    const renewal = cred({
      id: 'new',
      obtainedOn: '2024-12-01',
      expiresOn: '2026-12-01',
      verifierSector: 'SOCIAL_CARE',
    });
    expect(assessSkill('MH', [old, renewal], councilPolicy(), '2025-01-01')).toBeUndefined();
  });

  it('ignores revoked credentials entirely', () => {
    const revoked = cred({ verifierSector: 'SOCIAL_CARE', revoked: true });
    expect(assessSkill('MH', [revoked], councilPolicy(), '2025-12-01')).toMatchObject({ reason: 'MISSING' });
  });
});

describe('assessReadiness', () => {
  it('is ready with no required skills, and lists one gap per unmet skill', () => {
    expect(assessReadiness([], [], councilPolicy(), '2025-12-01')).toEqual({ ready: true, gaps: [] });
    const r = assessReadiness(
      ['MH', 'DBS'],
      [cred()],
      councilPolicy({ acceptedSkillIds: new Set(['MH']) }),
      '2025-12-01',
    );
    expect(r.ready).toBe(false);
    expect(r.gaps).toEqual([{ skillId: 'DBS', reason: 'MISSING', expiresOn: null, credentialId: null }]);
  });
});

describe('dates', () => {
  it.each([
    ['2025-01-31', 1, '2025-02-28'],
    ['2024-01-31', 1, '2024-02-29'],
    ['2025-06-01', 36, '2028-06-01'],
  ])('%s + %i months = %s', (d, m, out) => expect(addMonths(d, m)).toBe(out));
  it.each([
    ['2008-03-29', '2026-03-28', 17],
    ['2008-03-29', '2026-03-29', 18],
    ['2008-02-29', '2026-02-28', 17],
    ['2008-02-29', '2026-03-01', 18],
  ])('born %s: on %s aged %i', (dob, on, age) => expect(ageOn(dob, on)).toBe(age));
});
