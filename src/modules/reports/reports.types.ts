import { RuleCode } from '../checks/checks.types.js';
import { Field, Float, ID, Int, ObjectType, registerEnumType } from '@nestjs/graphql';
import { LocalDate } from '../../common/graphql/scalars.js';
import { Sector } from '../organisations/organisation.enums.js';
import { PlacementKind, PlacementPhase, PlacementStatus } from '../placements/placement.enums.js';
import { MoveDirection } from '../placements/placements.types.js';
import { ViolationSeverity } from '../checks/checks.types.js';
import { listOf } from '../../common/graphql/query-cost.js';
import { UserField } from '../users/user.types.js';

// ---- joint roles -------------------------------------------------------------------------------------------

@ObjectType({ description: 'One partner organisation’s part of the joint roles in the period.' })
export class JointRolePartnerLine {
  @Field(() => ID)
  organisationId: string;

  @Field()
  organisationName: string;

  @Field(() => Sector)
  sector: Sector;

  @Field(() => Int, { description: 'Joint roles it is a partner in.' })
  roles: number;

  @Field(() => Float, { description: 'FTE split by time share (Σ role FTE × time share).' })
  fte: number;

  @Field(() => Float, {
    description:
      'Annual cost split by funding share, in pounds; each role’s split is rounded to the penny so that it adds up exactly to the role’s cost.',
  })
  annualCost: number;
}

@ObjectType()
export class JointRoleSectorLine {
  @Field(() => Sector)
  sector: Sector;

  @Field(() => Int, { description: 'Joint roles with a partner in this sector.' })
  roles: number;

  @Field(() => Float)
  fte: number;

  @Field(() => Float)
  annualCost: number;
}

@ObjectType({
  description: 'For one appointment and one partner: rostered hours against the agreed time share.',
})
export class JointRoleTimeSplitLine {
  @Field(() => ID)
  appointmentId: string;

  @Field(() => ID)
  jointRoleId: string;

  @Field()
  jointRoleTitle: string;

  @Field(() => ID)
  staffId: string;

  @Field()
  staffName: string;

  @Field(() => ID)
  organisationId: string;

  @Field()
  organisationName: string;

  @Field(() => Float)
  agreedSharePercent: number;

  @Field(() => Float, {
    description: 'Hours worked at this partner’s teams on published rotas in the period.',
  })
  rosteredHours: number;

  @Field(() => Float, {
    nullable: true,
    description: 'Share of the appointment’s rostered hours (null: none).',
  })
  rosteredSharePercent: number | null;

  @Field(() => Float, { nullable: true, description: 'Rostered share − agreed share, in percentage points.' })
  deviationPoints: number | null;
}

@ObjectType({ description: 'Joint roles active in [from, to] (not drafts) and their appointments.' })
export class JointRoleReport {
  @Field(() => LocalDate)
  from: string;

  @Field(() => LocalDate)
  to: string;

  @Field(() => Int)
  roles: number;

  @Field(() => Int, { description: 'Appointments running at some point in the period.' })
  appointments: number;

  @Field(() => Float, { description: 'Σ role FTE.' })
  fte: number;

  @Field(() => Float, { description: 'Σ role annual cost, in pounds (roles without a cost count as 0).' })
  annualCost: number;

  @Field(() => Int)
  rolesWithoutCost: number;

  @Field(() => [JointRolePartnerLine], { complexity: listOf(20) })
  byOrganisation: JointRolePartnerLine[];

  @Field(() => [JointRoleSectorLine], { complexity: listOf(2) })
  bySector: JointRoleSectorLine[];

  @Field(() => [JointRoleTimeSplitLine], { complexity: listOf(100) })
  timeSplit: JointRoleTimeSplitLine[];
}

// ---- placements --------------------------------------------------------------------------------------------

