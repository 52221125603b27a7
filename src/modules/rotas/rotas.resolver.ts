import { Args, Context, Int, Mutation, Parent, Query, ResolveField, Resolver } from '@nestjs/graphql';
import { Role, type Actor } from '../../common/auth/actor.js';
import { Allow, AUTHENTICATED } from '../../common/auth/allow.decorator.js';
import { CurrentActor } from '../../common/auth/current-actor.decorator.js';
import { IdArg } from '../../common/graphql/id-arg.js';
import type { Loaders } from '../../common/graphql/loaders.js';
import { nominalShiftFacts, shiftFacts } from '../../rota-core/index.js';
import { Absence } from '../absences/absences.types.js';
import { OverrideInput } from '../checks/checks.types.js';
import { teamById } from '../organisations/organisations.loaders.js';
import { Team } from '../organisations/organisations.types.js';
import { skillById } from '../skills/skills.loaders.js';
import { Skill } from '../skills/skills.types.js';
import { staffById } from '../staff/staff.loaders.js';
import { StaffMember } from '../staff/staff.types.js';
import { AssignmentsService } from './assignments.service.js';
import { RotasService } from './rotas.service.js';
import {
  absencesByRotaId,
  assignmentsByShiftId,
  changesByRotaId,
  overridesByAssignmentId,
  overridesByRotaId,
  shiftById,
  shiftsByRotaId,
  shiftTypeById,
  shiftTypesByTeamId,
  skillSlotsByShiftId,
} from './rotas.loaders.js';
import {
  AddShiftsInput,
  AddShiftsResult,
  Assignment,
  AssignStaffResult,
  CreateRotaInput,
  CreateShiftTypeInput,
  PublishRotaResult,
  Rota,
  RotaChange,
  RotaChangeInput,
  RotasArgs,
  RuleOverride,
  Shift,
  ShiftPatternInput,
  ShiftType,
  SkillSlot,
  UpdateShiftInput,
} from './rotas.types.js';
import { MyShiftsService } from './my-shifts.service.js';
import { LocalDate } from '../../common/graphql/scalars.js';
import { listOf } from '../../common/graphql/query-cost.js';
import { daysBetween } from '../../rota-core/dates.js';

/** myShifts' length: about a shift a day over [from, to] (at most a year is answered). */
const shiftsBetween = ({ from, to }: Record<string, unknown>) => daysBetween(String(from), String(to)) + 1;

@Resolver(() => Rota)
export class RotasResolver {
  constructor(
    private readonly rotaService: RotasService,
    private readonly assignmentService: AssignmentsService,
  ) {}

  @Query(() => [Rota], {
    complexity: listOf(13),
    description: "A team's rotas overlapping [from, to] (staff see published ones).",
  })
  @Allow(AUTHENTICATED)
  rotas(@CurrentActor() actor: Actor, @Args() args: RotasArgs) {
    return this.rotaService.list(actor, args);
  }

  @Query(() => Rota, { description: 'A rota with its shifts, assignments and requirements.' })
  @Allow(AUTHENTICATED)
  rota(@CurrentActor() actor: Actor, @IdArg() id: string) {
    return this.rotaService.get(actor, id);
  }

  @Mutation(() => Rota)
  @Allow(Role.MANAGER)
  createRota(@CurrentActor() actor: Actor, @Args('input') input: CreateRotaInput) {
    return this.rotaService.createRota(actor, input);
  }

  @Mutation(() => AddShiftsResult, { description: 'Adds an explicit list of shifts (all or nothing).' })
  @Allow(Role.MANAGER)
  async addShifts(
    @CurrentActor() actor: Actor,
    @IdArg('rotaId') rotaId: string,
    @Args('input') input: AddShiftsInput,
  ) {
    const r = await this.rotaService.addShifts(actor, rotaId, input);
    return { rota: r.rota, shifts: r.shifts, created: r.shifts.length, skipped: r.skipped };
  }

  @Mutation(() => AddShiftsResult, {
    description:
      'Adds shift types × weekdays × weeks over the rota’s range; idempotent (existing shifts are kept).',
  })
  @Allow(Role.MANAGER)
  async addShiftsFromPattern(
    @CurrentActor() actor: Actor,
    @IdArg('rotaId') rotaId: string,
    @Args('input') input: ShiftPatternInput,
  ) {
    const r = await this.rotaService.addShiftsFromPattern(actor, rotaId, input);
    return { rota: r.rota, shifts: r.shifts, created: r.shifts.length, skipped: r.skipped };
  }

  @Mutation(() => PublishRotaResult, {
    description: 'DRAFT → PUBLISHED; refused (RuleViolations) while hard rules are broken unless overridden.',
  })
  @Allow(Role.MANAGER)
  publishRota(
    @CurrentActor() actor: Actor,
    @IdArg() id: string,
    @Args('override', { type: () => OverrideInput, nullable: true }) override?: OverrideInput,
    @Args('expectedVersion', { type: () => Int, nullable: true }) expectedVersion?: number,
  ) {
    return this.assignmentService.publishRota(actor, id, override, { expectedVersion });
  }

