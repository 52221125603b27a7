import {
  defaultFieldResolver,
  type GraphQLField,
  type GraphQLFieldResolver,
  getNamedType,
  getNullableType,
  GraphQLList,
  GraphQLObjectType,
  type GraphQLOutputType,
  type GraphQLSchema,
  GraphQLUnionType,
  isListType,
  isNonNullType,
  isObjectType,
  isUnionType,
} from 'graphql';
import { ForbiddenError } from '../errors/domain-error.js';
import { type CompiledPolicy, compilePolicy, isStructuralType, type TypePolicy } from './policy.js';
import { HIDDEN_FIELDS, VisibilityScope } from './visibility-scope.js';

const ROOT_TYPES = new Set(['Query', 'Mutation', 'Subscription']);

/** What a resolver's context must carry for visibility to apply (the GraphQL context does). */
interface WithScope {
  visibility: VisibilityScope;
}

const isThenable = (v: unknown): v is Promise<unknown> =>
  typeof v === 'object' && v !== null && typeof (v as { then?: unknown }).then === 'function';

/**
 * The visibility policies of every object type, applied in one place: installed into the schema at start, they
 * wrap every field that returns a policed type (root, nested, list, union member) so each object is shown to
 * the caller as its type's policy says, whatever path reached it; `present` does the same for answers that
 * leave by another door (CSV downloads). A type or field with no policy stops the service at start.
 */
export class Visibility {
  private readonly compiled = new Map<string, CompiledPolicy>();
  private schema?: GraphQLSchema;

  constructor(private readonly policies: readonly TypePolicy[]) {}

  /** Checks every type and field has a policy, then wraps the resolvers. Returns the same schema. */
  install(schema: GraphQLSchema): GraphQLSchema {
    const problems = this.check(schema);
    if (problems.length) {
      throw new Error(`Visibility policies are incomplete:\n  ${problems.join('\n  ')}`);
    }
    for (const policy of this.policies) {
      const type = schema.getType(policy.type) as GraphQLObjectType;
      const lists = new Set(
        Object.values(type.getFields())
          .filter((f) => isListType(getNullableType(f.type)))
          .map((f) => f.name),
      );
      this.compiled.set(policy.type, compilePolicy(policy, lists));
    }
    for (const type of Object.values(schema.getTypeMap())) {
      if (!isObjectType(type) || type.name.startsWith('__')) continue;
      const own = this.compiled.get(type.name);
      for (const field of Object.values(type.getFields())) {
        this.wrapReturn(field);
        if (own) this.guardRestricted(own, field);
      }
    }
    this.schema = schema;
    return schema;
  }

  /** Every policed type's compiled policy (the README's table and the tests read them). */
  policyOf(type: string): CompiledPolicy | undefined {
    return this.compiled.get(type);
  }

  /**
   * A value of a GraphQL type as the caller would see it through the API, for answers that are not GraphQL
   * responses (CSV). Walks the fields present on the value.
   */
  async present<T>(scope: VisibilityScope, typeName: string, value: T): Promise<T> {
    if (!this.schema) throw new Error('Visibility.present before install');
    const type = this.schema.getType(typeName);
    if (!type || !isObjectType(type)) throw new Error(`No object type ${typeName}`);
    return (await this.presentTree(scope, type, value)) as T;
  }

  private async presentTree(
    scope: VisibilityScope,
    type: GraphQLOutputType,
    value: unknown,
  ): Promise<unknown> {
    if (value === null || value === undefined) return value;
    const inner = getNullableType(type);
    if (inner instanceof GraphQLList) {
      const items = await Promise.all(
        (value as unknown[]).map((v) => this.presentTree(scope, inner.ofType, v)),
      );
      return items.filter((v) => v !== null && v !== undefined);
    }
    if (!(inner instanceof GraphQLObjectType)) return value;
    const compiled = this.compiled.get(inner.name);
    const shown = compiled ? await scope.view(compiled, value as object) : value;
    if (shown === null) return null;
    const out: Record<string, unknown> = { ...(shown as Record<string, unknown>) };
    for (const field of Object.values(inner.getFields())) {
      if (!(field.name in out) || !isObjectType(getNamedType(field.type))) continue;
      out[field.name] = await this.presentTree(scope, field.type, out[field.name]);
    }
    return out;
  }

