import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { Access } from '../../common/auth/access.js';
import { type Actor, isAdmin } from '../../common/auth/actor.js';
import { BadUserInputError } from '../../common/errors/domain-error.js';
import { type ConnectionShape, paginate } from '../../common/graphql/pagination.js';
import { AuditEventEntity } from './audit-event.entity.js';
import type { AuditEventsArgs } from './audit.types.js';

/** The audit trail, newest first: ADMIN sees all of it, HR the events concerning their organisations. */
@Injectable()
export class AuditService {
  constructor(private readonly dataSource: DataSource) {}

  list(actor: Actor, args: AuditEventsArgs): Promise<ConnectionShape<AuditEventEntity>> {
    const f = args.filter ?? {};
    if (f.from && f.to && f.to <= f.from) throw new BadUserInputError('must be after `from`', 'filter.to');
    const qb = this.dataSource.getRepository(AuditEventEntity).createQueryBuilder('e');
    if (!isAdmin(actor)) {
      qb.andWhere('e.organisation_ids && :mine::uuid[]', { mine: actor.organisationIds });
    }
    if (f.organisationId) {
      Access.assert(
        Access.administersOrganisation(actor, f.organisationId),
        'the audit trail of that organisation',
      );
      qb.andWhere(':org::uuid = ANY(e.organisation_ids)', { org: f.organisationId });
    }
    if (f.entity) qb.andWhere('e.entity = :entity', { entity: f.entity });
    if (f.entityId) qb.andWhere('e.entity_id = :entityId', { entityId: f.entityId });
    if (f.actor) qb.andWhere('e.actor = :who', { who: f.actor });
    if (f.operation) qb.andWhere('e.operation = :operation', { operation: f.operation });
    if (f.requestId) qb.andWhere('e.request_id = :requestId', { requestId: f.requestId });
    if (f.action) qb.andWhere('e.action = :action', { action: f.action });
    if (f.from) qb.andWhere('e.occurred_at >= :from', { from: f.from });
    if (f.to) qb.andWhere('e.occurred_at < :to', { to: f.to });
    return paginate(qb, args, [{ expression: 'e.id', value: (e) => e.id }], true);
  }
}
