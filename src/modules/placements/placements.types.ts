import { ArgsType, Field, Float, ID, InputType, ObjectType, registerEnumType } from '@nestjs/graphql';
import { Type } from 'class-transformer';
import {
  IsEnum,
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
import { Decision } from '../absences/absence.enums.js';
import { OrganisationGap } from '../joint-roles/joint-roles.types.js';
import { PlacementKind, PlacementPhase, PlacementSide, PlacementStatus } from './placement.enums.js';
import { listOf } from '../../common/graphql/query-cost.js';
import { UserField } from '../users/user.types.js';

export enum MoveDirection {
  HEALTH_TO_SOCIAL_CARE = 'HEALTH_TO_SOCIAL_CARE',
  SOCIAL_CARE_TO_HEALTH = 'SOCIAL_CARE_TO_HEALTH',
  WITHIN_HEALTH = 'WITHIN_HEALTH',
  WITHIN_SOCIAL_CARE = 'WITHIN_SOCIAL_CARE',
}
registerEnumType(MoveDirection, { name: 'MoveDirection' });

@ObjectType({ description: 'One side’s decision, kept for ever with the readiness computed at that moment.' })
export class PlacementDecision {
  @Field(() => PlacementSide)
  side: PlacementSide;

  @Field(() => Decision)
  decision: Decision;

  @Field(() => String, { nullable: true, description: 'Why (required to approve despite gaps).' })
  reason: string | null;

  @Field(() => [OrganisationGap], {
    complexity: listOf(10),
    description: 'Passport gaps at the host team on the start date, at decision time.',
  })
  readiness: OrganisationGap[];

  @Field({ description: 'The host approved despite passport gaps (`reason` says why).' })
  overrideGaps: boolean;

  @UserField({ description: 'Who decided for this side.' })
  decidedBy: string;

  @Field()
  decidedAt: Date;
}

@ObjectType({ description: 'A staff member working at a host team outside their employer for a period.' })
export class Placement {
  @Field(() => ID)
  id: string;

  @Field(() => ID)
  staffId: string;

  @Field(() => ID)
  homeOrganisationId: string;

  @Field(() => ID)
  hostTeamId: string;

  @Field(() => ID)
  hostOrganisationId: string;

  @Field(() => PlacementKind)
  kind: PlacementKind;

  @Field(() => LocalDate)
  startDate: string;

  @Field(() => LocalDate, { description: 'Inclusive.' })
  endDate: string;

  @Field(() => Float)
  hoursPerWeek: number;

  @Field()
  reason: string;

  @Field(() => PlacementStatus)
  status: PlacementStatus;

  @UserField({ description: 'Who asked for the move.' })
  requestedBy: string;

  @Field()
  requestedAt: Date;

  @Field(() => [OrganisationGap], {
    complexity: listOf(10),
    description: 'Passport gaps at the host team on the start date, when requested.',
  })
  readinessAtRequest: OrganisationGap[];

  @Field(() => Date, { nullable: true })
  withdrawnAt: Date | null;

  @Field(() => Date, { nullable: true })
  cancelledAt: Date | null;

  @Field(() => String, { nullable: true })
  cancelReason: string | null;
}

export const PlacementConnection = Connection(Placement);

@InputType()
export class RequestPlacementInput {
  @Field(() => ID, { nullable: true, description: 'Default: yourself.' })
  @IsOptional()
  @IsUUID()
  staffId?: string | null;

  @Field(() => ID)
  @IsUUID()
  hostTeamId: string;

  @Field(() => PlacementKind)
  @IsEnum(PlacementKind)
  kind: PlacementKind;

  @Field(() => LocalDate)
  startDate: string;

  @Field(() => LocalDate, { description: 'Inclusive; at most two years after the start.' })
  endDate: string;

  @Field(() => Float)
  @IsNumber({ maxDecimalPlaces: 2, allowNaN: false, allowInfinity: false })
  @Min(0.5)
  @Max(168)
  hoursPerWeek: number;

  @Field()
  @IsString()
  @Length(3, 2000)
  @Matches(/\S/, { message: 'must not be blank' })
  reason: string;
}

@InputType()
export class PlacementFilter {
  @Field(() => ID, { nullable: true })
  @IsOptional()
  @IsUUID()
  staffId?: string;

  @Field(() => ID, { nullable: true, description: 'Home or host organisation.' })
  @IsOptional()
  @IsUUID()
  organisationId?: string;

  @Field(() => ID, { nullable: true })
  @IsOptional()
  @IsUUID()
  hostTeamId?: string;

  @Field(() => PlacementStatus, { nullable: true })
  @IsOptional()
  @IsEnum(PlacementStatus)
  status?: PlacementStatus;

  @Field(() => PlacementPhase, { nullable: true })
  @IsOptional()
  @IsEnum(PlacementPhase)
  phase?: PlacementPhase;
}

@ArgsType()
export class PlacementsArgs extends PageArgs {
  @Field(() => PlacementFilter, { nullable: true })
  @IsOptional()
  @ValidateNested()
  @Type(() => PlacementFilter)
  filter?: PlacementFilter;
}

@InputType({ description: 'A placement, taken back by whoever asked for it.' })
export class WithdrawPlacementInput {
  @Field(() => ID)
  @IsUUID()
  placementId: string;
}

@InputType({ description: 'A placement called off by a manager or HR of either side.' })
export class CancelPlacementInput extends WithdrawPlacementInput {
  @Field({ description: 'Why (both sides and the person see it).' })
  @IsString()
  @Length(1, 1000)
  reason: string;
}

@InputType({ description: 'One side’s decision on a placement.' })
export class DecidePlacementInput {
  @Field(() => ID)
  @IsUUID()
  placementId: string;

  @Field(() => PlacementSide)
  @IsEnum(PlacementSide)
  side: PlacementSide;

  @Field(() => Decision)
  @IsEnum(Decision)
  decision: Decision;

  @Field(() => String, { nullable: true, description: 'Why (required to approve despite passport gaps).' })
  @IsOptional()
  @IsString()
  @Length(1, 1000)
  reason?: string | null;

  @Field({ defaultValue: false, description: 'Host approval despite passport gaps (needs a reason).' })
  @IsOptional()
  overrideGaps?: boolean;
}
