import { Context, Parent, ResolveField, Resolver } from '@nestjs/graphql';
import { isNonNullType, isObjectType, type GraphQLSchema, getNamedType } from 'graphql';
import type { PlainResolvers } from '../../common/graphql/plain-resolvers.js';
import type { GraphQLContext } from '../../common/graphql/graphql-context.js';
import { staffById } from '../staff/staff.loaders.js';
import type { StaffMemberEntity } from '../staff/staff-member.entity.js';
import { StaffMember } from '../staff/staff.types.js';
import type { AppUserEntity } from './user.entity.js';
import { User, type UserRef } from './user.types.js';
import { userBySubject } from './users.loaders.js';

const ROOTS = new Set(['Query', 'Mutation', 'Subscription']);

/** The audit trail's actor for what the service does by itself (migrations, triggers, start-up). */
const SYSTEM = 'system';

const then = <A, B>(value: A | Promise<A>, f: (a: A) => B | Promise<B>): B | Promise<B> =>
  value instanceof Promise ? value.then(f) : f(value);

/** The person behind a subject, and their staff record when they have one (both loaded in bulk). */
function personOf(ref: UserRef, ctx: GraphQLContext) {
  return then(ctx.loaders.read(userBySubject, ref.id), (user: AppUserEntity | null) =>
    user?.staffId
      ? then(ctx.loaders.read(staffById, user.staffId), (staff: StaffMemberEntity | null) => ({
          user,
          staff,
        }))
      : { user, staff: null },
  );
}

/** Plain resolvers (see plain-resolvers.ts): User fields sit under lists (a rota's assignments, audit events). */
export const USER_READ_PATH: PlainResolvers = {
  'User.name': (ref: UserRef, _args, ctx: GraphQLContext) =>
    ref.id === SYSTEM
      ? 'Tandem (the service itself)'
      : then(personOf(ref, ctx), ({ user, staff }) =>
          staff ? `${staff.givenName} ${staff.familyName}` : (user?.name ?? ref.recordedName ?? ref.id),
        ),
  'User.staffMember': (ref: UserRef, _args, ctx: GraphQLContext) =>
    then(personOf(ref, ctx), ({ staff }) => staff),
};

@Resolver(() => User)
export class UsersResolver {
  @ResolveField(() => String, {
    description:
      'Their staff record’s name when they are staff, else the name their sign-in carries, else their id.',
  })
  name(@Parent() ref: UserRef, @Context() ctx: GraphQLContext) {
    return USER_READ_PATH['User.name']!(ref, {}, ctx, undefined as never);
  }

  @ResolveField(() => StaffMember, {
    nullable: true,
    description: 'Their staff record, when they are staff.',
  })
  staffMember(@Parent() ref: UserRef, @Context() ctx: GraphQLContext) {
    return USER_READ_PATH['User.staffMember']!(ref, {}, ctx, undefined as never);
  }
}

/**
 * Puts one resolver on every field whose type is `User` (declared with `@UserField`): it turns the subject the
 * object keeps under that field's name into a `UserRef`, with the name recorded under `<field>Name` if any.
 * Refuses to start if such a field reads something that is not a subject.
 */
export function installUserFields(schema: GraphQLSchema): GraphQLSchema {
  for (const type of Object.values(schema.getTypeMap())) {
    if (!isObjectType(type) || ROOTS.has(type.name) || type.name.startsWith('__')) continue;
    for (const field of Object.values(type.getFields())) {
      if (getNamedType(field.type).name !== User.name) continue;
      const inner = isNonNullType(field.type) ? field.type.ofType : field.type;
      if (inner !== getNamedType(field.type)) {
        throw new Error(`${type.name}.${field.name}: a list of users is not a subject`);
      }
      const name = field.name;
      field.resolve = (parent: Record<string, unknown>): UserRef | null => {
        const subject = parent[name];
        if (subject === null || subject === undefined) return null;
        if (typeof subject !== 'string') {
          throw new Error(`${type.name}.${name} holds ${typeof subject}, not a subject`);
        }
        const recorded = parent[`${name}Name`];
        return { id: subject, recordedName: typeof recorded === 'string' ? recorded : null };
      };
    }
  }
  return schema;
}
