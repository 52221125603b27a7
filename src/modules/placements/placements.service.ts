import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import { Access } from '../../common/auth/access.js';
import { isAdmin, type Actor } from '../../common/auth/actor.js';
import { TransactionRunner } from '../../common/database/transaction.js';
import {
  BadUserInputError,
  ConflictError,
  ForbiddenError,
  NotFoundError,
} from '../../common/errors/domain-error.js';
import { type ConnectionShape, paginate } from '../../common/graphql/pagination.js';
import { daysBetween, localDateOf } from '../../rota-core/dates.js';
import { Decision } from '../absences/absence.enums.js';
import type { StoredGap } from '../joint-roles/joint-role-appointment.entity.js';
import { TeamEntity } from '../organisations/team.entity.js';
import { NotificationKind } from '../notifications/notification.enums.js';
import { NotificationsService } from '../notifications/notifications.service.js';
import { PassportService } from '../passport/passport.service.js';
import { StaffMemberEntity } from '../staff/staff-member.entity.js';
import { PlacementDecisionEntity } from './placement-decision.entity.js';
import { PlacementPhase, PlacementSide, PlacementStatus } from './placement.enums.js';
import { PlacementEntity } from './placement.entity.js';
import type { PlacementsArgs, RequestPlacementInput } from './placements.types.js';

/** A placement's phase follows from its dates and today (in the host team's zone), never from its status. */
export function phaseOf(
  placement: Pick<PlacementEntity, 'startDate' | 'endDate'>,
  today: string,
): PlacementPhase {
  if (today < placement.startDate) return PlacementPhase.UPCOMING;
  if (today > placement.endDate) return PlacementPhase.ENDED;
  return PlacementPhase.ACTIVE;
}

export const PLACEMENT_CONSTRAINTS = {
  ex_placement_staff_overlap: () =>
    new ConflictError('The person already has an approved placement covering some of those dates', {
      field: 'id',
    }),
  uq_placement_decision_side: () =>
    new ConflictError('That side has already decided', { field: 'input.side' }),
};

