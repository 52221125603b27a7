import { Args, ArgsType, Field, ID, Int, Query, Resolver } from '@nestjs/graphql';
import { type Actor, Role } from '../../common/auth/actor.js';
import { Allow } from '../../common/auth/allow.decorator.js';
import { CurrentActor } from '../../common/auth/current-actor.decorator.js';
import { LocalDate } from '../../common/graphql/scalars.js';
import { ReportsService } from './reports.service.js';
import {
  BankReport,
  ComplianceReport,
  CredentialExpiryReport,
  JointRoleReport,
  PlacementReport,
} from './reports.types.js';

@ArgsType()
export class OrganisationPeriodArgs {
  @Field(() => LocalDate, { description: 'First day of the period (inclusive).' })
  from: string;

  @Field(() => LocalDate, {
    description: 'Last day of the period (inclusive); at most three years after `from`.',
  })
  to: string;

  @Field(() => ID, { nullable: true, description: 'One organisation (default: every one you report on).' })
  organisationId?: string | null;
}

@ArgsType()
export class TeamPeriodArgs {
  @Field(() => LocalDate)
  from: string;

  @Field(() => LocalDate)
  to: string;

  @Field(() => ID, { nullable: true, description: 'One team (default: every team you oversee).' })
  teamId?: string | null;
}

@ArgsType()
export class CredentialExpiryArgs {
  @Field(() => Int, { defaultValue: 90, description: 'Expiring within this many days from today (0–730).' })
  withinDays: number;

  @Field(() => ID, { nullable: true })
  organisationId?: string | null;
}

/** The HR reports; each is also a CSV download at GET /reports/<name>.csv with the same filters. */
@Resolver()
export class ReportsResolver {
  constructor(private readonly reports: ReportsService) {}

  @Query(() => JointRoleReport, {
    description:
      'Joint roles and appointments in the period: count, FTE and cost by partner and sector; time split.',
  })
  @Allow(Role.HR)
  jointRoleReport(@CurrentActor() actor: Actor, @Args() args: OrganisationPeriodArgs) {
    return this.reports.jointRoleReport(actor, args);
  }

  @Query(() => PlacementReport, {
    description:
      'Cross-sector moves overlapping the period: by direction, kind, status, phase; decision times.',
  })
  @Allow(Role.HR)
  placementReport(@CurrentActor() actor: Actor, @Args() args: OrganisationPeriodArgs) {
    return this.reports.placementReport(actor, args);
  }

  @Query(() => ComplianceReport, {
    description: 'Violations on published rotas by rule and team, and the overrides made, in the period.',
  })
  @Allow(Role.HR, Role.MANAGER)
  complianceReport(@CurrentActor() actor: Actor, @Args() args: TeamPeriodArgs) {
    return this.reports.complianceReport(actor, args);
  }

  @Query(() => BankReport, {
    description:
      'Staff banks: bank shifts worked by organisation pair (and sector direction), open-shift fill rate and time to fill by team, for shifts in the period.',
  })
  @Allow(Role.HR)
  bankReport(@CurrentActor() actor: Actor, @Args() args: OrganisationPeriodArgs) {
    return this.reports.bankReport(actor, args);
  }

  @Query(() => CredentialExpiryReport, { description: 'Credentials expired or expiring soon, by team.' })
  @Allow(Role.HR)
  credentialExpiryReport(@CurrentActor() actor: Actor, @Args() args: CredentialExpiryArgs) {
    return this.reports.credentialExpiryReport(actor, args);
  }
}
