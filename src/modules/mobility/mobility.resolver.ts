import { Args, Context, Int, Mutation, Parent, Query, ResolveField, Resolver } from '@nestjs/graphql';
import { Role, type Actor } from '../../common/auth/actor.js';
import { Allow, AUTHENTICATED } from '../../common/auth/allow.decorator.js';
import { CurrentActor } from '../../common/auth/current-actor.decorator.js';
import { IdArg } from '../../common/graphql/id-arg.js';
import type { Loaders } from '../../common/graphql/loaders.js';
import { listOf } from '../../common/graphql/query-cost.js';
import { LocalDate, LocalTime } from '../../common/graphql/scalars.js';
import { OrganisationGap } from '../joint-roles/joint-roles.types.js';
import { organisationById, teamById } from '../organisations/organisations.loaders.js';
import { Organisation, Team } from '../organisations/organisations.types.js';
import { assignmentById, shiftById, shiftTypeById } from '../rotas/rotas.loaders.js';
import { Rota, Shift, ShiftType } from '../rotas/rotas.types.js';
import { rotaById } from '../rotas/rotas.loaders.js';
import { skillById } from '../skills/skills.loaders.js';
import { Skill } from '../skills/skills.types.js';
import { staffById } from '../staff/staff.loaders.js';
import { StaffMember } from '../staff/staff.types.js';
import { BankAgreementsService } from './bank-agreements.service.js';
import { OpenShiftClaimStatus } from './mobility.enums.js';
import {
  BankAgreement,
  BankAgreementConnection,
  BankAgreementDecision,
  BankAgreementsArgs,
  ClaimOpenShiftInput,
  DecideBankAgreementInput,
  DecideOpenShiftClaimInput,
  DecideShiftSwapInput,
  EndBankAgreementInput,
  OpenShift,
  OpenShiftClaim,
  OpenShiftClaimResult,
  OpenShiftConnection,
  OpenShiftsArgs,
  ProposeBankAgreementInput,
  ProposeShiftSwapInput,
  PublishOpenShiftInput,
  RespondToShiftSwapInput,
  ShiftSwap,
  ShiftSwapConnection,
  ShiftSwapResult,
  ShiftSwapsArgs,
  WithdrawOpenShiftClaimInput,
  WithdrawOpenShiftInput,
  WithdrawShiftSwapInput,
} from './mobility.types.js';
import { claimsByOpenShiftId, decisionsByBankAgreementId, openShiftById } from './mobility.loaders.js';
import { OpenShiftsService } from './open-shifts.service.js';
import { ShiftSwapsService } from './shift-swaps.service.js';

@Resolver(() => BankAgreement)
export class BankAgreementsResolver {
  constructor(private readonly service: BankAgreementsService) {}

  @Query(() => BankAgreementConnection, {
    description: 'Bank agreements of your organisations (HR and managers of either side), newest first.',
  })
  @Allow(Role.HR, Role.MANAGER)
  bankAgreements(@CurrentActor() actor: Actor, @Args() args: BankAgreementsArgs) {
    return this.service.list(actor, args);
  }

  @Query(() => BankAgreement)
  @Allow(Role.HR, Role.MANAGER)
  bankAgreement(@CurrentActor() actor: Actor, @IdArg() id: string) {
    return this.service.get(actor, id);
  }

  @Mutation(() => BankAgreement, {
    description:
      'HR of one organisation proposes sharing a staff bank with another (their approval recorded).',
  })
  @Allow(Role.HR)
  proposeBankAgreement(@CurrentActor() actor: Actor, @Args('input') input: ProposeBankAgreementInput) {
    return this.service.propose(actor, input);
  }

  @Mutation(() => BankAgreement, {
    description: 'HR of the other organisation approves (ACTIVE) or rejects it.',
  })
  @Allow(Role.HR)
  decideBankAgreement(@CurrentActor() actor: Actor, @Args('input') input: DecideBankAgreementInput) {
    return this.service.decide(actor, input);
  }

  @Mutation(() => BankAgreement, {
    description: 'HR of either organisation ends it (the proposer withdraws one not yet decided).',
  })
  @Allow(Role.HR)
  endBankAgreement(@CurrentActor() actor: Actor, @Args('input') input: EndBankAgreementInput) {
    return this.service.end(actor, input);
  }

  @ResolveField(() => Organisation)
  proposerOrganisation(@Parent() b: BankAgreement, @Context('loaders') loaders: Loaders) {
    return loaders.get(organisationById).load(b.proposerOrganisationId);
  }

  @ResolveField(() => Organisation)
  partnerOrganisation(@Parent() b: BankAgreement, @Context('loaders') loaders: Loaders) {
    return loaders.get(organisationById).load(b.partnerOrganisationId);
  }

  @ResolveField(() => [BankAgreementDecision], {
    complexity: listOf(2),
    description: 'Each organisation’s decision, in the order taken.',
  })
  decisions(@Parent() b: BankAgreement, @Context('loaders') loaders: Loaders) {
    return loaders.get(decisionsByBankAgreementId).load(b.id);
  }
}

