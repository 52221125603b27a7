import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { Actor } from '../../common/auth/actor.js';
import { TransactionRunner } from '../../common/database/transaction.js';
import { ConflictError, NotFoundError } from '../../common/errors/domain-error.js';
import { authorisationBasis } from '../../rota-core/authorisation.js';
import type { Violation as CoreViolation } from '../../rota-core/model.js';
import { toViolation } from '../checks/checks.mapper.js';
import { ChecksService, requireKnownRuleCodes } from '../checks/checks.service.js';
import type { OverrideInput, RuleViolations } from '../checks/checks.types.js';
import { StaffMemberEntity } from '../staff/staff-member.entity.js';
import { AssignmentEntity } from './assignment.entity.js';
import { lockRotaForChange, RotaChanges } from './rota-change.js';
import { RotaEntity } from './rota.entity.js';
import { AssignmentBasis, RotaStatus } from './rota.enums.js';
import type { RotaChangeInput } from './rotas.types.js';
import { RuleOverrideEntity } from './rule-override.entity.js';
import { ShiftEntity } from './shift.entity.js';

/** Rules no override can waive: the database itself forbids the first; the second leaves no basis to work on. */
export const NON_OVERRIDABLE = new Set(['DOUBLE_BOOKED', 'NOT_AUTHORISED_AT_TEAM']);

/**
 * Splits hard violations into those the override waives and those it does not. Every hard rule broken must be
 * named in the override (with a reason) for the change to go ahead.
 */
export function applyOverride(
  hard: CoreViolation[],
  override: OverrideInput | null | undefined,
): { unwaived: CoreViolation[]; waivedCodes: string[] } {
  const named = new Set(override?.ruleCodes ?? []);
  const unwaived = hard.filter((v) => !named.has(v.ruleCode) || NON_OVERRIDABLE.has(v.ruleCode));
  const waivedCodes = [...new Set(hard.filter((v) => !unwaived.includes(v)).map((v) => v.ruleCode))];
  return { unwaived, waivedCodes };
}

export function ruleViolations(violations: CoreViolation[], unwaived: CoreViolation[]): RuleViolations {
  const codes = [...new Set(unwaived.map((v) => v.ruleCode))];
  const fixed = codes.filter((c) => NON_OVERRIDABLE.has(c));
  return {
    violations: violations.map(toViolation),
    hardCount: unwaived.length,
    message: fixed.length
      ? `Refused: ${fixed.join(', ')} cannot be overridden`
      : `Refused: ${unwaived.length} hard rule breach(es) (${codes.join(', ')}). To go ahead, override ${codes.join(', ')} with a reason.`,
  };
}

@Injectable()
export class AssignmentsService {
  constructor(
    private readonly tx: TransactionRunner,
    private readonly checks: ChecksService,
    private readonly changes: RotaChanges,
  ) {}

  /**
   * `assignStaff`: one transaction — lock the rota and the person, refuse an overlap (CONFLICT naming the other
   * shift), check the hard rules on the snapshot with the new assignment, then write it with any override.
   */
  assignStaff(
    actor: Actor,
    shiftId: string,
    staffId: string,
    override: OverrideInput | null | undefined,
    change: RotaChangeInput | undefined,
  ): Promise<AssignmentEntity | RuleViolations> {
    requireKnownRuleCodes(override?.ruleCodes, 'override.ruleCodes');
    return this.tx.run(
      async (em) => {
        const found = await em.getRepository(ShiftEntity).findOneBy({ id: shiftId });
        if (!found) throw new NotFoundError('Shift', shiftId, 'shiftId');
        const { rota, team } = await lockRotaForChange(em, actor, found.rotaId, change, 'shiftId');
        const shift = await em.getRepository(ShiftEntity).findOneByOrFail({ id: shiftId });
        if (shift.cancelledAt) throw new ConflictError('The shift was cancelled', { status: 'CANCELLED' });
        const staff = await em
          .getRepository(StaffMemberEntity)
          .findOne({ where: { id: staffId }, lock: { mode: 'pessimistic_write' } });
        if (!staff) throw new NotFoundError('Staff member', staffId, 'staffId');
        if (!staff.active)
          throw new ConflictError('The staff member is no longer active', { field: 'staffId' });

        const current = await em
          .getRepository(AssignmentEntity)
          .createQueryBuilder('a')
          .where('a.shift_id = :shift AND a.cancelled_at IS NULL', { shift: shift.id })
          .getMany();
        if (current.some((a) => a.staffId === staff.id)) {
          throw new ConflictError('The staff member is already on this shift', { field: 'staffId' });
        }
        if (shift.maxHeadcount !== null && current.length >= shift.maxHeadcount) {
          throw new ConflictError(`The shift is full (${shift.maxHeadcount} people at most)`, {
            field: 'shiftId',
          });
        }
        await this.refuseOverlap(em, staff.id, shift);

        const { checker, facts } = await this.checks.checker(em, rota.id, [staff.id]);
        const preview = checker.preview(shift.id, staff.id);
        const hard = preview.added.filter((v) => v.severity === 'HARD');
        const { unwaived, waivedCodes } = applyOverride(hard, override);
        if (unwaived.length > 0) return ruleViolations(preview.added, unwaived);
        const basis = authorisationBasis(staff, team, shift.localDate, facts.placements, facts.appointments);
        if (!basis) return ruleViolations(preview.added, hard);

        const repo = em.getRepository(AssignmentEntity);
        const assignment = await repo.save(
          repo.create({
            shiftId: shift.id,
            staffId: staff.id,
            basis: AssignmentBasis[basis],
            startsAt: shift.startsAt,
            endsAt: shift.endsAt,
            createdBy: actor.subject,
            cancelledAt: null,
          }),
        );
        if (waivedCodes.length) {
          await em.getRepository(RuleOverrideEntity).insert(
            waivedCodes.map((ruleCode) => ({
              assignmentId: assignment.id,
              rotaId: null,
              ruleCode,
              reason: override!.reason.trim(),
              overriddenBy: actor.subject,
            })),
          );
        }
        await this.changes.record(em, actor, rota, 'assignStaff', change, {
          shiftId: shift.id,
          staffId: staff.id,
          overridden: waivedCodes,
        });
        return assignment;
      },
      {
        constraints: {
          ex_assignment_staff_overlap: () =>
            new ConflictError('The staff member is already assigned to an overlapping shift', {
              field: 'staffId',
            }),
          uq_assignment_shift_staff: () =>
            new ConflictError('The staff member is already on this shift', { field: 'staffId' }),
        },
      },
    );
  }

