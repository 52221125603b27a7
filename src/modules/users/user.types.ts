import { Field, ID, ObjectType, type FieldOptions } from '@nestjs/graphql';

/** What a `User` field resolves from: the subject stored on the record, and any name recorded beside it. */
export interface UserRef {
  id: string;
  /** The name the record itself kept (the audit trail keeps the name the token had at the time). */
  recordedName?: string | null;
}

@ObjectType({
  description:
    'A person who signs in: whoever decided, requested, recorded or changed something. Named by their staff record when they have one, else by the name their sign-in carries.',
})
export class User {
  @Field(() => ID, { description: 'Their sign-in id (the identity provider’s subject).' })
  id: string;
}

/**
 * Declares a field naming a person who signs in. The object keeps their token subject in the property of the same
 * name (`decidedBy: 'demo-manager-ward7'`, and optionally a recorded name in `<field>Name`); the API answers a
 * `User` (installUserFields puts one resolver on every such field).
 */
export const UserField = (options: Pick<FieldOptions, 'nullable' | 'description'> = {}): PropertyDecorator =>
  Field(() => User, options);
