import { ArgsType, Field, ID, InputType, Int, ObjectType } from '@nestjs/graphql';
import { ArrayMaxSize, IsBoolean, IsOptional, IsUUID } from 'class-validator';
import { GraphQLJSONObject } from 'graphql-scalars';
import { Connection, PageArgs } from '../../common/graphql/pagination.js';
import { NotificationKind } from './notification.enums.js';

@ObjectType({
  description:
    'One entry of an inbox: for a person, or for a team (shared by its managers). Also sent by webhook and e-mail when configured.',
})
export class Notification {
  @Field(() => ID)
  id: string;

  @Field(() => NotificationKind)
  kind: NotificationKind;

  @Field(() => ID, { nullable: true, description: 'The person it is for (null: a team’s).' })
  recipientStaffId: string | null;

  @Field(() => ID, { nullable: true, description: 'The team whose managers it is for (null: a person’s).' })
  recipientTeamId: string | null;

  @Field({ description: 'One line.' })
  title: string;

  @Field()
  body: string;

  @Field(() => GraphQLJSONObject, {
    description: 'Ids the app can link to: rotaId, shiftId, placementId, absenceId, credentialId…',
  })
  links: Record<string, string>;

  @Field()
  createdAt: Date;

  @Field(() => Date, { nullable: true, description: 'When it was marked read (null: unread).' })
  readAt: Date | null;
}

export const NotificationConnection = Connection(Notification);

@ArgsType()
export class NotificationsArgs extends PageArgs {
  @Field(() => Boolean, { nullable: true, defaultValue: false, description: 'Only entries not yet read.' })
  unreadOnly?: boolean | null;
}

@InputType()
export class MarkNotificationsReadInput {
  @Field(() => [ID], { nullable: true, description: 'Entries of your inbox to mark read (1–500).' })
  @IsOptional()
  @ArrayMaxSize(500)
  @IsUUID('all', { each: true })
  ids?: string[] | null;

  @Field(() => Boolean, { nullable: true, description: 'Every unread entry of your inbox.' })
  @IsOptional()
  @IsBoolean()
  all?: boolean | null;
}

@ObjectType()
export class MarkNotificationsReadResult {
  @Field(() => Int, { description: 'Entries marked read now (those already read are not counted).' })
  marked: number;

  @Field(() => Int, { description: 'Entries of your inbox still unread.' })
  unreadCount: number;
}
