import { createUnionType, Field, ID, InputType, Int, ObjectType } from '@nestjs/graphql';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsArray,
  IsBoolean,
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
import { listOf } from '../../common/graphql/query-cost.js';
import { LocalDate, LocalTime } from '../../common/graphql/scalars.js';
import { Headcount, ShiftLength, UnpaidBreak } from './shift-limits.js';
import { IsOmittable } from '../../common/validation/validators.js';
import { OverrideInput, RuleViolations, Violation } from '../checks/checks.types.js';
import { Weekday } from './rota.enums.js';
import {
  Assignment,
  PatternLineInput,
  RequirementInput,
  Rota,
  Shift,
  ShiftInput,
  ShiftType,
  SkillSlotInput,
} from './rotas.types.js';
import { UserField } from '../users/user.types.js';

/**
 * What every change to a rota carries, in the same three fields: the version the caller last saw (a stale one
 * is CONFLICT), why (required once the rota is published; kept in its change log) and the hard rules knowingly
 * waived (with a reason; recorded once, and standing until publication and after).
 */
@InputType({ isAbstract: true })
export abstract class RotaWriteInput {
  @Field(() => Int, {
    nullable: true,
    description: 'The rota version you last saw; a stale one is refused with CONFLICT (currentVersion).',
  })
  @IsOptional()
  @IsInt()
  @Min(1)
  expectedVersion?: number | null;

  @Field(() => String, {
    nullable: true,
    description: 'Why: required once the rota is published (staff and auditors see it in rota.changes).',
  })
  @IsOptional()
  @IsString()
  @Length(3, 1000)
  @Matches(/\S/, { message: 'must not be blank' })
  reason?: string | null;

  @Field(() => OverrideInput, {
    nullable: true,
    description:
      'Hard rules knowingly waived for this change, with a reason (DOUBLE_BOOKED and NOT_AUTHORISED_AT_TEAM cannot be).',
  })
  @IsOptional()
  @ValidateNested()
  @Type(() => OverrideInput)
  override?: OverrideInput | null;
}

@ObjectType({ description: 'An assignment a bulk change left out because the rules refused it.' })
export class SkippedAssignment {
  @Field(() => ID)
  shiftId: string;

  @Field(() => ID)
  staffId: string;

  @Field({ description: 'Why, in one line.' })
  reason: string;

  @Field(() => [Violation], {
    complexity: listOf(5),
    description: 'The hard rules it would break (if that was why).',
  })
  violations: Violation[];
}

@ObjectType({
  description:
    'A change written to a rota: the rota at its new version and what changed, with what the rules now say of it.',
})
export class RotaEdit {
  @Field(() => Rota)
  rota: Rota;

  @Field(() => [Assignment], { complexity: listOf(50), description: 'Assignments created or changed.' })
  assignments: Assignment[];

  @Field(() => [Shift], { complexity: listOf(100), description: 'Shifts created or changed.' })
  shifts: Shift[];

  @Field(() => [ID], {
    description: 'Assignments removed (deleted from a draft, cancelled on a published rota).',
  })
  removedAssignmentIds: string[];

  @Field(() => [ID], { description: 'Shifts removed (deleted from a draft, cancelled on a published rota).' })
  removedShiftIds: string[];

  @Field(() => [Violation], {
    complexity: listOf(20),
    description:
      'Breaches the change brought that did not stop it: soft ones, rules that judge only the finished rota (on a draft), and waived ones.',
  })
  warnings: Violation[];

  @Field(() => [Violation], { complexity: listOf(20), description: 'Breaches the change ended.' })
  resolved: Violation[];

  @Field(() => [SkippedAssignment], {
    complexity: listOf(20),
    description: 'With skipRefused: assignments left out because the rules refused them.',
  })
  skipped: SkippedAssignment[];
}

export const RotaEditResult = createUnionType({
  name: 'RotaEditResult',
  description:
    'Every change to a rota answers the change written (RotaEdit) or, writing nothing, why not (RuleViolations).',
  types: () => [RotaEdit, RuleViolations] as const,
  resolveType: (value: object) => ('violations' in value && 'hardCount' in value ? RuleViolations : RotaEdit),
});

@InputType()
export class AssignStaffInput extends RotaWriteInput {
  @Field(() => ID)
  @IsUUID()
  shiftId: string;

