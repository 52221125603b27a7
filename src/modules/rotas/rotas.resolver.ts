import { Args, Context, Int, Mutation, Parent, Query, ResolveField, Resolver } from '@nestjs/graphql';
import { Role, type Actor } from '../../common/auth/actor.js';
import { Allow, AUTHENTICATED } from '../../common/auth/allow.decorator.js';
import { CurrentActor } from '../../common/auth/current-actor.decorator.js';
import { IdArg } from '../../common/graphql/id-arg.js';
import type { GraphQLResolveInfo } from 'graphql';
import type { GraphQLContext } from '../../common/graphql/graphql-context.js';
import type { Loaders } from '../../common/graphql/loaders.js';
import { selectsField, type PlainResolvers } from '../../common/graphql/plain-resolvers.js';
import { nominalShiftFacts, shiftFacts } from '../../rota-core/index.js';
import { Absence } from '../absences/absences.types.js';
import { teamById } from '../organisations/organisations.loaders.js';
import { Team } from '../organisations/organisations.types.js';
import { skillById } from '../skills/skills.loaders.js';
import { Skill } from '../skills/skills.types.js';
import { STAFF_DERIVED, staffById } from '../staff/staff.loaders.js';
import { selectedProperties } from '../../common/graphql/selected-properties.js';
import { StaffMember } from '../staff/staff.types.js';
import { RotaAttentionService } from './rota-attention.service.js';
import { AttentionItem } from './rota-attention.types.js';
import {
  AddShiftsFromPatternInput,
  AddShiftsInput,
  AssignStaffInput,
  BulkAssignInput,
  CopyRotaInput,
  CreateRotaFromTemplateInput,
  DeletedRota,
  DeleteRotaInput,
  MoveAssignmentInput,
  PublishRotaInput,
  RemoveShiftInput,
  RotaEditResult,
  SwapAssignmentsInput,
  UnassignStaffInput,
  UnpublishRotaInput,
  UpdateShiftInput,
  UpdateShiftTypeInput,
  UpdateShiftTypeResult,
} from './rota-edit.types.js';
import { RotaEditsService } from './rota-edits.service.js';
import { RotasService } from './rotas.service.js';
import {
  absencesByRotaId,
  ASSIGNMENT_DERIVED,
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
  Assignment,
  CreateRotaInput,
  CreateShiftTypeInput,
  Rota,
  RotaChange,
  RotasArgs,
  RuleOverride,
  Shift,
  ShiftType,
  SkillSlot,
} from './rotas.types.js';
import { MyShiftsService } from './my-shifts.service.js';
import { LocalDate } from '../../common/graphql/scalars.js';
import { listOf } from '../../common/graphql/query-cost.js';
import { daysBetween } from '../../rota-core/dates.js';

/** myShifts' length: about a shift a day over [from, to] (at most a year is answered). */
const shiftsBetween = ({ from, to }: Record<string, unknown>) => daysBetween(String(from), String(to)) + 1;

/**
 * The rota read path, as plain resolvers (see plain-resolvers.ts): a rota's shifts, each shift's assignments
 * with the people on them loaded in one batch, and each assignment's person read without a promise.
 */
export const ROTA_READ_PATH: PlainResolvers = {
  'Rota.shifts': async (rota: Rota, { includeCancelled }: { includeCancelled?: boolean }, { loaders }) => {
    const all = await loaders.get(shiftsByRotaId).load(rota.id);
    return includeCancelled ? all : all.filter((s) => !s.cancelledAt);
  },
  'Shift.assignments': async (
    shift: Shift,
    { includeCancelled }: { includeCancelled?: boolean },
    { loaders },
    info: GraphQLResolveInfo | undefined,
  ) => {
    const all = await loaders
      .get(assignmentsByShiftId.only(selectedProperties(info, ASSIGNMENT_DERIVED)))
      .load(shift.id);
    const shown = includeCancelled ? all : all.filter((a) => !a.cancelledAt);
    if (!info || selectsField(info, 'staff')) {
      // The columns Assignment.staff below will ask for (the same query shape, so the same loader variant).
      await loaders.prefetch(
        staffById.only(selectedProperties(info, STAFF_DERIVED, ['staff'])),
        shown.map((a) => a.staffId),
      );
    }
    return shown;
  },
  'Assignment.staff': (a: Assignment, _args, { loaders }, info: GraphQLResolveInfo | undefined) =>
    loaders.read(staffById.only(selectedProperties(info, STAFF_DERIVED)), a.staffId),
};

