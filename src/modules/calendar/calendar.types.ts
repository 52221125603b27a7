import { Field, ID, InputType, ObjectType } from '@nestjs/graphql';
import { IsOptional, IsUUID } from 'class-validator';

@InputType({ description: 'Whose calendar feed: yourself unless HR names someone of their organisation.' })
export class CalendarFeedInput {
  @Field(() => ID, { nullable: true, description: 'Default: yourself.' })
  @IsOptional()
  @IsUUID()
  staffId?: string | null;
}

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
