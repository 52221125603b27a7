import { ArgsType, Field, ID, InputType, ObjectType } from '@nestjs/graphql';
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
import { OrganisationKind, Sector, TeamKind } from './organisation.enums.js';

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
}

@InputType()
export class UpdateTeamInput {
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
}

@ArgsType()
export class TeamsArgs extends PageArgs {
  @Field(() => ID)
  @IsUUID()
  organisationId: string;
}
