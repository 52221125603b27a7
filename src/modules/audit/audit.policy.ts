import { definePolicy } from '../../common/visibility/policy.js';

export const AUDIT_POLICIES = [
  definePolicy({
    type: 'AuditEvent',
    fields: {
      PUBLIC: [
        'id',
        'occurredAt',
        'actor',
        'actorRoles',
        'requestId',
        'operation',
        'entity',
        'entityId',
        'action',
        'organisationIds',
        'before',
        'after',
      ],
    },
    note: 'ADMIN, and HR of the organisations an event concerns (checked by auditEvents).',
  }),
];
