import { Field, ID, ObjectType } from '@nestjs/graphql';

@ObjectType({
  description: 'A calendar-feed link, shown once: keep it private, anyone with it can read the feed.',
})
export class CalendarFeed {
  @Field(() => ID)
  staffId: string;

  @Field({ description: 'The secret in the link (only its hash is stored).' })
  token: string;

  @Field({ description: 'Subscribe a calendar app to this address.' })
  url: string;

  @Field()
  issuedAt: Date;
}
