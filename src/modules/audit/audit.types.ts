import { ArgsType, Field, ID, InputType, ObjectType, registerEnumType } from '@nestjs/graphql';
import { IsEnum, IsOptional, IsString, IsUUID, Length, MaxLength } from 'class-validator';
import { GraphQLJSONObject } from 'graphql-scalars';
import { Connection, PageArgs } from '../../common/graphql/pagination.js';
import { UserField } from '../users/user.types.js';

/** What happened to the row (the database's own trigger operation). */
export enum AuditAction {
  INSERT = 'INSERT',
  UPDATE = 'UPDATE',
  DELETE = 'DELETE',
}
registerEnumType(AuditAction, { name: 'AuditAction', description: 'A row written, changed or deleted.' });

@ObjectType({
  description: 'One row written, changed or deleted, as the database recorded it in the same transaction.',
})
export class AuditEvent {
  @Field(() => ID)
  id: string;

  @Field()
  occurredAt: Date;

  @UserField({ description: 'Who made the change (`system`: the service itself).' })
  actor: string;

  /** The name their token carried then (names the user when nothing newer is known). */
  actorName: string | null;

  @Field(() => [String])
  actorRoles: string[];

  @Field(() => String, { nullable: true, description: 'The request (its x-request-id): one per API call.' })
  requestId: string | null;

  @Field(() => String, { nullable: true, description: 'The operation, e.g. `Mutation.assignStaff`.' })
  operation: string | null;

  @Field(() => AuditAction)
  action: AuditAction;

  @Field({ description: 'The table: `assignment`, `rule_override`, `placement_decision`…' })
  entity: string;

  @Field({ description: 'Its key (composite keys joined with /).' })
  entityId: string;

  @Field(() => [ID], { description: 'The organisations the row concerns.' })
  organisationIds: string[];

  @Field(() => GraphQLJSONObject, {
    nullable: true,
    description: 'Before: the whole row (delete) or the changed fields (update).',
  })
  before: Record<string, unknown> | null;

  @Field(() => GraphQLJSONObject, {
    nullable: true,
    description: 'After: the whole row (insert) or the changed fields (update).',
  })
  after: Record<string, unknown> | null;
}

export const AuditEventConnection = Connection(AuditEvent);

@InputType()
export class AuditEventFilter {
  @Field({ nullable: true, description: 'A table, e.g. `assignment`.' })
  @IsOptional()
  @IsString()
  @Length(1, 64)
  entity?: string;

  @Field({ nullable: true })
  @IsOptional()
  @IsString()
  @Length(1, 200)
  entityId?: string;

  @Field(() => ID, { nullable: true, description: 'A user’s `id`: their changes only.' })
  @IsOptional()
  @IsString()
  @Length(1, 255)
  actor?: string;

  @Field({ nullable: true, description: 'e.g. `Mutation.publishRota`.' })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  operation?: string;

  @Field({ nullable: true })
  @IsOptional()
  @IsString()
  @MaxLength(100)
  requestId?: string;

  @Field(() => AuditAction, { nullable: true })
  @IsOptional()
  @IsEnum(AuditAction)
  action?: AuditAction;

  @Field(() => ID, { nullable: true, description: 'Events concerning this organisation.' })
  @IsOptional()
  @IsUUID()
  organisationId?: string;

  @Field({ nullable: true, description: 'At or after this instant.' })
  @IsOptional()
  from?: Date;

  @Field({ nullable: true, description: 'Before this instant.' })
  @IsOptional()
  to?: Date;
}

@ArgsType()
export class AuditEventsArgs extends PageArgs {
  @Field(() => AuditEventFilter, { nullable: true })
  @IsOptional()
  filter?: AuditEventFilter | null;
}
