import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import { Access } from '../../common/auth/access.js';
import type { Actor } from '../../common/auth/actor.js';
import { TransactionRunner } from '../../common/database/transaction.js';
import {
  BadUserInputError,
  ConflictError,
  ForbiddenError,
  NotFoundError,
} from '../../common/errors/domain-error.js';
import { type ConnectionShape, paginate } from '../../common/graphql/pagination.js';
import { ageOn, localDateOf } from '../../rota-core/dates.js';
import { OrganisationEntity } from '../organisations/organisation.entity.js';
import { TeamEntity } from '../organisations/team.entity.js';
import { COUNTING_CREDENTIAL } from '../passport/counting-credential.js';
import { SkillEntity } from '../skills/skill.entity.js';
import { StaffMemberEntity } from './staff-member.entity.js';
import { staffById } from './staff.loaders.js';
import { PAY_GRADES, PayFramework, RuleProfile } from './staff.enums.js';
import type {
  CreateStaffMemberInput,
  RuleLimitsInput,
  StaffArgs,
  UpdateStaffMemberInput,
} from './staff.types.js';

export const STAFF_CONSTRAINTS = {
  uq_staff_member_email: () =>
    new ConflictError('Another staff member has that email address', { field: 'input.email' }),
  uq_staff_member_employee_number: () =>
    new ConflictError('The employer already has a staff member with that employee number', {
      field: 'input.employeeNumber',
    }),
  fk_staff_member_home_team: () =>
    new BadUserInputError('the home team must belong to the employer', 'input.homeTeamId'),
};

/** Limits as stored (shift types by id; unset ones left out), or BAD_USER_INPUT when min exceeds max. */
export function toStoredLimits(input: RuleLimitsInput | null | undefined): StaffMemberEntity['ruleLimits'] {
  if (!input) return null;
  const { maxShiftsByType, ...rest } = input;
  const out: NonNullable<StaffMemberEntity['ruleLimits']> = {};
  for (const [k, v] of Object.entries(rest))
    if (v !== null && v !== undefined) (out as Record<string, number>)[k] = v;
  if (maxShiftsByType?.length)
    out.maxShiftsByType = Object.fromEntries(maxShiftsByType.map((l) => [l.shiftTypeId, l.max]));
  if (
    out.minTotalMinutes !== undefined &&
    out.maxTotalMinutes !== undefined &&
    out.minTotalMinutes > out.maxTotalMinutes
  ) {
    throw new BadUserInputError('must not exceed maxTotalMinutes', 'input.ruleLimits.minTotalMinutes');
  }
  return Object.keys(out).length ? out : null;
}

/** The grade as the framework writes it, or BAD_USER_INPUT naming input.payGrade. */
export function normalisePayGrade(framework: PayFramework, grade: string): string {
  const known = PAY_GRADES[framework];
  const trimmed = grade.trim();
  if (!known) {
    if (!trimmed) throw new BadUserInputError('must not be blank', 'input.payGrade');
    return trimmed;
  }
  const match = known.find((g) => g.toLowerCase() === trimmed.toLowerCase().replace(/^band\s+/, ''));
  if (!match) {
    const shown = known.length > 16 ? `${known[0]} … ${known.at(-1)}` : known.join(', ');
    throw new BadUserInputError(
      `unknown pay band "${grade}" for ${framework} (expected ${shown})`,
      'input.payGrade',
    );
  }
  return match;
}

