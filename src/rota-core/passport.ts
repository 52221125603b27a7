/**
 * The skills passport: does a credential count at an organisation on a date? Pure functions over plain data;
 * shared by `passportReadiness`, placements, joint-role appointments and the SKILL_REQUIRED rule.
 *
 * Rules (domain.md, "People and the skills passport"):
 * - a credential is valid on a date in [obtainedOn, expiresOn) — not on its expiry date; revoked ones never are;
 * - it counts at organisation B when B accepts it: every organisation accepts credentials verified in its own
 *   sector, and from the other sector only the skills, or the verifying organisations, it lists.
 */

export type Sector = 'HEALTH' | 'SOCIAL_CARE';

/** ISO local date, 'YYYY-MM-DD'. Compared as strings (lexicographic order is date order). */
export type IsoDate = string;

export interface CredentialFact {
  id: string;
  staffId: string;
  skillId: string;
  obtainedOn: IsoDate;
  /** null: does not expire. */
  expiresOn: IsoDate | null;
  verifierOrganisationId: string;
  verifierSector: Sector;
  revoked: boolean;
}

/** What one organisation accepts. */
export interface AcceptancePolicy {
  organisationId: string;
  sector: Sector;
  /** Skills accepted whoever verified them (other sector). */
  acceptedSkillIds: ReadonlySet<string>;
  /** Verifying organisations whose credentials are accepted (other sector). */
  acceptedVerifierIds: ReadonlySet<string>;
}

export type GapReason = 'MISSING' | 'EXPIRED' | 'NOT_ACCEPTED';

export interface PassportGap {
  skillId: string;
  reason: GapReason;
  /** The expiry of the credential behind the gap (EXPIRED: the latest one; NOT_ACCEPTED: the valid one). */
  expiresOn: IsoDate | null;
  credentialId: string | null;
}

export interface Readiness {
  ready: boolean;
  gaps: PassportGap[];
}

export function isValidOn(
  c: Pick<CredentialFact, 'obtainedOn' | 'expiresOn' | 'revoked'>,
  on: IsoDate,
): boolean {
  return !c.revoked && c.obtainedOn <= on && (c.expiresOn === null || on < c.expiresOn);
}

export function isAccepted(
  c: Pick<CredentialFact, 'skillId' | 'verifierOrganisationId' | 'verifierSector'>,
  by: AcceptancePolicy,
): boolean {
  return (
    c.verifierSector === by.sector ||
    c.verifierOrganisationId === by.organisationId ||
    by.acceptedSkillIds.has(c.skillId) ||
    by.acceptedVerifierIds.has(c.verifierOrganisationId)
  );
}

/**
 * Checks one required skill against a person's credentials for that skill. Returns undefined when a valid,
 * accepted credential exists; otherwise the most useful gap: NOT_ACCEPTED (a valid credential the organisation
 * does not accept) before EXPIRED (one that has run out) before MISSING.
 */
export function assessSkill(
  skillId: string,
  credentials: readonly CredentialFact[],
  policy: AcceptancePolicy,
  on: IsoDate,
): PassportGap | undefined {
  let notAccepted: CredentialFact | undefined;
  let expired: CredentialFact | undefined;
  for (const c of credentials) {
    if (c.skillId !== skillId || c.revoked) continue;
    if (isValidOn(c, on)) {
      if (isAccepted(c, policy)) return undefined;
      notAccepted ??= c;
    } else if (c.expiresOn !== null && c.expiresOn <= on && (!expired || c.expiresOn > expired.expiresOn!)) {
      expired = c;
    }
  }
  if (notAccepted) {
    return {
      skillId,
      reason: 'NOT_ACCEPTED',
      expiresOn: notAccepted.expiresOn,
      credentialId: notAccepted.id,
    };
  }
  if (expired) return { skillId, reason: 'EXPIRED', expiresOn: expired.expiresOn, credentialId: expired.id };
  return { skillId, reason: 'MISSING', expiresOn: null, credentialId: null };
}

/** Readiness for a set of required skills (a team's, a joint role's) at one organisation on one date. */
export function assessReadiness(
  requiredSkillIds: readonly string[],
  credentials: readonly CredentialFact[],
  policy: AcceptancePolicy,
  on: IsoDate,
): Readiness {
  const gaps: PassportGap[] = [];
  for (const skillId of requiredSkillIds) {
    const gap = assessSkill(skillId, credentials, policy, on);
    if (gap) gaps.push(gap);
  }
  return { ready: gaps.length === 0, gaps };
}
