import { Args, Context, Mutation, Parent, Query, ResolveField, Resolver } from '@nestjs/graphql';
import { Role, type Actor } from '../../common/auth/actor.js';
import { Allow, AUTHENTICATED } from '../../common/auth/allow.decorator.js';
import { CurrentActor } from '../../common/auth/current-actor.decorator.js';
import { IdArg } from '../../common/graphql/id-arg.js';
import type { Loaders } from '../../common/graphql/loaders.js';
import { organisationById } from './organisations.loaders.js';
import {
  CreateTeamInput,
  Organisation,
  RuleSeveritySetting,
  Team,
  TeamConnection,
  TeamRuleSet,
  TeamsArgs,
  UpdateTeamInput,
} from './organisations.types.js';
import type { TeamEntity } from './team.entity.js';
import { TeamsService } from './teams.service.js';
import { requiredSkillsByTeamId } from '../skills/skills.loaders.js';
import { Skill } from '../skills/skills.types.js';
import { listOf } from '../../common/graphql/query-cost.js';

@Resolver(() => Team)
export class TeamsResolver {
  constructor(private readonly teams: TeamsService) {}

  @Query(() => TeamConnection, { name: 'teams', description: "An organisation's teams, by name." })
  @Allow(AUTHENTICATED)
  list(@Args() args: TeamsArgs) {
    return this.teams.list(args);
  }

  @Query(() => Team)
  @Allow(AUTHENTICATED)
  team(@IdArg() id: string) {
    return this.teams.get(id);
  }

  @Mutation(() => Team)
  @Allow(Role.HR)
  createTeam(@CurrentActor() actor: Actor, @Args('input') input: CreateTeamInput) {
    return this.teams.create(actor, input);
  }

  @Mutation(() => Team)
  @Allow(Role.HR, Role.MANAGER)
  updateTeam(@CurrentActor() actor: Actor, @Args('input') input: UpdateTeamInput) {
    return this.teams.update(actor, input.teamId, input);
  }

  @ResolveField(() => [Skill], {
    complexity: listOf(15),
    description: 'Skills every worker on the team must hold.',
  })
  requiredSkills(@Parent() team: Team, @Context('loaders') loaders: Loaders) {
    return loaders.get(requiredSkillsByTeamId).load(team.id);
  }

  @ResolveField(() => TeamRuleSet, { description: 'The rules its rotas are checked against.' })
  ruleSet(@Parent() team: TeamEntity): TeamRuleSet {
    return {
      preset: team.ruleSetPreset,
      overrides: Object.entries(team.ruleSetOverrides ?? {}).map(([ruleCode, o]) => ({
        ruleCode,
        severity: (o?.severity as RuleSeveritySetting | undefined) ?? null,
        params: Object.entries(o?.params ?? {}).map(([name, value]) => ({ name, value })),
      })),
      derogations: (team.ruleSetDerogations ?? []).map((d) => ({ ...d, grantedAt: new Date(d.grantedAt) })),
      forbiddenSequences: team.ruleSetForbiddenSequences ?? [],
    };
  }

  @ResolveField(() => Organisation)
  async organisation(@Parent() team: Team, @Context('loaders') loaders: Loaders) {
    return loaders.get(organisationById).load(team.organisationId);
  }
}
