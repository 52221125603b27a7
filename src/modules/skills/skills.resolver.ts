import { Args, Mutation, Query, Resolver } from '@nestjs/graphql';
import { Role } from '../../common/auth/actor.js';
import { Allow, AUTHENTICATED } from '../../common/auth/allow.decorator.js';
import { SkillsService } from './skills.service.js';
import { CreateSkillInput, Skill, SkillFilter } from './skills.types.js';
import { listOf } from '../../common/graphql/query-cost.js';

@Resolver(() => Skill)
export class SkillsResolver {
  constructor(private readonly service: SkillsService) {}

  @Query(() => [Skill], {
    complexity: listOf(100),
    description: 'The skill catalogue, by code (small and bounded, so not paginated).',
  })
  @Allow(AUTHENTICATED)
  skills(@Args('filter', { type: () => SkillFilter, nullable: true }) filter?: SkillFilter) {
    return this.service.list(filter);
  }

  @Mutation(() => Skill)
  @Allow(Role.HR)
  createSkill(@Args('input') input: CreateSkillInput) {
    return this.service.create(input);
  }
}
