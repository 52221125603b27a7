import { MeasureUnit, RuleCode, RuleScope } from './checks.types.js';
import { Args, Context, Int, Parent, Query, ResolveField, Resolver } from '@nestjs/graphql';
import { Role, type Actor } from '../../common/auth/actor.js';
import { Allow, AUTHENTICATED } from '../../common/auth/allow.decorator.js';
import { CurrentActor } from '../../common/auth/current-actor.decorator.js';
import { IdArg } from '../../common/graphql/id-arg.js';
import type { Loaders } from '../../common/graphql/loaders.js';
import { BadUserInputError } from '../../common/errors/domain-error.js';
import { staffById } from '../staff/staff.loaders.js';
import { StaffMember } from '../staff/staff.types.js';
import { ChecksService } from './checks.service.js';
import {
  AssignmentPreview,
  EligibleCandidate,
  LimitDirection,
  LimitKind,
  RotaCheck,
  RuleInfo,
  Violation,
  ViolationSeverity,
} from './checks.types.js';
import { RULE_PARAMETERS } from '../../rota-core/presets/parameters.js';
import { LEGAL_LIMITS, STATUTORY_LIMITS } from '../../rota-core/presets/floors.js';
import type { RuleSetPreset } from '../organisations/organisation.enums.js';
import { CATALOGUE } from '../../rota-core/rules/index.js';
import { listOf } from '../../common/graphql/query-cost.js';

@Resolver(() => RotaCheck)
export class ChecksResolver {
  constructor(private readonly checks: ChecksService) {}

  @Query(() => RotaCheck, {
    description: 'Every broken rule of a rota, explained (optionally only some rules).',
  })
  @Allow(Role.MANAGER, Role.HR)
  checkRota(
    @CurrentActor() actor: Actor,
    @IdArg('rotaId') rotaId: string,
    @Args('ruleCodes', { type: () => [RuleCode], nullable: true }) ruleCodes?: string[],
  ) {
    return this.checks.checkRota(actor, rotaId, ruleCodes);
  }

  @Query(() => [RuleInfo], {
    complexity: listOf(40),
    description: 'Every rule the checker knows (rules.md), with its parameters.',
  })
  @Allow(AUTHENTICATED)
  ruleCatalogue(): RuleInfo[] {
    return CATALOGUE.map((r) => ({
      code: r.code,
      summary: r.summary,
      scope: RuleScope[r.scope],
      unit: MeasureUnit[r.unit],
      personalDetails: r.personalDetails,
      defaultSeverity: r.defaultSeverity === 'HARD' ? ViolationSeverity.HARD : ViolationSeverity.SOFT,
      statutory: STATUTORY_LIMITS.some((l) => l.ruleCode === r.code),
      parameters: Object.entries(RULE_PARAMETERS[r.code] ?? {}).map(([name, { unit, means }]) => {
        const limits = LEGAL_LIMITS.filter((l) => l.ruleCode === r.code && l.param === name);
        // The limit binding every team (or the WTR_1998 preset's, where it depends on the preset).
        const general = limits.find(
          (l) => l.kind === 'STATUTORY' && (l.presets === null || l.presets.includes('WTR_1998')),
        );
        return {
          name,
          unit: MeasureUnit[unit],
          description: means,
          statutory: general !== undefined,
          floor: general?.direction === 'MINIMUM' ? general.value : null,
          ceiling: general?.direction === 'MAXIMUM' ? general.value : null,
          source: general?.source ?? null,
          limits: limits.map((l) => ({
            kind: l.kind as LimitKind,
            direction: l.direction as LimitDirection,
            value: l.value,
            source: l.source,
            presets: l.presets ? (l.presets as RuleSetPreset[]) : null,
          })),
        };
      }),
    }));
  }

  @Query(() => AssignmentPreview, {
    description: 'What assigning someone would add (what-if; nothing is written).',
  })
  @Allow(Role.MANAGER, Role.HR)
  previewAssignment(
    @CurrentActor() actor: Actor,
    @IdArg('shiftId') shiftId: string,
    @IdArg('staffId') staffId: string,
  ) {
    return this.checks.previewAssignment(actor, shiftId, staffId);
  }

  @Query(() => [EligibleCandidate], {
    complexity: listOf(({ first }) => (typeof first === 'number' ? first : 20)),
    description:
      'Who could cover a shift, eligible first, then by the soft penalty they would add, with reasons.',
  })
  @Allow(Role.MANAGER, Role.HR)
  eligibleStaff(
    @CurrentActor() actor: Actor,
    @IdArg('shiftId') shiftId: string,
    @Args('first', { type: () => Int, nullable: true, defaultValue: 20 }) first: number,
  ) {
    if (!Number.isInteger(first) || first < 1 || first > 500)
      throw new BadUserInputError('must be between 1 and 500', 'first');
    return this.checks.eligibleStaff(actor, shiftId, first);
  }
}

@Resolver(() => Violation)
export class ViolationResolver {
  @ResolveField(() => StaffMember, { nullable: true })
  staff(@Parent() v: Violation, @Context('loaders') loaders: Loaders) {
    return v.staffId ? loaders.get(staffById).load(v.staffId) : null;
  }
}

@Resolver(() => EligibleCandidate)
export class EligibleCandidateResolver {
  @ResolveField(() => StaffMember)
  staff(@Parent() c: EligibleCandidate, @Context('loaders') loaders: Loaders) {
    return loaders.get(staffById).load(c.staffId);
  }
}
