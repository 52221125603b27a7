import { ArgsType, createUnionType, Field, ID, InputType, Int, ObjectType } from '@nestjs/graphql';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
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
import { Connection, PageArgs } from '../../common/graphql/pagination.js';
import { listOf } from '../../common/graphql/query-cost.js';
import { LocalDate } from '../../common/graphql/scalars.js';
import { Decision } from '../absences/absence.enums.js';
import { OverrideInput, RuleViolations } from '../checks/checks.types.js';
import { OrganisationGap } from '../joint-roles/joint-roles.types.js';
import { UserField } from '../users/user.types.js';
import {
  BankAgreementStatus,
  OpenShiftClaimStatus,
  OpenShiftStatus,
  ShiftSwapStatus,
} from './mobility.enums.js';

const Reason = () =>
  function (target: object, key: string) {
    IsString()(target, key);
    Length(3, 1000)(target, key);
    Matches(/\S/, { message: 'must not be blank' })(target, key);
  };

// ---- bank agreements ---------------------------------------------------------------------------------------

@ObjectType({ description: 'One organisation’s decision on a bank agreement, kept for ever.' })
export class BankAgreementDecision {
  @Field(() => ID)
  organisationId: string;

  @Field(() => Decision)
  decision: Decision;

  @Field(() => String, { nullable: true, description: 'Why (required to reject).' })
  reason: string | null;

  @UserField({ description: 'Who decided for this organisation.' })
  decidedBy: string;

  @Field()
  decidedAt: Date;
}

@ObjectType({
  description:
    'Two organisations share a staff bank: while ACTIVE, each one’s staff may claim the other’s open shifts (their passport ready at the host team on the day).',
})
export class BankAgreement {
  @Field(() => ID)
  id: string;

  @Field(() => ID)
  proposerOrganisationId: string;

  @Field(() => ID)
  partnerOrganisationId: string;

  @Field(() => LocalDate)
  startDate: string;

  @Field(() => LocalDate, { nullable: true, description: 'Last day (null: until ended).' })
  endDate: string | null;

  @Field(() => String, { nullable: true, description: 'What the two organisations agreed, in words.' })
  terms: string | null;

  @Field(() => BankAgreementStatus)
  status: BankAgreementStatus;

  @UserField()
  proposedBy: string;

  @Field()
  proposedAt: Date;

  @Field(() => Date, { nullable: true, description: 'When it was ended, withdrawn or declined.' })
  endedAt: Date | null;

  @UserField({ nullable: true })
  endedBy: string | null;

  @Field(() => String, { nullable: true })
  endReason: string | null;

  @Field(() => Int)
  version: number;
}

export const BankAgreementConnection = Connection(BankAgreement);

@InputType({ description: 'A bank agreement proposed to another organisation (HR of the proposing one).' })
export class ProposeBankAgreementInput {
  @Field(() => ID, { nullable: true, description: 'Your organisation (needed if you are HR of several).' })
  @IsOptional()
  @IsUUID()
  organisationId?: string | null;

  @Field(() => ID)
  @IsUUID()
  partnerOrganisationId: string;

  @Field(() => LocalDate)
  startDate: string;

  @Field(() => LocalDate, { nullable: true })
  @IsOptional()
  endDate?: string | null;

  @Field(() => String, { nullable: true })
  @IsOptional()
  @IsString()
  @Length(1, 2000)
  @Matches(/\S/, { message: 'must not be blank' })
  terms?: string | null;
}

@InputType({ description: 'The other organisation’s decision on a proposed bank agreement.' })
export class DecideBankAgreementInput {
  @Field(() => ID)
  @IsUUID()
  bankAgreementId: string;

  @Field(() => Decision)
  @IsEnum(Decision)
  decision: Decision;

  @Field(() => String, { nullable: true, description: 'Why (required to reject).' })
  @IsOptional()
  @Reason()
  reason?: string | null;

  @Field(() => Int, { nullable: true, description: 'The version you last saw (CONFLICT if stale).' })
  @IsOptional()
  @IsInt()
  expectedVersion?: number | null;
}

