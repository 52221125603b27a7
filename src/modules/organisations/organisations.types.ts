import { RuleCode } from '../checks/checks.types.js';
import { ArgsType, Field, Float, ID, InputType, ObjectType, registerEnumType } from '@nestjs/graphql';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  IsArray,
  IsEnum,
  IsOptional,
  IsString,
  IsUUID,
  Length,
  Matches,
  ValidateNested,
} from 'class-validator';
import { Connection, PageArgs } from '../../common/graphql/pagination.js';
import { IsIanaTimeZone, IsOmittable } from '../../common/validation/validators.js';
import { OrganisationKind, RuleSetPreset, Sector, TeamKind } from './organisation.enums.js';
import { listOf } from '../../common/graphql/query-cost.js';
import { UserField } from '../users/user.types.js';

/** NHS Organisation Data Service code: 3–5 letters and digits (trusts 3, sites 5). */
export const ODS_CODE = /^[A-Z0-9]{3,5}$/;
/** CQC provider id: "1-" then digits. */
export const CQC_PROVIDER_ID = /^1-\d{6,11}$/;

@ObjectType({ description: 'An NHS body, a council or a care provider.' })
export class Organisation {
  @Field(() => ID)
  id: string;

  @Field()
  name: string;

  @Field(() => OrganisationKind)
  kind: OrganisationKind;

  @Field(() => Sector)
  sector: Sector;

  @Field(() => String, { nullable: true, description: 'NHS ODS code.' })
  odsCode: string | null;

  @Field(() => String, { nullable: true, description: 'CQC provider id.' })
  cqcProviderId: string | null;

  @Field()
  createdAt: Date;

  @Field()
  updatedAt: Date;
}

@ObjectType({
  description: 'Where a rota is built: a ward, a community or reablement team, a care home unit…',
})
export class Team {
  @Field(() => ID)
  id: string;

  @Field(() => ID)
  organisationId: string;

  @Field()
  name: string;

  @Field(() => TeamKind)
  kind: TeamKind;

  @Field({ description: "IANA time zone of the team's days, nights and weekends." })
  timeZone: string;

  @Field()
  createdAt: Date;

  @Field()
  updatedAt: Date;
}

export const OrganisationConnection = Connection(Organisation);
export const TeamConnection = Connection(Team);

@InputType()
export class OrganisationFilter {
  @Field(() => Sector, { nullable: true })
  @IsOptional()
  @IsEnum(Sector)
  sector?: Sector;

  @Field(() => OrganisationKind, { nullable: true })
  @IsOptional()
  @IsEnum(OrganisationKind)
  kind?: OrganisationKind;

  @Field({ nullable: true, description: 'Part of the name, any case.' })
  @IsOptional()
  @IsString()
  @Length(1, 200)
  nameContains?: string;
}

@ArgsType()
export class OrganisationsArgs extends PageArgs {
  @Field(() => OrganisationFilter, { nullable: true })
  @IsOptional()
  @ValidateNested()
  @Type(() => OrganisationFilter)
  filter?: OrganisationFilter;
}

@InputType()
export class CreateOrganisationInput {
  @Field()
  @IsString()
  @Length(1, 200)
  @Matches(/\S/, { message: 'must not be blank' })
  name: string;

  @Field(() => OrganisationKind)
  @IsEnum(OrganisationKind)
  kind: OrganisationKind;

  @Field(() => Sector, {
    nullable: true,
    description: 'Implied by the kind for NHS bodies and councils; required for voluntary organisations.',
  })
  @IsOptional()
  @IsEnum(Sector)
  sector?: Sector;

  @Field(() => String, { nullable: true })
  @IsOptional()
  @Matches(ODS_CODE, { message: 'must be an NHS ODS code: 3–5 capital letters and digits' })
  odsCode?: string | null;

  @Field(() => String, { nullable: true })
  @IsOptional()
  @Matches(CQC_PROVIDER_ID, { message: 'must be a CQC provider id such as 1-101234567' })
  cqcProviderId?: string | null;
}

@InputType()
export class UpdateOrganisationInput {
  @Field(() => ID, { description: 'The organisation to change; the other fields are what changes.' })
  @IsUUID()
  organisationId: string;