  @Field(() => ID)
  @IsUUID()
  staffId: string;
}

@InputType()
export class UnassignStaffInput extends RotaWriteInput {
  @Field(() => ID)
  @IsUUID()
  assignmentId: string;
}

@InputType({ description: 'Moves someone from one shift to another of the same rota.' })
export class MoveAssignmentInput extends RotaWriteInput {
  @Field(() => ID)
  @IsUUID()
  assignmentId: string;

  @Field(() => ID)
  @IsUUID()
  toShiftId: string;
}

@InputType({ description: 'Two people trade shifts of the same rota.' })
export class SwapAssignmentsInput extends RotaWriteInput {
  @Field(() => ID)
  @IsUUID()
  assignmentId: string;

  @Field(() => ID)
  @IsUUID()
  otherAssignmentId: string;
}

@InputType()
export class ShiftStaffInput {
  @Field(() => ID)
  @IsUUID()
  shiftId: string;

  @Field(() => ID)
  @IsUUID()
  staffId: string;
}

@InputType({ description: 'Many assignments (and removals) on one rota in one transaction.' })
export class BulkAssignInput extends RotaWriteInput {
  @Field(() => ID)
  @IsUUID()
  rotaId: string;

  @Field(() => [ShiftStaffInput], { nullable: true, defaultValue: [] })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(5000)
  @ValidateNested({ each: true })
  @Type(() => ShiftStaffInput)
  assign?: ShiftStaffInput[];

  @Field(() => [ID], { nullable: true, defaultValue: [], description: 'Assignments to remove.' })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(5000)
  @IsUUID('all', { each: true })
  unassign?: string[];

  @Field({
    nullable: true,
    defaultValue: false,
    description:
      'Leave out the assignments the rules refuse (listed in `skipped`) instead of refusing them all.',
  })
  @IsOptional()
  @IsBoolean()
  skipRefused?: boolean;
}

@InputType()
export class AddShiftsInput extends RotaWriteInput {
  @Field(() => ID)
  @IsUUID()
  rotaId: string;

  @Field(() => [ShiftInput])
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(2000)
  @ValidateNested({ each: true })
  @Type(() => ShiftInput)
  shifts: ShiftInput[];
}

@InputType({
  description: 'Shift types × weekdays × weeks over the rota’s range. Idempotent: existing shifts are kept.',
})
export class AddShiftsFromPatternInput extends RotaWriteInput {
  @Field(() => ID)
  @IsUUID()
  rotaId: string;

  @Field(() => [PatternLineInput])
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(100)
  @ValidateNested({ each: true })
  @Type(() => PatternLineInput)
  lines: PatternLineInput[];

  @Field(() => [Int], {
    nullable: true,
    description: 'Which weeks of the rota (1 = its first 7 days); default all.',
  })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(27)
  @IsInt({ each: true })
  @Min(1, { each: true })
  @Max(27, { each: true })
  weeks?: number[] | null;
}

@InputType()
export class UpdateShiftInput extends RotaWriteInput {
  @Field(() => ID)
  @IsUUID()
  shiftId: string;

  @Field(() => LocalTime, { nullable: true })
  @IsOptional()
  startTime?: string;

  @Field(() => Int, { nullable: true })
  @IsOmittable()
  @ShiftLength()
  durationMinutes?: number;

  @Field(() => Int, { nullable: true })
  @IsOmittable()
  @UnpaidBreak()
  unpaidBreakMinutes?: number;

  @Field(() => Int, { nullable: true })
  @IsOmittable()
  @Headcount()
  minHeadcount?: number;

  @Field(() => Int, { nullable: true })
  @IsOmittable()
  @Headcount()
  targetHeadcount?: number;

  @Field(() => Int, { nullable: true, description: 'null removes the cap.' })
  @IsOptional()
  @Headcount(1)
  maxHeadcount?: number | null;

  @Field(() => [SkillSlotInput], { nullable: true, description: 'Replaces the skill mix.' })
  @IsOmittable()
  @IsArray()
  @ArrayMaxSize(20)
  @ValidateNested({ each: true })
  @Type(() => SkillSlotInput)
  skillMix?: SkillSlotInput[];
}

@InputType()
export class RemoveShiftInput extends RotaWriteInput {
  @Field(() => ID)
  @IsUUID()
  shiftId: string;
}