  private check(schema: GraphQLSchema): string[] {
    const problems: string[] = [];
    const byType = new Map<string, TypePolicy>();
    for (const policy of this.policies) {
      if (byType.has(policy.type)) problems.push(`${policy.type}: two policies`);
      byType.set(policy.type, policy);
      const type = schema.getType(policy.type);
      if (!type || !isObjectType(type)) {
        problems.push(`${policy.type}: a policy for a type the schema does not have`);
        continue;
      }
      if (typeof policy.rows === 'function' && !policy.rowsNote) {
        problems.push(`${policy.type}: rows decided by a function need a rowsNote saying who sees them`);
      }
      const fields = type.getFields();
      const listed = new Map<string, string>();
      for (const [audience, names] of Object.entries(policy.fields)) {
        for (const name of names ?? []) {
          if (listed.has(name)) problems.push(`${policy.type}.${name}: listed under two audiences`);
          listed.set(name, audience);
          if (!fields[name]) problems.push(`${policy.type}.${name}: no such field`);
        }
      }
      for (const field of Object.values(fields)) {
        const audience = listed.get(field.name);
        if (!audience) {
          problems.push(`${policy.type}.${field.name}: no audience (add it to the type's visibility policy)`);
        } else if (
          audience !== 'PUBLIC' &&
          isNonNullType(field.type) &&
          !isListType(getNullableType(field.type)) &&
          !policy.masks?.[field.name]
        ) {
          problems.push(
            `${policy.type}.${field.name}: restricted to ${audience} but non-null: make it nullable or give a mask`,
          );
        }
      }
      for (const name of Object.keys(policy.masks ?? {})) {
        if (!listed.has(name) || listed.get(name) === 'PUBLIC')
          problems.push(`${policy.type}.${name}: a mask for a field that is not restricted`);
      }
    }
    for (const type of Object.values(schema.getTypeMap())) {
      if (!isObjectType(type) || type.name.startsWith('__') || ROOT_TYPES.has(type.name)) continue;
      if (!byType.has(type.name) && !isStructuralType(type.name)) {
        problems.push(`${type.name}: no visibility policy (add one to src/config/policies.ts)`);
      }
    }
    return problems;
  }

  /** Wraps a field whose result is (or may be) an object of a policed type. */
  private wrapReturn(field: GraphQLField<unknown, unknown>): void {
    const named = getNamedType(field.type);
    let pick: ((value: object, context: unknown, info: unknown) => CompiledPolicy | undefined) | undefined;
    if (isObjectType(named)) {
      const compiled = this.compiled.get(named.name);
      if (!compiled || compiled.trivial) return;
      pick = () => compiled;
    } else if (isUnionType(named)) {
      if (named.getTypes().every((t) => this.compiled.get(t.name)?.trivial ?? true)) return;
      pick = (value, context, info) => this.unionMember(named, value, context, info);
    } else {
      return;
    }
    const resolve: GraphQLFieldResolver<unknown, unknown> = field.resolve ?? defaultFieldResolver;
    const nonNull = isNonNullType(field.type);
    const shape = field.type;
    field.resolve = (source, args, context, info) => {
      const result = resolve(source, args, context, info);
      const scope = (context as WithScope).visibility;
      const show = (value: unknown) => this.show(scope, shape, value, nonNull, pick!, context, info);
      return isThenable(result) ? result.then(show) : show(result);
    };
  }

  private show(
    scope: VisibilityScope,
    type: GraphQLOutputType,
    value: unknown,
    nonNull: boolean,
    pick: (value: object, context: unknown, info: unknown) => CompiledPolicy | undefined,
    context: unknown,
    info: unknown,
  ): unknown {
    // graphql-js treats a returned Error as the field's error (Nest's exception filter returns them).
    if (value === null || value === undefined || value instanceof Error) return value;
    if (isListType(getNullableType(type))) {
      const list = value as object[];
      const first = list.find((v) => v !== null && v !== undefined);
      if (!first) return list;
      const single = pick(first, context, info);
      // One policy for the whole list (a list of one type), else per element (a list of a union).
      if (single && list.every((v) => v === null || v === undefined || pick(v, context, info) === single)) {
        return scope.viewAll(single, list);
      }
      return Promise.all(
        list.map((v) => {
          const p = v === null || v === undefined ? undefined : pick(v, context, info);
          return Promise.resolve(p ? scope.view(p, v) : v);
        }),
      ).then((shown) => shown.filter((v) => v !== null && v !== undefined));
    }
    const compiled = pick(value as object, context, info);
    if (!compiled) return value;
    const shown = scope.view(compiled, value as object);
    const checked = (v: object | null) => {
      if (v === null && nonNull) throw new ForbiddenError(`Not in your scope: that ${compiled.policy.type}`);
      return v;
    };
    return shown instanceof Promise ? shown.then(checked) : checked(shown);
  }

  private unionMember(
    union: GraphQLUnionType,
    value: object,
    context: unknown,
    info: unknown,
  ): CompiledPolicy | undefined {
    const resolved = union.resolveType?.(value, context, info as never, union);
    if (typeof resolved === 'string') return this.compiled.get(resolved);
    return undefined;
  }

  /** A restricted field with its own resolver: skip the resolver when the field is hidden from this caller. */
  private guardRestricted(compiled: CompiledPolicy, field: GraphQLField<unknown, unknown>): void {
    const audience = compiled.audienceOf.get(field.name);
    if (!audience || audience.relations.length === 0 || !field.resolve) return;
    const resolve = field.resolve;
    const name = field.name;
    field.resolve = (source, args, context, info) => {
      const hidden = (source as { [HIDDEN_FIELDS]?: Set<string> } | null)?.[HIDDEN_FIELDS];
      if (hidden?.has(name)) return (source as Record<string, unknown>)[name];
      return resolve(source, args, context, info);
    };
  }
}
