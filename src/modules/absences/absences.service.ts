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
import { daysBetween } from '../../rota-core/dates.js';
import { NotificationKind } from '../notifications/notification.enums.js';
import { NotificationsService } from '../notifications/notifications.service.js';
import { TeamEntity } from '../organisations/team.entity.js';
import { ShiftTypeEntity } from '../rotas/shift-type.entity.js';
import { StaffMemberEntity } from '../staff/staff-member.entity.js';
import { AbsenceEntity } from './absence.entity.js';
import { AbsenceStatus, Decision } from './absence.enums.js';
import type { RecordShiftRequestInput, RequestAbsenceInput } from './absences.types.js';
import { ShiftRequestEntity } from './shift-request.entity.js';

export const ABSENCE_CONSTRAINTS = {
  ex_absence_staff_overlap: () =>
    new ConflictError('The person already has leave requested or approved on some of those days', {
      field: 'input.startDate',
    }),
};

@Injectable()
export class AbsencesService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly tx: TransactionRunner,
    private readonly notifications: NotificationsService,
  ) {}

  /** Managers of the person's home team and HR of their employer look after their leave. */
  private async managesPerson(em: EntityManager, actor: Actor, staff: StaffMemberEntity): Promise<boolean> {
    if (Access.administersOrganisation(actor, staff.employerId)) return true;
    if (!staff.homeTeamId) return false;
    const team = await em.getRepository(TeamEntity).findOneByOrFail({ id: staff.homeTeamId });
    return Access.managesRotas(actor, team);
  }

  private async subject(
    em: EntityManager,
    actor: Actor,
    staffId: string | null | undefined,
  ): Promise<StaffMemberEntity> {
    const id = staffId ?? actor.staffId;
    if (!id) throw new BadUserInputError('say whose it is (you have no staff record)', 'input.staffId');
    const staff = await em.getRepository(StaffMemberEntity).findOneBy({ id });
    if (!staff) throw new NotFoundError('Staff member', id, 'input.staffId');
    if (actor.staffId !== staff.id && !(await this.managesPerson(em, actor, staff))) {
      throw new ForbiddenError('You may only make requests for yourself, or for staff you manage');
    }
    return staff;
  }

  requestAbsence(actor: Actor, input: RequestAbsenceInput): Promise<AbsenceEntity> {
    if (input.endDate < input.startDate) {
      throw new BadUserInputError(`must not be before startDate (${input.startDate})`, 'input.endDate');
    }
    if (daysBetween(input.startDate, input.endDate) > 366) {
      throw new BadUserInputError(
        'an absence covers at most a year: record longer ones in parts',
        'input.endDate',
      );
    }
    return this.tx.run((em) => this.requestAbsenceIn(em, actor, input), {
      constraints: ABSENCE_CONSTRAINTS,
    });
  }

  /** `requestAbsence` inside the caller's transaction (the one write path, also used by bulk import). */
  async requestAbsenceIn(
    em: EntityManager,
    actor: Actor,
    input: RequestAbsenceInput,
  ): Promise<AbsenceEntity> {
    if (input.endDate < input.startDate) {
      throw new BadUserInputError(`must not be before startDate (${input.startDate})`, 'input.endDate');
    }
    if (daysBetween(input.startDate, input.endDate) > 366) {
      throw new BadUserInputError(
        'an absence covers at most a year: record longer ones in parts',
        'input.endDate',
      );
    }
    const staff = await this.subject(em, actor, input.staffId);
    const repo = em.getRepository(AbsenceEntity);
    return repo.save(
      repo.create({
        staffId: staff.id,
        kind: input.kind,
        startDate: input.startDate,
        endDate: input.endDate,
        status: AbsenceStatus.REQUESTED,
        note: input.note ?? null,
        requestedBy: actor.subject,
        decidedBy: null,
        decidedAt: null,
        decisionReason: null,
      }),
    );
  }

  decideAbsence(
    actor: Actor,
    id: string,
    decision: Decision,
    reason: string | null | undefined,
  ): Promise<AbsenceEntity> {
    return this.tx.run((em) => this.decideAbsenceIn(em, actor, id, decision, reason));
  }

  /** `decideAbsence` inside the caller's transaction (also used by bulk import, for leave already taken). */
  async decideAbsenceIn(
    em: EntityManager,
    actor: Actor,
    id: string,
    decision: Decision,
    reason: string | null | undefined,
  ): Promise<AbsenceEntity> {
    const repo = em.getRepository(AbsenceEntity);
    const absence = await repo.findOne({ where: { id }, lock: { mode: 'pessimistic_write' } });
    if (!absence) throw new NotFoundError('Absence', id, 'input.absenceId');
    const staff = await em.getRepository(StaffMemberEntity).findOneByOrFail({ id: absence.staffId });
    if (!(await this.managesPerson(em, actor, staff))) {
      throw new ForbiddenError('Only their manager or HR may decide on someone’s absence');
    }
    if (absence.status !== AbsenceStatus.REQUESTED) {
      throw new ConflictError(`The absence is already ${absence.status}`, { status: absence.status });
    }
    absence.status = decision === Decision.APPROVE ? AbsenceStatus.APPROVED : AbsenceStatus.REJECTED;
    absence.decidedBy = actor.subject;
    absence.decidedAt = new Date();
    absence.decisionReason = reason?.trim() || null;
    const saved = await repo.save(absence);
    // Only that a decision was taken: the kind and the reasons are special-category data, kept out of messages.
    const approved = saved.status === AbsenceStatus.APPROVED;
    await this.notifications.notify(em, {
      kind: NotificationKind.LEAVE_DECIDED,
      staffIds: [staff.id],
      title: `Your time off ${saved.startDate} to ${saved.endDate} was ${approved ? 'approved' : 'declined'}`,
      body: `Your request for time off from ${saved.startDate} to ${saved.endDate} was ${approved ? 'approved' : 'declined'}. Open Tandem for the details.`,
      links: { absenceId: saved.id },
    });
    return saved;
  }

  recordShiftRequest(actor: Actor, input: RecordShiftRequestInput): Promise<ShiftRequestEntity> {
    return this.tx.run(async (em) => {
      const staff = await this.subject(em, actor, input.staffId);
      const type = await em.getRepository(ShiftTypeEntity).findOneBy({ id: input.shiftTypeId });
      if (!type) throw new NotFoundError('Shift type', input.shiftTypeId, 'input.shiftTypeId');
      const repo = em.getRepository(ShiftRequestEntity);
      const existing = await repo.findOneBy({ staffId: staff.id, date: input.date, shiftTypeId: type.id });
      const row = existing ?? repo.create({ staffId: staff.id, date: input.date, shiftTypeId: type.id });
      Object.assign(row, { kind: input.kind, weight: input.weight ?? 1, recordedBy: actor.subject });
      return repo.save(row);
    });
  }

  /** Absences (requested or approved) of the given people overlapping [from, to]: shown on a rota. */
  forPeople(staffIds: readonly string[], from: string, to: string): Promise<AbsenceEntity[]> {
    if (staffIds.length === 0) return Promise.resolve([]);
    return this.dataSource
      .getRepository(AbsenceEntity)
      .createQueryBuilder('a')
      .where('a.staff_id = ANY(:staffIds) AND a.status <> :rejected', {
        staffIds: [...staffIds],
        rejected: AbsenceStatus.REJECTED,
      })
      .andWhere('a.end_date >= :from AND a.start_date <= :to', { from, to })
      .orderBy('a.start_date', 'ASC')
      .getMany();
  }

  /** The caller's own leave overlapping [from, to], every status (what they asked for and what was decided). */
  async myAbsences(actor: Actor, from: string, to: string): Promise<AbsenceEntity[]> {
    if (!actor.staffId) throw new BadUserInputError('your token names no staff record (staff_id)', 'token');
    if (to < from) throw new BadUserInputError(`must not be before from (${from})`, 'to');
    // Leave is sparse: two years at a time (the past months and the year ahead in one request).
    if (daysBetween(from, to) > 731) throw new BadUserInputError('ask for at most two years at a time', 'to');
    return this.dataSource
      .getRepository(AbsenceEntity)
      .createQueryBuilder('x')
      .where('x.staff_id = :staff AND x.end_date >= :from AND x.start_date <= :to', {
        staff: actor.staffId,
        from,
        to,
      })
      .orderBy('x.start_date', 'ASC')
      .addOrderBy('x.id', 'ASC')
      .getMany();
  }
}
