import { Field, ID, InputType, Int, ObjectType } from '@nestjs/graphql';
import { IsEnum, IsInt, IsOptional, IsString, Length, Matches, Max, Min } from 'class-validator';
import { SkillKind } from './skill.enums.js';

@ObjectType({
  description:
    'A skill in the shared catalogue: a registration, training, competency, qualification or check.',
})
export class Skill {
  @Field(() => ID)
  id: string;

  @Field({ description: 'Stable code, e.g. CSTF_FIRE_SAFETY.' })
  code: string;

  @Field()
  name: string;

  @Field(() => SkillKind)
  kind: SkillKind;

  @Field(() => Int, {
    nullable: true,
    description: 'Months a credential lasts when no expiry is given; null: no expiry.',
  })
  defaultValidityMonths: number | null;

  @Field(() => String, { nullable: true })
  description: string | null;
}

@InputType()
export class SkillFilter {
  @Field(() => SkillKind, { nullable: true })
  @IsOptional()
  @IsEnum(SkillKind)
  kind?: SkillKind;

  @Field({ nullable: true, description: 'Part of the code or name, any case.' })
  @IsOptional()
  @IsString()
  @Length(1, 100)
  search?: string;
}

@InputType()
export class CreateSkillInput {
  @Field()
  @Matches(/^[A-Z][A-Z0-9_]{1,59}$/, {
    message: 'must be 2–60 capital letters, digits or _ starting with a letter',
  })
  code: string;

  @Field()
  @IsString()
  @Length(1, 200)
  @Matches(/\S/, { message: 'must not be blank' })
  name: string;

  @Field(() => SkillKind)
  @IsEnum(SkillKind)
  kind: SkillKind;

  @Field(() => Int, { nullable: true })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(120)
  defaultValidityMonths?: number | null;

  @Field(() => String, { nullable: true })
  @IsOptional()
  @IsString()
  @Length(0, 2000)
  description?: string | null;
}
