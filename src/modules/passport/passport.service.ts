import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import { Access } from '../../common/auth/access.js';
import type { Actor } from '../../common/auth/actor.js';
import { TransactionRunner } from '../../common/database/transaction.js';
import { BadUserInputError, ConflictError, NotFoundError } from '../../common/errors/domain-error.js';
import { type ConnectionShape, paginate } from '../../common/graphql/pagination.js';
import { addMonths, localDateOf } from '../../rota-core/dates.js';
import {
  type AcceptancePolicy,
  assessReadiness,
  type CredentialFact,
  type IsoDate,
  type Readiness,
  type Sector as CoreSector,
} from '../../rota-core/passport.js';
import { OrganisationEntity } from '../organisations/organisation.entity.js';
import { TeamRequiredSkillEntity } from '../organisations/team-required-skill.entity.js';
import { TeamEntity } from '../organisations/team.entity.js';
import { SkillEntity } from '../skills/skill.entity.js';
import { SkillsService } from '../skills/skills.service.js';
import { StaffMemberEntity } from '../staff/staff-member.entity.js';
import { COUNTING_CREDENTIAL } from './counting-credential.js';
import { CredentialEntity } from './credential.entity.js';
import { CredentialAcceptance } from './credential.enums.js';
import { PassportAcceptanceEntity } from './passport-acceptance.entity.js';
import {
  GapReason,
  type PassportAcceptance,
  type PassportAcceptanceChangeInput,
  type PassportAcceptanceInput,
  type PassportReadiness,
  type RecordCredentialInput,
} from './passport.types.js';

export function toAcceptance(
  org: { id: string; sector: OrganisationEntity['sector']; passportAcceptanceVersion?: number },
  lines: PassportAcceptanceEntity[],
): PassportAcceptance {
  return {
    organisationId: org.id,
    sector: org.sector,
    skillIds: lines.flatMap((r) => (r.skillId ? [r.skillId] : [])),
    verifyingOrganisationIds: lines.flatMap((r) =>
      r.verifyingOrganisationId ? [r.verifyingOrganisationId] : [],
    ),
    version: org.passportAcceptanceVersion ?? 0,
  };
}

function reasonText(reason: string, field: string): string {
  const trimmed = reason.trim();
  if (trimmed.length === 0 || trimmed.length > 500)
    throw new BadUserInputError('must be 1–500 characters', field);
  return trimmed;
}

export const CREDENTIAL_CONSTRAINTS = {
  uq_credential_staff_skill_obtained: () =>
    new ConflictError('That person already holds a credential for this skill obtained on that date', {
      field: 'input.obtainedOn',
    }),
};

/** Tolerated clock skew for "verified at" instants sent by clients. */
const CLOCK_SKEW_MS = 5 * 60_000;