@ObjectType({ description: 'Placements counted by one grouping (the others left open).' })
export class PlacementCount {
  @Field(() => MoveDirection, { nullable: true })
  direction: MoveDirection | null;

  @Field(() => PlacementKind, { nullable: true })
  kind: PlacementKind | null;

  @Field(() => PlacementStatus, { nullable: true })
  status: PlacementStatus | null;

  @Field(() => PlacementPhase, { nullable: true })
  phase: PlacementPhase | null;

  @Field(() => Int)
  count: number;
}

@ObjectType({ description: 'Placements whose dates overlap [from, to].' })
export class PlacementReport {
  @Field(() => LocalDate)
  from: string;

  @Field(() => LocalDate)
  to: string;

  @Field(() => Int)
  total: number;

  @Field(() => [PlacementCount], { complexity: listOf(4) })
  byDirection: PlacementCount[];

  @Field(() => [PlacementCount], { complexity: listOf(4) })
  byKind: PlacementCount[];

  @Field(() => [PlacementCount], { complexity: listOf(5) })
  byStatus: PlacementCount[];

  @Field(() => [PlacementCount], { complexity: listOf(3) })
  byPhase: PlacementCount[];

  @Field(() => [PlacementCount], {
    complexity: listOf(240),
    description: 'Every combination of direction, kind, status and phase.',
  })
  groups: PlacementCount[];

  @Field(() => Int, {
    description: 'Placements with a final decision: both sides approved, or one rejected.',
  })
  decided: number;

  @Field(() => Int)
  approved: number;

  @Field(() => Int)
  rejected: number;

  @Field(() => Float, {
    nullable: true,
    description: 'Percent of decided placements approved, to two decimals (null: none decided).',
  })
  approvalPercent: number | null;

  @Field(() => Float, {
    nullable: true,
    description: 'Percent of decided placements rejected, to two decimals (null: none decided).',
  })
  rejectionPercent: number | null;

  @Field(() => Float, {
    nullable: true,
    description: 'Days from request to final decision (the second approval, or the rejection): median.',
  })
  medianDaysToDecision: number | null;

  @Field(() => Float, {
    nullable: true,
    description: 'Days from request to final decision: 90th percentile.',
  })
  p90DaysToDecision: number | null;
}

// ---- compliance --------------------------------------------------------------------------------------------

@ObjectType({ description: 'Violations of one rule (at one team, or at every team).' })
export class ComplianceLine {
  @Field(() => ID, { nullable: true })
  teamId: string | null;

  @Field(() => String, { nullable: true })
  teamName: string | null;

  @Field(() => RuleCode, { nullable: true })
  ruleCode: string | null;

  @Field(() => ViolationSeverity, { nullable: true })
  severity: ViolationSeverity | null;

  @Field(() => Int)
  violations: number;

  @Field(() => Int)
  hardViolations: number;

  @Field(() => Float, { description: 'Σ penalty (each rule in its own unit; mixed when lines add rules).' })
  penalty: number;

  @Field(() => Int, { description: 'Distinct people concerned.' })
  people: number;
}

@ObjectType({ description: 'A hard rule knowingly waived: who, why, when.' })
export class ComplianceOverride {
  @Field(() => ID)
  id: string;

  @Field(() => RuleCode)
  ruleCode: string;

  @Field()
  reason: string;

  @UserField({ description: 'Who overrode it.' })
  overriddenBy: string;

  @Field()
  overriddenAt: Date;

  @Field(() => ID)
  teamId: string;

  @Field()
  teamName: string;

  @Field(() => ID)
  rotaId: string;

  @Field(() => ID, { nullable: true, description: 'Null when waived to publish the rota.' })
  assignmentId: string | null;

  @Field(() => ID, { nullable: true })
  staffId: string | null;

  @Field(() => String, { nullable: true })
  staffName: string | null;

  @Field(() => LocalDate, { nullable: true })
  shiftDate: string | null;
}

