import { Args, Int, Mutation, Query, Resolver } from '@nestjs/graphql';
import type { Actor } from '../../common/auth/actor.js';
import { Allow, AUTHENTICATED } from '../../common/auth/allow.decorator.js';
import { CurrentActor } from '../../common/auth/current-actor.decorator.js';
import { NotificationsService } from './notifications.service.js';
import {
  MarkNotificationsReadInput,
  MarkNotificationsReadResult,
  NotificationConnection,
  NotificationsArgs,
} from './notifications.types.js';

@Resolver()
export class NotificationsResolver {
  constructor(private readonly inbox: NotificationsService) {}

  @Query(() => NotificationConnection, {
    description:
      'Your inbox, newest first: notifications for you and, as a manager, for your teams (shared by their managers).',
  })
  @Allow(AUTHENTICATED)
  notifications(@CurrentActor() actor: Actor, @Args() args: NotificationsArgs) {
    return this.inbox.list(actor, args);
  }

  @Query(() => Int, { description: 'How many entries of your inbox are unread.' })
  @Allow(AUTHENTICATED)
  unreadNotificationCount(@CurrentActor() actor: Actor) {
    return this.inbox.unreadCount(actor);
  }

  @Mutation(() => MarkNotificationsReadResult, {
    description:
      'Marks entries of your inbox read (a team’s entry: read for all its managers). Ids outside your inbox: NOT_FOUND.',
  })
  @Allow(AUTHENTICATED)
  markNotificationsRead(@CurrentActor() actor: Actor, @Args('input') input: MarkNotificationsReadInput) {
    return this.inbox.markRead(actor, input);
  }
}
