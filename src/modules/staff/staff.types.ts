import { ArgsType, Field, Float, ID, InputType, Int, ObjectType, registerEnumType } from '@nestjs/graphql';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  IsArray,
  IsInt,
  IsBoolean,
  IsEmail,
  IsEnum,
  IsNumber,
  IsOptional,
  IsString,
  IsUUID,
  Length,
  Matches,
  Max,
  MaxLength,
  Min,
  ValidateNested,
} from 'class-validator';
import { Role } from '../../common/auth/actor.js';
import { Connection, PageArgs } from '../../common/graphql/pagination.js';
import { LocalDate } from '../../common/graphql/scalars.js';
import { IsOmittable } from '../../common/validation/validators.js';
import { PayFramework, RuleProfile, StaffGroup } from './staff.enums.js';
import { listOf } from '../../common/graphql/query-cost.js';

registerEnumType(Role, { name: 'Role' });

@ObjectType({ description: 'A person’s own limits for the pattern rules (from their contract).' })
export class RuleLimits {
  @Field(() => [ShiftTypeLimit], { complexity: listOf(5) })
  maxShiftsByType: ShiftTypeLimit[];

  @Field(() => Int, { nullable: true })
  minTotalMinutes: number | null;

  @Field(() => Int, { nullable: true })
  maxTotalMinutes: number | null;

  @Field(() => Int, { nullable: true })
  maxConsecutiveShifts: number | null;

  @Field(() => Int, { nullable: true })
  minConsecutiveShifts: number | null;

  @Field(() => Int, { nullable: true })
  minConsecutiveDaysOff: number | null;

  @Field(() => Int, { nullable: true })
  maxWeekends: number | null;
}

@ObjectType()
export class ShiftTypeLimit {
  @Field(() => ID)
  shiftTypeId: string;

  @Field(() => Int, { description: 'At most this many over a rota (0: never).' })
  max: number;
}

@InputType()
export class ShiftTypeLimitInput {
  @Field(() => ID)
  @IsUUID()
  shiftTypeId: string;

  @Field(() => Int)
  @IsInt()
  @Min(0)
  @Max(400)
  max: number;
}

@InputType({ description: 'A person’s own limits for the pattern rules; unset ones do not apply.' })
export class RuleLimitsInput {
  @Field(() => [ShiftTypeLimitInput], { nullable: true })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(50)
  @ValidateNested({ each: true })
  @Type(() => ShiftTypeLimitInput)
  maxShiftsByType?: ShiftTypeLimitInput[];

  @Field(() => Int, { nullable: true })
  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(262080)
  minTotalMinutes?: number | null;

  @Field(() => Int, { nullable: true })
  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(262080)
  maxTotalMinutes?: number | null;

  @Field(() => Int, { nullable: true })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(182)
  maxConsecutiveShifts?: number | null;

  @Field(() => Int, { nullable: true })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(182)
  minConsecutiveShifts?: number | null;

  @Field(() => Int, { nullable: true })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(182)
  minConsecutiveDaysOff?: number | null;

  @Field(() => Int, { nullable: true })
  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(27)
  maxWeekends?: number | null;
}

/** Personal fields: seen by the person, HR and managers of their employer, and ADMIN; null for anyone else. */
const PERSONAL = 'Personal: null unless it is you, or you are HR or a manager of their employer.';

@ObjectType({ description: 'A person in the shared workforce, employed by one organisation.' })
export class StaffMember {
  @Field(() => ID)
  id: string;

  @Field()
  givenName: string;

  @Field()
  familyName: string;

  @Field(() => String, { nullable: true, description: PERSONAL })
  email: string | null;

  @Field(() => String, { nullable: true, description: PERSONAL })
  phone: string | null;

  @Field(() => ID)
  employerId: string;

  @Field(() => String, { nullable: true, description: PERSONAL })
  employeeNumber: string | null;

  @Field(() => StaffGroup)
  staffGroup: StaffGroup;

  @Field()
  jobTitle: string;

  @Field(() => PayFramework, { nullable: true, description: PERSONAL })
  payFramework: PayFramework;

  @Field(() => String, {
    nullable: true,
    description: `Band or grade within the pay framework (AfC "6", doctor "ST3", NJC "SCP 12"…). ${PERSONAL}`,
  })
  payGrade: string;

