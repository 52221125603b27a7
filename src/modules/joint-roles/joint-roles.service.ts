import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import { Access } from '../../common/auth/access.js';
import { isAdmin, Role, type Actor } from '../../common/auth/actor.js';
import { TransactionRunner } from '../../common/database/transaction.js';
import {
  BadUserInputError,
  ConflictError,
  ForbiddenError,
  NotFoundError,
} from '../../common/errors/domain-error.js';
import { type ConnectionShape, paginate } from '../../common/graphql/pagination.js';
import { localDateOf } from '../../rota-core/dates.js';
import { OrganisationEntity } from '../organisations/organisation.entity.js';
import { Sector } from '../organisations/organisation.enums.js';
import { PassportService } from '../passport/passport.service.js';
import { SkillsService } from '../skills/skills.service.js';
import { StaffMemberEntity } from '../staff/staff-member.entity.js';
import { JointRoleAppointmentEntity, type StoredGap } from './joint-role-appointment.entity.js';
import { AppointmentStatus, JointRoleStatus, ShareAcceptance } from './joint-role.enums.js';
import { JointRolePartnerEntity } from './joint-role-partner.entity.js';
import { JointRoleRequiredSkillEntity } from './joint-role-required-skill.entity.js';
import { JointRoleEntity } from './joint-role.entity.js';
import type {
  AppointToJointRoleInput,
  CreateJointRoleInput,
  JointRolePartnerInput,
  JointRolesArgs,
  UpdateJointRoleInput,
} from './joint-roles.types.js';
import { checkShares } from './shares.js';

/** The database's own refusals (the deferred trigger and the constraints), read as domain errors. */
export const JOINT_ROLE_CONSTRAINTS = {
  ck_joint_role_shares: () =>
    new BadUserInputError('funding and time shares must each sum to exactly 100', 'input.partners'),
  ck_joint_role_sectors: () =>
    new BadUserInputError('partners must include a health and a social care organisation', 'input.partners'),
  ck_joint_role_named_partners: () =>
    new BadUserInputError(
      'the employing, line-management and supervision partners must be partners',
      'input.partners',
    ),
  pk_joint_role_partner: () => new BadUserInputError('lists a partner twice', 'input.partners'),
  ck_joint_role_accepted: () =>
    new ConflictError('A joint role is ACTIVE only when every partner has accepted its shares', {
      status: JointRoleStatus.DRAFT,
    }),
  ex_joint_role_appointment_overlap: () =>
    new ConflictError(
      'The person already holds (or is proposed for) this joint role for some of those dates',
      {
        field: 'input.startDate',
      },
    ),
};

/** HR of any partner (or ADMIN) manages a joint role. */
const managesRole = Access.partnersInJointRole;

/** Whether a change of end date commits the partners to more (later, or open-ended). */
function extendsCommitment(before: string | null, after: string | null): boolean {
  if (after === null) return before !== null;
  return before !== null && after > before;
}

/** Organisations whose joint roles the caller sees as a partner: HR and managers work for them; staff do not. */
function partnerScope(actor: Actor): string[] {
  return actor.roles.has(Role.HR) || actor.roles.has(Role.MANAGER) ? [...actor.organisationIds] : [];
}

function reasonText(reason: string, field: string): string {
  const trimmed = reason.trim();
  if (trimmed.length === 0 || trimmed.length > 1000)
    throw new BadUserInputError('must be 1–1000 characters', field);
  return trimmed;
}

const pending = () => ({
  acceptance: ShareAcceptance.PENDING,
  decidedBy: null,
  decidedAt: null,
  declineReason: null,
});
const accepted = (actor: Actor, at: Date) => ({
  acceptance: ShareAcceptance.ACCEPTED,
  decidedBy: actor.subject,
  decidedAt: at,
  declineReason: null,
});

const everyoneAccepted = (partners: readonly JointRolePartnerEntity[]) =>
  partners.every((p) => p.acceptance === ShareAcceptance.ACCEPTED);

