import { Args, Context, Mutation, Parent, Query, ResolveField, Resolver } from '@nestjs/graphql';
import { Role, type Actor } from '../../common/auth/actor.js';
import { Allow, AUTHENTICATED } from '../../common/auth/allow.decorator.js';
import { CurrentActor } from '../../common/auth/current-actor.decorator.js';
import { IdArg } from '../../common/graphql/id-arg.js';
import type { Loaders } from '../../common/graphql/loaders.js';
import { teamsByOrganisationId } from './organisations.loaders.js';
import { OrganisationsService } from './organisations.service.js';
import {
  CreateOrganisationInput,
  Organisation,
  OrganisationConnection,
  OrganisationsArgs,
  Team,
  UpdateOrganisationInput,
} from './organisations.types.js';
import { listOf } from '../../common/graphql/query-cost.js';

@Resolver(() => Organisation)
export class OrganisationsResolver {
  constructor(private readonly service: OrganisationsService) {}

  @Query(() => OrganisationConnection, {
    description: 'Organisations by name, filtered by sector, kind or name.',
  })
  @Allow(AUTHENTICATED)
  organisations(@Args() args: OrganisationsArgs) {
    return this.service.list(args);
  }

  @Query(() => Organisation)
  @Allow(AUTHENTICATED)
  organisation(@IdArg() id: string) {
    return this.service.get(id);
  }

  @Mutation(() => Organisation)
  @Allow(Role.ADMIN)
  createOrganisation(@Args('input') input: CreateOrganisationInput) {
    return this.service.create(input);
  }

  @Mutation(() => Organisation)
  @Allow(Role.HR)
  updateOrganisation(@CurrentActor() actor: Actor, @Args('input') input: UpdateOrganisationInput) {
    return this.service.update(actor, input.organisationId, input);
  }

  @ResolveField(() => [Team], { complexity: listOf(50), description: "The organisation's teams, by name." })
  teams(@Parent() org: Organisation, @Context('loaders') loaders: Loaders) {
    return loaders.get(teamsByOrganisationId).load(org.id);
  }
}
