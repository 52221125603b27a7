import { Field, ID, InputType, Int, ObjectType } from '@nestjs/graphql';
import { IsEnum, IsInt, IsOptional, IsString, IsUUID, Length, Max, Min } from 'class-validator';
import { LocalDate } from '../../common/graphql/scalars.js';
import { AbsenceKind, AbsenceStatus, Decision, ShiftRequestKind } from './absence.enums.js';
import { UserField } from '../users/user.types.js';

@ObjectType({
  description: 'Leave, sickness, training…: whole local days; once approved it blocks rostering.',
})
export class Absence {
  @Field(() => ID)
  id: string;

  @Field(() => ID)
  staffId: string;

  @Field(() => AbsenceKind, {
    nullable: true,
    description:
      'Why they are away: special-category data, shown to the person, the manager of their home team and HR of their employer; null to anyone else (they are unavailable).',
  })
  kind: AbsenceKind;

  @Field(() => LocalDate)
  startDate: string;

  @Field(() => LocalDate, { description: 'Inclusive.' })
  endDate: string;

  @Field(() => AbsenceStatus)
  status: AbsenceStatus;

  @Field(() => String, { nullable: true })
  note: string | null;

  @UserField({ description: 'Who asked for it.' })
  requestedBy: string;

  @Field()
  requestedAt: Date;

  @UserField({ nullable: true, description: 'Who approved or rejected it.' })
  decidedBy: string | null;

  @Field(() => Date, { nullable: true })
  decidedAt: Date | null;

  @Field(() => String, { nullable: true, description: 'Why it was approved or rejected.' })
  decisionReason: string | null;
}

@InputType()
export class RequestAbsenceInput {
  @Field(() => ID, { nullable: true, description: 'Default: yourself.' })
  @IsOptional()
  @IsUUID()
  staffId?: string | null;

  @Field(() => AbsenceKind)
  @IsEnum(AbsenceKind)
  kind: AbsenceKind;

  @Field(() => LocalDate)
  startDate: string;

  @Field(() => LocalDate, { description: 'Inclusive.' })
  endDate: string;

  @Field(() => String, { nullable: true })
  @IsOptional()
  @IsString()
  @Length(1, 1000)
  note?: string | null;
}

@ObjectType({
  description: 'A wish to work, or not to work, a shift type on a date (soft: its weight is the cost).',
})
export class ShiftRequest {
  @Field(() => ID)
  id: string;

  @Field(() => ID)
  staffId: string;

  @Field(() => LocalDate)
  date: string;

  @Field(() => ID)
  shiftTypeId: string;

  @Field(() => ShiftRequestKind)
  kind: ShiftRequestKind;

  @Field(() => Int)
  weight: number;
}

@InputType()
export class RecordShiftRequestInput {
  @Field(() => ID, { nullable: true, description: 'Default: yourself.' })
  @IsOptional()
  @IsUUID()
  staffId?: string | null;

  @Field(() => ID)
  @IsUUID()
  shiftTypeId: string;

  @Field(() => LocalDate)
  date: string;

  @Field(() => ShiftRequestKind)
  @IsEnum(ShiftRequestKind)
  kind: ShiftRequestKind;

  @Field(() => Int, { nullable: true, defaultValue: 1, description: '1–1000: what refusing it costs.' })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(1000)
  weight?: number;
}

@InputType({ description: 'Approves or rejects a requested absence.' })
export class DecideAbsenceInput {
  @Field(() => ID)
  @IsUUID()
  absenceId: string;

  @Field(() => Decision)
  @IsEnum(Decision)
  decision: Decision;

  @Field(() => String, { nullable: true, description: 'Why (the person sees it).' })
  @IsOptional()
  @IsString()
  @Length(1, 1000)
  reason?: string | null;
}