@Injectable()
export class JointRolesService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly tx: TransactionRunner,
    private readonly skills: SkillsService,
    private readonly passport: PassportService,
  ) {}

  /** Partners, both sectors, named partners among them: checked before any write (the database checks again). */
  private async validatePartners(
    em: EntityManager,
    partners: readonly JointRolePartnerInput[],
    named: { employingPartnerId: string; lineManagementPartnerId: string; supervisionPartnerId: string },
  ): Promise<void> {
    checkShares(partners, 'input.partners');
    const ids = partners.map((p) => p.organisationId);
    const orgs = await em
      .getRepository(OrganisationEntity)
      .createQueryBuilder('o')
      .where('o.id = ANY(:ids)', { ids })
      .getMany();
    partners.forEach((p, i) => {
      if (!orgs.some((o) => o.id === p.organisationId)) {
        throw new NotFoundError('Organisation', p.organisationId, `input.partners[${i}].organisationId`);
      }
    });
    if (!orgs.some((o) => o.sector === Sector.HEALTH) || !orgs.some((o) => o.sector === Sector.SOCIAL_CARE)) {
      throw new BadUserInputError(
        'partners must include a health and a social care organisation',
        'input.partners',
      );
    }
    const { employingPartnerId, lineManagementPartnerId, supervisionPartnerId } = named;
    for (const [key, id] of Object.entries({
      employingPartnerId,
      lineManagementPartnerId,
      supervisionPartnerId,
    })) {
      if (!ids.includes(id)) throw new BadUserInputError('must be one of the partners', `input.${key}`);
    }
  }

  private async partnersOf(em: EntityManager, roleId: string): Promise<JointRolePartnerEntity[]> {
    return em.getRepository(JointRolePartnerEntity).findBy({ jointRoleId: roleId });
  }

  async list(actor: Actor, args: JointRolesArgs): Promise<ConnectionShape<JointRoleEntity>> {
    const qb = this.dataSource.getRepository(JointRoleEntity).createQueryBuilder('r');
    const f = args.filter ?? {};
    if (f.status) qb.andWhere('r.status = :status', { status: f.status });
    if (f.awaitingAcceptanceBy) {
      qb.andWhere(
        `(EXISTS (SELECT 1 FROM joint_role_partner w WHERE w.joint_role_id = r.id AND w.organisation_id = :waiting
            AND w.acceptance = 'PENDING')
          OR EXISTS (SELECT 1 FROM joint_role_appointment wa JOIN staff_member ws ON ws.id = wa.staff_id
             WHERE wa.joint_role_id = r.id AND wa.status = 'PROPOSED' AND wa.ended_at IS NULL
               AND ws.employer_id = :waiting))`,
        { waiting: f.awaitingAcceptanceBy },
      );
    }
    if (f.organisationId) {
      qb.andWhere(
        'EXISTS (SELECT 1 FROM joint_role_partner p WHERE p.joint_role_id = r.id AND p.organisation_id = :org)',
        { org: f.organisationId },
      );
    }
    if (!isAdmin(actor)) {
      // The rows the JointRole visibility policy shows: partners' HR and managers, and the role's appointees.
      qb.andWhere(
        `(EXISTS (SELECT 1 FROM joint_role_partner p WHERE p.joint_role_id = r.id AND p.organisation_id = ANY(:mine))
          OR EXISTS (SELECT 1 FROM joint_role_appointment a WHERE a.joint_role_id = r.id AND a.staff_id = :me))`,
        { mine: partnerScope(actor), me: actor.staffId ?? '00000000-0000-0000-0000-000000000000' },
      );
    }
    return paginate(qb, args, [
      { expression: 'lower(r.title)', value: (r) => r.title.toLowerCase() },
      { expression: 'r.id', value: (r) => r.id },
    ]);
  }

  async get(actor: Actor, id: string): Promise<JointRoleEntity> {
    const role = await this.dataSource.getRepository(JointRoleEntity).findOneBy({ id });
    if (!role) throw new NotFoundError('Joint role', id, 'id');
    const partners = await this.partnersOf(this.dataSource.manager, id);
    const appointee =
      actor.staffId !== undefined &&
      (await this.dataSource
        .getRepository(JointRoleAppointmentEntity)
        .existsBy({ jointRoleId: id, staffId: actor.staffId }));
    if (
      !isAdmin(actor) &&
      !appointee &&
      !partners.some((p) => partnerScope(actor).includes(p.organisationId))
    ) {
      throw new ForbiddenError('Not in your scope: that joint role');
    }
    return role;
  }

  /**
   * `createJointRole`: the shares of partners the caller answers for (their HR) are accepted at once; every
   * other partner's HR must accept theirs (`acceptJointRoleShare`) before the role can be ACTIVE.
   */
  create(actor: Actor, input: CreateJointRoleInput): Promise<JointRoleEntity> {
    if (input.endDate && input.endDate < input.startDate) {
      throw new BadUserInputError(`must not be before startDate (${input.startDate})`, 'input.endDate');
    }
    if (
      !managesRole(
        actor,
        input.partners.map((p) => p.organisationId),
      )
    ) {
      throw new ForbiddenError('Only HR of a partner organisation may set up a joint role');
    }
    return this.tx.run(
      async (em) => {
        await this.validatePartners(em, input.partners, input);
        await this.skills.requireAll(input.requiredSkillIds ?? [], 'input.requiredSkillIds', em);
        const mine = new Set(
          Access.answersFor(
            actor,
            input.partners.map((p) => p.organisationId),
          ),
        );
        const allAccepted = input.partners.every((p) => mine.has(p.organisationId));
        const repo = em.getRepository(JointRoleEntity);
        const role = await repo.save(
          repo.create({
            title: input.title.trim(),
            description: input.description ?? null,
            staffGroup: input.staffGroup,
            fte: input.fte,
            startDate: input.startDate,
            endDate: input.endDate ?? null,
            status: input.activate && allAccepted ? JointRoleStatus.ACTIVE : JointRoleStatus.DRAFT,
            termsVersion: 1,
            employmentModel: input.employmentModel,
            employingPartnerId: input.employingPartnerId,
            lineManagementPartnerId: input.lineManagementPartnerId,
            supervisionPartnerId: input.supervisionPartnerId,
            annualCost: input.annualCost ?? null,
          }),
        );
        const now = new Date();
        await em.getRepository(JointRolePartnerEntity).insert(
          input.partners.map((p) => ({
            jointRoleId: role.id,
            organisationId: p.organisationId,
            fundingSharePercent: p.fundingSharePercent,
            timeSharePercent: p.timeSharePercent,
            ...(mine.has(p.organisationId) ? accepted(actor, now) : pending()),
          })),
        );
        await this.writeSkills(em, role.id, input.requiredSkillIds ?? []);
        return role;
      },
      { constraints: JOINT_ROLE_CONSTRAINTS },
    );
  }

  /**
   * Replaces the partners: those whose shares change (and new ones) go back to PENDING, the others keep their
   * answer. `reset` partners go back to PENDING whatever their shares (the common terms changed).
   */
  private async writePartners(
    em: EntityManager,
    roleId: string,
    current: readonly JointRolePartnerEntity[],
    next: readonly JointRolePartnerInput[],
    reset: ReadonlySet<string>,
  ): Promise<void> {
    const repo = em.getRepository(JointRolePartnerEntity);
    const removed = current.filter((c) => !next.some((p) => p.organisationId === c.organisationId));
    for (const c of removed) await repo.delete({ jointRoleId: roleId, organisationId: c.organisationId });
    for (const p of next) {
      const c = current.find((x) => x.organisationId === p.organisationId);
      if (!c) {
        await repo.insert({
          jointRoleId: roleId,
          organisationId: p.organisationId,
          fundingSharePercent: p.fundingSharePercent,
          timeSharePercent: p.timeSharePercent,
          ...pending(),
        });
      } else if (reset.has(p.organisationId)) {
        await repo.update(
          { jointRoleId: roleId, organisationId: p.organisationId },
          { fundingSharePercent: p.fundingSharePercent, timeSharePercent: p.timeSharePercent, ...pending() },
        );
      }
    }
  }

  private async writeSkills(em: EntityManager, roleId: string, skillIds: readonly string[]): Promise<void> {
    const repo = em.getRepository(JointRoleRequiredSkillEntity);
    await repo.delete({ jointRoleId: roleId });
    if (skillIds.length)
      await repo.insert([...new Set(skillIds)].map((skillId) => ({ jointRoleId: roleId, skillId })));
  }

  /**
   * `updateJointRole`. Changing what partners accept — a partner's shares (or adding one), or the common terms
   * (FTE, annual cost, employment model, a later or open end date; a named partner for the organisations
   * named before and after) — puts those partners back to PENDING and raises `termsVersion`; partners the caller
   * answers for accept the new terms at once. An ACTIVE role that is no longer accepted by everyone goes back to
   * DRAFT (its appointments stop authorising work) until they accept.
   */
  update(actor: Actor, id: string, input: UpdateJointRoleInput): Promise<JointRoleEntity> {
    return this.tx.run(
      async (em) => {
        const repo = em.getRepository(JointRoleEntity);
        const role = await repo.findOne({ where: { id }, lock: { mode: 'pessimistic_write' } });
        if (!role) throw new NotFoundError('Joint role', id, 'input.jointRoleId');
        const current = await this.partnersOf(em, id);
        const partnerIds = [
          ...current.map((p) => p.organisationId),
          ...(input.partners ?? []).map((p) => p.organisationId),
        ];
        if (!managesRole(actor, partnerIds))
          throw new ForbiddenError('Only HR of a partner organisation may change a joint role');
        if (role.status === JointRoleStatus.ENDED)
          throw new ConflictError('The joint role has ENDED', { status: role.status });
        if (input.status !== undefined && input.status !== role.status) {
          const allowed =
            role.status === JointRoleStatus.DRAFT ? [JointRoleStatus.ACTIVE] : [JointRoleStatus.ENDED];
          if (!allowed.includes(input.status)) {
            throw new ConflictError(`A ${role.status} joint role cannot become ${input.status}`, {
              status: role.status,
            });
          }
        }
        const before = { ...role };
        if (input.title !== undefined) role.title = input.title.trim();
        if (input.description !== undefined) role.description = input.description;
        if (input.fte !== undefined) role.fte = input.fte;
        if (input.employmentModel !== undefined) role.employmentModel = input.employmentModel;
        if (input.employingPartnerId !== undefined) role.employingPartnerId = input.employingPartnerId;
        if (input.lineManagementPartnerId !== undefined)
          role.lineManagementPartnerId = input.lineManagementPartnerId;
        if (input.supervisionPartnerId !== undefined) role.supervisionPartnerId = input.supervisionPartnerId;
        if (input.annualCost !== undefined) role.annualCost = input.annualCost;
        if (input.endDate !== undefined) role.endDate = input.endDate;
        if (input.status === JointRoleStatus.ENDED) role.endDate ??= localDateOf(new Date());
        if (role.endDate && role.endDate < role.startDate) {
          throw new BadUserInputError(`must not be before startDate (${role.startDate})`, 'input.endDate');
        }
        const next = input.partners ?? current.map((p) => ({ ...p }));
        await this.validatePartners(em, next, role);

        // Which partners must accept again.
        const nextIds = next.map((p) => p.organisationId);
        const reset = new Set<string>();
        if (
          role.fte !== before.fte ||
          role.annualCost !== before.annualCost ||
          role.employmentModel !== before.employmentModel ||
          extendsCommitment(before.endDate, role.endDate)
        ) {
          nextIds.forEach((o) => reset.add(o));
        }
        for (const key of [
          'employingPartnerId',
          'lineManagementPartnerId',
          'supervisionPartnerId',
        ] as const) {
          if (role[key] !== before[key]) [role[key], before[key]].forEach((o) => reset.add(o));
        }
        for (const p of next) {
          const c = current.find((x) => x.organisationId === p.organisationId);
          if (
            !c ||
            c.fundingSharePercent !== p.fundingSharePercent ||
            c.timeSharePercent !== p.timeSharePercent
          )
            reset.add(p.organisationId);
        }
        for (const o of [...reset]) if (!nextIds.includes(o)) reset.delete(o);
        const termsChanged = reset.size > 0 || next.length !== current.length;
        if (termsChanged && input.status === JointRoleStatus.ENDED) {
          throw new BadUserInputError(
            'end a joint role without changing its terms (shares, partners, FTE, cost, dates, employment model)',
            'input.status',
          );
        }

        if (input.partners || reset.size) await this.writePartners(em, role.id, current, next, reset);
        if (termsChanged) {
          role.termsVersion += 1;
          // Whoever proposes the new terms accepts them for the organisations they answer for.
          const now = new Date();
          const partnerRepo = em.getRepository(JointRolePartnerEntity);
          for (const o of Access.answersFor(actor, nextIds)) {
            await partnerRepo.update({ jointRoleId: role.id, organisationId: o }, accepted(actor, now));
          }
        }
        const after = await this.partnersOf(em, role.id);
        const waiting = after.filter((p) => p.acceptance !== ShareAcceptance.ACCEPTED);
        if (input.status === JointRoleStatus.ACTIVE && waiting.length) {
          throw new ConflictError(
            `The joint role stays DRAFT until every partner accepts its shares: waiting for ${waiting.length} partner(s)`,
            { status: role.status, awaitingOrganisationIds: waiting.map((p) => p.organisationId) },
          );
        }
        if (input.status !== undefined) role.status = input.status;
        if (role.status === JointRoleStatus.ACTIVE && waiting.length) role.status = JointRoleStatus.DRAFT;

        if (input.requiredSkillIds) {
          await this.skills.requireAll(input.requiredSkillIds, 'input.requiredSkillIds', em);
          await this.writeSkills(em, role.id, input.requiredSkillIds);
        }
        if (role.endDate) {
          // Appointments do not outlive the role.
          await em
            .getRepository(JointRoleAppointmentEntity)
            .createQueryBuilder()
            .update()
            .set({
              endDate: role.endDate,
              endedBy: actor.subject,
              endedAt: new Date(),
              endReason: 'The joint role ended',
            })
            .where('joint_role_id = :id AND (end_date IS NULL OR end_date > :end) AND start_date <= :end', {
              id: role.id,
              end: role.endDate,
            })
            .execute();
        }
        return repo.save(role);
      },
      { constraints: JOINT_ROLE_CONSTRAINTS },
    );
  }

  /**
   * `acceptJointRoleShare`: HR of a partner accepts its funding and time share (and the role's terms) at
   * `termsVersion`. The last acceptance makes a DRAFT role ACTIVE.
   */
  acceptShare(
    actor: Actor,
    id: string,
    organisationId: string,
    termsVersion: number,
  ): Promise<JointRoleEntity> {
    return this.decideShare(actor, id, organisationId, termsVersion, ShareAcceptance.ACCEPTED, null);
  }

  /** `declineJointRoleShare`: HR of a partner refuses its share, with a reason; the role stays DRAFT. */
  declineShare(
    actor: Actor,
    id: string,
    organisationId: string,
    termsVersion: number,
    reason: string,
  ): Promise<JointRoleEntity> {
    return this.decideShare(
      actor,
      id,
      organisationId,
      termsVersion,
      ShareAcceptance.DECLINED,
      reasonText(reason, 'input.reason'),
    );
  }

  private decideShare(
    actor: Actor,
    id: string,
    organisationId: string,
    termsVersion: number,
    decision: ShareAcceptance,
    reason: string | null,
  ): Promise<JointRoleEntity> {
    return this.tx.run(
      async (em) => {
        const repo = em.getRepository(JointRoleEntity);
        const role = await repo.findOne({ where: { id }, lock: { mode: 'pessimistic_write' } });
        if (!role) throw new NotFoundError('Joint role', id, 'input.jointRoleId');
        if (!Access.administersOrganisation(actor, organisationId)) {
          throw new ForbiddenError('Only HR of that partner may answer for its share');
        }
        const partners = await this.partnersOf(em, id);
        const partner = partners.find((p) => p.organisationId === organisationId);
        if (!partner)
          throw new BadUserInputError('is not a partner of this joint role', 'input.organisationId');
        if (role.status === JointRoleStatus.ENDED) {
          throw new ConflictError('The joint role has ENDED', { status: role.status });
        }
        if (termsVersion !== role.termsVersion) {
          throw new ConflictError(
            `The role's terms are at version ${role.termsVersion}, not ${termsVersion}: they changed since you read them`,
            { field: 'input.termsVersion', currentTermsVersion: role.termsVersion },
          );
        }
        if (partner.acceptance !== ShareAcceptance.PENDING) {
          throw new ConflictError(
            `That share is already ${partner.acceptance}: only a PENDING share can be accepted or declined`,
            { status: partner.acceptance },
          );
        }
        const now = new Date();
        Object.assign(
          partner,
          decision === ShareAcceptance.ACCEPTED
            ? accepted(actor, now)
            : {
                acceptance: ShareAcceptance.DECLINED,
                decidedBy: actor.subject,
                decidedAt: now,
                declineReason: reason,
              },
        );
        await em.getRepository(JointRolePartnerEntity).update(
          { jointRoleId: id, organisationId },
          {
            acceptance: partner.acceptance,
            decidedBy: partner.decidedBy,
            decidedAt: partner.decidedAt,
            declineReason: partner.declineReason,
          },
        );
        if (role.status === JointRoleStatus.DRAFT && everyoneAccepted(partners)) {
          role.status = JointRoleStatus.ACTIVE;
          return repo.save(role);
        }
        return role;
      },
      { constraints: JOINT_ROLE_CONSTRAINTS },
    );
  }

  /**
   * `appointToJointRole`: the role must be ACTIVE and cover the dates; the person must work for a partner and have
   * room for the FTE alongside their other (consented) joint roles; passport gaps (against every partner) need a
   * reason. Appointed by HR of the person's employer it is CONSENTED at once; by another partner's HR it is
   * PROPOSED until the employer's HR consents.
   */
  appoint(actor: Actor, input: AppointToJointRoleInput): Promise<JointRoleAppointmentEntity> {
    return this.tx.run((em) => this.appointIn(em, actor, input), { constraints: JOINT_ROLE_CONSTRAINTS });
  }

  /** `appoint` inside the caller's transaction (the one write path, also used by bulk import). */
  async appointIn(
    em: EntityManager,
    actor: Actor,
    input: AppointToJointRoleInput,
  ): Promise<JointRoleAppointmentEntity> {
    if (input.endDate && input.endDate < input.startDate) {
      throw new BadUserInputError(`must not be before startDate (${input.startDate})`, 'input.endDate');
    }
    const role = await em.getRepository(JointRoleEntity).findOneBy({ id: input.jointRoleId });
    if (!role) throw new NotFoundError('Joint role', input.jointRoleId, 'input.jointRoleId');
    const partners = await this.partnersOf(em, role.id);
    if (
      !managesRole(
        actor,
        partners.map((p) => p.organisationId),
      )
    ) {
      throw new ForbiddenError('Only HR of a partner organisation may appoint to a joint role');
    }
    if (role.status !== JointRoleStatus.ACTIVE) {
      throw new ConflictError(`The joint role is ${role.status}: appointments need it ACTIVE`, {
        status: role.status,
      });
    }
    const staff = await em
      .getRepository(StaffMemberEntity)
      .findOne({ where: { id: input.staffId }, lock: { mode: 'pessimistic_write' } });
    if (!staff) throw new NotFoundError('Staff member', input.staffId, 'input.staffId');
    if (!staff.active)
      throw new ConflictError('The staff member is no longer active', { field: 'input.staffId' });
    if (!partners.some((p) => p.organisationId === staff.employerId)) {
      throw new BadUserInputError(
        'the person must be employed by one of the role’s partners',
        'input.staffId',
      );
    }
    if (
      input.startDate < role.startDate ||
      (role.endDate && (input.endDate ?? '9999-12-31') > role.endDate)
    ) {
      throw new BadUserInputError(
        `must fall within the role’s dates (${role.startDate} to ${role.endDate ?? 'open-ended'})`,
        input.startDate < role.startDate ? 'input.startDate' : 'input.endDate',
      );
    }
    const fte = input.fte ?? Math.min(1, role.fte);
    await this.checkFte(em, staff.id, input.startDate, input.endDate ?? null, fte, null, 'input.fte');
    const gaps: StoredGap[] = [];
    const required = (
      await em.getRepository(JointRoleRequiredSkillEntity).findBy({ jointRoleId: role.id })
    ).map((r) => r.skillId);
    for (const p of partners) {
      const r = await this.passport.readinessFor(em, staff.id, required, p.organisationId, input.startDate);
      gaps.push(
        ...r.gaps.map((g) => ({
          organisationId: p.organisationId,
          skillId: g.skillId,
          reason: g.reason,
          expiresOn: g.expiresOn,
        })),
      );
    }
    if (gaps.length && !input.overrideGaps) {
      throw new BadUserInputError(
        `the person has ${gaps.length} passport gap(s) for this role: appoint with overrideGaps and a reason, or close the gaps first`,
        'input.overrideGaps',
        { gaps },
      );
    }
    if (input.overrideGaps && !input.reason?.trim()) {
      throw new BadUserInputError('appointing despite passport gaps needs a reason', 'input.reason');
    }
    const employerConsents = Access.answersForEmployer(actor, staff);
    const repo = em.getRepository(JointRoleAppointmentEntity);
    return repo.save(
      repo.create({
        jointRoleId: role.id,
        staffId: staff.id,
        startDate: input.startDate,
        endDate: input.endDate ?? null,
        fte,
        gaps,
        overrideReason: gaps.length ? input.reason!.trim() : null,
        appointedBy: actor.subject,
        status: employerConsents ? AppointmentStatus.CONSENTED : AppointmentStatus.PROPOSED,
        decidedBy: employerConsents ? actor.subject : null,
        decidedAt: employerConsents ? new Date() : null,
        declineReason: null,
        endedBy: null,
        endedAt: null,
        endReason: null,
      }),
    );
  }

  /**
   * One person's consented joint roles over the dates, plus `fte`, stay within 1.0 (CONFLICT otherwise). The
   * caller holds the person's row locked, so two appointments cannot both take the last share.
   */
  private async checkFte(
    em: EntityManager,
    staffId: string,
    startDate: string,
    endDate: string | null,
    fte: number,
    exceptId: string | null,
    field: string,
  ): Promise<void> {
    const overlapping = await em
      .getRepository(JointRoleAppointmentEntity)
      .createQueryBuilder('a')
      .where('a.staff_id = :staff AND a.status = :consented', {
        staff: staffId,
        consented: AppointmentStatus.CONSENTED,
      })
      .andWhere(
        `daterange(a.start_date, COALESCE(a.end_date, 'infinity'::date), '[]') && daterange(:start, COALESCE(:end::date, 'infinity'::date), '[]')`,
        { start: startDate, end: endDate },
      )
      .getMany();
    const held = overlapping
      .filter((a) => a.id !== exceptId)
      .reduce((sum, a) => sum + Math.round(a.fte * 100), 0);
    if (held + Math.round(fte * 100) > 100) {
      throw new ConflictError(
        `The person already holds ${held / 100} FTE of joint roles over those dates: ${fte} more would exceed 1.0`,
        { field, heldFte: held / 100 },
      );
    }
  }

  /** `consentToJointRoleAppointment`: HR of the appointee's employer agrees; from now on it authorises work. */
  consentToAppointment(actor: Actor, id: string): Promise<JointRoleAppointmentEntity> {
    return this.decideAppointment(actor, id, AppointmentStatus.CONSENTED, null);
  }

  /** `declineJointRoleAppointment`: HR of the appointee's employer refuses it, with a reason. */
  declineAppointment(actor: Actor, id: string, reason: string): Promise<JointRoleAppointmentEntity> {
    return this.decideAppointment(actor, id, AppointmentStatus.DECLINED, reasonText(reason, 'input.reason'));
  }

  private decideAppointment(
    actor: Actor,
    id: string,
    decision: AppointmentStatus,
    reason: string | null,
  ): Promise<JointRoleAppointmentEntity> {
    return this.tx.run(async (em) => {
      const repo = em.getRepository(JointRoleAppointmentEntity);
      const appointment = await repo.findOne({ where: { id }, lock: { mode: 'pessimistic_write' } });
      if (!appointment) throw new NotFoundError('Appointment', id, 'input.appointmentId');
      const staff = await em
        .getRepository(StaffMemberEntity)
        .findOne({ where: { id: appointment.staffId }, lock: { mode: 'pessimistic_write' } });
      if (!staff || !Access.answersForEmployer(actor, staff)) {
        throw new ForbiddenError(
          'Only HR of the appointee’s employer may consent to or decline the appointment',
        );
      }
      if (appointment.status !== AppointmentStatus.PROPOSED) {
        throw new ConflictError(
          `The appointment is already ${appointment.status}: only a PROPOSED one can be consented to or declined`,
          { status: appointment.status },
        );
      }
      if (appointment.endedAt) {
        throw new ConflictError(`The appointment was ended on ${appointment.endDate}`, { status: 'ENDED' });
      }
      if (decision === AppointmentStatus.CONSENTED) {
        const role = await em.getRepository(JointRoleEntity).findOneByOrFail({ id: appointment.jointRoleId });
        if (role.status !== JointRoleStatus.ACTIVE) {
          throw new ConflictError(`The joint role is ${role.status}: appointments need it ACTIVE`, {
            status: role.status,
          });
        }
        if (!staff.active) throw new ConflictError('The staff member is no longer active', { field: 'id' });
        await this.checkFte(
          em,
          staff.id,
          appointment.startDate,
          appointment.endDate,
          appointment.fte,
          appointment.id,
          'id',
        );
      }
      Object.assign(appointment, {
        status: decision,
        decidedBy: actor.subject,
        decidedAt: new Date(),
        declineReason: reason,
      });
      return repo.save(appointment);
    });
  }

  endAppointment(
    actor: Actor,
    id: string,
    endDate: string,
    reason: string | null | undefined,
  ): Promise<JointRoleAppointmentEntity> {
    return this.tx.run(async (em) => {
      const repo = em.getRepository(JointRoleAppointmentEntity);
      const appointment = await repo.findOne({ where: { id }, lock: { mode: 'pessimistic_write' } });
      if (!appointment) throw new NotFoundError('Appointment', id, 'input.appointmentId');
      const partners = await this.partnersOf(em, appointment.jointRoleId);
      if (
        !managesRole(
          actor,
          partners.map((p) => p.organisationId),
        )
      ) {
        throw new ForbiddenError('Only HR of a partner organisation may end an appointment');
      }
      if (appointment.endedAt) {
        throw new ConflictError(`The appointment already ended on ${appointment.endDate}`, {
          status: 'ENDED',
        });
      }
      if (endDate < appointment.startDate) {
        throw new BadUserInputError(
          `must not be before the start (${appointment.startDate})`,
          'input.endDate',
        );
      }
      if (appointment.endDate && endDate > appointment.endDate) {
        throw new BadUserInputError(
          `must not be after the agreed end (${appointment.endDate})`,
          'input.endDate',
        );
      }
      Object.assign(appointment, {
        endDate,
        endedBy: actor.subject,
        endedAt: new Date(),
        endReason: reason?.trim() || null,
      });
      return repo.save(appointment);
    });
  }
}