  /** CONFLICT naming the other shift when the person already works at an overlapping time (any team). */
  private async refuseOverlap(em: EntityManager, staffId: string, shift: ShiftEntity): Promise<void> {
    const other = await em
      .getRepository(AssignmentEntity)
      .createQueryBuilder('a')
      .innerJoinAndSelect('a.shift', 's')
      .where('a.staff_id = :staff AND a.cancelled_at IS NULL', { staff: staffId })
      .andWhere('a.starts_at < :end AND a.ends_at > :start', { start: shift.startsAt, end: shift.endsAt })
      .getOne();
    if (!other) return;
    throw new ConflictError(
      `The staff member is already working an overlapping shift (${other.shift!.localDate} ${other.shift!.startTime.slice(0, 5)}, shift ${other.shiftId})`,
      {
        field: 'staffId',
        otherShiftId: other.shiftId,
        otherTeamId: other.shift!.teamId,
        otherStartsAt: other.startsAt.toISOString(),
        otherEndsAt: other.endsAt.toISOString(),
      },
    );
  }

  /** On a draft the assignment goes; on a published rota it is kept, cancelled (staff calendars show it). */
  unassignStaff(
    actor: Actor,
    assignmentId: string,
    change: RotaChangeInput | undefined,
  ): Promise<ShiftEntity> {
    return this.tx.run(async (em) => {
      const assignment = await em
        .getRepository(AssignmentEntity)
        .findOne({ where: { id: assignmentId }, relations: { shift: true } });
      if (!assignment) throw new NotFoundError('Assignment', assignmentId, 'id');
      const { rota } = await lockRotaForChange(em, actor, assignment.shift!.rotaId, change, 'id');
      // Read again under the rota's lock: a concurrent removal may have gone first.
      const current = await em.getRepository(AssignmentEntity).findOneBy({ id: assignment.id });
      if (!current) throw new NotFoundError('Assignment', assignmentId, 'id');
      if (current.cancelledAt)
        throw new ConflictError('The assignment was already removed', { status: 'CANCELLED' });
      if (rota.status === RotaStatus.DRAFT)
        await em.getRepository(AssignmentEntity).delete({ id: assignment.id });
      else
        await em.getRepository(AssignmentEntity).update({ id: assignment.id }, { cancelledAt: new Date() });
      await this.changes.record(em, actor, rota, 'unassignStaff', change, {
        shiftId: assignment.shiftId,
        staffId: assignment.staffId,
      });
      return em.getRepository(ShiftEntity).findOneByOrFail({ id: assignment.shiftId });
    });
  }

  /**
   * `publishRota`: DRAFT → PUBLISHED, refused while hard violations remain unless every breached rule is
   * overridden with a reason (recorded on the rota).
   */
  publishRota(
    actor: Actor,
    rotaId: string,
    override: OverrideInput | null | undefined,
    change: RotaChangeInput | undefined,
  ): Promise<RotaEntity | RuleViolations> {
    requireKnownRuleCodes(override?.ruleCodes, 'override.ruleCodes');
    return this.tx.run(async (em) => {
      const locked = await em.getRepository(RotaEntity).findOneBy({ id: rotaId });
      if (!locked) throw new NotFoundError('Rota', rotaId, 'id');
      if (locked.status === RotaStatus.PUBLISHED) {
        throw new ConflictError('The rota is already PUBLISHED', { status: RotaStatus.PUBLISHED });
      }
      const { rota } = await lockRotaForChange(em, actor, rotaId, change, 'id');
      const { checker } = await this.checks.checker(em, rota.id);
      const result = checker.check();
      const hard = result.violations.filter((v) => v.severity === 'HARD');
      const { unwaived, waivedCodes } = applyOverride(hard, override);
      if (unwaived.length > 0) {
        return ruleViolations(hard, unwaived);
      }
      if (waivedCodes.length) {
        await em.getRepository(RuleOverrideEntity).insert(
          waivedCodes.map((ruleCode) => ({
            assignmentId: null,
            rotaId: rota.id,
            ruleCode,
            reason: override!.reason.trim(),
            overriddenBy: actor.subject,
          })),
        );
      }
      rota.status = RotaStatus.PUBLISHED;
      rota.publishedAt = new Date();
      rota.publishedBy = actor.subject;
      rota.version += 1;
      const saved = await em.getRepository(RotaEntity).save(rota);
      await this.checks.recordViolations(em, rota, result.violations);
      return saved;
    });
  }
}
