import { Check, Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

/**
 * One row written, changed or deleted, recorded by a database trigger in the same transaction as the write:
 * who (token subject, name, roles), which request and operation, what (table and key), the organisations it
 * concerns, and the row before and after (changed fields only, for updates). Append-only: a trigger refuses
 * UPDATE, DELETE and TRUNCATE.
 */
@Entity({ name: 'audit_event' })
@Check('ck_audit_event_action', `action IN ('INSERT', 'UPDATE', 'DELETE')`)
@Index('ix_audit_event_entity', ['entity', 'entityId', 'id'])
@Index('ix_audit_event_occurred_at', ['occurredAt'])
@Index('ix_audit_event_request_id', ['requestId'])
@Index('ix_audit_event_actor', ['actor', 'id'])
// A GIN index, written by hand in the migration (TypeORM cannot declare the method).
@Index('ix_audit_event_organisation_ids', { synchronize: false })
export class AuditEventEntity {
  @PrimaryGeneratedColumn('increment', { type: 'bigint', primaryKeyConstraintName: 'pk_audit_event' })
  id: string;

  @Column('timestamptz', { default: () => 'clock_timestamp()' })
  occurredAt: Date;

  @Column('text')
  actor: string;

  @Column('text', { nullable: true })
  actorName: string | null;

  @Column('text', { array: true, default: () => "'{}'" })
  actorRoles: string[];

  @Column('text', { nullable: true })
  requestId: string | null;

  @Column('text', { nullable: true })
  operation: string | null;

  @Column('text')
  action: 'INSERT' | 'UPDATE' | 'DELETE';

  @Column('text')
  entity: string;

  @Column('text')
  entityId: string;

  @Column('uuid', { array: true, default: () => "'{}'" })
  organisationIds: string[];

  @Column('jsonb', { nullable: true })
  before: Record<string, unknown> | null;

  @Column('jsonb', { nullable: true })
  after: Record<string, unknown> | null;
}
