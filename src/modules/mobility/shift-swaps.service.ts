import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import { Access } from '../../common/auth/access.js';
import { isAdmin, Role, type Actor } from '../../common/auth/actor.js';
import {
  BadUserInputError,
  ConflictError,
  ForbiddenError,
  NotFoundError,
} from '../../common/errors/domain-error.js';
import { TransactionRunner } from '../../common/database/transaction.js';
import { type ConnectionShape, paginate } from '../../common/graphql/pagination.js';
import { Decision } from '../absences/absence.enums.js';
import type { RuleViolations } from '../checks/checks.types.js';
import { NotificationKind, NotificationsService } from '../notifications/notifications.service.js';
import { TeamEntity } from '../organisations/team.entity.js';
import { AssignmentEntity } from '../rotas/assignment.entity.js';
import { RotaEditsService, WRITE_CONSTRAINTS } from '../rotas/rota-edits.service.js';
import { RotaWriter } from '../rotas/rota-writer.js';
import { RotaEntity } from '../rotas/rota.entity.js';
import { RotaStatus } from '../rotas/rota.enums.js';
import { StaffMemberEntity } from '../staff/staff-member.entity.js';
import { ShiftSwapStatus } from './mobility.enums.js';
import type {
  DecideShiftSwapInput,
  ProposeShiftSwapInput,
  RespondToShiftSwapInput,
  ShiftSwapsArgs,
  WithdrawShiftSwapInput,
} from './mobility.types.js';
import { ShiftSwapEntity } from './shift-swap.entity.js';

export const SWAP_CONSTRAINTS = {
  ...WRITE_CONSTRAINTS,
  uq_shift_swap_assignment: () =>
    new ConflictError('That shift is already offered in a swap', { field: 'input.assignmentId' }),
};

const name = (s: Pick<StaffMemberEntity, 'givenName' | 'familyName'>) => `${s.givenName} ${s.familyName}`;
const LIVE = [ShiftSwapStatus.PROPOSED, ShiftSwapStatus.ACCEPTED];

/**
 * Shift swaps between two people on one published rota: the proposer offers their shift for one of the
 * colleague's (or hands it over), the colleague accepts, the manager approves; then the rota write path swaps
 * them, judging both people's rules on the result (their shifts on other rotas included). The proposal and the
 * acceptance are each judged the same way on a trial that is rolled back, so nobody agrees to a swap the rules
 * would refuse.
 */
