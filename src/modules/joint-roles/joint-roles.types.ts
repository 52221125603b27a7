import { ArgsType, Field, Float, ID, InputType, Int, ObjectType } from '@nestjs/graphql';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsArray,
  IsBoolean,
  IsEnum,
  IsInt,
  IsNumber,
  IsOptional,
  IsString,
  IsUUID,
  Length,
  Matches,
  Max,
  Min,
  ValidateNested,
} from 'class-validator';
import { Connection, PageArgs } from '../../common/graphql/pagination.js';
import { LocalDate } from '../../common/graphql/scalars.js';
import { IsOmittable } from '../../common/validation/validators.js';
import { GapReason } from '../passport/passport.types.js';
import { StaffGroup } from '../staff/staff.enums.js';
import { AppointmentStatus, EmploymentModel, JointRoleStatus, ShareAcceptance } from './joint-role.enums.js';
import { listOf } from '../../common/graphql/query-cost.js';
import { UserField } from '../users/user.types.js';

@ObjectType({
  description: 'A passport gap at one organisation (a joint role’s partner, a placement’s host).',
})
export class OrganisationGap {
  @Field(() => ID)
  organisationId: string;

  @Field(() => ID)
  skillId: string;

  @Field(() => GapReason)
  reason: GapReason;

  @Field(() => LocalDate, { nullable: true })
  expiresOn: string | null;
}

@ObjectType()
export class JointRolePartner {
  @Field(() => ID)
  organisationId: string;

  @Field(() => Float, {
    nullable: true,
    description: 'Percent of the funding (two decimals); shown to the partners’ HR, null to others.',
  })
  fundingSharePercent: number;

  @Field(() => Float, { description: 'Percent of the time (two decimals).' })
  timeSharePercent: number;

  @Field(() => ShareAcceptance, {
    description: 'Its HR’s answer to these shares and the role’s terms; back to PENDING when they change.',
  })
  acceptance: ShareAcceptance;

  @UserField({ nullable: true, description: 'Who answered for the partner.' })
  decidedBy: string | null;

  @Field(() => Date, { nullable: true })
  decidedAt: Date | null;

  @Field(() => String, { nullable: true })
  declineReason: string | null;
}

@ObjectType({ description: 'A role held jointly by health and social care partners.' })
export class JointRole {
  @Field(() => ID)
  id: string;

  @Field()
  title: string;

  @Field(() => String, { nullable: true })
  description: string | null;

  @Field(() => StaffGroup)
  staffGroup: StaffGroup;

  @Field(() => Float)
  fte: number;

  @Field(() => LocalDate)
  startDate: string;

  @Field(() => LocalDate, { nullable: true })
  endDate: string | null;

  @Field(() => JointRoleStatus)
  status: JointRoleStatus;

  @Field(() => Int, {
    description:
      'Goes up whenever the terms partners accept change (shares, partners, FTE, cost, dates, employment model); accepting names it.',
  })
  termsVersion: number;

  @Field(() => EmploymentModel)
  employmentModel: EmploymentModel;

  @Field(() => ID)
  employingPartnerId: string;

  @Field(() => ID)
  lineManagementPartnerId: string;

  @Field(() => ID)
  supervisionPartnerId: string;

  @Field(() => Float, { nullable: true, description: 'Pounds a year; reports split it by funding share.' })
  annualCost: number | null;
}

export const JointRoleConnection = Connection(JointRole);

@ObjectType({
  description: 'A person appointed to a joint role; while it runs they may work at every partner’s teams.',
})
export class JointRoleAppointment {
  @Field(() => ID)
  id: string;

  @Field(() => ID)
  jointRoleId: string;

  @Field(() => ID)
  staffId: string;

  @Field(() => LocalDate)
  startDate: string;

  @Field(() => LocalDate, { nullable: true })
  endDate: string | null;

  @Field(() => Float)
  fte: number;

  @Field(() => [OrganisationGap], {
    complexity: listOf(10),
    description: 'Passport gaps found when appointed.',
  })
  gaps: OrganisationGap[];

  @Field(() => String, { nullable: true })
  overrideReason: string | null;

  @UserField({ description: 'Who proposed the appointment.' })
  appointedBy: string;

  @Field()
  appointedAt: Date;

  @Field(() => AppointmentStatus, {
    description: 'Only CONSENTED appointments authorise work, count in reports and in the 1.0 FTE limit.',
  })
  status: AppointmentStatus;

  @UserField({ nullable: true, description: 'Who consented (or declined) for the employer.' })
  decidedBy: string | null;