@InputType({
  description:
    'Either organisation ends an agreement (the proposer withdraws one not yet decided). Claims pending under it are cancelled; shifts already approved stay.',
})
export class EndBankAgreementInput {
  @Field(() => ID)
  @IsUUID()
  bankAgreementId: string;

  @Field()
  @Reason()
  reason: string;

  @Field(() => LocalDate, { nullable: true, description: 'Last day it covers (default: today).' })
  @IsOptional()
  endDate?: string | null;
}

@ArgsType()
export class BankAgreementsArgs extends PageArgs {
  @Field(() => BankAgreementStatus, { nullable: true })
  @IsOptional()
  @IsEnum(BankAgreementStatus)
  status?: BankAgreementStatus | null;
}

// ---- open shifts -------------------------------------------------------------------------------------------

@ObjectType({
  description:
    'Someone’s claim on an open shift. PENDING holds a place until the host’s manager decides; APPROVED put them on the rota (basis BANK).',
})
export class OpenShiftClaim {
  @Field(() => ID)
  id: string;

  @Field(() => ID)
  openShiftId: string;

  @Field(() => ID)
  staffId: string;

  @Field(() => Int, { description: 'The place it holds (1…places).' })
  place: number;

  @Field(() => OpenShiftClaimStatus)
  status: OpenShiftClaimStatus;

  @Field(() => ID, {
    nullable: true,
    description: 'The bank agreement it is worked under (null: the host organisation’s own staff).',
  })
  bankAgreementId: string | null;

  @Field(() => [OrganisationGap], {
    complexity: listOf(10),
    description: 'Passport gaps at the host team when claimed (claims need none).',
  })
  readiness: OrganisationGap[];

  @UserField()
  claimedBy: string;

  @Field()
  claimedAt: Date;

  @UserField({ nullable: true })
  decidedBy: string | null;

  @Field(() => Date, { nullable: true })
  decidedAt: Date | null;

  @Field(() => String, { nullable: true, description: 'Why it was rejected (or a note with the approval).' })
  reason: string | null;

  @Field(() => ID, { nullable: true, description: 'The assignment an approval made.' })
  assignmentId: string | null;
}

@ObjectType({
  description:
    'Unfilled places on a shift offered to the host organisation’s staff and, unless kept in-house, to staff of organisations with an active bank agreement with it.',
})
export class OpenShift {
  @Field(() => ID)
  id: string;

  @Field(() => ID)
  shiftId: string;

  @Field(() => ID)
  teamId: string;

  @Field(() => ID, { description: 'The host organisation.' })
  organisationId: string;

  @Field(() => Int)
  places: number;

  @Field(() => [ID], { description: 'Skills a claimant must hold on the day, besides the team’s own.' })
  skillIds: string[];

  @Field(() => String, { nullable: true })
  note: string | null;

  @Field({ description: 'Offered to partner organisations’ staff under a bank agreement.' })
  includePartners: boolean;

  @Field({ description: 'Claims by the host organisation’s own staff go straight onto the rota.' })
  autoApproveOwnStaff: boolean;

  @Field(() => OpenShiftStatus)
  status: OpenShiftStatus;

  @UserField()
  publishedBy: string;

  @Field()
  publishedAt: Date;

  @Field(() => Date, { nullable: true, description: 'When the last place was approved.' })
  filledAt: Date | null;

  @Field(() => Date, { nullable: true })
  withdrawnAt: Date | null;

  @UserField({ nullable: true })
  withdrawnBy: string | null;

  @Field(() => String, { nullable: true })
  withdrawReason: string | null;

  @Field(() => Int)
  version: number;
}

export const OpenShiftConnection = Connection(OpenShift);

@InputType({ description: 'Unfilled places on a shift of a published rota, offered to bank staff.' })
export class PublishOpenShiftInput {
  @Field(() => ID)
  @IsUUID()
  shiftId: string;

  @Field(() => Int, {
    nullable: true,
    description: 'How many people (default: up to the shift’s target headcount; never above its maximum).',
  })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(50)
  places?: number | null;