@Resolver(() => OpenShift)
export class OpenShiftsResolver {
  constructor(private readonly service: OpenShiftsService) {}

  @Query(() => OpenShiftConnection, {
    description:
      'Open shifts you may see: your teams’ (managers), your organisations’ (HR), those you could claim (filter.claimable: only those), and those you claimed. Newest first.',
  })
  @Allow(AUTHENTICATED)
  openShifts(@CurrentActor() actor: Actor, @Args() args: OpenShiftsArgs) {
    return this.service.list(actor, args);
  }

  @Query(() => OpenShift)
  @Allow(AUTHENTICATED)
  openShift(@CurrentActor() actor: Actor, @IdArg() id: string) {
    return this.service.get(actor, id);
  }

  @Mutation(() => OpenShift, {
    description:
      'A manager offers unfilled places on a shift of a published rota to bank staff (own organisation, and partners under a bank agreement); eligible people are told.',
  })
  @Allow(Role.MANAGER)
  publishOpenShift(@CurrentActor() actor: Actor, @Args('input') input: PublishOpenShiftInput) {
    return this.service.publish(actor, input);
  }

  @Mutation(() => OpenShift, { description: 'The manager withdraws an offer; pending claims are cancelled.' })
  @Allow(Role.MANAGER)
  withdrawOpenShift(@CurrentActor() actor: Actor, @Args('input') input: WithdrawOpenShiftInput) {
    return this.service.withdraw(actor, input);
  }

  @Mutation(() => OpenShiftClaimResult, {
    description:
      'Claim a place for yourself: first come, first served (CONFLICT when every place is taken); refused with RuleViolations if the rota with you on it would break a hard rule.',
  })
  @Allow(AUTHENTICATED)
  claimOpenShift(@CurrentActor() actor: Actor, @Args('input') input: ClaimOpenShiftInput) {
    return this.service.claim(actor, input);
  }

  @Mutation(() => OpenShiftClaimResult, {
    description: 'The host manager approves a pending claim onto the rota (basis BANK) or rejects it.',
  })
  @Allow(Role.MANAGER)
  decideOpenShiftClaim(@CurrentActor() actor: Actor, @Args('input') input: DecideOpenShiftClaimInput) {
    return this.service.decide(actor, input);
  }

  @Mutation(() => OpenShiftClaim, { description: 'Take back your pending claim (its place frees).' })
  @Allow(AUTHENTICATED)
  withdrawOpenShiftClaim(@CurrentActor() actor: Actor, @Args('input') input: WithdrawOpenShiftClaimInput) {
    return this.service.withdrawClaim(actor, input);
  }

  private shift(o: OpenShift, loaders: Loaders) {
    return loaders.get(shiftById).load(o.shiftId);
  }

  @ResolveField(() => Date)
  async startsAt(@Parent() o: OpenShift, @Context('loaders') loaders: Loaders) {
    return (await this.shift(o, loaders))!.startsAt;
  }

  @ResolveField(() => Date)
  async endsAt(@Parent() o: OpenShift, @Context('loaders') loaders: Loaders) {
    return (await this.shift(o, loaders))!.endsAt;
  }

  @ResolveField(() => LocalDate, { description: 'The shift’s day, in the team’s zone.' })
  async localDate(@Parent() o: OpenShift, @Context('loaders') loaders: Loaders) {
    return (await this.shift(o, loaders))!.localDate;
  }

  @ResolveField(() => LocalTime)
  async startTime(@Parent() o: OpenShift, @Context('loaders') loaders: Loaders) {
    return (await this.shift(o, loaders))!.startTime;
  }

  @ResolveField(() => Int)
  async durationMinutes(@Parent() o: OpenShift, @Context('loaders') loaders: Loaders) {
    return (await this.shift(o, loaders))!.durationMinutes;
  }

  @ResolveField(() => ShiftType)
  async shiftType(@Parent() o: OpenShift, @Context('loaders') loaders: Loaders) {
    const shift = await this.shift(o, loaders);
    return loaders.get(shiftTypeById).load(shift!.shiftTypeId);
  }

  @ResolveField(() => Team)
  team(@Parent() o: OpenShift, @Context('loaders') loaders: Loaders) {
    return loaders.get(teamById).load(o.teamId);
  }

  @ResolveField(() => Organisation, { description: 'The host organisation.' })
  organisation(@Parent() o: OpenShift, @Context('loaders') loaders: Loaders) {
    return loaders.get(organisationById).load(o.organisationId);
  }

  @ResolveField(() => [Skill], { complexity: listOf(5) })
  async skills(@Parent() o: OpenShift, @Context('loaders') loaders: Loaders) {
    return (await loaders.get(skillById).loadMany(o.skillIds)).filter((k) => !(k instanceof Error));
  }