  @Field({ nullable: true })
  @IsOmittable()
  @IsString()
  @Length(1, 200)
  @Matches(/\S/, { message: 'must not be blank' })
  name?: string;

  @Field(() => Sector, { nullable: true })
  @IsOmittable()
  @IsEnum(Sector)
  sector?: Sector;

  @Field(() => String, { nullable: true, description: 'null clears it.' })
  @IsOptional()
  @Matches(ODS_CODE, { message: 'must be an NHS ODS code: 3–5 capital letters and digits' })
  odsCode?: string | null;

  @Field(() => String, { nullable: true, description: 'null clears it.' })
  @IsOptional()
  @Matches(CQC_PROVIDER_ID, { message: 'must be a CQC provider id such as 1-101234567' })
  cqcProviderId?: string | null;
}

export enum RuleSeveritySetting {
  HARD = 'HARD',
  SOFT = 'SOFT',
  OFF = 'OFF',
}
registerEnumType(RuleSeveritySetting, { name: 'RuleSeveritySetting' });

@ObjectType({
  description: 'A rule parameter’s value (null switches the parameter, and so usually its rule, off).',
})
export class RuleParamValue {
  @Field()
  name: string;

  @Field(() => Float, { nullable: true })
  value: number | null;
}

@ObjectType({ description: 'How a team changes one rule of its preset.' })
export class RuleSetting {
  @Field(() => RuleCode)
  ruleCode: string;

  @Field(() => RuleSeveritySetting, { nullable: true })
  severity: RuleSeveritySetting | null;

  @Field(() => [RuleParamValue], { complexity: listOf(4) })
  params: RuleParamValue[];
}

@ObjectType({
  description:
    'A weakening of a statutory or contractual limit an ADMIN allowed: the parameter (or, without one, the rule’s severity), why, who and when.',
})
export class RuleDerogation {
  @Field(() => RuleCode)
  ruleCode: string;

  @Field(() => String, { nullable: true, description: 'Null: the rule’s severity (lowered or OFF).' })
  param: string | null;

  @Field()
  reason: string;

  @UserField({ description: 'Who allowed it.' })
  grantedBy: string;

  @Field()
  grantedAt: Date;
}

@ObjectType({ description: 'Shift type `then` may not start the day after shift type `first` (codes).' })
export class ForbiddenSequence {
  @Field()
  first: string;

  @Field()
  then: string;
}

@ObjectType({
  description: "The rules a team's rotas are checked against: a preset plus the team's changes.",
})
export class TeamRuleSet {
  @Field(() => RuleSetPreset)
  preset: RuleSetPreset;

  @Field(() => [RuleSetting], { complexity: listOf(10) })
  overrides: RuleSetting[];

  @Field(() => [RuleDerogation], { complexity: listOf(5) })
  derogations: RuleDerogation[];

  @Field(() => [ForbiddenSequence], { complexity: listOf(5) })
  forbiddenSequences: ForbiddenSequence[];
}

@InputType()
export class RuleParamInput {
  @Field()
  @IsString()
  @Length(1, 60)
  name: string;

  @Field(() => Float, { nullable: true })
  @IsOptional()
  value: number | null;
}

@InputType()
export class RuleSettingInput {
  @Field(() => RuleCode)
  @Matches(/^[A-Z_0-9]{3,60}$/, { message: 'must be a rule code such as DAILY_REST' })
  ruleCode: string;

  @Field(() => RuleSeveritySetting, { nullable: true })
  @IsOptional()
  @IsEnum(RuleSeveritySetting)
  severity?: RuleSeveritySetting | null;

  @Field(() => [RuleParamInput], { nullable: true })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(20)
  @ValidateNested({ each: true })
  @Type(() => RuleParamInput)
  params?: RuleParamInput[];
}

@InputType({ description: 'Allows one weakening of a statutory or contractual limit (ADMIN only).' })
export class RuleDerogationInput {
  @Field(() => RuleCode)
  @Matches(/^[A-Z_0-9]{3,60}$/, { message: 'must be a rule code such as DAILY_REST' })
  ruleCode: string;

  @Field(() => String, {
    nullable: true,
    description: 'The parameter it allows to be weaker; omitted: the rule’s severity (SOFT or OFF).',
  })
  @IsOptional()
  @IsString()
  @Length(1, 60)
  param?: string | null;