@Injectable()
export class PassportService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly tx: TransactionRunner,
    private readonly skills: SkillsService,
  ) {}

  recordCredential(actor: Actor, input: RecordCredentialInput): Promise<CredentialEntity> {
    return this.tx.run((em) => this.recordCredentialIn(em, actor, input), {
      constraints: CREDENTIAL_CONSTRAINTS,
    });
  }

  /** `recordCredential` inside the caller's transaction (the one write path, also used by bulk import). */
  async recordCredentialIn(
    em: EntityManager,
    actor: Actor,
    input: RecordCredentialInput,
  ): Promise<CredentialEntity> {
    const staff = await em.getRepository(StaffMemberEntity).findOneBy({ id: input.staffId });
    if (!staff) throw new NotFoundError('Staff member', input.staffId, 'input.staffId');
    const skill = await em.getRepository(SkillEntity).findOneBy({ id: input.skillId });
    if (!skill) throw new NotFoundError('Skill', input.skillId, 'input.skillId');
    const verifier = await em
      .getRepository(OrganisationEntity)
      .findOneBy({ id: input.verifiedByOrganisationId });
    if (!verifier)
      throw new NotFoundError(
        'Organisation',
        input.verifiedByOrganisationId,
        'input.verifiedByOrganisationId',
      );
    Access.assert(Access.administersOrganisation(actor, verifier.id), `verifying for ${verifier.name}`);
    // HR of the employer vouches and accepts at once; anyone else only attests, for the employer to accept.
    const accepted = Access.answersForEmployer(actor, staff);

    const now = new Date();
    if (input.obtainedOn > localDateOf(now)) {
      throw new BadUserInputError('must not be in the future', 'input.obtainedOn');
    }
    const expiresOn =
      input.expiresOn ??
      (skill.defaultValidityMonths ? addMonths(input.obtainedOn, skill.defaultValidityMonths) : null);
    if (expiresOn !== null && expiresOn <= input.obtainedOn) {
      throw new BadUserInputError(`must be after obtainedOn (${input.obtainedOn})`, 'input.expiresOn');
    }
    const verifiedAt = input.verifiedAt ?? now;
    if (verifiedAt.getTime() > now.getTime() + CLOCK_SKEW_MS) {
      throw new BadUserInputError('must not be in the future', 'input.verifiedAt');
    }
    const repo = em.getRepository(CredentialEntity);
    return repo.save(
      repo.create({
        staffId: staff.id,
        skillId: skill.id,
        obtainedOn: input.obtainedOn,
        expiresOn,
        evidenceReference: input.evidenceReference ?? null,
        verifiedByOrganisationId: verifier.id,
        verifiedAt,
        revokedAt: null,
        revocationReason: null,
        acceptance: accepted ? CredentialAcceptance.ACCEPTED : CredentialAcceptance.PENDING_ACCEPTANCE,
        recordedBy: actor.subject,
        decidedBy: accepted ? actor.subject : null,
        decidedAt: accepted ? now : null,
        declineReason: null,
      }),
    );
  }

  revokeCredential(actor: Actor, id: string, reason: string): Promise<CredentialEntity> {
    const trimmed = reasonText(reason, 'input.reason');
    return this.tx.run(async (em) => {
      const repo = em.getRepository(CredentialEntity);
      const credential = await repo.findOne({ where: { id }, lock: { mode: 'pessimistic_write' } });
      if (!credential) throw new NotFoundError('Credential', id, 'input.credentialId');
      const staff = await em.getRepository(StaffMemberEntity).findOneByOrFail({ id: credential.staffId });
      Access.assert(
        Access.administersOrganisation(actor, credential.verifiedByOrganisationId) ||
          Access.administersOrganisation(actor, staff.employerId),
        'that credential',
      );
      if (credential.revokedAt) {
        throw new ConflictError(
          `The credential was already revoked on ${credential.revokedAt.toISOString()}`,
          {
            status: 'REVOKED',
          },
        );
      }
      credential.revokedAt = new Date();
      credential.revocationReason = trimmed;
      return repo.save(credential);
    });
  }

  /** `acceptCredential`: HR of the person's employer accepts a credential another organisation attested. */
  acceptCredential(actor: Actor, id: string): Promise<CredentialEntity> {
    return this.decideCredential(actor, id, CredentialAcceptance.ACCEPTED, null);
  }

  /** `declineCredential`: HR of the person's employer refuses it, with a reason; it never counts. */
  declineCredential(actor: Actor, id: string, reason: string): Promise<CredentialEntity> {
    return this.decideCredential(
      actor,
      id,
      CredentialAcceptance.DECLINED,
      reasonText(reason, 'input.reason'),
    );
  }

  private decideCredential(
    actor: Actor,
    id: string,
    decision: CredentialAcceptance,
    reason: string | null,
  ): Promise<CredentialEntity> {
    return this.tx.run(async (em) => {
      const repo = em.getRepository(CredentialEntity);
      const credential = await repo.findOne({ where: { id }, lock: { mode: 'pessimistic_write' } });
      if (!credential) throw new NotFoundError('Credential', id, 'input.credentialId');
      const staff = await em.getRepository(StaffMemberEntity).findOneByOrFail({ id: credential.staffId });
      if (!Access.answersForEmployer(actor, staff)) {
        const employer = await em.getRepository(OrganisationEntity).findOneByOrFail({ id: staff.employerId });
        Access.assert(
          false,
          `credentials of ${employer.name}'s staff (only its HR accepts or declines them)`,
        );
      }
      if (credential.revokedAt) {
        throw new ConflictError('The credential was revoked: it can no longer be accepted or declined', {
          status: 'REVOKED',
        });
      }
      if (credential.acceptance !== CredentialAcceptance.PENDING_ACCEPTANCE) {
        throw new ConflictError(
          `The credential is already ${credential.acceptance}: only a PENDING_ACCEPTANCE one can be decided`,
          { status: credential.acceptance },
        );
      }
      credential.acceptance = decision;
      credential.decidedBy = actor.subject;
      credential.decidedAt = new Date();
      credential.declineReason = reason;
      return repo.save(credential);
    });
  }

  /** `credentialsAwaitingAcceptance`: credentials attested for an organisation's staff, by date obtained. */
  async awaitingAcceptance(
    actor: Actor,
    organisationId: string,
    args: { first?: number | null; after?: string | null },
  ): Promise<ConnectionShape<CredentialEntity>> {
    const org = await this.dataSource.getRepository(OrganisationEntity).findOneBy({ id: organisationId });
    if (!org) throw new NotFoundError('Organisation', organisationId, 'organisationId');
    Access.assert(Access.administersOrganisation(actor, org.id), `credentials awaiting ${org.name}`);
    const qb = this.dataSource
      .getRepository(CredentialEntity)
      .createQueryBuilder('c')
      .innerJoin(StaffMemberEntity, 's', 's.id = c.staff_id')
      .where('s.employer_id = :org AND c.acceptance = :pending AND c.revoked_at IS NULL', {
        org: org.id,
        pending: CredentialAcceptance.PENDING_ACCEPTANCE,
      });
    return paginate(qb, args, [
      { expression: 'c.obtained_on', value: (c) => c.obtainedOn },
      { expression: 'c.id', value: (c) => c.id },
    ]);
  }

  async getAcceptance(
    organisationId: string,
    em: EntityManager = this.dataSource.manager,
  ): Promise<PassportAcceptance> {
    const org = await em.getRepository(OrganisationEntity).findOneBy({ id: organisationId });
    if (!org) throw new NotFoundError('Organisation', organisationId, 'organisationId');
    return toAcceptance(org, await em.getRepository(PassportAcceptanceEntity).findBy({ organisationId }));
  }

  /**
   * `setPassportAcceptance`: replaces the whole list — only from the current version (CONFLICT when stale), so
   * an out-of-date view can never silently drop what someone else added.
   */
  setAcceptance(
    actor: Actor,
    organisationId: string,
    input: PassportAcceptanceInput,
    expectedVersion: number,
  ): Promise<PassportAcceptance> {
    return this.tx.run(async (em) => {
      const org = await this.lockForAcceptance(em, actor, organisationId, expectedVersion);
      const skillIds = [...new Set(input.skillIds)];
      const verifierIds = [...new Set(input.verifyingOrganisationIds)];
      await this.skills.requireAll(skillIds, 'input.skillIds', em);
      await this.requireOtherSectorVerifiers(em, org, verifierIds, 'input.verifyingOrganisationIds');
      const repo = em.getRepository(PassportAcceptanceEntity);
      await repo.delete({ organisationId });
      await this.insertLines(em, organisationId, skillIds, verifierIds);
      await this.bumpVersion(em, org);
      return this.getAcceptance(organisationId, em);
    });
  }

  /**
   * `changePassportAcceptance`: adds and removes named skills and verifying organisations, leaving every other
   * line as it is. Adding what is there or removing what is not changes nothing; `expectedVersion`, when given,
   * must be the current one.
   */
  changeAcceptance(
    actor: Actor,
    organisationId: string,
    input: PassportAcceptanceChangeInput,
    expectedVersion?: number | null,
  ): Promise<PassportAcceptance> {
    const add = {
      skills: [...new Set(input.addSkillIds)],
      verifiers: [...new Set(input.addVerifyingOrganisationIds)],
    };
    const remove = {
      skills: new Set(input.removeSkillIds),
      verifiers: new Set(input.removeVerifyingOrganisationIds),
    };
    if (add.skills.length + add.verifiers.length + remove.skills.size + remove.verifiers.size === 0) {
      throw new BadUserInputError('names nothing to add or remove', 'input');
    }
    const both = add.skills.findIndex((id) => remove.skills.has(id));
    if (both >= 0) throw new BadUserInputError('is also in removeSkillIds', `input.addSkillIds[${both}]`);
    const bothV = add.verifiers.findIndex((id) => remove.verifiers.has(id));
    if (bothV >= 0) {
      throw new BadUserInputError(
        'is also in removeVerifyingOrganisationIds',
        `input.addVerifyingOrganisationIds[${bothV}]`,
      );
    }
    return this.tx.run(async (em) => {
      const org = await this.lockForAcceptance(em, actor, organisationId, expectedVersion);
      await this.skills.requireAll(add.skills, 'input.addSkillIds', em);
      await this.requireOtherSectorVerifiers(em, org, add.verifiers, 'input.addVerifyingOrganisationIds');
      const repo = em.getRepository(PassportAcceptanceEntity);
      const lines = await repo.findBy({ organisationId });
      const gone = lines.filter(
        (l) =>
          (l.skillId !== null && remove.skills.has(l.skillId)) ||
          (l.verifyingOrganisationId !== null && remove.verifiers.has(l.verifyingOrganisationId)),
      );
      const newSkills = add.skills.filter((id) => !lines.some((l) => l.skillId === id));
      const newVerifiers = add.verifiers.filter((id) => !lines.some((l) => l.verifyingOrganisationId === id));
      if (gone.length) await repo.delete(gone.map((l) => l.id));
      await this.insertLines(em, organisationId, newSkills, newVerifiers);
      if (gone.length + newSkills.length + newVerifiers.length > 0) await this.bumpVersion(em, org);
      return this.getAcceptance(organisationId, em);
    });
  }

  /** The organisation, locked for the change, in the caller's scope and at the version they expect. */
  private async lockForAcceptance(
    em: EntityManager,
    actor: Actor,
    organisationId: string,
    expectedVersion: number | null | undefined,
  ): Promise<OrganisationEntity> {
    const org = await em.getRepository(OrganisationEntity).findOne({
      where: { id: organisationId },
      lock: { mode: 'pessimistic_write' },
    });
    if (!org) throw new NotFoundError('Organisation', organisationId, 'input.organisationId');
    Access.assert(Access.administersOrganisation(actor, org.id), `passport acceptance of ${org.name}`);
    if (
      expectedVersion !== null &&
      expectedVersion !== undefined &&
      expectedVersion !== org.passportAcceptanceVersion
    ) {
      throw new ConflictError(
        `${org.name}'s passport acceptance is at version ${org.passportAcceptanceVersion}, not ${expectedVersion}: someone changed it since you read it`,
        { field: 'input.expectedVersion', currentVersion: org.passportAcceptanceVersion },
      );
    }
    return org;
  }

  private async requireOtherSectorVerifiers(
    em: EntityManager,
    org: OrganisationEntity,
    verifierIds: readonly string[],
    field: string,
  ): Promise<void> {
    if (verifierIds.length === 0) return;
    const verifiers = await em
      .getRepository(OrganisationEntity)
      .createQueryBuilder('o')
      .where('o.id = ANY(:ids)', { ids: [...verifierIds] })
      .getMany();
    for (const id of verifierIds) {
      const v = verifiers.find((o) => o.id === id);
      if (!v) throw new NotFoundError('Organisation', id, field);
      if (v.sector === org.sector) {
        throw new BadUserInputError(
          `${v.name} is in the same sector (${org.sector}): its credentials are always accepted`,
          field,
        );
      }
    }
  }

  private async insertLines(
    em: EntityManager,
    organisationId: string,
    skillIds: readonly string[],
    verifierIds: readonly string[],
  ): Promise<void> {
    const rows = [
      ...skillIds.map((skillId) => ({ organisationId, skillId, verifyingOrganisationId: null })),
      ...verifierIds.map((verifyingOrganisationId) => ({
        organisationId,
        skillId: null,
        verifyingOrganisationId,
      })),
    ];
    if (rows.length) await em.getRepository(PassportAcceptanceEntity).insert(rows);
  }

  private async bumpVersion(em: EntityManager, org: OrganisationEntity): Promise<void> {
    await em
      .getRepository(OrganisationEntity)
      .update({ id: org.id }, { passportAcceptanceVersion: org.passportAcceptanceVersion + 1 });
  }

  /** `passportReadiness`: a person against a team's required skills on a date (default today, UK time). */
  async readiness(
    actor: Actor,
    staffId: string,
    teamId: string,
    on?: IsoDate | null,
  ): Promise<PassportReadiness> {
    const em = this.dataSource.manager;
    const staff = await em.getRepository(StaffMemberEntity).findOneBy({ id: staffId });
    if (!staff) throw new NotFoundError('Staff member', staffId, 'staffId');
    const team = await em.getRepository(TeamEntity).findOneBy({ id: teamId });
    if (!team) throw new NotFoundError('Team', teamId, 'teamId');
    Access.assert(await this.mayAssess(em, actor, staff, team), 'that person’s passport at that team');
    const date = on ?? localDateOf(new Date(), team.timeZone);
    const { ready, gaps } = await this.teamReadiness(em, staffId, team, date);
    return {
      staffId,
      teamId,
      on: date,
      ready,
      gaps: gaps.map((g) => ({ ...g, reason: GapReason[g.reason] })),
    };
  }

  /**
   * Who may see a person's passport gaps (which credentials are missing or expired, and when) against a team: the
   * person and their employer (PERSONAL); and the team's manager or its organisation's HR only when the person is
   * on their way to or working there — a requested or approved placement at the team, an appointment to a joint
   * role the team's organisation is a partner in, or an assignment on one of the team's rotas. Not anyone at all.
   */
  private async mayAssess(
    em: EntityManager,
    actor: Actor,
    staff: StaffMemberEntity,
    team: TeamEntity,
  ): Promise<boolean> {
    if (Access.viewsStaff(actor, staff)) return true;
    if (!Access.managesTeam(actor, team)) return false;
    const [row] = await em.query(
      `SELECT EXISTS (SELECT 1 FROM placement p WHERE p.staff_id = $1 AND p.host_team_id = $2
                        AND p.status IN ('REQUESTED', 'APPROVED'))
           OR EXISTS (SELECT 1 FROM joint_role_appointment a
                        JOIN joint_role_partner jp ON jp.joint_role_id = a.joint_role_id AND jp.organisation_id = $3
                       WHERE a.staff_id = $1 AND (a.end_date IS NULL OR a.end_date >= CURRENT_DATE))
           OR EXISTS (SELECT 1 FROM assignment x JOIN shift s ON s.id = x.shift_id
                       WHERE x.staff_id = $1 AND s.team_id = $2 AND x.cancelled_at IS NULL) AS linked`,
      [staff.id, team.id, team.organisationId],
    );
    return (row as { linked: boolean }).linked;
  }

  /** Readiness against a team's required skills, accepted by the team's organisation. */
  async teamReadiness(em: EntityManager, staffId: string, team: TeamEntity, on: IsoDate): Promise<Readiness> {
    const required = await em.getRepository(TeamRequiredSkillEntity).findBy({ teamId: team.id });
    return this.readinessFor(
      em,
      staffId,
      required.map((r) => r.skillId),
      team.organisationId,
      on,
    );
  }

  /** Readiness against any list of skills (a team's, a joint role's), at one organisation, on one date. */
  async readinessFor(
    em: EntityManager,
    staffId: string,
    requiredSkillIds: readonly string[],
    organisationId: string,
    on: IsoDate,
  ): Promise<Readiness> {
    if (requiredSkillIds.length === 0) return { ready: true, gaps: [] };
    const policies = await this.loadPolicies(em, [organisationId]);
    const credentials = await this.loadCredentialFacts(em, [staffId], requiredSkillIds);
    return assessReadiness(requiredSkillIds, credentials, policies.get(organisationId)!, on);
  }

  /** Acceptance policies of several organisations: two queries whatever their number. */
  async loadPolicies(
    em: EntityManager,
    organisationIds: readonly string[],
  ): Promise<Map<string, AcceptancePolicy>> {
    const ids = [...new Set(organisationIds)];
    const orgs = await em
      .getRepository(OrganisationEntity)
      .createQueryBuilder('o')
      .where('o.id = ANY(:ids)', { ids })
      .getMany();
    const lines = await em
      .getRepository(PassportAcceptanceEntity)
      .createQueryBuilder('a')
      .where('a.organisation_id = ANY(:ids)', { ids })
      .getMany();
    return new Map(
      orgs.map((o) => {
        const mine = lines.filter((l) => l.organisationId === o.id);
        return [
          o.id,
          {
            organisationId: o.id,
            sector: o.sector as CoreSector,
            acceptedSkillIds: new Set(mine.flatMap((l) => (l.skillId ? [l.skillId] : []))),
            acceptedVerifierIds: new Set(
              mine.flatMap((l) => (l.verifyingOrganisationId ? [l.verifyingOrganisationId] : [])),
            ),
          },
        ];
      }),
    );
  }

  /**
   * The credentials that count (accepted, not revoked: the `counting_credential` view) of several people, as
   * rota-core facts with their verifier's sector: one query. Pending, declined and revoked ones never get here.
   */
  async loadCredentialFacts(
    em: EntityManager,
    staffIds: readonly string[],
    skillIds?: readonly string[],
  ): Promise<CredentialFact[]> {
    const rows: Array<{
      id: string;
      staff_id: string;
      skill_id: string;
      obtained_on: string;
      expires_on: string | null;
      verifier_id: string;
      verifier_sector: CoreSector;
    }> = await em.query(
      `SELECT c.id, c.staff_id, c.skill_id, c.obtained_on::text AS obtained_on, c.expires_on::text AS expires_on,
              c.verified_by_organisation_id AS verifier_id, v.sector::text AS verifier_sector
         FROM ${COUNTING_CREDENTIAL} c JOIN organisation v ON v.id = c.verified_by_organisation_id
        WHERE c.staff_id = ANY($1::uuid[]) AND ($2::uuid[] IS NULL OR c.skill_id = ANY($2::uuid[]))`,
      [[...staffIds], skillIds ? [...skillIds] : null],
    );
    return rows.map((r) => ({
      id: r.id,
      staffId: r.staff_id,
      skillId: r.skill_id,
      obtainedOn: r.obtained_on,
      expiresOn: r.expires_on,
      verifierOrganisationId: r.verifier_id,
      verifierSector: r.verifier_sector,
      revoked: false,
    }));
  }
}