@ObjectType({
  description:
    'A team’s standing permission to weaken a statutory or contractual limit: the limit, the value in force, why, who and when.',
})
export class ComplianceDerogation {
  @Field(() => ID)
  teamId: string;

  @Field()
  teamName: string;

  @Field(() => RuleCode)
  ruleCode: string;

  @Field(() => String, { nullable: true, description: 'Null: the rule’s severity is lowered or OFF.' })
  param: string | null;

  @Field({ description: 'STATUTORY or CONTRACTUAL.' })
  limitKind: string;

  @Field(() => String, { nullable: true, description: 'MINIMUM or MAXIMUM (null for a severity).' })
  direction: string | null;

  @Field(() => Float, {
    nullable: true,
    description: 'The statutory (or contractual) value of the parameter (null for a severity: HARD).',
  })
  statutoryValue: number | null;

  @Field(() => Float, {
    nullable: true,
    description:
      'The parameter’s value in force on the period’s last day (null: switched off or a severity).',
  })
  valueInForce: number | null;

  @Field(() => String, { nullable: true, description: 'The rule’s severity in force (HARD, SOFT or OFF).' })
  severityInForce: string | null;

  @Field()
  source: string;

  @Field()
  reason: string;

  @UserField({ description: 'The ADMIN who allowed it.' })
  grantedBy: string;

  @Field()
  grantedAt: Date;
}

@ObjectType({
  description:
    'Violations on published rotas whose window overlaps [from, to], as checked at publication and at every change since; overrides on those rotas; the teams’ derogations from legal limits.',
})
export class ComplianceReport {
  @Field(() => LocalDate)
  from: string;

  @Field(() => LocalDate)
  to: string;

  @Field(() => Int)
  rotas: number;

  @Field(() => Int)
  violations: number;

  @Field(() => Int)
  hardViolations: number;

  @Field(() => [ComplianceLine], { complexity: listOf(40), description: 'By rule, every team together.' })
  byRule: ComplianceLine[];

  @Field(() => [ComplianceLine], { complexity: listOf(50), description: 'By team, every rule together.' })
  byTeam: ComplianceLine[];

  @Field(() => [ComplianceLine], { complexity: listOf(300), description: 'By team and rule.' })
  byTeamAndRule: ComplianceLine[];

  @Field(() => [ComplianceOverride], { complexity: listOf(100) })
  overrides: ComplianceOverride[];

  @Field(() => [ComplianceDerogation], {
    complexity: listOf(10),
    description: 'Statutory or contractual limits the teams are allowed to weaken (in force now).',
  })
  derogations: ComplianceDerogation[];
}

// ---- credentials -------------------------------------------------------------------------------------------

export enum ExpiryStatus {
  EXPIRED = 'EXPIRED',
  EXPIRING = 'EXPIRING',
}
registerEnumType(ExpiryStatus, { name: 'ExpiryStatus' });

@ObjectType({ description: 'A skill whose latest credential has expired or expires within the window.' })
export class ExpiringCredential {
  @Field(() => ID)
  credentialId: string;

  @Field(() => ID)
  staffId: string;

  @Field()
  staffName: string;

  @Field(() => ID)
  organisationId: string;

  @Field()
  organisationName: string;

  @Field(() => ID, { nullable: true })
  teamId: string | null;

  @Field(() => String, { nullable: true })
  teamName: string | null;

  @Field()
  skillCode: string;

  @Field()
  skillName: string;

  @Field(() => LocalDate)
  expiresOn: string;

  @Field(() => Int, { description: 'Days from today (UK) to the expiry; negative when already expired.' })
  daysLeft: number;

  @Field(() => ExpiryStatus)
  status: ExpiryStatus;
}

@ObjectType({
  description:
    'Counts for one organisation, or one team within it (team null in `byTeam`: staff without a home team).',
})
export class CredentialExpiryLine {
  @Field(() => ID)
  organisationId: string;

  @Field()
  organisationName: string;