@Resolver(() => Rota)
export class RotasResolver {
  constructor(
    private readonly rotaService: RotasService,
    private readonly edits: RotaEditsService,
    private readonly attentions: RotaAttentionService,
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

  @Mutation(() => Rota, { description: 'A new, empty draft rota for a team and a date range.' })
  @Allow(Role.MANAGER)
  createRota(@CurrentActor() actor: Actor, @Args('input') input: CreateRotaInput) {
    return this.rotaService.createRota(actor, input);
  }

  @Mutation(() => RotaEditResult, { description: 'Adds an explicit list of shifts (all or nothing).' })
  @Allow(Role.MANAGER)
  addShifts(@CurrentActor() actor: Actor, @Args('input') input: AddShiftsInput) {
    return this.edits.addShifts(actor, input);
  }

  @Mutation(() => RotaEditResult, {
    description: 'Adds shift types × weekdays × weeks over the rota’s range; shifts already there are kept.',
  })
  @Allow(Role.MANAGER)
  addShiftsFromPattern(@CurrentActor() actor: Actor, @Args('input') input: AddShiftsFromPatternInput) {
    return this.edits.addShiftsFromPattern(actor, input);
  }

  @Mutation(() => RotaEditResult, {
    description:
      'DRAFT → PUBLISHED: refused (RuleViolations) while a hard rule is broken that no override, now or earlier, waives.',
  })
  @Allow(Role.MANAGER)
  publishRota(@CurrentActor() actor: Actor, @Args('input') input: PublishRotaInput) {
    return this.edits.publishRota(actor, input);
  }

  @Mutation(() => RotaEditResult, { description: 'PUBLISHED → DRAFT, with a reason (kept in rota.changes).' })
  @Allow(Role.MANAGER)
  unpublishRota(@CurrentActor() actor: Actor, @Args('input') input: UnpublishRotaInput) {
    return this.edits.unpublishRota(actor, input);
  }

  @Mutation(() => DeletedRota, { description: 'Deletes a draft rota with its shifts and assignments.' })
  @Allow(Role.MANAGER)
  deleteRota(@CurrentActor() actor: Actor, @Args('input') input: DeleteRotaInput) {
    return this.edits.deleteRota(actor, input);
  }

  @Mutation(() => RotaEditResult, {
    description:
      'A new draft rota from an existing one on new dates: its shifts, and optionally who works them.',
  })
  @Allow(Role.MANAGER)
  copyRota(@CurrentActor() actor: Actor, @Args('input') input: CopyRotaInput) {
    return this.edits.copyRota(actor, input);
  }

  @Mutation(() => RotaEditResult, {
    description: 'A new draft rota from a template, its weeks repeated from a Monday, with who works them.',
  })
  @Allow(Role.MANAGER)
  createRotaFromTemplate(@CurrentActor() actor: Actor, @Args('input') input: CreateRotaFromTemplateInput) {
    return this.edits.createRotaFromTemplate(actor, input);
  }

  @Mutation(() => RotaEditResult, {
    description:
      'Many assignments and removals on one rota in one transaction (optionally skipping refused ones).',
  })
  @Allow(Role.MANAGER)
  bulkAssign(@CurrentActor() actor: Actor, @Args('input') input: BulkAssignInput) {
    return this.edits.bulkAssign(actor, input);
  }

  @ResolveField(() => [AttentionItem], {
    complexity: listOf(20),
    description:
      'What needs a manager’s attention on it now: people on leave, placed elsewhere, no longer authorised or ready, or breaking a rule since something changed elsewhere — with what to do.',
  })
  attention(@Parent() rota: Rota) {
    return this.attentions.of(rota.id);
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
    return ROTA_READ_PATH['Rota.shifts']!(
      rota,
      { includeCancelled },
      { loaders } as GraphQLContext,
      undefined as never,
    );
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
    private readonly edits: RotaEditsService,
  ) {}

  @Mutation(() => ShiftType)
  @Allow(Role.MANAGER)
  createShiftType(@CurrentActor() actor: Actor, @Args('input') input: CreateShiftTypeInput) {
    return this.rotaService.createShiftType(actor, input);
  }

  @Mutation(() => UpdateShiftTypeResult, {
    description:
      'Changes a shift type; its shifts on draft rotas from effectiveFrom follow (all or nothing).',
  })
  @Allow(Role.MANAGER)
  updateShiftType(@CurrentActor() actor: Actor, @Args('input') input: UpdateShiftTypeInput) {
    return this.edits.updateShiftType(actor, input);
  }

  @Mutation(() => RotaEditResult, { description: 'Changes a shift’s times or requirement.' })
  @Allow(Role.MANAGER)
  updateShift(@CurrentActor() actor: Actor, @Args('input') input: UpdateShiftInput) {
    return this.edits.updateShift(actor, input);
  }

  @Mutation(() => RotaEditResult, {
    description: 'Removes a shift (on a published rota it is kept, cancelled).',
  })
  @Allow(Role.MANAGER)
  removeShift(@CurrentActor() actor: Actor, @Args('input') input: RemoveShiftInput) {
    return this.edits.removeShift(actor, input);
  }

  @Mutation(() => RotaEditResult, {
    description:
      'Puts someone on a shift; RuleViolations (nothing written) when a rule that judges edits would break.',
  })
  @Allow(Role.MANAGER)
  assignStaff(@CurrentActor() actor: Actor, @Args('input') input: AssignStaffInput) {
    return this.edits.assignStaff(actor, input);
  }

  @Mutation(() => RotaEditResult, {
    description: 'Takes someone off a shift (on a published rota the assignment is kept, cancelled).',
  })
  @Allow(Role.MANAGER)
  unassignStaff(@CurrentActor() actor: Actor, @Args('input') input: UnassignStaffInput) {
    return this.edits.unassignStaff(actor, input);
  }

  @Mutation(() => RotaEditResult, { description: 'Moves someone to another shift of the same rota.' })
  @Allow(Role.MANAGER)
  moveAssignment(@CurrentActor() actor: Actor, @Args('input') input: MoveAssignmentInput) {
    return this.edits.moveAssignment(actor, input);
  }

  @Mutation(() => RotaEditResult, { description: 'Two people of the same rota trade shifts.' })
  @Allow(Role.MANAGER)
  swapAssignments(@CurrentActor() actor: Actor, @Args('input') input: SwapAssignmentsInput) {
    return this.edits.swapAssignments(actor, input);
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
    return ROTA_READ_PATH['Shift.assignments']!(
      shift,
      { includeCancelled },
      { loaders } as GraphQLContext,
      undefined as never,
    );
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
    return loaders.read(staffById, a.staffId);
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
