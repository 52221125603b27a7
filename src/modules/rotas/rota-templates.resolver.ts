import { Args, Mutation, Parent, Query, ResolveField, Resolver } from '@nestjs/graphql';
import { DataSource } from 'typeorm';
import { Access } from '../../common/auth/access.js';
import { Role, type Actor } from '../../common/auth/actor.js';
import { Allow } from '../../common/auth/allow.decorator.js';
import { CurrentActor } from '../../common/auth/current-actor.decorator.js';
import { NotFoundError } from '../../common/errors/domain-error.js';
import { IdArg } from '../../common/graphql/id-arg.js';
import { listOf } from '../../common/graphql/query-cost.js';
import { TeamEntity } from '../organisations/team.entity.js';
import { CreateRotaTemplateInput, RotaTemplate, RotaTemplateShift } from './rota-edit.types.js';
import { RotaEditsService } from './rota-edits.service.js';
import { RotaTemplateEntity } from './rota-template.entity.js';

@Resolver(() => RotaTemplate)
export class RotaTemplatesResolver {
  constructor(
    private readonly edits: RotaEditsService,
    private readonly dataSource: DataSource,
  ) {}

  @Query(() => [RotaTemplate], {
    complexity: listOf(20),
    description: 'A team’s rota templates, by name (its manager and HR of its organisation).',
  })
  @Allow(Role.MANAGER, Role.HR)
  async rotaTemplates(@CurrentActor() actor: Actor, @IdArg('teamId') teamId: string) {
    const team = await this.dataSource.getRepository(TeamEntity).findOneBy({ id: teamId });
    if (!team) throw new NotFoundError('Team', teamId, 'teamId');
    Access.assert(Access.overseesTeam(actor, team), `rota templates of ${team.name}`);
    return this.dataSource
      .getRepository(RotaTemplateEntity)
      .find({ where: { teamId }, order: { name: 'ASC' } });
  }

  @Mutation(() => RotaTemplate, {
    description:
      'A template from a rota’s first weeks (a rota starting on a Monday), or from shifts line by line.',
  })
  @Allow(Role.MANAGER)
  createRotaTemplate(@CurrentActor() actor: Actor, @Args('input') input: CreateRotaTemplateInput) {
    return this.edits.createRotaTemplate(actor, input);
  }

  @ResolveField(() => [RotaTemplateShift], {
    complexity: listOf(100),
    description: 'Its shifts, week by week, with cover and who works them.',
  })
  shifts(@Parent() template: RotaTemplate) {
    return this.edits.templateShifts(this.dataSource.manager, template.id);
  }
}