  @Field(() => [ID], { nullable: true, description: 'Skills a claimant must hold, besides the team’s own.' })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(20)
  @IsUUID('all', { each: true })
  skillIds?: string[] | null;

  @Field(() => String, { nullable: true })
  @IsOptional()
  @IsString()
  @Length(1, 1000)
  @Matches(/\S/, { message: 'must not be blank' })
  note?: string | null;

  @Field(() => Boolean, {
    nullable: true,
    description: 'Offer it to partner organisations’ staff under a bank agreement (default true).',
  })
  @IsOptional()
  @IsBoolean()
  includePartners?: boolean | null;

  @Field(() => Boolean, {
    nullable: true,
    description:
      'Put the host organisation’s own staff straight on the rota when they claim (default false).',
  })
  @IsOptional()
  @IsBoolean()
  autoApproveOwnStaff?: boolean | null;
}

@InputType()
export class WithdrawOpenShiftInput {
  @Field(() => ID)
  @IsUUID()
  openShiftId: string;

  @Field({ description: 'Why (pending claimants see it).' })
  @Reason()
  reason: string;
}

@InputType({ description: 'A claim on an open shift, for yourself.' })
export class ClaimOpenShiftInput {
  @Field(() => ID)
  @IsUUID()
  openShiftId: string;
}

@InputType({ description: 'The host manager’s decision on a pending claim.' })
export class DecideOpenShiftClaimInput {
  @Field(() => ID)
  @IsUUID()
  claimId: string;

  @Field(() => Decision)
  @IsEnum(Decision)
  decision: Decision;

  @Field(() => String, { nullable: true, description: 'Why (required to reject; kept with an approval).' })
  @IsOptional()
  @Reason()
  reason?: string | null;

  @Field(() => OverrideInput, {
    nullable: true,
    description: 'Hard rules knowingly waived to approve it, with a reason.',
  })
  @IsOptional()
  @ValidateNested()
  @Type(() => OverrideInput)
  override?: OverrideInput | null;
}

@InputType()
export class WithdrawOpenShiftClaimInput {
  @Field(() => ID)
  @IsUUID()
  claimId: string;
}

@InputType()
export class OpenShiftFilter {
  @Field(() => ID, { nullable: true })
  @IsOptional()
  @IsUUID()
  teamId?: string | null;

  @Field(() => OpenShiftStatus, { nullable: true })
  @IsOptional()
  @IsEnum(OpenShiftStatus)
  status?: OpenShiftStatus | null;

  @Field(() => Boolean, {
    nullable: true,
    description:
      'Only those offered to you: open, not started, of your own organisation or of one with a bank agreement in force with it on the day. A claim also needs your passport ready at the team (each offer’s myReadiness lists your gaps).',
  })
  @IsOptional()
  @IsBoolean()
  claimable?: boolean | null;
}

@ArgsType()
export class OpenShiftsArgs extends PageArgs {
  @Field(() => OpenShiftFilter, { nullable: true })
  @IsOptional()
  @ValidateNested()
  @Type(() => OpenShiftFilter)
  filter?: OpenShiftFilter | null;
}

export const OpenShiftClaimResult = createUnionType({
  name: 'OpenShiftClaimResult',
  description:
    'The claim as it now stands or, writing nothing, the hard rules it would break (RuleViolations).',
  types: () => [OpenShiftClaim, RuleViolations] as const,
  resolveType: (value: object) =>
    'violations' in value && 'hardCount' in value ? RuleViolations : OpenShiftClaim,
});

// ---- shift swaps -------------------------------------------------------------------------------------------

@ObjectType({
  description:
    'A swap one person offers a colleague: PROPOSED → ACCEPTED by the colleague → APPROVED by the manager (the rota changes then, both people’s rules checked).',
})
export class ShiftSwap {
  @Field(() => ID)
  id: string;

  @Field(() => ID)
  rotaId: string;

  @Field(() => ID, { description: 'The proposer’s assignment as proposed (the shift they give).' })
  assignmentId: string;

  @Field(() => ID)
  staffId: string;

  @Field(() => ID, {
    nullable: true,
    description: 'The colleague’s assignment they take in exchange (null: a handover).',
  })
  colleagueAssignmentId: string | null;

