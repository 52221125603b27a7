import { Args, Query, Resolver } from '@nestjs/graphql';
import { type Actor, Role } from '../../common/auth/actor.js';
import { Allow } from '../../common/auth/allow.decorator.js';
import { CurrentActor } from '../../common/auth/current-actor.decorator.js';
import { AuditService } from './audit.service.js';
import { AuditEventConnection, AuditEventsArgs } from './audit.types.js';

@Resolver()
export class AuditResolver {
  constructor(private readonly audit: AuditService) {}

  @Query(() => AuditEventConnection, {
    description:
      'The audit trail, newest first: every write, by whom, in which request (HR: their organisations).',
  })
  @Allow(Role.HR)
  auditEvents(@CurrentActor() actor: Actor, @Args() args: AuditEventsArgs) {
    return this.audit.list(actor, args);
  }
}