  @Field(() => Date, { nullable: true })
  decidedAt: Date | null;

  @Field(() => String, { nullable: true })
  declineReason: string | null;

  @Field(() => String, { nullable: true })
  endReason: string | null;
}

@InputType()
export class JointRolePartnerInput {
  @Field(() => ID)
  @IsUUID()
  organisationId: string;

  @Field(() => Float)
  @IsNumber({ allowNaN: false, allowInfinity: false })
  fundingSharePercent: number;

  @Field(() => Float)
  @IsNumber({ allowNaN: false, allowInfinity: false })
  timeSharePercent: number;
}

@InputType()
export class CreateJointRoleInput {
  @Field()
  @IsString()
  @Length(1, 200)
  @Matches(/\S/, { message: 'must not be blank' })
  title: string;

  @Field(() => String, { nullable: true })
  @IsOptional()
  @IsString()
  @Length(0, 4000)
  description?: string | null;

  @Field(() => StaffGroup)
  @IsEnum(StaffGroup)
  staffGroup: StaffGroup;

  @Field(() => Float, { description: 'Whole-time equivalents (0.01–10, two decimals).' })
  @IsNumber({ maxDecimalPlaces: 2, allowNaN: false, allowInfinity: false })
  @Min(0.01)
  @Max(10)
  fte: number;

  @Field(() => LocalDate)
  startDate: string;

  @Field(() => LocalDate, { nullable: true })
  @IsOptional()
  endDate?: string | null;

  @Field(() => EmploymentModel)
  @IsEnum(EmploymentModel)
  employmentModel: EmploymentModel;

  @Field(() => ID)
  @IsUUID()
  employingPartnerId: string;

  @Field(() => ID)
  @IsUUID()
  lineManagementPartnerId: string;

  @Field(() => ID)
  @IsUUID()
  supervisionPartnerId: string;

  @Field(() => [JointRolePartnerInput])
  @IsArray()
  @ArrayMinSize(2)
  @ArrayMaxSize(20)
  @ValidateNested({ each: true })
  @Type(() => JointRolePartnerInput)
  partners: JointRolePartnerInput[];

  @Field(() => [ID], { nullable: true })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(100)
  @IsUUID('all', { each: true })
  requiredSkillIds?: string[];

  @Field(() => Float, { nullable: true })
  @IsOptional()
  @IsNumber({ maxDecimalPlaces: 2, allowNaN: false, allowInfinity: false })
  @Min(0)
  @Max(100_000_000)
  annualCost?: number | null;

  @Field({
    nullable: true,
    defaultValue: false,
    description:
      'Create it ACTIVE when every partner’s acceptance is already there (you are HR of all of them). Otherwise it stays DRAFT and becomes ACTIVE when the last partner accepts.',
  })
  @IsOptional()
  @IsBoolean()
  activate?: boolean;
}

@InputType()
export class UpdateJointRoleInput {
  @Field(() => ID, { description: 'The joint role to change; the other fields are what changes.' })
  @IsUUID()
  jointRoleId: string;

  @Field({ nullable: true })
  @IsOmittable()
  @IsString()
  @Length(1, 200)
  @Matches(/\S/, { message: 'must not be blank' })
  title?: string;

  @Field(() => String, { nullable: true })
  @IsOptional()
  @IsString()
  @Length(0, 4000)
  description?: string | null;

  @Field(() => Float, { nullable: true })
  @IsOmittable()
  @IsNumber({ maxDecimalPlaces: 2, allowNaN: false, allowInfinity: false })
  @Min(0.01)
  @Max(10)
  fte?: number;

  @Field(() => LocalDate, { nullable: true })
  @IsOptional()
  endDate?: string | null;

  @Field(() => JointRoleStatus, {
    nullable: true,
    description: 'DRAFT → ACTIVE (only with every partner’s acceptance) → ENDED.',
  })
  @IsOmittable()
  @IsEnum(JointRoleStatus)
  status?: JointRoleStatus;

  @Field(() => EmploymentModel, { nullable: true })
  @IsOmittable()
  @IsEnum(EmploymentModel)
  employmentModel?: EmploymentModel;

  @Field(() => ID, { nullable: true })
  @IsOmittable()
  @IsUUID()
  employingPartnerId?: string;

  @Field(() => ID, { nullable: true })
  @IsOmittable()
  @IsUUID()
  lineManagementPartnerId?: string;

  @Field(() => ID, { nullable: true })
  @IsOmittable()
  @IsUUID()
  supervisionPartnerId?: string;

