import { Args, Int, Mutation, Query, Resolver } from '@nestjs/graphql';
import { Role, type Actor } from '../../common/auth/actor.js';
import { Allow } from '../../common/auth/allow.decorator.js';
import { CurrentActor } from '../../common/auth/current-actor.decorator.js';
import { BadUserInputError } from '../../common/errors/domain-error.js';
import { listOf } from '../../common/graphql/query-cost.js';
import { IdArg } from '../../common/graphql/id-arg.js';
import { ImportsService } from './imports.service.js';
import { ImportCsvInput, ImportResult } from './imports.types.js';

@Resolver(() => ImportResult)
export class ImportsResolver {
  constructor(private readonly service: ImportsService) {}

  @Mutation(() => ImportResult, {
    description:
      'Go-live bulk import of one CSV file (HR of the organisation, or ADMIN): every row is validated, and only if none has an error is the whole file written, in one transaction. Dates in the past are allowed here only.',
  })
  @Allow(Role.HR)
  importCsv(@CurrentActor() actor: Actor, @Args('input') input: ImportCsvInput) {
    return this.service.import(actor, input);
  }

  @Query(() => [ImportResult], {
    description: 'The organisation’s imports, newest first (its HR, or ADMIN).',
    complexity: listOf(({ first }) => (typeof first === 'number' ? first : 20)),
  })
  @Allow(Role.HR)
  imports(
    @CurrentActor() actor: Actor,
    @IdArg('organisationId') organisationId: string,
    @Args('first', { type: () => Int, nullable: true, defaultValue: 20, description: '1–100.' })
    first: number,
  ) {
    if (!Number.isInteger(first) || first < 1 || first > 100)
      throw new BadUserInputError('must be between 1 and 100', 'first');
    return this.service.list(actor, organisationId, first);
  }

  @Query(() => ImportResult, { name: 'import', description: 'One import and how it went.' })
  @Allow(Role.HR)
  importById(@CurrentActor() actor: Actor, @IdArg() id: string) {
    return this.service.get(actor, id);
  }
}
