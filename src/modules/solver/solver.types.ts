import { Field, Float, ID, InputType, Int, ObjectType } from '@nestjs/graphql';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  IsArray,
  IsIn,
  IsInt,
  IsNumber,
  IsOptional,
  IsUUID,
  Max,
  Min,
  ValidateNested,
} from 'class-validator';
import { listOf } from '../../common/graphql/query-cost.js';
import { RULE_CODES } from '../../rota-core/index.js';
import { RuleCode, Violation } from '../checks/checks.types.js';
import { RotaWriteInput } from '../rotas/rota-edit.types.js';
import { Rota } from '../rotas/rotas.types.js';
import { UserField } from '../users/user.types.js';
import { SolveRunStatus } from './solver.enums.js';

@InputType({ description: 'How much one unit of a rule’s soft penalty counts in the solver’s objective.' })
export class RuleWeightInput {
  @Field(() => RuleCode)
  @IsIn(RULE_CODES)
  ruleCode: string;

  @Field(() => Float, { description: '0–1,000 (0: the rule’s soft penalty is ignored by the search).' })
  @IsNumber({ allowNaN: false, allowInfinity: false })
  @Min(0)
  @Max(1_000)
  weight: number;
}

@InputType({ description: 'Fill a rota automatically: a job on the solve queue that ends in a proposal.' })
export class SolveRotaInput {
  @Field(() => ID)
  @IsUUID()
  rotaId: string;

  @Field(() => Int, {
    defaultValue: 30,
    description: 'How long the search may run, in seconds (1 up to SOLVER_MAX_SECONDS, 600 by default).',
  })
  @IsInt()
  @Min(1)
  @Max(3_600)
  seconds: number;

  @Field(() => Int, { defaultValue: 0, description: 'Seed of the search’s random choices.' })
  @IsInt()
  @Min(0)
  @Max(2_147_483_647)
  seed: number;

  @Field(() => Int, {
    nullable: true,
    description:
      'A budget in moves instead of time (seconds is then ignored; SOLVER_MAX_SECONDS still stops it): with the same seed and the same rota, the run is reproduced exactly.',
  })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(1_000_000_000)
  maxMoves?: number | null;

  @Field(() => [ID], {
    nullable: true,
    description:
      'Assignments of the rota the solver must keep as they are (all others may change); bank shifts (approved open-shift claims) are always kept.',
  })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(10_000)
  @IsUUID('all', { each: true })
  lockedAssignmentIds?: string[] | null;

  @Field(() => [RuleWeightInput], {
    nullable: true,
    description:
      'Weights per rule for the soft penalty (see solverRuleWeights for the defaults); rules not named keep their default.',
  })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(100)
  @ValidateNested({ each: true })
  @Type(() => RuleWeightInput)
  ruleWeights?: RuleWeightInput[] | null;
}

@InputType()
export class SolveRunInput {
  @Field(() => ID)
  @IsUUID()
  id: string;
}

@InputType({
  description:
    'Writes a run’s proposal to the rota through the rota write path (one transaction). expectedVersion defaults to the version the run started from: a rota changed since is refused with CONFLICT.',
})
export class ApplySolveRunInput extends RotaWriteInput {
  @Field(() => ID)
  @IsUUID()
  id: string;
}

@ObjectType({ description: 'A rule’s weight in the solver’s objective.' })
export class RuleWeight {
  @Field(() => RuleCode)
  ruleCode: string;

  @Field(() => Float)
  weight: number;
}

@ObjectType({ description: 'What a run was asked to do.' })
export class SolveOptions {
  @Field(() => Int)
  seconds: number;

  @Field(() => Int)
  seed: number;

  @Field(() => Int, { nullable: true })
  maxMoves: number | null;

  @Field(() => [ID])
  lockedAssignmentIds: string[];

  @Field(() => [RuleWeight], { complexity: listOf(40), description: 'Only the weights the request changed.' })
  ruleWeights: RuleWeight[];
}