  @ResolveField(() => Int, { description: 'Places not held by a pending or approved claim.' })
  async placesLeft(@Parent() o: OpenShift, @Context('loaders') loaders: Loaders) {
    // The claims loader batches every offer of a page into one query (no count per offer).
    const claims = await loaders.get(claimsByOpenShiftId).load(o.id);
    const held = claims.filter(
      (c) => c.status === OpenShiftClaimStatus.PENDING || c.status === OpenShiftClaimStatus.APPROVED,
    );
    return Math.max(0, o.places - held.length);
  }

  @ResolveField(() => [OpenShiftClaim], {
    complexity: listOf(10),
    description: 'Claims, first come first; each shown to the person, their employer and the host.',
  })
  claims(@Parent() o: OpenShift, @Context('loaders') loaders: Loaders) {
    return loaders.get(claimsByOpenShiftId).load(o.id);
  }

  @ResolveField(() => [OrganisationGap], {
    complexity: listOf(10),
    nullable: true,
    description: 'Your passport gaps for it (empty: ready; null: you have no staff record).',
  })
  myReadiness(@Parent() o: OpenShift, @CurrentActor() actor: Actor) {
    return this.service.readinessOf(actor, o as never);
  }
}

@Resolver(() => OpenShiftClaim)
export class OpenShiftClaimsResolver {
  @ResolveField(() => StaffMember)
  staff(@Parent() c: OpenShiftClaim, @Context('loaders') loaders: Loaders) {
    return loaders.get(staffById).load(c.staffId);
  }

  @ResolveField(() => OpenShift)
  openShift(@Parent() c: OpenShiftClaim, @Context('loaders') loaders: Loaders) {
    return loaders.get(openShiftById).load(c.openShiftId);
  }
}

@Resolver(() => ShiftSwap)
export class ShiftSwapsResolver {
  constructor(private readonly service: ShiftSwapsService) {}

  @Query(() => ShiftSwapConnection, {
    description: 'Swaps you are party to and (managers, HR) those on your teams’ rotas, newest first.',
  })
  @Allow(AUTHENTICATED)
  shiftSwaps(@CurrentActor() actor: Actor, @Args() args: ShiftSwapsArgs) {
    return this.service.list(actor, args);
  }

  @Query(() => ShiftSwap)
  @Allow(AUTHENTICATED)
  shiftSwap(@CurrentActor() actor: Actor, @IdArg() id: string) {
    return this.service.get(actor, id);
  }

  @Mutation(() => ShiftSwapResult, {
    description:
      'Offer a colleague your shift for one of theirs on the same published rota (or hand it over); refused with RuleViolations if either person would break a hard rule.',
  })
  @Allow(AUTHENTICATED)
  proposeShiftSwap(@CurrentActor() actor: Actor, @Args('input') input: ProposeShiftSwapInput) {
    return this.service.propose(actor, input);
  }

  @Mutation(() => ShiftSwapResult, { description: 'The colleague accepts (APPROVE) or declines (REJECT).' })
  @Allow(AUTHENTICATED)
  respondToShiftSwap(@CurrentActor() actor: Actor, @Args('input') input: RespondToShiftSwapInput) {
    return this.service.respond(actor, input);
  }

  @Mutation(() => ShiftSwapResult, {
    description:
      'The manager approves an accepted swap (the rota changes, both people’s rules judged) or rejects it.',
  })
  @Allow(Role.MANAGER)
  decideShiftSwap(@CurrentActor() actor: Actor, @Args('input') input: DecideShiftSwapInput) {
    return this.service.decide(actor, input);
  }

  @Mutation(() => ShiftSwap, { description: 'The proposer takes it back before the manager decides.' })
  @Allow(AUTHENTICATED)
  withdrawShiftSwap(@CurrentActor() actor: Actor, @Args('input') input: WithdrawShiftSwapInput) {
    return this.service.withdraw(actor, input);
  }

  @ResolveField(() => Rota)
  rota(@Parent() w: ShiftSwap, @Context('loaders') loaders: Loaders) {
    return loaders.get(rotaById).load(w.rotaId);
  }

  @ResolveField(() => StaffMember)
  staff(@Parent() w: ShiftSwap, @Context('loaders') loaders: Loaders) {
    return loaders.get(staffById).load(w.staffId);
  }

  @ResolveField(() => StaffMember)
  colleague(@Parent() w: ShiftSwap, @Context('loaders') loaders: Loaders) {
    return loaders.get(staffById).load(w.colleagueId);
  }

  @ResolveField(() => Shift, { description: 'The shift the proposer gives.' })
  async shift(@Parent() w: ShiftSwap, @Context('loaders') loaders: Loaders) {
    const a = await loaders.get(assignmentById).load(w.assignmentId);
    return a ? loaders.get(shiftById).load(a.shiftId) : null;
  }

  @ResolveField(() => Shift, {
    nullable: true,
    description: 'The shift the proposer takes (null: a handover).',
  })
  async colleagueShift(@Parent() w: ShiftSwap, @Context('loaders') loaders: Loaders) {
    if (!w.colleagueAssignmentId) return null;
    const a = await loaders.get(assignmentById).load(w.colleagueAssignmentId);
    return a ? loaders.get(shiftById).load(a.shiftId) : null;
  }
}