@InputType({
  description: 'DRAFT → PUBLISHED: every hard breach must be waived (now, or by an earlier override).',
})
export class PublishRotaInput extends RotaWriteInput {
  @Field(() => ID)
  @IsUUID()
  rotaId: string;
}

@InputType({ description: 'PUBLISHED → DRAFT, with the reason (kept; staff see the rota no longer).' })
export class UnpublishRotaInput extends RotaWriteInput {
  @Field(() => ID)
  @IsUUID()
  rotaId: string;
}

@InputType({ description: 'Deletes a DRAFT rota with its shifts and assignments.' })
export class DeleteRotaInput {
  @Field(() => ID)
  @IsUUID()
  rotaId: string;

  @Field(() => Int, { nullable: true, description: 'The version you last saw (CONFLICT when stale).' })
  @IsOptional()
  @IsInt()
  @Min(1)
  expectedVersion?: number | null;
}

@ObjectType()
export class DeletedRota {
  @Field(() => ID)
  id: string;
}

@InputType({
  description:
    'A new draft rota from an existing one, onto new dates: its shifts, and optionally who works them.',
})
export class CopyRotaInput extends RotaWriteInput {
  @Field(() => ID, { description: 'The rota to copy.' })
  @IsUUID()
  rotaId: string;

  @Field(() => LocalDate, {
    description:
      'The new rota’s first day: same weekday as the original’s first day (shifts keep their weekdays).',
  })
  startDate: string;

  @Field(() => String, { nullable: true })
  @IsOptional()
  @IsString()
  @Length(1, 200)
  name?: string | null;

  @Field({
    nullable: true,
    defaultValue: false,
    description: 'Copy who works each shift too (checked as usual).',
  })
  @IsOptional()
  @IsBoolean()
  includeAssignments?: boolean;

  @Field({
    nullable: true,
    defaultValue: true,
    description: 'Leave out assignments the rules refuse (see `skipped`).',
  })
  @IsOptional()
  @IsBoolean()
  skipRefused?: boolean;
}

@ObjectType({
  description: 'A team’s repeating pattern of weeks: shifts, cover and (optionally) who works them.',
})
export class RotaTemplate {
  @Field(() => ID)
  id: string;

  @Field(() => ID)
  teamId: string;

  @Field()
  name: string;

  @Field(() => Int, { description: 'Its length in weeks; longer rotas repeat it.' })
  weeks: number;

  @UserField({ description: 'Who saved the template.' })
  createdBy: string;

  @Field()
  createdAt: Date;
}

@ObjectType({ description: 'One shift of a template.' })
export class RotaTemplateShift {
  @Field(() => Int, { description: '1-based week of the pattern.' })
  week: number;

  @Field(() => Weekday)
  weekday: Weekday;

  @Field(() => ID)
  shiftTypeId: string;

  @Field(() => Int)
  minHeadcount: number;

  @Field(() => Int)
  targetHeadcount: number;

  @Field(() => Int, { nullable: true })
  maxHeadcount: number | null;

  @Field(() => [ID], { description: 'Who works it, when the template carries the assignment pattern.' })
  staffIds: string[];
}

@InputType({
  description: 'One shift of a template given line by line: when, its type, its cover and who works it.',
})
export class RotaTemplateShiftInput extends RequirementInput {
  @Field(() => Int)
  @IsInt()
  @Min(1)
  @Max(26)
  week: number;

  @Field(() => Weekday)
  @IsEnum(Weekday)
  weekday: Weekday;

  @Field(() => ID)
  @IsUUID()
  shiftTypeId: string;

  @Field(() => [ID], { nullable: true, defaultValue: [] })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(200)
  @IsUUID('all', { each: true })
  staffIds?: string[];
}

@InputType({
  description:
    'A template from the first `weeks` weeks of a rota (fromRotaId), or from shifts given line by line (teamId + shifts).',
})
export class CreateRotaTemplateInput {
  @Field()
  @IsString()
  @Length(1, 200)
  @Matches(/\S/, { message: 'must not be blank' })
  name: string;

  @Field(() => ID, { nullable: true })
  @IsOptional()
  @IsUUID()
  fromRotaId?: string | null;

  @Field(() => ID, { nullable: true, description: 'With `shifts` (ignored with fromRotaId).' })
  @IsOptional()
  @IsUUID()
  teamId?: string | null;

