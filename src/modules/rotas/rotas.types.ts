import { ArgsType, Field, ID, InputType, Int, ObjectType } from '@nestjs/graphql';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsArray,
  IsBoolean,
  IsDate,
  IsEnum,
  IsInt,
  IsOptional,
  IsString,
  IsUUID,
  Length,
  Matches,
  Max,
  Min,
  ValidateNested,
} from 'class-validator';
import { LocalDate, LocalTime } from '../../common/graphql/scalars.js';
import { Headcount, ShiftLength, UnpaidBreak } from './shift-limits.js';
import { RuleCode } from '../checks/checks.types.js';
import { AssignmentBasis, RotaOperation, RotaStatus, Weekday } from './rota.enums.js';
import { UserField } from '../users/user.types.js';

@ObjectType({
  description: 'A kind of shift a team works: local start time, wall-clock length, unpaid break.',
})
export class ShiftType {
  @Field(() => ID)
  id: string;

  @Field(() => ID)
  teamId: string;

  @Field({ description: 'E, L, LD, N…' })
  code: string;

  @Field()
  name: string;

  @Field(() => LocalTime)
  startTime: string;

  @Field(() => Int, { description: 'Length on the wall clock; real length differs across a clock change.' })
  durationMinutes: number;

  @Field(() => Int)
  unpaidBreakMinutes: number;

  @Field()
  onCall: boolean;

  @Field()
  sleepIn: boolean;

  @Field(() => [ID], { description: 'Shift types that may not start on the day after this one.' })
  cannotBeFollowedByIds: string[];

  @Field()
  active: boolean;
}

@ObjectType({ description: 'A team’s plan for a date range (inclusive).' })
export class Rota {
  @Field(() => ID)
  id: string;

  @Field(() => ID)
  teamId: string;

  @Field(() => String, { nullable: true })
  name: string | null;

  @Field(() => LocalDate)
  startDate: string;

  @Field(() => LocalDate)
  endDate: string;

  @Field(() => RotaStatus)
  status: RotaStatus;

  @Field(() => Int, { description: 'Increments with every change: send it back to detect concurrent edits.' })
  version: number;

  @Field(() => Date, { nullable: true })
  publishedAt: Date | null;
}

@ObjectType({ description: 'Skill mix: this many distinct people on the shift must hold the skill.' })
export class SkillSlot {
  @Field(() => ID)
  skillId: string;

  @Field(() => Int)
  count: number;
}

@ObjectType()
export class Shift {
  @Field(() => ID)
  id: string;

  @Field(() => ID)
  rotaId: string;

  @Field(() => ID)
  teamId: string;

  @Field(() => ID)
  shiftTypeId: string;

  @Field(() => LocalDate, { description: 'The local date it starts on (team’s zone).' })
  localDate: string;

  @Field(() => LocalTime)
  startTime: string;

  @Field(() => Int, { description: 'Length on the wall clock.' })
  durationMinutes: number;

  @Field(() => Int)
  unpaidBreakMinutes: number;

  @Field()
  startsAt: Date;

  @Field()
  endsAt: Date;

  @Field(() => Int)
  minHeadcount: number;

  @Field(() => Int)
  targetHeadcount: number;

  @Field(() => Int, { nullable: true })
  maxHeadcount: number | null;

  @Field(() => Date, {
    nullable: true,
    description: 'Set when removed from a published rota (kept for calendars).',
  })
  cancelledAt: Date | null;
}

@ObjectType({ description: 'A knowingly waived hard rule: which, why, who, when.' })
export class RuleOverride {
  @Field(() => RuleCode)
  ruleCode: string;

  @Field()
  reason: string;

  @UserField({ description: 'Who overrode it.' })
  overriddenBy: string;

  @Field()
  overriddenAt: Date;
}

@ObjectType({ description: 'A staff member on a shift, and on what basis they may work there.' })
export class Assignment {
  @Field(() => ID)
  id: string;

  @Field(() => ID)
  shiftId: string;

  @Field(() => ID)
  staffId: string;

  @Field(() => AssignmentBasis)
  basis: AssignmentBasis;

  @UserField({ description: 'Who assigned them.' })
  createdBy: string;

  @Field()
  createdAt: Date;

  @Field(() => Date, { nullable: true })
  cancelledAt: Date | null;
}

@ObjectType({ description: 'A change made after publication, with its reason.' })
export class RotaChange {
  @Field(() => Int)
  version: number;

  @Field(() => RotaOperation)
  operation: RotaOperation;

  @Field()
  reason: string;

  @UserField({ description: 'Who made the change.' })
  changedBy: string;

  @Field()
  changedAt: Date;
}