  @Field(() => Float, { nullable: true, description: PERSONAL })
  contractedHoursPerWeek: number;

  @Field(() => Boolean, {
    nullable: true,
    description: `Signed the Working Time Regulations opt-out of the 48-hour average. ${PERSONAL}`,
  })
  workingTimeOptOut: boolean;

  @Field(() => LocalDate, { nullable: true, description: PERSONAL })
  optOutSignedOn: string | null;

  @Field(() => LocalDate, { nullable: true, description: PERSONAL })
  dateOfBirth: string | null;

  @Field(() => RuleProfile)
  ruleProfile: RuleProfile;

  @Field(() => ID, { nullable: true })
  homeTeamId: string | null;

  @Field()
  active: boolean;

  @Field()
  createdAt: Date;

  @Field()
  updatedAt: Date;
}

export const StaffMemberConnection = Connection(StaffMember);

@InputType()
export class StaffFilter {
  @Field(() => ID, { nullable: true, description: 'Employer.' })
  @IsOptional()
  @IsUUID()
  organisationId?: string;

  @Field(() => ID, { nullable: true, description: 'Home team.' })
  @IsOptional()
  @IsUUID()
  teamId?: string;

  @Field(() => StaffGroup, { nullable: true })
  @IsOptional()
  @IsEnum(StaffGroup)
  staffGroup?: StaffGroup;

  @Field(() => ID, { nullable: true, description: 'Holds a credential for this skill, valid on `validOn`.' })
  @IsOptional()
  @IsUUID()
  skillId?: string;

  @Field(() => LocalDate, { nullable: true, description: 'Date for `skillId` (default: today, UK time).' })
  @IsOptional()
  validOn?: string;

  @Field({ nullable: true, description: 'Part of the given or family name, any case.' })
  @IsOptional()
  @IsString()
  @Length(1, 100)
  nameContains?: string;

  @Field({ nullable: true, defaultValue: false })
  @IsOptional()
  @IsBoolean()
  includeInactive?: boolean;
}

@ArgsType()
export class StaffArgs extends PageArgs {
  @Field(() => StaffFilter, { nullable: true })
  @IsOptional()
  @ValidateNested()
  @Type(() => StaffFilter)
  filter?: StaffFilter;
}

const NAME = { message: 'must not be blank' };
const PHONE = /^\+?[0-9 ()-]{7,20}$/;

@InputType()
export class CreateStaffMemberInput {
  @Field()
  @IsString()
  @Length(1, 100)
  @Matches(/\S/, NAME)
  givenName: string;

  @Field()
  @IsString()
  @Length(1, 100)
  @Matches(/\S/, NAME)
  familyName: string;

  @Field(() => String, { nullable: true })
  @IsOptional()
  @IsEmail({}, { message: 'must be an email address' })
  @MaxLength(254)
  email?: string | null;

  @Field(() => String, { nullable: true })
  @IsOptional()
  @Matches(PHONE, { message: 'must be a phone number' })
  phone?: string | null;

  @Field(() => ID)
  @IsUUID()
  employerId: string;

  @Field(() => String, { nullable: true })
  @IsOptional()
  @IsString()
  @Length(1, 50)
  employeeNumber?: string | null;

  @Field(() => StaffGroup)
  @IsEnum(StaffGroup)
  staffGroup: StaffGroup;

  @Field()
  @IsString()
  @Length(1, 200)
  @Matches(/\S/, NAME)
  jobTitle: string;

  @Field(() => PayFramework)
  @IsEnum(PayFramework)
  payFramework: PayFramework;

  @Field()
  @IsString()
  @Length(1, 50)
  payGrade: string;

  @Field(() => Float, { description: '0–168, two decimals (37.5).' })
  @IsNumber({ maxDecimalPlaces: 2, allowNaN: false, allowInfinity: false })
  @Min(0)
  @Max(168)
  contractedHoursPerWeek: number;

  @Field({ nullable: true, defaultValue: false })
  @IsOptional()
  @IsBoolean()
  workingTimeOptOut?: boolean;

  @Field(() => LocalDate, { nullable: true })
  @IsOptional()
  optOutSignedOn?: string | null;

  @Field(() => LocalDate, { nullable: true })
  @IsOptional()
  dateOfBirth?: string | null;

