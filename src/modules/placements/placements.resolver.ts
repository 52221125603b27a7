import { Args, Context, Mutation, Parent, Query, ResolveField, Resolver } from '@nestjs/graphql';
import { Role, type Actor } from '../../common/auth/actor.js';
import { Allow, AUTHENTICATED } from '../../common/auth/allow.decorator.js';
import { CurrentActor } from '../../common/auth/current-actor.decorator.js';
import { IdArg } from '../../common/graphql/id-arg.js';
import type { Loaders } from '../../common/graphql/loaders.js';
import { localDateOf } from '../../rota-core/dates.js';
import { organisationById, teamById } from '../organisations/organisations.loaders.js';
import { Organisation, Team } from '../organisations/organisations.types.js';
import { staffById } from '../staff/staff.loaders.js';
import { StaffMember } from '../staff/staff.types.js';
import { PlacementPhase } from './placement.enums.js';
import { decisionsByPlacementId, placementsByStaffId } from './placements.loaders.js';
import { phaseOf, PlacementsService } from './placements.service.js';
import {
  CancelPlacementInput,
  WithdrawPlacementInput,
  DecidePlacementInput,
  MoveDirection,
  Placement,
  PlacementConnection,
  PlacementDecision,
  PlacementsArgs,
  RequestPlacementInput,
} from './placements.types.js';
import { listOf } from '../../common/graphql/query-cost.js';

@Resolver(() => Placement)
export class PlacementsResolver {
  constructor(private readonly service: PlacementsService) {}

  @Query(() => PlacementConnection, { description: 'Placements you may see, by start date.' })
  @Allow(AUTHENTICATED)
  placements(@CurrentActor() actor: Actor, @Args() args: PlacementsArgs) {
    return this.service.list(actor, args);
  }

  @Query(() => Placement)
  @Allow(AUTHENTICATED)
  placement(@CurrentActor() actor: Actor, @IdArg() id: string) {
    return this.service.get(actor, id);
  }

  @Mutation(() => Placement, {
    description: 'Asks for a move to a team outside the employer (for yourself, or as a manager).',
  })
  @Allow(Role.STAFF, Role.MANAGER, Role.HR)
  requestPlacement(@CurrentActor() actor: Actor, @Args('input') input: RequestPlacementInput) {
    return this.service.request(actor, input);
  }

  @Mutation(() => Placement, {
    description: 'One side’s decision; both approvals make it APPROVED, either rejection REJECTED.',
  })
  @Allow(Role.MANAGER, Role.HR)
  decidePlacement(@CurrentActor() actor: Actor, @Args('input') input: DecidePlacementInput) {
    return this.service.decide(
      actor,
      input.placementId,
      input.side,
      input.decision,
      input.reason,
      Boolean(input.overrideGaps),
    );
  }

  @Mutation(() => Placement, { description: 'The requester takes it back, before it starts.' })
  @Allow(AUTHENTICATED)
  withdrawPlacement(@CurrentActor() actor: Actor, @Args('input') input: WithdrawPlacementInput) {
    return this.service.withdraw(actor, input.placementId);
  }

  @Mutation(() => Placement, { description: 'A manager or HR of either side calls it off.' })
  @Allow(Role.MANAGER, Role.HR)
  cancelPlacement(@CurrentActor() actor: Actor, @Args('input') input: CancelPlacementInput) {
    return this.service.cancel(actor, input.placementId, input.reason);
  }

  @ResolveField(() => PlacementPhase, { description: 'From the dates: UPCOMING, ACTIVE or ENDED.' })
  async phase(@Parent() p: Placement, @Context('loaders') loaders: Loaders) {
    const team = await loaders.get(teamById).load(p.hostTeamId);
    return phaseOf(p, localDateOf(new Date(), team!.timeZone));
  }

  @ResolveField(() => MoveDirection)
  async direction(@Parent() p: Placement, @Context('loaders') loaders: Loaders) {
    const [home, host] = await loaders
      .get(organisationById)
      .loadMany([p.homeOrganisationId, p.hostOrganisationId]);
    const from = (home as Organisation).sector;
    const to = (host as Organisation).sector;
    if (from === to)
      return from === 'HEALTH' ? MoveDirection.WITHIN_HEALTH : MoveDirection.WITHIN_SOCIAL_CARE;
    return from === 'HEALTH' ? MoveDirection.HEALTH_TO_SOCIAL_CARE : MoveDirection.SOCIAL_CARE_TO_HEALTH;
  }

  @ResolveField(() => [PlacementDecision], {
    complexity: listOf(2),
    description: 'Every decision, in the order taken.',
  })
  decisions(@Parent() p: Placement, @Context('loaders') loaders: Loaders) {
    return loaders.get(decisionsByPlacementId).load(p.id);
  }

  @ResolveField(() => StaffMember)
  staff(@Parent() p: Placement, @Context('loaders') loaders: Loaders) {
    return loaders.get(staffById).load(p.staffId);
  }

  @ResolveField(() => Organisation)
  homeOrganisation(@Parent() p: Placement, @Context('loaders') loaders: Loaders) {
    return loaders.get(organisationById).load(p.homeOrganisationId);
  }

  @ResolveField(() => Team)
  hostTeam(@Parent() p: Placement, @Context('loaders') loaders: Loaders) {
    return loaders.get(teamById).load(p.hostTeamId);
  }
}

@Resolver(() => StaffMember)
export class StaffPlacementsResolver {
  @ResolveField(() => [Placement], {
    complexity: listOf(10),
    description: 'Their placements, by start date.',
  })
  placements(@Parent() staff: StaffMember, @Context('loaders') loaders: Loaders) {
    return loaders.get(placementsByStaffId).load(staff.id);
  }
}