  @ResolveField(() => Team)
  team(@Parent() rota: Rota, @Context('loaders') loaders: Loaders) {
    return loaders.get(teamById).load(rota.teamId);
  }

  @ResolveField(() => [Shift], { complexity: listOf(150), description: 'Its shifts in time order.' })
  async shifts(
    @Parent() rota: Rota,
    @Context('loaders') loaders: Loaders,
    @Args('includeCancelled', { nullable: true, defaultValue: false }) includeCancelled: boolean,
  ) {
    const all = await loaders.get(shiftsByRotaId).load(rota.id);
    return includeCancelled ? all : all.filter((s) => !s.cancelledAt);
  }

  @ResolveField(() => [Absence], {
    complexity: listOf(50),
    description: 'Leave of the people on it or in its team, over its dates.',
  })
  absences(@Parent() rota: Rota, @Context('loaders') loaders: Loaders) {
    return loaders.get(absencesByRotaId).load(rota.id);
  }

  @ResolveField(() => [RotaChange], {
    complexity: listOf(50),
    description: 'Changes made after publication, with their reasons.',
  })
  changes(@Parent() rota: Rota, @Context('loaders') loaders: Loaders) {
    return loaders.get(changesByRotaId).load(rota.id);
  }

  @ResolveField(() => [RuleOverride], {
    complexity: listOf(10),
    description: 'Hard rules waived when it was published.',
  })
  overrides(@Parent() rota: Rota, @Context('loaders') loaders: Loaders) {
    return loaders.get(overridesByRotaId).load(rota.id);
  }
}

@Resolver(() => Shift)
export class ShiftsResolver {
  constructor(
    private readonly rotaService: RotasService,
    private readonly assignmentService: AssignmentsService,
  ) {}

  @Mutation(() => ShiftType)
  @Allow(Role.MANAGER)
  createShiftType(@CurrentActor() actor: Actor, @Args('input') input: CreateShiftTypeInput) {
    return this.rotaService.createShiftType(actor, input);
  }

  @Mutation(() => Shift, {
    description: 'Changes a shift’s times or requirement (a published rota needs a reason).',
  })
  @Allow(Role.MANAGER)
  updateShift(@CurrentActor() actor: Actor, @IdArg() id: string, @Args('input') input: UpdateShiftInput) {
    return this.rotaService.updateShift(actor, id, input);
  }

  @Mutation(() => Rota, { description: 'Removes a shift (on a published rota it is kept, cancelled).' })
  @Allow(Role.MANAGER)
  removeShift(
    @CurrentActor() actor: Actor,
    @IdArg() id: string,
    @Args('change', { type: () => RotaChangeInput, nullable: true }) change?: RotaChangeInput,
  ) {
    return this.rotaService.removeShift(actor, id, change);
  }

  @Mutation(() => AssignStaffResult, {
    description:
      'Puts someone on a shift; returns RuleViolations (nothing written) when a hard rule would break.',
  })
  @Allow(Role.MANAGER)
  assignStaff(
    @CurrentActor() actor: Actor,
    @IdArg('shiftId') shiftId: string,
    @IdArg('staffId') staffId: string,
    @Args('override', { type: () => OverrideInput, nullable: true }) override?: OverrideInput,
    @Args('change', { type: () => RotaChangeInput, nullable: true }) change?: RotaChangeInput,
  ) {
    return this.assignmentService.assignStaff(actor, shiftId, staffId, override, change);
  }

  @Mutation(() => Shift, {
    description: 'Takes someone off a shift (on a published rota the assignment is kept, cancelled).',
  })
  @Allow(Role.MANAGER)
  unassignStaff(
    @CurrentActor() actor: Actor,
    @IdArg('assignmentId') assignmentId: string,
    @Args('change', { type: () => RotaChangeInput, nullable: true }) change?: RotaChangeInput,
  ) {
    return this.assignmentService.unassignStaff(actor, assignmentId, change);
  }

  @ResolveField(() => ShiftType)
  shiftType(@Parent() shift: Shift, @Context('loaders') loaders: Loaders) {
    return loaders.get(shiftTypeById).load(shift.shiftTypeId);
  }

  @ResolveField(() => [Assignment], { complexity: listOf(30) })
  async assignments(
    @Parent() shift: Shift,
    @Context('loaders') loaders: Loaders,
    @Args('includeCancelled', { nullable: true, defaultValue: false }) includeCancelled: boolean,
  ) {
    const all = await loaders.get(assignmentsByShiftId).load(shift.id);
    return includeCancelled ? all : all.filter((a) => !a.cancelledAt);
  }

