import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
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
import { JointRoleStatus } from './joint-role.enums.js';
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
const JOINT_ROLE_CONSTRAINTS = {
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
  ex_joint_role_appointment_overlap: () =>
    new ConflictError('The person already holds this joint role for some of those dates', {
      field: 'input.startDate',
    }),
};

/** HR of any partner (or ADMIN) manages a joint role. */
function managesRole(actor: Actor, partnerIds: readonly string[]): boolean {
  return (
    isAdmin(actor) ||
    (actor.roles.has(Role.HR) && partnerIds.some((id) => actor.organisationIds.includes(id)))
  );
}

/** Organisations whose joint roles the caller sees as a partner: HR and managers work for them; staff do not. */
function partnerScope(actor: Actor): string[] {
  return actor.roles.has(Role.HR) || actor.roles.has(Role.MANAGER) ? [...actor.organisationIds] : [];
}

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
        const repo = em.getRepository(JointRoleEntity);
        const role = await repo.save(
          repo.create({
            title: input.title.trim(),
            description: input.description ?? null,
            staffGroup: input.staffGroup,
            fte: input.fte,
            startDate: input.startDate,
            endDate: input.endDate ?? null,
            status: input.activate ? JointRoleStatus.ACTIVE : JointRoleStatus.DRAFT,
            employmentModel: input.employmentModel,
            employingPartnerId: input.employingPartnerId,
            lineManagementPartnerId: input.lineManagementPartnerId,
            supervisionPartnerId: input.supervisionPartnerId,
            annualCost: input.annualCost ?? null,
          }),
        );
        await this.writePartners(em, role.id, input.partners);
        await this.writeSkills(em, role.id, input.requiredSkillIds ?? []);
        return role;
      },
      { constraints: JOINT_ROLE_CONSTRAINTS },
    );
  }

  private async writePartners(
    em: EntityManager,
    roleId: string,
    partners: readonly JointRolePartnerInput[],
  ): Promise<void> {
    const repo = em.getRepository(JointRolePartnerEntity);
    await repo.delete({ jointRoleId: roleId });
    await repo.insert(
      partners.map((p) => ({
        jointRoleId: roleId,
        organisationId: p.organisationId,
        fundingSharePercent: p.fundingSharePercent,
        timeSharePercent: p.timeSharePercent,
      })),
    );
  }

  private async writeSkills(em: EntityManager, roleId: string, skillIds: readonly string[]): Promise<void> {
    const repo = em.getRepository(JointRoleRequiredSkillEntity);
    await repo.delete({ jointRoleId: roleId });
    if (skillIds.length)
      await repo.insert([...new Set(skillIds)].map((skillId) => ({ jointRoleId: roleId, skillId })));
  }

  update(actor: Actor, id: string, input: UpdateJointRoleInput): Promise<JointRoleEntity> {
    return this.tx.run(
      async (em) => {
        const repo = em.getRepository(JointRoleEntity);
        const role = await repo.findOne({ where: { id }, lock: { mode: 'pessimistic_write' } });
        if (!role) throw new NotFoundError('Joint role', id, 'id');
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
        if (input.status !== undefined) role.status = input.status;
        const partners = input.partners ?? current.map((p) => ({ ...p }));
        await this.validatePartners(em, partners, role);
        if (input.partners) await this.writePartners(em, role.id, input.partners);
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
   * `appointToJointRole`: the role must be ACTIVE and cover the dates; the person must work for a partner and have
   * room for the FTE alongside their other joint roles; passport gaps (against every partner) need a reason.
   */
  appoint(actor: Actor, input: AppointToJointRoleInput): Promise<JointRoleAppointmentEntity> {
    if (input.endDate && input.endDate < input.startDate) {
      throw new BadUserInputError(`must not be before startDate (${input.startDate})`, 'input.endDate');
    }
    return this.tx.run(
      async (em) => {
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
        const overlapping = await em
          .getRepository(JointRoleAppointmentEntity)
          .createQueryBuilder('a')
          .where('a.staff_id = :staff', { staff: staff.id })
          .andWhere(
            `daterange(a.start_date, COALESCE(a.end_date, 'infinity'::date), '[]') && daterange(:start, COALESCE(:end::date, 'infinity'::date), '[]')`,
            {
              start: input.startDate,
              end: input.endDate ?? null,
            },
          )
          .getMany();
        const held = overlapping.reduce((sum, a) => sum + Math.round(a.fte * 100), 0);
        if (held + Math.round(fte * 100) > 100) {
          throw new ConflictError(
            `The person already holds ${held / 100} FTE of joint roles over those dates: ${fte} more would exceed 1.0`,
            { field: 'input.fte', heldFte: held / 100 },
          );
        }
        const gaps: StoredGap[] = [];
        const required = (
          await em.getRepository(JointRoleRequiredSkillEntity).findBy({ jointRoleId: role.id })
        ).map((r) => r.skillId);
        for (const p of partners) {
          const r = await this.passport.readinessFor(
            em,
            staff.id,
            required,
            p.organisationId,
            input.startDate,
          );
          gaps.push(
            ...r.gaps.map((g) => ({
              organisationId: p.organisationId,
              skillId: g.skillId,
              reason: g.reason,
              expiresOn: g.expiresOn,
            })),
          );
        }
        if (gaps.length && !input.overrideGapsReason) {
          throw new BadUserInputError(
            `the person has ${gaps.length} passport gap(s) for this role: give overrideGapsReason to appoint anyway`,
            'input.overrideGapsReason',
            { gaps },
          );
        }
        const repo = em.getRepository(JointRoleAppointmentEntity);
        return repo.save(
          repo.create({
            jointRoleId: role.id,
            staffId: staff.id,
            startDate: input.startDate,
            endDate: input.endDate ?? null,
            fte,
            gaps,
            overrideReason: gaps.length ? input.overrideGapsReason!.trim() : null,
            appointedBy: actor.subject,
            endedBy: null,
            endedAt: null,
            endReason: null,
          }),
        );
      },
      { constraints: JOINT_ROLE_CONSTRAINTS },
    );
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
      if (!appointment) throw new NotFoundError('Appointment', id, 'id');
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
        throw new BadUserInputError(`must not be before the start (${appointment.startDate})`, 'endDate');
      }
      if (appointment.endDate && endDate > appointment.endDate) {
        throw new BadUserInputError(`must not be after the agreed end (${appointment.endDate})`, 'endDate');
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