@Injectable()
export class StaffService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly tx: TransactionRunner,
  ) {}

  /**
   * `properties`: the columns the answer needs (the read path's column pruning), besides the id, the visibility
   * subject and the sort keys; every column when undefined.
   */
  async list(
    actor: Actor,
    args: StaffArgs,
    properties?: readonly string[],
  ): Promise<ConnectionShape<StaffMemberEntity>> {
    const f = args.filter ?? {};
    const scope = Access.directoryScope(actor);
    if (
      f.organisationId &&
      !(await this.dataSource.getRepository(OrganisationEntity).existsBy({ id: f.organisationId }))
    ) {
      throw new NotFoundError('Organisation', f.organisationId, 'filter.organisationId');
    }
    if (f.teamId && !(await this.dataSource.getRepository(TeamEntity).existsBy({ id: f.teamId }))) {
      throw new NotFoundError('Team', f.teamId, 'filter.teamId');
    }
    if (f.skillId && !(await this.dataSource.getRepository(SkillEntity).existsBy({ id: f.skillId }))) {
      throw new NotFoundError('Skill', f.skillId, 'filter.skillId');
    }
    if (f.organisationId && scope && !scope.includes(f.organisationId)) {
      throw new ForbiddenError('Not in your scope: that organisation’s staff');
    }
    const qb = this.dataSource.getRepository(StaffMemberEntity).createQueryBuilder('s');
    if (scope) qb.andWhere('s.employer_id = ANY(:scope)', { scope: [...scope] });
    if (f.organisationId) qb.andWhere('s.employer_id = :org', { org: f.organisationId });
    if (f.teamId) qb.andWhere('s.home_team_id = :team', { team: f.teamId });
    if (f.staffGroup) qb.andWhere('s.staff_group = :group', { group: f.staffGroup });
    if (!f.includeInactive) qb.andWhere('s.active = true');
    if (f.nameContains) {
      qb.andWhere(`(s.given_name || ' ' || s.family_name) ILIKE :name ESCAPE '\\'`, {
        name: `%${f.nameContains.replace(/[\\%_]/g, '\\$&')}%`,
      });
    }
    if (f.skillId) {
      qb.andWhere(
        `EXISTS (SELECT 1 FROM ${COUNTING_CREDENTIAL} c WHERE c.staff_id = s.id AND c.skill_id = :skill
           AND c.obtained_on <= :on AND (c.expires_on IS NULL OR c.expires_on > :on))`,
        { skill: f.skillId, on: f.validOn ?? localDateOf(new Date()) },
      );
    }
    const only = properties
      ? new Set([...properties, ...staffById.always, 'familyName', 'givenName'])
      : undefined;
    return paginate(
      qb,
      args,
      [
        { expression: 'lower(s.family_name)', value: (s) => s.familyName.toLowerCase() },
        { expression: 'lower(s.given_name)', value: (s) => s.givenName.toLowerCase() },
        { expression: 's.id', value: (s) => s.id },
      ],
      false,
      only,
    );
  }

  async get(actor: Actor, id: string): Promise<StaffMemberEntity> {
    const staff = await this.dataSource.getRepository(StaffMemberEntity).findOneBy({ id });
    if (!staff) throw new NotFoundError('Staff member', id, 'id');
    Access.assert(Access.viewsStaff(actor, staff), 'that staff member');
    return staff;
  }

  create(actor: Actor, input: CreateStaffMemberInput): Promise<StaffMemberEntity> {
    return this.tx.run((em) => this.createIn(em, actor, input), { constraints: STAFF_CONSTRAINTS });
  }

  /** `create` inside the caller's transaction (the one write path, also used by bulk import). */
  async createIn(em: EntityManager, actor: Actor, input: CreateStaffMemberInput): Promise<StaffMemberEntity> {
    const employer = await em.getRepository(OrganisationEntity).findOneBy({ id: input.employerId });
    if (!employer) throw new NotFoundError('Organisation', input.employerId, 'input.employerId');
    Access.assert(Access.administersOrganisation(actor, employer.id), `staff records of ${employer.name}`);
    const repo = em.getRepository(StaffMemberEntity);
    const staff = repo.create({
      givenName: input.givenName.trim(),
      familyName: input.familyName.trim(),
      email: input.email?.trim().toLowerCase() ?? null,
      phone: input.phone ?? null,
      employerId: employer.id,
      employeeNumber: input.employeeNumber ?? null,
      staffGroup: input.staffGroup,
      jobTitle: input.jobTitle.trim(),
      payFramework: input.payFramework,
      payGrade: normalisePayGrade(input.payFramework, input.payGrade),
      contractedHoursPerWeek: input.contractedHoursPerWeek,
      workingTimeOptOut: input.workingTimeOptOut ?? false,
      optOutSignedOn: input.optOutSignedOn ?? null,
      dateOfBirth: input.dateOfBirth ?? null,
      ruleProfile: input.ruleProfile ?? RuleProfile.STANDARD,
      homeTeamId: input.homeTeamId ?? null,
      ruleLimits: toStoredLimits(input.ruleLimits),
      active: true,
    });
    await this.validate(em, staff);
    return repo.save(staff);
  }

  update(actor: Actor, id: string, input: UpdateStaffMemberInput): Promise<StaffMemberEntity> {
    return this.tx.run(
      async (em) => {
        const repo = em.getRepository(StaffMemberEntity);
        const staff = await repo.findOne({ where: { id }, lock: { mode: 'pessimistic_write' } });
        if (!staff) throw new NotFoundError('Staff member', id, 'input.staffId');
        Access.assert(Access.administersOrganisation(actor, staff.employerId), 'that staff member’s record');
        if (input.employerId !== undefined && input.employerId !== staff.employerId) {
          const employer = await em.getRepository(OrganisationEntity).findOneBy({ id: input.employerId });
          if (!employer) throw new NotFoundError('Organisation', input.employerId, 'input.employerId');
          Access.assert(
            Access.administersOrganisation(actor, employer.id),
            `staff records of ${employer.name}`,
          );
          staff.employerId = employer.id;
          if (input.homeTeamId === undefined) staff.homeTeamId = null;
        }
        const assign = <K extends keyof StaffMemberEntity>(
          key: K,
          value: StaffMemberEntity[K] | undefined,
        ) => {
          if (value !== undefined) staff[key] = value;
        };
        assign('givenName', input.givenName?.trim());
        assign('familyName', input.familyName?.trim());
        assign('email', input.email === undefined ? undefined : (input.email?.trim().toLowerCase() ?? null));
        assign('phone', input.phone);
        assign('employeeNumber', input.employeeNumber);
        assign('staffGroup', input.staffGroup);
        assign('jobTitle', input.jobTitle?.trim());
        assign('payFramework', input.payFramework);
        if (input.payGrade !== undefined || input.payFramework !== undefined) {
          staff.payGrade = normalisePayGrade(staff.payFramework, input.payGrade ?? staff.payGrade);
        }
        assign('contractedHoursPerWeek', input.contractedHoursPerWeek);
        assign('workingTimeOptOut', input.workingTimeOptOut);
        assign('optOutSignedOn', input.optOutSignedOn);
        if (input.workingTimeOptOut === false && input.optOutSignedOn === undefined)
          staff.optOutSignedOn = null;
        assign('dateOfBirth', input.dateOfBirth);
        assign('ruleProfile', input.ruleProfile);
        assign('homeTeamId', input.homeTeamId);
        assign('active', input.active);
        if (input.ruleLimits !== undefined) staff.ruleLimits = toStoredLimits(input.ruleLimits);
        await this.validate(em, staff);
        return repo.save(staff);
      },
      { constraints: STAFF_CONSTRAINTS },
    );
  }

  /** Cross-field rules, checked before any write (the database checks them again). */
  private async validate(em: EntityManager, staff: StaffMemberEntity): Promise<void> {
    const today = localDateOf(new Date());
    if (staff.dateOfBirth) {
      if (staff.dateOfBirth >= today) throw new BadUserInputError('must be in the past', 'input.dateOfBirth');
      const age = ageOn(staff.dateOfBirth, today);
      if (age < 16) throw new BadUserInputError('staff must be at least 16 years old', 'input.dateOfBirth');
      if (age > 100) throw new BadUserInputError('is more than 100 years ago', 'input.dateOfBirth');
    }
    if (staff.workingTimeOptOut) {
      if (!staff.optOutSignedOn) {
        throw new BadUserInputError('the date the opt-out was signed is required', 'input.optOutSignedOn');
      }
      if (staff.optOutSignedOn > today)
        throw new BadUserInputError('must not be in the future', 'input.optOutSignedOn');
      if (staff.dateOfBirth && ageOn(staff.dateOfBirth, today) < 18) {
        throw new BadUserInputError(
          'workers under 18 cannot opt out of the working-time limits',
          'input.workingTimeOptOut',
        );
      }
    }
    if (staff.homeTeamId) {
      const team = await em.getRepository(TeamEntity).findOneBy({ id: staff.homeTeamId });
      if (!team) throw new NotFoundError('Team', staff.homeTeamId, 'input.homeTeamId');
      if (team.organisationId !== staff.employerId) {
        throw new BadUserInputError('the home team must belong to the employer', 'input.homeTeamId');
      }
    }
  }
}