@InputType()
export class CreateShiftTypeInput {
  @Field(() => ID)
  @IsUUID()
  teamId: string;

  @Field()
  @Matches(/^[A-Z0-9]{1,10}$/, { message: 'must be 1–10 capital letters or digits (E, LD, N1…)' })
  code: string;

  @Field()
  @IsString()
  @Length(1, 100)
  @Matches(/\S/, { message: 'must not be blank' })
  name: string;

  @Field(() => LocalTime)
  startTime: string;

  @Field(() => Int, { description: 'Wall-clock length, 1–1440 minutes.' })
  @ShiftLength()
  durationMinutes: number;

  @Field(() => Int, { nullable: true, defaultValue: 0 })
  @IsOptional()
  @UnpaidBreak()
  unpaidBreakMinutes?: number;

  @Field({ nullable: true, defaultValue: false })
  @IsOptional()
  @IsBoolean()
  onCall?: boolean;

  @Field({ nullable: true, defaultValue: false })
  @IsOptional()
  @IsBoolean()
  sleepIn?: boolean;

  @Field(() => [String], {
    nullable: true,
    description: 'Codes of this team’s shift types that may not start the next day.',
  })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(50)
  @Matches(/^[A-Z0-9]{1,10}$/, { each: true })
  cannotBeFollowedBy?: string[];
}

@InputType()
export class CreateRotaInput {
  @Field(() => ID)
  @IsUUID()
  teamId: string;

  @Field(() => LocalDate)
  startDate: string;

  @Field(() => LocalDate, { description: 'Inclusive; at most 26 weeks after the start.' })
  endDate: string;

  @Field(() => String, { nullable: true })
  @IsOptional()
  @IsString()
  @Length(1, 200)
  name?: string | null;
}

@InputType()
export class SkillSlotInput {
  @Field(() => ID)
  @IsUUID()
  skillId: string;

  @Field(() => Int)
  @IsInt()
  @Min(1)
  @Max(100)
  count: number;
}

@InputType({ description: 'Cover a shift needs: headcounts and skill mix.' })
export class RequirementInput {
  @Field(() => Int, { nullable: true, defaultValue: 0 })
  @IsOptional()
  @Headcount()
  minHeadcount?: number;

  @Field(() => Int, { nullable: true, description: 'Default: the minimum.' })
  @IsOptional()
  @Headcount()
  targetHeadcount?: number | null;

  @Field(() => Int, { nullable: true, description: 'A hard cap on assignments (default: none).' })
  @IsOptional()
  @Headcount(1)
  maxHeadcount?: number | null;

  @Field(() => [SkillSlotInput], { nullable: true })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(20)
  @ValidateNested({ each: true })
  @Type(() => SkillSlotInput)
  skillMix?: SkillSlotInput[];
}

@InputType({
  description:
    'One shift: a type on a local date (optionally with its own start time or length), or explicit instants.',
})
export class ShiftInput extends RequirementInput {
  @Field(() => ID)
  @IsUUID()
  shiftTypeId: string;

  @Field(() => LocalDate, {
    nullable: true,
    description: 'Local date it starts on (with the type’s or given start time).',
  })
  @IsOptional()
  date?: string | null;

  @Field(() => LocalTime, { nullable: true, description: 'Overrides the type’s start time.' })
  @IsOptional()
  startTime?: string | null;

  @Field(() => Int, {
    nullable: true,
    description: 'Overrides the type’s wall-clock length (1–1440 minutes).',
  })
  @IsOptional()
  @ShiftLength()
  durationMinutes?: number | null;

  @Field(() => Date, { nullable: true, description: 'Explicit start instant (instead of date + time).' })
  @IsOptional()
  @IsDate()
  startsAt?: Date | null;

  @Field(() => Date, { nullable: true, description: 'Explicit end instant (with startsAt).' })
  @IsOptional()
  @IsDate()
  endsAt?: Date | null;
}

@InputType({ description: 'One line of a pattern: a shift type on some weekdays, with its requirement.' })
export class PatternLineInput extends RequirementInput {
  @Field(() => ID)
  @IsUUID()
  shiftTypeId: string;

  @Field(() => [Weekday])
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(7)
  @IsEnum(Weekday, { each: true })
  weekdays: Weekday[];
}

@ArgsType()
export class RotasArgs {
  @Field(() => ID)
  @IsUUID()
  teamId: string;

  @Field(() => LocalDate, { nullable: true, description: 'Rotas ending on or after this date.' })
  @IsOptional()
  from?: string;

  @Field(() => LocalDate, { nullable: true, description: 'Rotas starting on or before this date.' })
  @IsOptional()
  to?: string;
}
