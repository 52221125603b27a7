import { Args, Context, Mutation, Parent, Query, ResolveField, Resolver } from '@nestjs/graphql';
import { Role, type Actor } from '../../common/auth/actor.js';
import { Allow, AUTHENTICATED } from '../../common/auth/allow.decorator.js';
import { LocalDate } from '../../common/graphql/scalars.js';
import { listOf } from '../../common/graphql/query-cost.js';
import { CurrentActor } from '../../common/auth/current-actor.decorator.js';
import type { Loaders } from '../../common/graphql/loaders.js';
import { staffById } from '../staff/staff.loaders.js';
import { StaffMember } from '../staff/staff.types.js';
import { AbsencesService } from './absences.service.js';
import {
  Absence,
  DecideAbsenceInput,
  RecordShiftRequestInput,
  RequestAbsenceInput,
  ShiftRequest,
} from './absences.types.js';

@Resolver(() => Absence)
export class AbsencesResolver {
  constructor(private readonly service: AbsencesService) {}

  @Mutation(() => Absence, { description: 'Asks for leave (for yourself, or as manager/HR for your staff).' })
  @Allow(Role.STAFF, Role.MANAGER, Role.HR)
  requestAbsence(@CurrentActor() actor: Actor, @Args('input') input: RequestAbsenceInput) {
    return this.service.requestAbsence(actor, input);
  }

  @Mutation(() => Absence, {
    description: 'Approves or rejects a requested absence (the person’s manager or HR).',
  })
  @Allow(Role.MANAGER, Role.HR)
  decideAbsence(@CurrentActor() actor: Actor, @Args('input') input: DecideAbsenceInput) {
    return this.service.decideAbsence(actor, input.absenceId, input.decision, input.reason);
  }

  @Mutation(() => ShiftRequest, {
    description: 'Records a wish to work (ON) or not to work (OFF) a shift type on a date.',
  })
  @Allow(Role.STAFF, Role.MANAGER)
  recordShiftRequest(@CurrentActor() actor: Actor, @Args('input') input: RecordShiftRequestInput) {
    return this.service.recordShiftRequest(actor, input);
  }

  @Query(() => [Absence], {
    description:
      'Your own leave overlapping [from, to] (at most two years), whatever its status: requested, approved, rejected, cancelled; earliest first.',
    // Leave is a few spells a year: two years' worth, generously.
    complexity: listOf(50),
  })
  @Allow(AUTHENTICATED)
  myAbsences(
    @CurrentActor() actor: Actor,
    @Args('from', { type: () => LocalDate }) from: string,
    @Args('to', { type: () => LocalDate }) to: string,
  ) {
    return this.service.myAbsences(actor, from, to);
  }

  @ResolveField(() => StaffMember)
  staff(@Parent() a: Absence, @Context('loaders') loaders: Loaders) {
    return loaders.get(staffById).load(a.staffId);
  }
}
