import { Args, Mutation, Resolver } from '@nestjs/graphql';
import { type Actor, Role } from '../../common/auth/actor.js';
import { Allow } from '../../common/auth/allow.decorator.js';
import { CurrentActor } from '../../common/auth/current-actor.decorator.js';
import { CalendarService } from './calendar.service.js';
import { CalendarFeed, CalendarFeedInput } from './calendar.types.js';

@Resolver()
export class CalendarResolver {
  constructor(private readonly calendar: CalendarService) {}

  @Mutation(() => CalendarFeed, {
    description:
      'A new link to your published shifts as an iCalendar feed (HR: for a member of their organisation). The previous link stops working.',
  })
  @Allow(Role.STAFF, Role.HR)
  issueCalendarFeed(
    @CurrentActor() actor: Actor,
    @Args('input', { type: () => CalendarFeedInput, nullable: true }) input?: CalendarFeedInput | null,
  ) {
    return this.calendar.issue(actor, input?.staffId);
  }

  @Mutation(() => Boolean, { description: 'Stops the calendar link working; false when there was none.' })
  @Allow(Role.STAFF, Role.HR)
  revokeCalendarFeed(
    @CurrentActor() actor: Actor,
    @Args('input', { type: () => CalendarFeedInput, nullable: true }) input?: CalendarFeedInput | null,
  ) {
    return this.calendar.revoke(actor, input?.staffId);
  }
}