@Injectable()
export class ShiftSwapsService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly tx: TransactionRunner,
    private readonly writer: RotaWriter,
    private readonly edits: RotaEditsService,
    private readonly notifications: NotificationsService,
  ) {}

  propose(actor: Actor, input: ProposeShiftSwapInput): Promise<ShiftSwapEntity | RuleViolations> {
    const staffId = actor.staffId;
    if (!staffId) throw new ForbiddenError('Only staff (with a staff record) propose swaps');
    return this.writer.transaction(
      async (em) => {
        const mine = await this.liveAssignment(em, input.assignmentId, 'input.assignmentId');
        if (mine.staffId !== staffId) {
          throw new ForbiddenError('Only the person on a shift offers it in a swap');
        }
        const rota = await this.publishedRota(em, mine.shift!.rotaId, 'input.assignmentId');
        if (input.colleagueId === staffId) {
          throw new BadUserInputError('must be someone else', 'input.colleagueId');
        }
        const colleague = await em.getRepository(StaffMemberEntity).findOneBy({ id: input.colleagueId });
        if (!colleague || !colleague.active) {
          throw new NotFoundError('Staff member', input.colleagueId, 'input.colleagueId');
        }
        let theirs: AssignmentEntity | null = null;
        if (input.colleagueAssignmentId) {
          theirs = await this.liveAssignment(em, input.colleagueAssignmentId, 'input.colleagueAssignmentId');
          if (theirs.staffId !== colleague.id) {
            throw new BadUserInputError('is not the colleague’s', 'input.colleagueAssignmentId');
          }
          if (theirs.shift!.rotaId !== rota.id) {
            throw new BadUserInputError(
              'must be on the same rota as your shift',
              'input.colleagueAssignmentId',
            );
          }
        }
        const repo = em.getRepository(ShiftSwapEntity);
        const swap = await repo.save(
          repo.create({
            rotaId: rota.id,
            assignmentId: mine.id,
            staffId,
            colleagueAssignmentId: theirs?.id ?? null,
            colleagueId: colleague.id,
            message: input.message?.trim() ?? null,
            status: ShiftSwapStatus.PROPOSED,
            proposedBy: actor.subject,
          }),
        );
        await this.trial(em, actor, swap);
        const me = await em.getRepository(StaffMemberEntity).findOneByOrFail({ id: staffId });
        await this.notifications.notify(em, {
          kind: NotificationKind.SWAP_REQUESTED,
          staffIds: [colleague.id],
          title: `${name(me)} asks to swap a shift with you`,
          body: `${name(me)} offers their ${mine.shift!.localDate} ${mine.shift!.startTime.slice(0, 5)} shift${
            theirs ? ` for your ${theirs.shift!.localDate} ${theirs.shift!.startTime.slice(0, 5)} shift` : ''
          }.${swap.message ? ` “${swap.message}”` : ''}`,
          links: { swapRequestId: swap.id, rotaId: rota.id },
        });
        return swap;
      },
      { constraints: SWAP_CONSTRAINTS },
    );
  }

  respond(actor: Actor, input: RespondToShiftSwapInput): Promise<ShiftSwapEntity | RuleViolations> {
    return this.writer.transaction(
      async (em) => {
        const swap = await this.lock(em, input.swapId);
        if (swap.colleagueId !== actor.staffId) {
          throw new ForbiddenError('Only the colleague it was offered to answers a swap');
        }
        this.expect(swap, ShiftSwapStatus.PROPOSED);
        swap.respondedAt = new Date();
        swap.version += 1;
        const colleague = await em.getRepository(StaffMemberEntity).findOneByOrFail({ id: swap.colleagueId });
        const team = await this.team(em, swap.rotaId);
        if (input.decision === Decision.REJECT) {
          swap.status = ShiftSwapStatus.DECLINED;
          swap.responseReason = input.reason?.trim() ?? null;
          const saved = await em.getRepository(ShiftSwapEntity).save(swap);
          await this.notifications.notify(em, {
            kind: NotificationKind.SWAP_DECIDED,
            staffIds: [swap.staffId],
            title: `${name(colleague)} declined your swap`,
            body: `${name(colleague)} declined the swap${swap.responseReason ? `: ${swap.responseReason}` : ''}.`,
            links: { swapRequestId: swap.id, rotaId: swap.rotaId },
          });
          return saved;
        }
        swap.status = ShiftSwapStatus.ACCEPTED;
        const saved = await em.getRepository(ShiftSwapEntity).save(swap);
        await this.trial(em, actor, swap);
        await this.notifications.notify(em, {
          kind: NotificationKind.SWAP_ACCEPTED,
          staffIds: [swap.staffId],
          teamIds: [team.id],
          title: `Shift swap agreed: waiting for the manager`,
          body: `${name(colleague)} accepted a shift swap on the ${team.name} rota; a manager approves it.`,
          links: { swapRequestId: swap.id, rotaId: swap.rotaId },
        });
        return saved;
      },
      { constraints: SWAP_CONSTRAINTS },
    );
  }

  decide(actor: Actor, input: DecideShiftSwapInput): Promise<ShiftSwapEntity | RuleViolations> {
    return this.writer.transaction(
      async (em) => {
        const swap = await this.lock(em, input.swapId);
        const team = await this.team(em, swap.rotaId);
        Access.assert(Access.managesRotas(actor, team), `rotas of ${team.name}`);
        this.expect(swap, ShiftSwapStatus.ACCEPTED);
        const [a, b] = await Promise.all([
          em.getRepository(StaffMemberEntity).findOneByOrFail({ id: swap.staffId }),
          em.getRepository(StaffMemberEntity).findOneByOrFail({ id: swap.colleagueId }),
        ]);
        Object.assign(swap, { decidedAt: new Date(), decidedBy: actor.subject, version: swap.version + 1 });
        if (input.decision === Decision.REJECT) {
          if (!input.reason?.trim()) throw new BadUserInputError('say why it is rejected', 'input.reason');
          Object.assign(swap, { status: ShiftSwapStatus.REJECTED, decisionReason: input.reason.trim() });
        } else {
          Object.assign(swap, {
            status: ShiftSwapStatus.APPROVED,
            decisionReason: input.reason?.trim() ?? null,
          });
          await this.edits.swapAgreedIn(
            em,
            actor,
            {
              rotaId: swap.rotaId,
              assignmentId: swap.assignmentId,
              colleagueId: swap.colleagueId,
              colleagueAssignmentId: swap.colleagueAssignmentId,
              swapId: swap.id,
            },
            {
              expectedVersion: input.expectedVersion,
              reason: input.reason?.trim() || `Shift swap agreed by ${name(a)} and ${name(b)}`,
              override: input.override,
            },
          );
        }
        const saved = await em.getRepository(ShiftSwapEntity).save(swap);
        await this.notifications.notify(em, {
          kind: NotificationKind.SWAP_DECIDED,
          staffIds: [swap.staffId, swap.colleagueId],
          title:
            swap.status === ShiftSwapStatus.APPROVED
              ? `Shift swap approved: the rota has changed`
              : `Shift swap not approved`,
          body:
            swap.status === ShiftSwapStatus.APPROVED
              ? `The swap between ${name(a)} and ${name(b)} on the ${team.name} rota is approved; your calendars show it.`
              : `The swap between ${name(a)} and ${name(b)} was not approved: ${swap.decisionReason}`,
          links: { swapRequestId: swap.id, rotaId: swap.rotaId },
        });
        return saved;
      },
      { constraints: SWAP_CONSTRAINTS },
    );
  }

  withdraw(actor: Actor, input: WithdrawShiftSwapInput): Promise<ShiftSwapEntity> {
    return this.tx.run(async (em) => {
      const swap = await this.lock(em, input.swapId);
      if (swap.staffId !== actor.staffId && !isAdmin(actor)) {
        throw new ForbiddenError('Only the person who proposed a swap withdraws it');
      }
      if (!LIVE.includes(swap.status)) {
        throw new ConflictError(`The swap is ${swap.status}`, { status: swap.status, field: 'input.swapId' });
      }
      Object.assign(swap, {
        status: ShiftSwapStatus.WITHDRAWN,
        withdrawnAt: new Date(),
        version: swap.version + 1,
      });
      return em.getRepository(ShiftSwapEntity).save(swap);
    });
  }

  /** Swaps the caller is party to, and (managers, HR) those on their teams' rotas. */
  list(actor: Actor, args: ShiftSwapsArgs): Promise<ConnectionShape<ShiftSwapEntity>> {
    const qb = this.dataSource
      .getRepository(ShiftSwapEntity)
      .createQueryBuilder('w')
      .innerJoin(RotaEntity, 'r', 'r.id = w.rota_id')
      .innerJoin(TeamEntity, 't', 't.id = r.team_id');
    if (!isAdmin(actor)) {
      qb.where(
        '(w.staff_id = :staff OR w.colleague_id = :staff OR t.id = ANY(:teams) OR t.organisation_id = ANY(:orgs))',
        {
          staff: actor.staffId ?? '00000000-0000-0000-0000-000000000000',
          teams: actor.roles.has(Role.MANAGER) ? [...actor.teamIds] : [],
          orgs: actor.roles.has(Role.HR) ? [...actor.organisationIds] : [],
        },
      );
    }
    const f = args.filter ?? {};
    if (f.rotaId) qb.andWhere('w.rota_id = :rota', { rota: f.rotaId });
    if (f.status) qb.andWhere('w.status = :status', { status: f.status });
    return paginate(
      qb,
      args,
      [
        { expression: 'w.proposed_at', value: (w) => w.proposedAt.toISOString() },
        { expression: 'w.id', value: (w) => w.id },
      ],
      true,
    );
  }

  async get(actor: Actor, id: string): Promise<ShiftSwapEntity> {
    const swap = await this.dataSource.getRepository(ShiftSwapEntity).findOneBy({ id });
    if (!swap) throw new NotFoundError('Shift swap', id, 'id');
    const team = await this.team(this.dataSource.manager, swap.rotaId);
    Access.assert(
      isAdmin(actor) ||
        swap.staffId === actor.staffId ||
        swap.colleagueId === actor.staffId ||
        Access.overseesTeam(actor, team),
      'swaps of other people',
    );
    return swap;
  }

  // ---- the pieces ---------------------------------------------------------------------------------------------

  /**
   * The swap written on a trial that is rolled back: the write path judges both people's rules on the result
   * (RuleViolations leave the transaction; nothing is written). The parties do not manage the rota: the trial is
   * delegated, and never kept.
   */
  private async trial(em: EntityManager, actor: Actor, swap: ShiftSwapEntity): Promise<void> {
    await em.query('SAVEPOINT swap_trial');
    await this.edits.swapAgreedIn(
      em,
      actor,
      {
        rotaId: swap.rotaId,
        assignmentId: swap.assignmentId,
        colleagueId: swap.colleagueId,
        colleagueAssignmentId: swap.colleagueAssignmentId,
        swapId: swap.id,
      },
      { reason: 'the check of a proposed swap (not kept)', delegatedBy: 'the check of a proposed swap' },
    );
    await em.query('ROLLBACK TO SAVEPOINT swap_trial');
  }

  private async lock(em: EntityManager, id: string): Promise<ShiftSwapEntity> {
    const swap = await em
      .getRepository(ShiftSwapEntity)
      .findOne({ where: { id }, lock: { mode: 'pessimistic_write' } });
    if (!swap) throw new NotFoundError('Shift swap', id, 'input.swapId');
    return swap;
  }

  private expect(swap: ShiftSwapEntity, status: ShiftSwapStatus): void {
    if (swap.status !== status) {
      throw new ConflictError(`The swap is ${swap.status}, not ${status}`, {
        status: swap.status,
        field: 'input.swapId',
      });
    }
  }

  private async team(em: EntityManager, rotaId: string): Promise<TeamEntity> {
    const rota = await em.getRepository(RotaEntity).findOneByOrFail({ id: rotaId });
    return em.getRepository(TeamEntity).findOneByOrFail({ id: rota.teamId });
  }

  private async liveAssignment(em: EntityManager, id: string, field: string): Promise<AssignmentEntity> {
    const a = await em.getRepository(AssignmentEntity).findOne({ where: { id }, relations: { shift: true } });
    if (!a) throw new NotFoundError('Assignment', id, field);
    if (a.cancelledAt) throw new ConflictError('The assignment was removed from the rota', { field });
    if (a.startsAt.getTime() <= Date.now()) throw new BadUserInputError('has already started', field);
    return a;
  }

  private async publishedRota(em: EntityManager, rotaId: string, field: string): Promise<RotaEntity> {
    const rota = await em.getRepository(RotaEntity).findOneByOrFail({ id: rotaId });
    if (rota.status !== RotaStatus.PUBLISHED) {
      throw new ConflictError('Swaps are agreed on published rotas', { status: rota.status, field });
    }
    return rota;
  }
}