  @Field(() => [JointRolePartnerInput], {
    nullable: true,
    description:
      'Replaces the partners and their shares: partners whose shares change (and new ones) must accept again.',
  })
  @IsOmittable()
  @IsArray()
  @ArrayMinSize(2)
  @ArrayMaxSize(20)
  @ValidateNested({ each: true })
  @Type(() => JointRolePartnerInput)
  partners?: JointRolePartnerInput[];

  @Field(() => [ID], { nullable: true })
  @IsOmittable()
  @IsArray()
  @ArrayMaxSize(100)
  @IsUUID('all', { each: true })
  requiredSkillIds?: string[];

  @Field(() => Float, { nullable: true })
  @IsOptional()
  @IsNumber({ maxDecimalPlaces: 2, allowNaN: false, allowInfinity: false })
  @Min(0)
  @Max(100_000_000)
  annualCost?: number | null;
}

@InputType()
export class AppointToJointRoleInput {
  @Field(() => ID)
  @IsUUID()
  jointRoleId: string;

  @Field(() => ID)
  @IsUUID()
  staffId: string;

  @Field(() => LocalDate)
  startDate: string;

  @Field(() => LocalDate, { nullable: true })
  @IsOptional()
  endDate?: string | null;

  @Field(() => Float, {
    nullable: true,
    description: 'Share of a whole-time post (default: the role’s FTE, at most 1).',
  })
  @IsOptional()
  @IsNumber({ maxDecimalPlaces: 2, allowNaN: false, allowInfinity: false })
  @Min(0.01)
  @Max(1)
  fte?: number | null;

  @Field({
    defaultValue: false,
    description: 'Appoint despite passport gaps for the role (needs a reason).',
  })
  @IsOptional()
  @IsBoolean()
  overrideGaps?: boolean;

  @Field(() => String, { nullable: true, description: 'Why (required to appoint despite passport gaps).' })
  @IsOptional()
  @IsString()
  @Length(3, 1000)
  @Matches(/\S/, { message: 'must not be blank' })
  reason?: string | null;
}

@InputType()
export class JointRoleFilter {
  @Field(() => ID, { nullable: true, description: 'A partner.' })
  @IsOptional()
  @IsUUID()
  organisationId?: string;

  @Field(() => JointRoleStatus, { nullable: true })
  @IsOptional()
  @IsEnum(JointRoleStatus)
  status?: JointRoleStatus;

  @Field(() => ID, {
    nullable: true,
    description:
      'Roles waiting for this organisation: to accept its share, or to consent to an appointment of its staff.',
  })
  @IsOptional()
  @IsUUID()
  awaitingAcceptanceBy?: string;
}

@ArgsType()
export class JointRolesArgs extends PageArgs {
  @Field(() => JointRoleFilter, { nullable: true })
  @IsOptional()
  @ValidateNested()
  @Type(() => JointRoleFilter)
  filter?: JointRoleFilter;
}

@InputType({ description: 'A partner’s answer to its share of a joint role, for the terms it read.' })
export class AcceptJointRoleShareInput {
  @Field(() => ID)
  @IsUUID()
  jointRoleId: string;

  @Field(() => ID, { description: 'The partner you answer for.' })
  @IsUUID()
  organisationId: string;

  @Field(() => Int, { description: 'The `termsVersion` you read (a stale one is refused with CONFLICT).' })
  @IsInt()
  @Min(1)
  termsVersion: number;
}

@InputType()
export class DeclineJointRoleShareInput extends AcceptJointRoleShareInput {
  @Field({ description: 'Why (1–500 characters; the other partners see it).' })
  @IsString()
  reason: string;
}

@InputType({ description: 'A PROPOSED appointment, consented to by HR of the appointee’s employer.' })
export class ConsentToJointRoleAppointmentInput {
  @Field(() => ID)
  @IsUUID()
  appointmentId: string;
}

@InputType()
export class DeclineJointRoleAppointmentInput extends ConsentToJointRoleAppointmentInput {
  @Field({ description: 'Why (1–500 characters).' })
  @IsString()
  reason: string;
}

@InputType({ description: 'Ends an appointment early (or on its agreed end).' })
export class EndJointRoleAppointmentInput extends ConsentToJointRoleAppointmentInput {
  @Field(() => LocalDate, { description: 'Its last day: not before its start, not after its agreed end.' })
  endDate: string;

  @Field(() => String, { nullable: true })
  @IsOptional()
  @IsString()
  @Length(1, 1000)
  reason?: string | null;
}