  @ResolveField(() => [SkillSlot], {
    complexity: listOf(3),
    description: 'Skill mix: distinct people needed per skill.',
  })
  skillMix(@Parent() shift: Shift, @Context('loaders') loaders: Loaders) {
    return loaders.get(skillSlotsByShiftId).load(shift.id);
  }

  @ResolveField(() => Int, {
    description: 'Real minutes (differs from durationMinutes across a clock change).',
  })
  async realDurationMinutes(@Parent() shift: Shift, @Context('loaders') loaders: Loaders) {
    return (await this.facts(shift, loaders)).realMinutes;
  }

  @ResolveField(() => Int, {
    description: 'Working time: real minutes minus the unpaid break (what the rules and reports count).',
  })
  async workingMinutes(@Parent() shift: Shift, @Context('loaders') loaders: Loaders) {
    return (await this.facts(shift, loaders)).workingMinutes;
  }

  @ResolveField(() => Boolean, { description: 'At least 3 h between 23:00 and 06:00 local.' })
  async isNight(@Parent() shift: Shift, @Context('loaders') loaders: Loaders) {
    return (await this.facts(shift, loaders)).night;
  }

  @ResolveField(() => Boolean, { description: 'Longer than 10 real hours.' })
  async isLong(@Parent() shift: Shift, @Context('loaders') loaders: Loaders) {
    return (await this.facts(shift, loaders)).long;
  }

  @ResolveField(() => Boolean, { description: 'Ends after 23:00 local and is not a night.' })
  async isLate(@Parent() shift: Shift, @Context('loaders') loaders: Loaders) {
    return (await this.facts(shift, loaders)).late;
  }

  /** The shift's facts from rota-core, the one definition the rules and reports use too. */
  private async facts(shift: Shift, loaders: Loaders) {
    const team = await loaders.get(teamById).load(shift.teamId);
    return shiftFacts(
      shift.startsAt,
      shift.endsAt,
      shift.localDate,
      shift.unpaidBreakMinutes,
      team!.timeZone,
    );
  }
}

@Resolver(() => ShiftType)
export class ShiftTypesResolver {
  @ResolveField(() => Boolean, { description: 'A night on an ordinary day (≥ 3 h between 23:00 and 06:00).' })
  isNight(@Parent() t: ShiftType) {
    return nominalShiftFacts(t.startTime.slice(0, 5), t.durationMinutes).night;
  }

  @ResolveField(() => Boolean, { description: 'Longer than 10 h.' })
  isLong(@Parent() t: ShiftType) {
    return nominalShiftFacts(t.startTime.slice(0, 5), t.durationMinutes).long;
  }

  @ResolveField(() => Boolean, { description: 'Ends after 23:00 and is not a night.' })
  isLate(@Parent() t: ShiftType) {
    return nominalShiftFacts(t.startTime.slice(0, 5), t.durationMinutes).late;
  }
}

@Resolver(() => Team)
export class TeamShiftTypesResolver {
  @ResolveField(() => [ShiftType], {
    complexity: listOf(8),
    description: 'The kinds of shift the team works.',
  })
  shiftTypes(@Parent() team: Team, @Context('loaders') loaders: Loaders) {
    return loaders.get(shiftTypesByTeamId).load(team.id);
  }
}

@Resolver(() => Assignment)
export class AssignmentsResolver {
  constructor(private readonly mine: MyShiftsService) {}

  @Query(() => [Assignment], {
    complexity: listOf(shiftsBetween),
    description: 'Your own shifts on published rotas (cancelled ones marked).',
  })
  @Allow(AUTHENTICATED)
  myShifts(
    @CurrentActor() actor: Actor,
    @Args('from', { type: () => LocalDate }) from: string,
    @Args('to', { type: () => LocalDate }) to: string,
  ) {
    return this.mine.myShifts(actor, from, to);
  }

  @ResolveField(() => StaffMember)
  staff(@Parent() a: Assignment, @Context('loaders') loaders: Loaders) {
    return loaders.get(staffById).load(a.staffId);
  }

  @ResolveField(() => Shift)
  shift(@Parent() a: Assignment, @Context('loaders') loaders: Loaders) {
    return loaders.get(shiftById).load(a.shiftId);
  }

  @ResolveField(() => [RuleOverride], {
    complexity: listOf(2),
    description: 'Hard rules knowingly waived for it.',
  })
  overrides(@Parent() a: Assignment, @Context('loaders') loaders: Loaders) {
    return loaders.get(overridesByAssignmentId).load(a.id);
  }
}

@Resolver(() => SkillSlot)
export class SkillSlotsResolver {
  @ResolveField(() => Skill)
  skill(@Parent() slot: SkillSlot, @Context('loaders') loaders: Loaders) {
    return loaders.get(skillById).load(slot.skillId);
  }
}