@Injectable()
export class PlacementsService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly tx: TransactionRunner,
    private readonly passport: PassportService,
    private readonly notifications: NotificationsService,
  ) {}

  /** Manager of the person's home team or HR of their employer: the home side. */
  private async homeSide(
    em: EntityManager,
    actor: Actor,
    p: Pick<PlacementEntity, 'staffId' | 'homeOrganisationId'>,
  ): Promise<boolean> {
    if (Access.administersOrganisation(actor, p.homeOrganisationId)) return true;
    const staff = await em.getRepository(StaffMemberEntity).findOneByOrFail({ id: p.staffId });
    return staff.homeTeamId !== null && Access.managesRotas(actor, { id: staff.homeTeamId });
  }

  /** Manager of the host team or HR of the host organisation: the host side. */
  private hostSide(actor: Actor, p: Pick<PlacementEntity, 'hostTeamId' | 'hostOrganisationId'>): boolean {
    return (
      Access.managesRotas(actor, { id: p.hostTeamId }) ||
      Access.administersOrganisation(actor, p.hostOrganisationId)
    );
  }

  private async gapsAtHost(
    em: EntityManager,
    staffId: string,
    team: TeamEntity,
    on: string,
  ): Promise<StoredGap[]> {
    const r = await this.passport.teamReadiness(em, staffId, team, on);
    return r.gaps.map((g) => ({
      organisationId: team.organisationId,
      skillId: g.skillId,
      reason: g.reason,
      expiresOn: g.expiresOn,
    }));
  }

  request(actor: Actor, input: RequestPlacementInput): Promise<PlacementEntity> {
    return this.tx.run((em) => this.requestIn(em, actor, input));
  }

  /**
   * `request` inside the caller's transaction (the one write path). `historical` is the bulk import's
   * allowance (it alone passes it): a start date before today is accepted, for placements that already happened.
   */
  async requestIn(
    em: EntityManager,
    actor: Actor,
    input: RequestPlacementInput,
    options: { historical?: boolean } = {},
  ): Promise<PlacementEntity> {
    if (input.endDate < input.startDate) {
      throw new BadUserInputError(`must not be before startDate (${input.startDate})`, 'input.endDate');
    }
    if (daysBetween(input.startDate, input.endDate) > 731) {
      throw new BadUserInputError('a placement lasts at most two years', 'input.endDate');
    }
    const staffId = input.staffId ?? actor.staffId;
    if (!staffId) throw new BadUserInputError('say who moves (you have no staff record)', 'input.staffId');
    const staff = await em.getRepository(StaffMemberEntity).findOneBy({ id: staffId });
    if (!staff) throw new NotFoundError('Staff member', staffId, 'input.staffId');
    const team = await em.getRepository(TeamEntity).findOneBy({ id: input.hostTeamId });
    if (!team) throw new NotFoundError('Team', input.hostTeamId, 'input.hostTeamId');
    const self = actor.staffId === staff.id;
    const onBehalf =
      (await this.homeSide(em, actor, { staffId: staff.id, homeOrganisationId: staff.employerId })) ||
      this.hostSide(actor, { hostTeamId: team.id, hostOrganisationId: team.organisationId });
    if (!self && !onBehalf)
      throw new ForbiddenError('You may request placements for yourself, or for staff you manage');
    if (team.organisationId === staff.employerId) {
      throw new BadUserInputError(
        'the host team belongs to the person’s own employer: no placement is needed',
        'input.hostTeamId',
      );
    }
    const today = localDateOf(new Date(), team.timeZone);
    if (input.startDate < today && !options.historical)
      throw new BadUserInputError('must not be in the past', 'input.startDate');
    const repo = em.getRepository(PlacementEntity);
    return repo.save(
      repo.create({
        staffId: staff.id,
        homeOrganisationId: staff.employerId,
        hostTeamId: team.id,
        hostOrganisationId: team.organisationId,
        kind: input.kind,
        startDate: input.startDate,
        endDate: input.endDate,
        hoursPerWeek: input.hoursPerWeek,
        reason: input.reason.trim(),
        status: PlacementStatus.REQUESTED,
        requestedBy: actor.subject,
        readinessAtRequest: await this.gapsAtHost(em, staff.id, team, input.startDate),
        withdrawnAt: null,
        withdrawnBy: null,
        cancelledAt: null,
        cancelledBy: null,
        cancelReason: null,
      }),
    );
  }

  /** Whether the caller may decide for that side of the placement (its manager or HR, or ADMIN). */
  async decidesFor(
    em: EntityManager,
    actor: Actor,
    p: PlacementEntity,
    side: PlacementSide,
  ): Promise<boolean> {
    return side === PlacementSide.HOME ? this.homeSide(em, actor, p) : this.hostSide(actor, p);
  }

  private async lock(em: EntityManager, id: string, field = 'id'): Promise<PlacementEntity> {
    const placement = await em
      .getRepository(PlacementEntity)
      .findOne({ where: { id }, lock: { mode: 'pessimistic_write' } });
    if (!placement) throw new NotFoundError('Placement', id, field);
    return placement;
  }

  /**
   * `decidePlacement`: each side decides once, in either order. Readiness at the host team on the start date is
   * recomputed and kept with the decision; a host approval with gaps needs `overrideGaps` and a reason. Both
   * approvals make it APPROVED; either rejection makes it REJECTED.
   */
  decide(
    actor: Actor,
    id: string,
    side: PlacementSide,
    decision: Decision,
    reason: string | null | undefined,
    overrideGaps: boolean,
  ): Promise<PlacementEntity> {
    return this.tx.run((em) => this.decideIn(em, actor, id, side, decision, reason, overrideGaps), {
      constraints: PLACEMENT_CONSTRAINTS,
    });
  }

  /** `decide` inside the caller's transaction (also used by bulk import). */
  async decideIn(
    em: EntityManager,
    actor: Actor,
    id: string,
    side: PlacementSide,
    decision: Decision,
    reason: string | null | undefined,
    overrideGaps: boolean,
  ): Promise<PlacementEntity> {
    const placement = await this.lock(em, id, 'input.placementId');
    const allowed =
      side === PlacementSide.HOME
        ? await this.homeSide(em, actor, placement)
        : this.hostSide(actor, placement);
    if (!allowed)
      throw new ForbiddenError(`Only the ${side.toLowerCase()} side’s manager or HR may decide for it`);
    if (placement.status !== PlacementStatus.REQUESTED) {
      throw new ConflictError(
        `The placement is ${placement.status}: decisions are only taken on REQUESTED placements`,
        {
          status: placement.status,
        },
      );
    }
    const decisions = await em.getRepository(PlacementDecisionEntity).findBy({ placementId: placement.id });
    if (decisions.some((d) => d.side === side)) {
      throw new ConflictError(`The ${side} side has already decided`, {
        status: placement.status,
        field: 'input.side',
      });
    }
    const team = await em.getRepository(TeamEntity).findOneByOrFail({ id: placement.hostTeamId });
    const gaps = await this.gapsAtHost(em, placement.staffId, team, placement.startDate);
    const note = reason?.trim() || null;
    if (overrideGaps && !note)
      throw new BadUserInputError('overriding passport gaps needs a reason', 'input.reason');
    if (side === PlacementSide.HOST && decision === Decision.APPROVE && gaps.length && !overrideGaps) {
      throw new BadUserInputError(
        `the person has ${gaps.length} passport gap(s) at the host team: approve with overrideGaps and a reason, or reject`,
        'input.overrideGaps',
        { gaps },
      );
    }
    await em.getRepository(PlacementDecisionEntity).save(
      em.getRepository(PlacementDecisionEntity).create({
        placementId: placement.id,
        side,
        decision,
        reason: note,
        readiness: gaps,
        overrideGaps: Boolean(overrideGaps && gaps.length),
        decidedBy: actor.subject,
      }),
    );
    if (decision === Decision.REJECT) placement.status = PlacementStatus.REJECTED;
    else if (decisions.some((d) => d.decision === Decision.APPROVE))
      placement.status = PlacementStatus.APPROVED;
    const saved = await em.getRepository(PlacementEntity).save(placement);
    await this.notifyDecision(em, saved, side, decision, team);
    return saved;
  }

  /**
   * In the decision's transaction: the other side's team hears of every decision; the person hears once the
   * placement is settled (approved by both sides, or rejected by one).
   */
  private async notifyDecision(
    em: EntityManager,
    placement: PlacementEntity,
    side: PlacementSide,
    decision: Decision,
    hostTeam: TeamEntity,
  ): Promise<void> {
    const person = await em.getRepository(StaffMemberEntity).findOneByOrFail({ id: placement.staffId });
    const name = `${person.givenName} ${person.familyName}`;
    const when = `${placement.startDate} to ${placement.endDate}`;
    const verdict = decision === Decision.APPROVE ? 'approved' : 'rejected';
    const links = { placementId: placement.id, staffId: person.id, hostTeamId: hostTeam.id };
    const otherTeam = side === PlacementSide.HOME ? hostTeam.id : person.homeTeamId;
    if (otherTeam) {
      await this.notifications.notify(em, {
        kind: NotificationKind.PLACEMENT_DECIDED,
        teamIds: [otherTeam],
        title: `Placement ${verdict} by the ${side.toLowerCase()} side: ${name} at ${hostTeam.name}`,
        body: `The ${side.toLowerCase()} side ${verdict} the placement of ${name} at ${hostTeam.name}, ${when}. It is now ${placement.status}.`,
        links,
      });
    }
    if (placement.status === PlacementStatus.APPROVED || placement.status === PlacementStatus.REJECTED) {
      await this.notifications.notify(em, {
        kind: NotificationKind.PLACEMENT_DECIDED,
        staffIds: [person.id],
        title: `Your placement at ${hostTeam.name} was ${placement.status === PlacementStatus.APPROVED ? 'approved' : 'rejected'}`,
        body: `Your placement at ${hostTeam.name}, ${when}, is ${placement.status}.`,
        links,
      });
    }
  }

  /** `withdrawPlacement`: the requester (or the person moving) takes it back before it starts. */
  withdraw(actor: Actor, id: string): Promise<PlacementEntity> {
    return this.tx.run(async (em) => {
      const placement = await this.lock(em, id, 'input.placementId');
      if (placement.requestedBy !== actor.subject && actor.staffId !== placement.staffId && !isAdmin(actor)) {
        throw new ForbiddenError(
          'Only whoever requested the placement (or the person moving) may withdraw it',
        );
      }
      if (placement.status !== PlacementStatus.REQUESTED && placement.status !== PlacementStatus.APPROVED) {
        throw new ConflictError(`The placement is ${placement.status}: it cannot be withdrawn`, {
          status: placement.status,
        });
      }
      const team = await em.getRepository(TeamEntity).findOneByOrFail({ id: placement.hostTeamId });
      if (localDateOf(new Date(), team.timeZone) >= placement.startDate) {
        throw new ConflictError('The placement has started: ask a manager to cancel it instead', {
          status: placement.status,
        });
      }
      Object.assign(placement, {
        status: PlacementStatus.WITHDRAWN,
        withdrawnAt: new Date(),
        withdrawnBy: actor.subject,
      });
      return em.getRepository(PlacementEntity).save(placement);
    });
  }

  /** `cancelPlacement`: a manager (or HR) of either side calls it off, with a reason. */
  cancel(actor: Actor, id: string, reason: string): Promise<PlacementEntity> {
    if (!reason.trim()) throw new BadUserInputError('say why', 'input.reason');
    return this.tx.run(async (em) => {
      const placement = await this.lock(em, id, 'input.placementId');
      if (!(await this.homeSide(em, actor, placement)) && !this.hostSide(actor, placement)) {
        throw new ForbiddenError('Only a manager or HR of the home or host side may cancel a placement');
      }
      if (placement.status !== PlacementStatus.REQUESTED && placement.status !== PlacementStatus.APPROVED) {
        throw new ConflictError(`The placement is ${placement.status}: it cannot be cancelled`, {
          status: placement.status,
        });
      }
      Object.assign(placement, {
        status: PlacementStatus.CANCELLED,
        cancelledAt: new Date(),
        cancelledBy: actor.subject,
        cancelReason: reason.trim(),
      });
      return em.getRepository(PlacementEntity).save(placement);
    });
  }

  /** What the caller may see: HR of either organisation, managers of the home or host team, the person themself. */
  private scope(actor: Actor): { where: string; params: Record<string, unknown> } | undefined {
    if (isAdmin(actor)) return undefined;
    return {
      where: `(p.home_organisation_id = ANY(:orgs) OR p.host_organisation_id = ANY(:orgs) OR p.host_team_id = ANY(:teams)
               OR p.staff_id = :me OR EXISTS (SELECT 1 FROM staff_member s WHERE s.id = p.staff_id AND s.home_team_id = ANY(:teams)))`,
      params: {
        orgs: Access.directoryScope(actor) ?? [],
        teams: [...actor.teamIds],
        me: actor.staffId ?? '00000000-0000-0000-0000-000000000000',
      },
    };
  }

  list(actor: Actor, args: PlacementsArgs): Promise<ConnectionShape<PlacementEntity>> {
    const qb = this.dataSource.getRepository(PlacementEntity).createQueryBuilder('p');
    const scope = this.scope(actor);
    if (scope) qb.andWhere(scope.where, scope.params);
    const f = args.filter ?? {};
    if (f.staffId) qb.andWhere('p.staff_id = :staff', { staff: f.staffId });
    if (f.organisationId)
      qb.andWhere('(p.home_organisation_id = :org OR p.host_organisation_id = :org)', {
        org: f.organisationId,
      });
    if (f.hostTeamId) qb.andWhere('p.host_team_id = :team', { team: f.hostTeamId });
    if (f.status) qb.andWhere('p.status = :status', { status: f.status });
    if (f.phase) {
      const today = localDateOf(new Date());
      if (f.phase === PlacementPhase.UPCOMING) qb.andWhere('p.start_date > :today', { today });
      if (f.phase === PlacementPhase.ACTIVE)
        qb.andWhere(':today BETWEEN p.start_date AND p.end_date', { today });
      if (f.phase === PlacementPhase.ENDED) qb.andWhere('p.end_date < :today', { today });
    }
    return paginate(qb, args, [
      { expression: 'p.start_date', value: (p) => p.startDate },
      { expression: 'p.id', value: (p) => p.id },
    ]);
  }

  async get(actor: Actor, id: string): Promise<PlacementEntity> {
    const qb = this.dataSource
      .getRepository(PlacementEntity)
      .createQueryBuilder('p')
      .where('p.id = :id', { id });
    const found = await qb.clone().getOne();
    if (!found) throw new NotFoundError('Placement', id, 'id');
    const scope = this.scope(actor);
    if (scope && !(await qb.andWhere(scope.where, scope.params).getOne())) {
      throw new ForbiddenError('Not in your scope: that placement');
    }
    return found;
  }
}
