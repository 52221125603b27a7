import { ArgsType, Field, ID, InputType, Int, ObjectType, registerEnumType } from '@nestjs/graphql';
import {
  ArrayMaxSize,
  IsArray,
  IsDate,
  IsInt,
  IsOptional,
  IsString,
  IsUUID,
  Length,
  Min,
} from 'class-validator';
import { Connection, PageArgs } from '../../common/graphql/pagination.js';
import { LocalDate } from '../../common/graphql/scalars.js';
import { Sector } from '../organisations/organisation.enums.js';
import { CredentialAcceptance } from './credential.enums.js';
import { listOf } from '../../common/graphql/query-cost.js';
import { UserField } from '../users/user.types.js';

export enum GapReason {
  MISSING = 'MISSING',
  EXPIRED = 'EXPIRED',
  NOT_ACCEPTED = 'NOT_ACCEPTED',
}
registerEnumType(GapReason, {
  name: 'GapReason',
  valuesMap: {
    MISSING: { description: 'No credential for the skill covers the date.' },
    EXPIRED: { description: 'The latest credential for the skill expired on or before the date.' },
    NOT_ACCEPTED: {
      description: 'A valid credential exists, but the organisation does not accept its verifier.',
    },
  },
});

export enum CredentialStatus {
  VALID = 'VALID',
  EXPIRED = 'EXPIRED',
  NOT_YET_VALID = 'NOT_YET_VALID',
  REVOKED = 'REVOKED',
  PENDING_ACCEPTANCE = 'PENDING_ACCEPTANCE',
  DECLINED = 'DECLINED',
}
registerEnumType(CredentialStatus, {
  name: 'CredentialStatus',
  valuesMap: {
    PENDING_ACCEPTANCE: { description: 'Waiting for the employer’s HR to accept it: it does not count yet.' },
    DECLINED: { description: 'The employer’s HR declined it: it never counts.' },
  },
});

@ObjectType({ description: 'A staff member holds a skill: valid on the days in [obtainedOn, expiresOn).' })
export class Credential {
  @Field(() => ID)
  id: string;

  @Field(() => ID)
  staffId: string;

  @Field(() => ID)
  skillId: string;

  @Field(() => LocalDate)
  obtainedOn: string;

  @Field(() => LocalDate, {
    nullable: true,
    description: 'The first day it is no longer valid; null: never expires.',
  })
  expiresOn: string | null;

  @Field(() => String, { nullable: true })
  evidenceReference: string | null;

  @Field(() => ID)
  verifiedByOrganisationId: string;

  @Field()
  verifiedAt: Date;

  @Field(() => Date, { nullable: true })
  revokedAt: Date | null;

  @Field(() => String, { nullable: true })
  revocationReason: string | null;

  @Field(() => CredentialAcceptance, {
    description: 'Only credentials the employer has ACCEPTED count (readiness, rules, searches, reports).',
  })
  acceptance: CredentialAcceptance;

  @UserField({ nullable: true, description: 'Who recorded (attested) it.' })
  recordedBy: string | null;

  @UserField({ nullable: true, description: 'Who accepted or declined it for the employer.' })
  decidedBy: string | null;

  @Field(() => Date, { nullable: true })
  decidedAt: Date | null;

  @Field(() => String, { nullable: true })
  declineReason: string | null;
}

export const CredentialConnection = Connection(Credential);

@ArgsType()
export class CredentialsAwaitingAcceptanceArgs extends PageArgs {}

@InputType()
export class RecordCredentialInput {
  @Field(() => ID)
  @IsUUID()
  staffId: string;

  @Field(() => ID)
  @IsUUID()
  skillId: string;

  @Field(() => LocalDate)
  obtainedOn: string;

  @Field(() => LocalDate, {
    nullable: true,
    description: "The first day it is no longer valid. Left out: the skill's default validity (if any).",
  })
  @IsOptional()
  expiresOn?: string | null;

  @Field(() => String, {
    nullable: true,
    description: 'Certificate number, registration PIN, DBS certificate number…',
  })
  @IsOptional()
  @IsString()
  @Length(1, 200)
  evidenceReference?: string | null;

  @Field(() => ID, {
    description:
      'The organisation vouching for it (you must be its HR). Unless you are also HR of the person’s employer, it waits for the employer to accept it.',
  })
  @IsUUID()
  verifiedByOrganisationId: string;

  @Field(() => Date, { nullable: true, description: 'When it was verified (default: now).' })
  @IsOptional()
  @IsDate()
  verifiedAt?: Date | null;
}