  @Field(() => ID)
  colleagueId: string;

  @Field(() => String, { nullable: true })
  message: string | null;

  @Field(() => ShiftSwapStatus)
  status: ShiftSwapStatus;

  @UserField()
  proposedBy: string;

  @Field()
  proposedAt: Date;

  @Field(() => Date, { nullable: true })
  respondedAt: Date | null;

  @Field(() => String, { nullable: true, description: 'The colleague’s reason for declining.' })
  responseReason: string | null;

  @UserField({ nullable: true })
  decidedBy: string | null;

  @Field(() => Date, { nullable: true })
  decidedAt: Date | null;

  @Field(() => String, { nullable: true })
  decisionReason: string | null;

  @Field(() => Date, { nullable: true })
  withdrawnAt: Date | null;

  @Field(() => Int)
  version: number;
}

export const ShiftSwapConnection = Connection(ShiftSwap);

export const ShiftSwapResult = createUnionType({
  name: 'ShiftSwapResult',
  description: 'The swap as it now stands or, writing nothing, the hard rules the result would break.',
  types: () => [ShiftSwap, RuleViolations] as const,
  resolveType: (value: object) =>
    'violations' in value && 'hardCount' in value ? RuleViolations : ShiftSwap,
});

@InputType({
  description: 'Offer a colleague your shift, for one of theirs on the same rota (or for nothing).',
})
export class ProposeShiftSwapInput {
  @Field(() => ID, { description: 'Your assignment.' })
  @IsUUID()
  assignmentId: string;

  @Field(() => ID, { description: 'The colleague.' })
  @IsUUID()
  colleagueId: string;

  @Field(() => ID, {
    nullable: true,
    description: 'Their assignment you take in exchange (omit: a handover).',
  })
  @IsOptional()
  @IsUUID()
  colleagueAssignmentId?: string | null;

  @Field(() => String, { nullable: true })
  @IsOptional()
  @IsString()
  @Length(1, 1000)
  @Matches(/\S/, { message: 'must not be blank' })
  message?: string | null;
}

@InputType({ description: 'The colleague’s answer (APPROVE accepts, REJECT declines).' })
export class RespondToShiftSwapInput {
  @Field(() => ID)
  @IsUUID()
  swapId: string;

  @Field(() => Decision)
  @IsEnum(Decision)
  decision: Decision;

  @Field(() => String, { nullable: true })
  @IsOptional()
  @Reason()
  reason?: string | null;
}

@InputType({ description: 'The manager’s decision on a swap both people agreed.' })
export class DecideShiftSwapInput {
  @Field(() => ID)
  @IsUUID()
  swapId: string;

  @Field(() => Decision)
  @IsEnum(Decision)
  decision: Decision;

  @Field(() => String, { nullable: true, description: 'Why (required to reject).' })
  @IsOptional()
  @Reason()
  reason?: string | null;

  @Field(() => Int, { nullable: true, description: 'The rota version you last saw (CONFLICT if stale).' })
  @IsOptional()
  @IsInt()
  @Min(1)
  expectedVersion?: number | null;

  @Field(() => OverrideInput, { nullable: true })
  @IsOptional()
  @ValidateNested()
  @Type(() => OverrideInput)
  override?: OverrideInput | null;
}

@InputType()
export class WithdrawShiftSwapInput {
  @Field(() => ID)
  @IsUUID()
  swapId: string;
}

@InputType()
export class ShiftSwapFilter {
  @Field(() => ID, { nullable: true })
  @IsOptional()
  @IsUUID()
  rotaId?: string | null;

  @Field(() => ShiftSwapStatus, { nullable: true })
  @IsOptional()
  @IsEnum(ShiftSwapStatus)
  status?: ShiftSwapStatus | null;
}

@ArgsType()
export class ShiftSwapsArgs extends PageArgs {
  @Field(() => ShiftSwapFilter, { nullable: true })
  @IsOptional()
  @ValidateNested()
  @Type(() => ShiftSwapFilter)
  filter?: ShiftSwapFilter | null;
}
