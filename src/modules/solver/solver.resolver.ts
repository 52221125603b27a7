import { Args, Context, Int, Mutation, Parent, Query, ResolveField, Resolver } from '@nestjs/graphql';
import { Role, type Actor } from '../../common/auth/actor.js';
import { Allow, AUTHENTICATED } from '../../common/auth/allow.decorator.js';
import { CurrentActor } from '../../common/auth/current-actor.decorator.js';
import { BadUserInputError } from '../../common/errors/domain-error.js';
import { IdArg } from '../../common/graphql/id-arg.js';
import type { Loaders } from '../../common/graphql/loaders.js';
import { listOf } from '../../common/graphql/query-cost.js';
import { CATALOGUE, defaultRuleWeight } from '../../rota-core/index.js';
import { toViolation } from '../checks/checks.mapper.js';
import { RotaEditResult } from '../rotas/rota-edit.types.js';
import { rotaById, shiftById } from '../rotas/rotas.loaders.js';
import { Rota, Shift } from '../rotas/rotas.types.js';
import { staffById } from '../staff/staff.loaders.js';
import { StaffMember } from '../staff/staff.types.js';
import type { SolveRunEntity } from './solve-run.entity.js';
import { SolverService } from './solver.service.js';
import {
  ApplySolveRunInput,
  ProposedAssignment,
  RuleWeight,
  SolveRotaInput,
  SolveRun,
  SolveRunInput,
} from './solver.types.js';

/** A stored run as the API shows it. */
export function toSolveRun(run: SolveRunEntity): SolveRun {
  const p = run.proposal;
  return {
    id: run.id,
    rotaId: run.rotaId,
    status: run.status,
    options: {
      seconds: run.options.seconds,
      seed: run.options.seed,
      maxMoves: run.options.maxMoves,
      lockedAssignmentIds: run.options.lockedAssignmentIds,
      ruleWeights: Object.entries(run.options.ruleWeights).map(([ruleCode, weight]) => ({
        ruleCode,
        weight,
      })),
    },
    rotaVersion: run.rotaVersion,
    stale: false,
    progress: run.progress
      ? {
          hardCount: run.progress.hardCount,
          softPenalty: run.progress.softPenalty,
          moves: run.progress.moves,
          movesPerSecond: run.progress.movesPerSecond,
          elapsedSeconds: run.progress.elapsedMs / 1_000,
        }
      : null,
    proposal: p
      ? {
          assignments: p.assignments,
          hardCount: p.hardCount,
          softPenalty: p.softPenalty,
          weightedSoftPenalty: p.weightedSoftPenalty,
          violations: p.violations.map(toViolation),
          diff: {
            added: p.diff.added,
            removedAssignmentIds: p.diff.removedAssignmentIds,
            unchanged: p.diff.unchanged,
            violationsResolved: p.diff.violationsResolved.map(toViolation),
            violationsIntroduced: p.diff.violationsIntroduced.map(toViolation),
          },
          moves: p.moves,
          movesPerSecond: p.movesPerSecond,
          elapsedSeconds: p.elapsedMs / 1_000,
        }
      : null,
    error: run.error,
    requestedBy: run.requestedBy,
    createdAt: run.createdAt,
    startedAt: run.startedAt,
    finishedAt: run.finishedAt,
    decidedBy: run.decidedBy,
    decidedAt: run.decidedAt,
  };
}

@Resolver(() => SolveRun)
export class SolverResolver {
  constructor(private readonly solver: SolverService) {}

  @Mutation(() => SolveRun, {
    description:
      'Fills a rota automatically: queues a solve run (a job any worker sharing the database may take) and answers at once; follow it with solveRun. The rota is not changed until applySolveRun.',
  })
  @Allow(Role.MANAGER)
  async solveRota(@CurrentActor() actor: Actor, @Args('input') input: SolveRotaInput) {
    return toSolveRun(await this.solver.start(actor, input));
  }

  @Query(() => SolveRun, {
    description: 'A solve run: its status, progress (about once a second) and proposal.',
  })
  @Allow(AUTHENTICATED)
  async solveRun(@CurrentActor() actor: Actor, @IdArg() id: string) {
    return toSolveRun(await this.solver.get(actor, id));
  }

  @Query(() => [SolveRun], {
    description: 'A rota’s solve runs, newest first.',
    complexity: listOf(({ first }) => (typeof first === 'number' ? first : 10)),
  })
  @Allow(AUTHENTICATED)
  async solveRuns(
    @CurrentActor() actor: Actor,
    @IdArg('rotaId') rotaId: string,
    @Args('first', { type: () => Int, nullable: true, defaultValue: 10, description: '1–50.' }) first: number,
  ) {
    if (!Number.isInteger(first) || first < 1 || first > 50) {
      throw new BadUserInputError('must be between 1 and 50', 'first');
    }
    return (await this.solver.list(actor, rotaId, first)).map(toSolveRun);
  }

  @Mutation(() => SolveRun, {
    description:
      'Stops a run: a queued one never starts; a running one stops and keeps the best roster found so far as its proposal (answered once it has stopped).',
  })
  @Allow(Role.MANAGER)
  async cancelSolveRun(@CurrentActor() actor: Actor, @Args('input') input: SolveRunInput) {
    return toSolveRun(await this.solver.cancel(actor, input.id));
  }

  @Mutation(() => RotaEditResult, {
    description:
      'Writes a run’s proposal to its rota through the rota write path, in one transaction: refused (RuleViolations) like any change that brings unwaived hard breaches; a published rota needs a reason.',
  })
  @Allow(Role.MANAGER)
  applySolveRun(@CurrentActor() actor: Actor, @Args('input') input: ApplySolveRunInput) {
    return this.solver.apply(actor, input);
  }

  @Mutation(() => SolveRun, { description: 'Sets a run’s proposal aside; the rota is not changed.' })
  @Allow(Role.MANAGER)
  async discardSolveRun(@CurrentActor() actor: Actor, @Args('input') input: SolveRunInput) {
    return toSolveRun(await this.solver.discard(actor, input.id));
  }

  @Query(() => [RuleWeight], {
    description:
      'The solver’s default weight per rule: what one unit of the rule’s penalty counts for (about one point per hour of work misplaced).',
    complexity: listOf(CATALOGUE.length),
  })
  @Allow(AUTHENTICATED)
  solverRuleWeights(): RuleWeight[] {
    return CATALOGUE.map((r) => ({ ruleCode: r.code, weight: defaultRuleWeight(r.code) }));
  }

  @ResolveField(() => Rota)
  rota(@Parent() run: SolveRun, @Context('loaders') loaders: Loaders) {
    return loaders.get(rotaById).load(run.rotaId);
  }

  @ResolveField(() => Boolean)
  async stale(@Parent() run: SolveRun, @Context('loaders') loaders: Loaders) {
    const rota = await loaders.get(rotaById).load(run.rotaId);
    return !rota || rota.version !== run.rotaVersion;
  }
}

@Resolver(() => ProposedAssignment)
export class ProposedAssignmentResolver {
  @ResolveField(() => Shift)
  shift(@Parent() a: ProposedAssignment, @Context('loaders') loaders: Loaders) {
    return loaders.get(shiftById).load(a.shiftId);
  }

  @ResolveField(() => StaffMember)
  staff(@Parent() a: ProposedAssignment, @Context('loaders') loaders: Loaders) {
    return loaders.get(staffById).load(a.staffId);
  }
}