  @Field(() => RuleProfile, { nullable: true, defaultValue: RuleProfile.STANDARD })
  @IsOptional()
  @IsEnum(RuleProfile)
  ruleProfile?: RuleProfile;

  @Field(() => ID, { nullable: true })
  @IsOptional()
  @IsUUID()
  homeTeamId?: string | null;

  @Field(() => RuleLimitsInput, { nullable: true, description: 'null removes them.' })
  @IsOptional()
  @ValidateNested()
  @Type(() => RuleLimitsInput)
  ruleLimits?: RuleLimitsInput | null;
}

@InputType()
export class UpdateStaffMemberInput {
  @Field(() => ID, { description: 'The staff record to change; the other fields are what changes.' })
  @IsUUID()
  staffId: string;

  @Field({ nullable: true })
  @IsOmittable()
  @IsString()
  @Length(1, 100)
  @Matches(/\S/, NAME)
  givenName?: string;

  @Field({ nullable: true })
  @IsOmittable()
  @IsString()
  @Length(1, 100)
  @Matches(/\S/, NAME)
  familyName?: string;

  @Field(() => String, { nullable: true, description: 'null clears it.' })
  @IsOptional()
  @IsEmail({}, { message: 'must be an email address' })
  @MaxLength(254)
  email?: string | null;

  @Field(() => String, { nullable: true, description: 'null clears it.' })
  @IsOptional()
  @Matches(PHONE, { message: 'must be a phone number' })
  phone?: string | null;

  @Field(() => ID, {
    nullable: true,
    description: 'A move to another employer (HR of both must agree: call as HR of both).',
  })
  @IsOmittable()
  @IsUUID()
  employerId?: string;

  @Field(() => String, { nullable: true, description: 'null clears it.' })
  @IsOptional()
  @IsString()
  @Length(1, 50)
  employeeNumber?: string | null;

  @Field(() => StaffGroup, { nullable: true })
  @IsOmittable()
  @IsEnum(StaffGroup)
  staffGroup?: StaffGroup;

  @Field({ nullable: true })
  @IsOmittable()
  @IsString()
  @Length(1, 200)
  @Matches(/\S/, NAME)
  jobTitle?: string;

  @Field(() => PayFramework, { nullable: true })
  @IsOmittable()
  @IsEnum(PayFramework)
  payFramework?: PayFramework;

  @Field({ nullable: true })
  @IsOmittable()
  @IsString()
  @Length(1, 50)
  payGrade?: string;

  @Field(() => Float, { nullable: true })
  @IsOmittable()
  @IsNumber({ maxDecimalPlaces: 2, allowNaN: false, allowInfinity: false })
  @Min(0)
  @Max(168)
  contractedHoursPerWeek?: number;

  @Field({ nullable: true })
  @IsOmittable()
  @IsBoolean()
  workingTimeOptOut?: boolean;

  @Field(() => LocalDate, { nullable: true })
  @IsOptional()
  optOutSignedOn?: string | null;

  @Field(() => LocalDate, { nullable: true, description: 'null clears it.' })
  @IsOptional()
  dateOfBirth?: string | null;

  @Field(() => RuleProfile, { nullable: true })
  @IsOmittable()
  @IsEnum(RuleProfile)
  ruleProfile?: RuleProfile;

  @Field(() => ID, { nullable: true, description: 'null clears it.' })
  @IsOptional()
  @IsUUID()
  homeTeamId?: string | null;

  @Field({ nullable: true, description: 'false when the person leaves; history is kept.' })
  @IsOmittable()
  @IsBoolean()
  active?: boolean;

  @Field(() => RuleLimitsInput, { nullable: true, description: 'null removes them.' })
  @IsOptional()
  @ValidateNested()
  @Type(() => RuleLimitsInput)
  ruleLimits?: RuleLimitsInput | null;
}

@ObjectType({ description: 'The caller, as their token describes them.' })
export class Me {
  @Field()
  subject: string;

  @Field(() => String, { nullable: true })
  name: string | null;

  @Field(() => [Role])
  roles: Role[];

  @Field(() => [ID])
  organisationIds: string[];

  @Field(() => [ID])
  teamIds: string[];

  @Field(() => ID, { nullable: true })
  staffId: string | null;
}