  @Field(() => ID, { nullable: true })
  teamId: string | null;

  @Field(() => String, { nullable: true })
  teamName: string | null;

  @Field(() => Int)
  expired: number;

  @Field(() => Int)
  expiring: number;
}

@ObjectType({ description: 'Active staff whose credentials have expired or expire within `withinDays`.' })
export class CredentialExpiryReport {
  @Field(() => LocalDate, { description: 'Today (UK), the report’s reference day.' })
  today: string;

  @Field(() => Int)
  withinDays: number;

  @Field(() => Int)
  expired: number;

  @Field(() => Int)
  expiring: number;

  @Field(() => [CredentialExpiryLine], { complexity: listOf(10) })
  byOrganisation: CredentialExpiryLine[];

  @Field(() => [CredentialExpiryLine], {
    complexity: listOf(100),
    description: 'By home team, within each organisation.',
  })
  byTeam: CredentialExpiryLine[];

  @Field(() => [ExpiringCredential], { complexity: listOf(1000), description: 'Soonest first.' })
  credentials: ExpiringCredential[];
}

@ObjectType({ description: 'Bank shifts worked by one organisation’s staff at another’s teams.' })
export class BankPairLine {
  @Field(() => ID, { description: 'The workers’ employer.' })
  workerOrganisationId: string;

  @Field()
  workerOrganisationName: string;

  @Field(() => Sector)
  workerSector: Sector;

  @Field(() => ID)
  hostOrganisationId: string;

  @Field()
  hostOrganisationName: string;

  @Field(() => Sector)
  hostSector: Sector;

  @Field(() => MoveDirection)
  direction: MoveDirection;

  @Field(() => Int)
  shifts: number;

  @Field(() => Int)
  people: number;

  @Field(() => Float, { description: 'Paid hours (shift length less unpaid break).' })
  hours: number;
}

@ObjectType({ description: 'Open shifts of one team whose shifts fall in the period.' })
export class OpenShiftTeamLine {
  @Field(() => ID)
  teamId: string;

  @Field()
  teamName: string;

  @Field(() => ID)
  organisationId: string;

  @Field(() => Int, { description: 'Offers made (withdrawn ones included).' })
  offers: number;

  @Field(() => Int, { description: 'Places offered.' })
  places: number;

  @Field(() => Int, { description: 'Places filled by an approved claim.' })
  filled: number;

  @Field(() => Float, { nullable: true, description: 'Filled places as a percentage of places offered.' })
  fillPercent: number | null;

  @Field(() => Float, {
    nullable: true,
    description: 'Median hours from offer to approval of each filled place.',
  })
  medianHoursToFill: number | null;
}

@ObjectType({
  description:
    'Staff banks: bank shifts worked across organisations and sectors, and how open shifts are filled (rate and time), for shifts in the period.',
})
export class BankReport {
  @Field(() => LocalDate)
  from: string;

  @Field(() => LocalDate)
  to: string;

  @Field(() => Int, { description: 'Bank shifts on the rotas (approved claims not taken off again).' })
  bankShifts: number;

  @Field(() => Int, {
    description: 'Of those, worked by another organisation’s staff under a bank agreement.',
  })
  crossOrganisationShifts: number;

  @Field(() => Int)
  places: number;

  @Field(() => Int)
  filled: number;

  @Field(() => Float, { nullable: true })
  fillPercent: number | null;

  @Field(() => Float, {
    nullable: true,
    description: 'Median hours from offer to approval of a filled place.',
  })
  medianHoursToFill: number | null;

  @Field(() => Float, { nullable: true })
  p90HoursToFill: number | null;

  @Field(() => [BankPairLine], { complexity: listOf(20) })
  byOrganisationPair: BankPairLine[];

  @Field(() => [OpenShiftTeamLine], { complexity: listOf(50) })
  byTeam: OpenShiftTeamLine[];
}
