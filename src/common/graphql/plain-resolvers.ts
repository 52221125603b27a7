import {
  isObjectType,
  type GraphQLFieldResolver,
  type GraphQLResolveInfo,
  type GraphQLSchema,
} from 'graphql';
import type { GraphQLContext } from './graphql-context.js';
import { selectedProperties } from './selected-properties.js';

/**
 * A field resolver on the hot read path, run by graphql-js as a plain function: none of Nest's per-call parameter
 * resolution, pipes and promise wrapping, and synchronous when what it returns is already loaded. The field is
 * still declared (type, arguments, description) by its `@ResolveField` method, which calls the same function, so
 * there is one implementation.
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type PlainResolver = GraphQLFieldResolver<any, GraphQLContext, any>;

/** `{ 'Type.field': resolver }`, declared next to the resolvers of a module. */
export type PlainResolvers = Readonly<Record<string, PlainResolver>>;

/** Puts each plain resolver in place of the field's Nest resolver; refuses to start on a field that is not there. */
export function installPlainResolvers(schema: GraphQLSchema, all: readonly PlainResolvers[]): GraphQLSchema {
  for (const resolvers of all) {
    for (const [path, resolve] of Object.entries(resolvers)) {
      const [typeName, fieldName] = path.split('.') as [string, string];
      const type = schema.getType(typeName);
      const field = isObjectType(type) ? type.getFields()[fieldName] : undefined;
      if (!field) throw new Error(`A plain resolver for ${path}, which the schema does not have`);
      field.resolve = resolve;
    }
  }
  return schema;
}

/**
 * Whether the query asks for `name` directly under this field (through inline fragments and fragment spreads
 * too): a list resolver loads its children's data in bulk only when they are wanted.
 */
export function selectsField(info: GraphQLResolveInfo, name: string): boolean {
  return selectedProperties(info)?.includes(name) ?? false;
}