@ObjectType({
  description: 'The best roster found so far, as the worker last reported it (about once a second).',
})
export class SolveProgress {
  @Field(() => Int, { description: 'Hard rule breaches of the best roster so far.' })
  hardCount: number;

  @Field(() => Float, { description: 'Its soft penalty, weighted (the solver’s objective).' })
  softPenalty: number;

  @Field(() => Float, { description: 'Moves evaluated so far.' })
  moves: number;

  @Field(() => Float)
  movesPerSecond: number;

  @Field(() => Float)
  elapsedSeconds: number;
}

@ObjectType({ description: 'A person on a shift, in a proposal.' })
export class ProposedAssignment {
  @Field(() => ID)
  shiftId: string;

  @Field(() => ID)
  staffId: string;
}

@ObjectType({ description: 'How a proposal differs from the rota it started from.' })
export class SolveDiff {
  @Field(() => [ProposedAssignment], { complexity: listOf(200), description: 'Assignments it makes.' })
  added: ProposedAssignment[];

  @Field(() => [ID], { description: 'Assignments of the rota it removes.' })
  removedAssignmentIds: string[];

  @Field(() => Int, { description: 'Assignments of the rota it keeps.' })
  unchanged: number;

  @Field(() => [Violation], { complexity: listOf(50), description: 'Breaches of the rota that it ends.' })
  violationsResolved: Violation[];

  @Field(() => [Violation], { complexity: listOf(50), description: 'Breaches it brings (new or worse).' })
  violationsIntroduced: Violation[];
}

@ObjectType({ description: 'A proposed roster with its full check by the rules engine.' })
export class SolveProposal {
  @Field(() => [ProposedAssignment], {
    complexity: listOf(500),
    description: 'Every assignment of the rota’s shifts in the proposal.',
  })
  assignments: ProposedAssignment[];

  @Field(() => Int)
  hardCount: number;

  @Field(() => Float, { description: 'Total soft penalty, as the rules engine reports it (unweighted).' })
  softPenalty: number;

  @Field(() => Float, { description: 'The solver’s objective: the soft penalty weighted per rule.' })
  weightedSoftPenalty: number;

  @Field(() => [Violation], { complexity: listOf(100) })
  violations: Violation[];

  @Field(() => SolveDiff)
  diff: SolveDiff;

  @Field(() => Float)
  moves: number;

  @Field(() => Float)
  movesPerSecond: number;

  @Field(() => Float)
  elapsedSeconds: number;
}

@ObjectType({
  description: 'An automatic rostering run: a job on the solve queue, its progress and its proposal.',
})
export class SolveRun {
  @Field(() => ID)
  id: string;

  @Field(() => ID)
  rotaId: string;

  @Field(() => Rota)
  rota?: Rota;

  @Field(() => SolveRunStatus)
  status: SolveRunStatus;

  @Field(() => SolveOptions)
  options: SolveOptions;

  @Field(() => Int, { description: 'The rota version the run started from.' })
  rotaVersion: number;

  @Field(() => Boolean, {
    description: 'The rota has changed since the run started: applying it would be refused (CONFLICT).',
  })
  stale: boolean;

  @Field(() => SolveProgress, { nullable: true })
  progress: SolveProgress | null;

  @Field(() => SolveProposal, {
    nullable: true,
    description: 'Once SUCCEEDED or CANCELLED (the best found until then).',
  })
  proposal: SolveProposal | null;

  @Field(() => String, { nullable: true, description: 'Why it FAILED.' })
  error: string | null;

  @UserField({ description: 'Who asked for it.' })
  requestedBy: string;

  @Field()
  createdAt: Date;

  @Field(() => Date, { nullable: true })
  startedAt: Date | null;

  @Field(() => Date, { nullable: true })
  finishedAt: Date | null;

  @UserField({ nullable: true, description: 'Who applied or discarded its proposal.' })
  decidedBy: string | null;

  @Field(() => Date, { nullable: true })
  decidedAt: Date | null;
}