@InputType({ description: 'One credential another organisation attested, and what its employer says of it.' })
export class AcceptCredentialInput {
  @Field(() => ID)
  @IsUUID()
  credentialId: string;
}

@InputType()
export class DeclineCredentialInput extends AcceptCredentialInput {
  @Field({ description: 'Why it is declined (1–500 characters; the attesting organisation sees it).' })
  @IsString()
  reason: string;
}

@InputType()
export class RevokeCredentialInput extends AcceptCredentialInput {
  @Field({ description: 'Why it is revoked (1–500 characters).' })
  @IsString()
  reason: string;
}

@InputType({ description: 'Explicit changes to what an organisation accepts from the other sector.' })
export class PassportAcceptanceChangeInput {
  @Field(() => ID, { description: 'Your organisation.' })
  @IsUUID()
  organisationId: string;

  @Field(() => Int, {
    nullable: true,
    description: 'The `passportAcceptance.version` you read: when given, a stale one is refused (CONFLICT).',
  })
  @IsOptional()
  @IsInt()
  @Min(0)
  expectedVersion?: number | null;

  @Field(() => [ID], { nullable: true, defaultValue: [], description: 'Skills to start accepting.' })
  @IsArray()
  @ArrayMaxSize(500)
  @IsUUID('all', { each: true })
  addSkillIds: string[];

  @Field(() => [ID], { nullable: true, defaultValue: [], description: 'Skills to stop accepting.' })
  @IsArray()
  @ArrayMaxSize(500)
  @IsUUID('all', { each: true })
  removeSkillIds: string[];

  @Field(() => [ID], {
    nullable: true,
    defaultValue: [],
    description: 'Other-sector organisations whose verifications to start accepting.',
  })
  @IsArray()
  @ArrayMaxSize(500)
  @IsUUID('all', { each: true })
  addVerifyingOrganisationIds: string[];

  @Field(() => [ID], {
    nullable: true,
    defaultValue: [],
    description: 'Verifying organisations to stop accepting.',
  })
  @IsArray()
  @ArrayMaxSize(500)
  @IsUUID('all', { each: true })
  removeVerifyingOrganisationIds: string[];
}

@InputType({
  description: 'Everything an organisation accepts from the other sector, replacing what it accepted.',
})
export class PassportAcceptanceInput {
  @Field(() => ID, { description: 'Your organisation.' })
  @IsUUID()
  organisationId: string;

  @Field(() => Int, {
    description:
      'The `passportAcceptance.version` you read (required: a stale one is refused with CONFLICT).',
  })
  @IsInt()
  @Min(0)
  expectedVersion: number;

  @Field(() => [ID], { description: 'Skills accepted from the other sector, whoever verified them.' })
  @IsArray()
  @ArrayMaxSize(500)
  @IsUUID('all', { each: true })
  skillIds: string[];

  @Field(() => [ID], { description: 'Other-sector organisations whose verifications are all accepted.' })
  @IsArray()
  @ArrayMaxSize(500)
  @IsUUID('all', { each: true })
  verifyingOrganisationIds: string[];
}

@ObjectType({
  description:
    'What an organisation accepts: every credential verified in its own sector, plus these from the other sector.',
})
export class PassportAcceptance {
  @Field(() => ID)
  organisationId: string;

  @Field(() => Sector)
  sector: Sector;

  @Field(() => [ID])
  skillIds: string[];

  @Field(() => [ID])
  verifyingOrganisationIds: string[];

  @Field(() => Int, {
    description: 'Goes up with every change; pass it as expectedVersion so a stale view cannot overwrite.',
  })
  version: number;
}

@ObjectType()
export class PassportGap {
  @Field(() => ID)
  skillId: string;

  @Field(() => GapReason)
  reason: GapReason;

  @Field(() => LocalDate, { nullable: true, description: 'Expiry of the credential behind the gap, if any.' })
  expiresOn: string | null;

  @Field(() => ID, { nullable: true })
  credentialId: string | null;
}

@ObjectType({ description: "Whether a person's credentials meet a team's required skills on a date." })
export class PassportReadiness {
  @Field(() => ID)
  staffId: string;

  @Field(() => ID)
  teamId: string;

  @Field(() => LocalDate)
  on: string;

  @Field()
  ready: boolean;

  @Field(() => [PassportGap], { complexity: listOf(15) })
  gaps: PassportGap[];
}