  @Field({ description: 'Why: the agreement, exemption or circumstance that allows it.' })
  @IsString()
  @Length(1, 1000)
  @Matches(/\S/, { message: 'must not be blank' })
  reason: string;
}

@InputType()
export class ForbiddenSequenceInput {
  @Field({ description: 'Shift type code.' })
  @Matches(/^[A-Z0-9]{1,10}$/, { message: 'must be a shift type code such as N' })
  first: string;

  @Field({ description: 'Shift type code that may not start the day after `first`.' })
  @Matches(/^[A-Z0-9]{1,10}$/, { message: 'must be a shift type code such as E' })
  then: string;
}

@InputType({ description: 'Replaces the team’s rule set.' })
export class RuleSetInput {
  @Field(() => RuleSetPreset)
  @IsEnum(RuleSetPreset)
  preset: RuleSetPreset;

  @Field(() => [RuleSettingInput], { nullable: true })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(100)
  @ValidateNested({ each: true })
  @Type(() => RuleSettingInput)
  overrides?: RuleSettingInput[];

  @Field(() => [RuleDerogationInput], {
    nullable: true,
    description:
      'Weakenings of statutory or contractual limits it allows (replaces the list; omitted: the team’s are kept). Only ADMIN may add one; each must cover a weakening the overrides make.',
  })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(50)
  @ValidateNested({ each: true })
  @Type(() => RuleDerogationInput)
  derogations?: RuleDerogationInput[] | null;

  @Field(() => [ForbiddenSequenceInput], {
    nullable: true,
    description: 'Pairs of the team’s shift type codes that may not follow each other on consecutive days.',
  })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(100)
  @ValidateNested({ each: true })
  @Type(() => ForbiddenSequenceInput)
  forbiddenSequences?: ForbiddenSequenceInput[];
}

@InputType()
export class CreateTeamInput {
  @Field(() => ID)
  @IsUUID()
  organisationId: string;

  @Field()
  @IsString()
  @Length(1, 200)
  @Matches(/\S/, { message: 'must not be blank' })
  name: string;

  @Field(() => TeamKind)
  @IsEnum(TeamKind)
  kind: TeamKind;

  @Field({ nullable: true, defaultValue: 'Europe/London' })
  @IsOptional()
  @IsIanaTimeZone()
  timeZone?: string;

  @Field(() => [ID], {
    nullable: true,
    description: 'Skills every worker on the team must hold (replaces the list).',
  })
  @IsOmittable()
  @IsArray()
  @ArrayMaxSize(100)
  @IsUUID('all', { each: true })
  requiredSkillIds?: string[];

  @Field(() => RuleSetInput, {
    nullable: true,
    description: 'The rules its rotas are checked against (default WTR_1998).',
  })
  @IsOmittable()
  @ValidateNested()
  @Type(() => RuleSetInput)
  ruleSet?: RuleSetInput;
}

@InputType()
export class UpdateTeamInput {
  @Field(() => ID, { description: 'The team to change; the other fields are what changes.' })
  @IsUUID()
  teamId: string;

  @Field({ nullable: true })
  @IsOmittable()
  @IsString()
  @Length(1, 200)
  @Matches(/\S/, { message: 'must not be blank' })
  name?: string;

  @Field(() => TeamKind, { nullable: true })
  @IsOmittable()
  @IsEnum(TeamKind)
  kind?: TeamKind;

  @Field({ nullable: true })
  @IsOmittable()
  @IsIanaTimeZone()
  timeZone?: string;

  @Field(() => [ID], {
    nullable: true,
    description: 'Skills every worker on the team must hold (replaces the list).',
  })
  @IsOmittable()
  @IsArray()
  @ArrayMaxSize(100)
  @IsUUID('all', { each: true })
  requiredSkillIds?: string[];

  @Field(() => RuleSetInput, {
    nullable: true,
    description: 'The rules its rotas are checked against (default WTR_1998).',
  })
  @IsOmittable()
  @ValidateNested()
  @Type(() => RuleSetInput)
  ruleSet?: RuleSetInput;
}

@ArgsType()
export class TeamsArgs extends PageArgs {
  @Field(() => ID)
  @IsUUID()
  organisationId: string;
}