  @Field(() => Int, {
    nullable: true,
    description: 'Pattern length (default: 1 from lines, the rota’s whole weeks from a rota).',
  })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(26)
  weeks?: number | null;

  @Field({ nullable: true, defaultValue: true, description: 'Keep who works each shift (from a rota).' })
  @IsOptional()
  @IsBoolean()
  includeAssignments?: boolean;

  @Field(() => [RotaTemplateShiftInput], { nullable: true })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(2000)
  @ValidateNested({ each: true })
  @Type(() => RotaTemplateShiftInput)
  shifts?: RotaTemplateShiftInput[];
}

@InputType({
  description: 'A new draft rota from a template: its shifts, and who works them, repeated over the weeks.',
})
export class CreateRotaFromTemplateInput extends RotaWriteInput {
  @Field(() => ID)
  @IsUUID()
  templateId: string;

  @Field(() => LocalDate, { description: 'A Monday: week 1 of the pattern starts there.' })
  startDate: string;

  @Field(() => Int, { description: 'How many weeks (1–26); the pattern repeats.' })
  @IsInt()
  @Min(1)
  @Max(26)
  weeks: number;

  @Field(() => String, { nullable: true })
  @IsOptional()
  @IsString()
  @Length(1, 200)
  name?: string | null;

  @Field({ nullable: true, defaultValue: true })
  @IsOptional()
  @IsBoolean()
  includeAssignments?: boolean;

  @Field({
    nullable: true,
    defaultValue: true,
    description: 'Leave out assignments the rules refuse (see `skipped`).',
  })
  @IsOptional()
  @IsBoolean()
  skipRefused?: boolean;
}

@InputType({
  description:
    'Changes a shift type; its shifts on draft rotas from `effectiveFrom` change with it (published ones are changed shift by shift, with reasons).',
})
export class UpdateShiftTypeInput {
  @Field(() => ID)
  @IsUUID()
  shiftTypeId: string;

  @Field(() => LocalDate, {
    description: 'Shifts on draft rotas on or after this date follow the new times.',
  })
  effectiveFrom: string;

  @Field(() => String, { nullable: true })
  @IsOmittable()
  @IsString()
  @Length(1, 100)
  @Matches(/\S/, { message: 'must not be blank' })
  name?: string;

  @Field(() => LocalTime, { nullable: true })
  @IsOptional()
  startTime?: string;

  @Field(() => Int, { nullable: true })
  @IsOmittable()
  @ShiftLength()
  durationMinutes?: number;

  @Field(() => Int, { nullable: true })
  @IsOmittable()
  @UnpaidBreak()
  unpaidBreakMinutes?: number;

  @Field({ nullable: true })
  @IsOmittable()
  @IsBoolean()
  onCall?: boolean;

  @Field({ nullable: true })
  @IsOmittable()
  @IsBoolean()
  sleepIn?: boolean;

  @Field(() => [String], {
    nullable: true,
    description: 'Codes of shift types that may not start the next day.',
  })
  @IsOmittable()
  @IsArray()
  @ArrayMaxSize(50)
  @Matches(/^[A-Z0-9]{1,10}$/, { each: true })
  cannotBeFollowedBy?: string[];

  @Field({ nullable: true, description: 'false retires it (no new shifts of it).' })
  @IsOmittable()
  @IsBoolean()
  active?: boolean;
}

@ObjectType({ description: 'A shift type changed, and how many shifts of draft rotas followed it.' })
export class ShiftTypeUpdate {
  @Field(() => ShiftType)
  shiftType: ShiftType;

  @Field(() => Int, { description: 'Shifts on draft rotas (from effectiveFrom) moved to the new times.' })
  shiftsUpdated: number;

  @Field(() => [Rota], {
    complexity: listOf(10),
    description: 'The draft rotas changed, at their new versions.',
  })
  rotas: Rota[];
}

export const UpdateShiftTypeResult = createUnionType({
  name: 'UpdateShiftTypeResult',
  description: 'The change, or (nothing written) the rules a draft rota’s shifts would then break.',
  types: () => [ShiftTypeUpdate, RuleViolations] as const,
  resolveType: (value: object) =>
    'violations' in value && 'hardCount' in value ? RuleViolations : ShiftTypeUpdate,
});
