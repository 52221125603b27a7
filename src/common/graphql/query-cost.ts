import type { ApolloServerPlugin } from '@apollo/server';
import {
  type DocumentNode,
  getNamedType,
  getNullableType,
  getOperationAST,
  GraphQLError,
  type GraphQLField,
  type GraphQLNamedType,
  type GraphQLOutputType,
  type GraphQLSchema,
  isCompositeType,
  isInterfaceType,
  isListType,
  isObjectType,
  type OperationDefinitionNode,
  TypeInfo,
  ValidationContext,
} from 'graphql';
import { type ComplexityEstimatorArgs, createComplexityRule } from 'graphql-query-complexity';
import { ErrorCode } from '../errors/domain-error.js';
import { DEFAULT_PAGE_SIZE, MAX_PAGE_SIZE } from './pagination.js';

/**
 * Query cost: what a request will make the service load and send, estimated from the document and its
 * variables before anything runs. Every field costs 1 plus what is selected under it, and lists multiply:
 *
 * - a connection (`staff(first: 100)`) multiplies its selection by `first` (default 50, at most 500) — all of
 *   it, `pageInfo` and `totalCount` too: a few points too many, never too few;
 * - an unpaged list of objects (`Rota.shifts`) multiplies its selection by the length declared next to the
 *   field with `complexity: listOf(n)` — every such field has one (tests/unit/query-cost.spec.ts);
 * - introspection is not multiplied (it is switched off in production).
 *
 * So 30 aliases of `rota → shifts → assignments → staff → credentials` cost 30 × 150 × 30 × 25 × what is
 * selected per credential, while a manager's whole rota with its people costs a few tens of thousands.
 */

/** About how many items a list field holds: a number, or one worked out from the field's arguments. */
export type ListSize = number | ((args: Record<string, unknown>) => number);

const LIST_SIZE = Symbol.for('tandem.listSize');

/** A `complexity` estimator that says how long its list is (what listOf returns). */
export interface ListCost {
  (options: { args: Record<string, unknown>; childComplexity: number }): number;
  readonly [LIST_SIZE]: ListSize;
}

/** Documents and variables holding more nodes than this (fragments counted where spread) are refused. */
export const MAX_QUERY_NODES = 10_000;

function clampSize(n: number): number {
  return Number.isFinite(n) ? Math.min(Math.max(Math.ceil(n), 1), MAX_PAGE_SIZE) : MAX_PAGE_SIZE;
}

/**
 * The `complexity` option of a field returning an unpaged list of objects: about `size` items (a typical
 * large case, not the average), each costing what is selected under it.
 */
export function listOf(size: ListSize): ListCost {
  const cost = ({ args, childComplexity }: { args: Record<string, unknown>; childComplexity: number }) =>
    1 + listLength(size, args) * childComplexity;
  return Object.assign(cost, { [LIST_SIZE]: size });
}

function listLength(size: ListSize, args: Record<string, unknown>): number {
  if (typeof size === 'number') return size;
  try {
    return clampSize(size(args));
  } catch {
    return MAX_PAGE_SIZE;
  }
}

/** The list length declared on a field with listOf, if any. */
export function declaredListSize(field: GraphQLField<unknown, unknown>): ListSize | undefined {
  const complexity = field.extensions?.complexity as Partial<ListCost> | undefined;
  return typeof complexity === 'function' ? complexity[LIST_SIZE] : undefined;
}

/** A Relay connection type (pagination.ts): `edges` and `pageInfo`. */
export function isConnectionType(type: GraphQLNamedType | undefined): boolean {
  if (!isObjectType(type)) return false;
  const fields = type.getFields();
  return 'edges' in fields && 'pageInfo' in fields;
}

/** A list of objects (interfaces, unions), whatever the nullability. */
export function isListOfObjects(type: GraphQLOutputType): boolean {
  const nullable = getNullableType(type);
  return isListType(nullable) && isCompositeType(getNamedType(nullable));
}

/** The page size a connection field will use: `first`, else the default; what pageSize() accepts. */
function pageSizeOf(first: unknown): number {
  if (first === null || first === undefined) return DEFAULT_PAGE_SIZE;
  return typeof first === 'number' ? clampSize(first) : MAX_PAGE_SIZE;
}

/** The one estimator: see the rules at the top of this file. */
export function fieldCost({ type, field, args, childComplexity }: ComplexityEstimatorArgs): number {
  if (type.name.startsWith('__') || field.name.startsWith('__')) return 1 + childComplexity;
  const declared = field.extensions?.complexity as ListCost | number | undefined;
  if (typeof declared === 'function') return declared({ args, childComplexity });
  if (typeof declared === 'number') return declared + childComplexity;
  if (isConnectionType(getNamedType(field.type))) return 1 + pageSizeOf(args.first) * childComplexity;
  // A connection's edges are multiplied by the field that returned the connection.
  if (field.name === 'edges' && isConnectionType(type)) return 1 + childComplexity;
  // A list nobody declared a length for (the unit test stops any reaching main): assume the longest.
  if (isListOfObjects(field.type)) return 1 + MAX_PAGE_SIZE * childComplexity;
  return 1 + childComplexity;
}

/**
 * The cost of one operation of a document (the only one by default), with its variables. It walks that
 * operation's selections (and the fragments they spread) once, and nothing else: not graphql-query-complexity's
 * getComplexity, which first visits the whole document with type information for nothing.
 */
export function queryCost(
  schema: GraphQLSchema,
  document: DocumentNode,
  variables: Record<string, unknown> = {},
  operation?: OperationDefinitionNode | null,
): number {
  const chosen = operation ?? getOperationAST(document);
  if (!chosen) throw new GraphQLError('No single operation to run in the document: name one');
  const errors: GraphQLError[] = [];
  const rule = createComplexityRule({
    estimators: [fieldCost],
    maximumComplexity: Number.MAX_SAFE_INTEGER,
    maxQueryNodes: MAX_QUERY_NODES,
    variables,
  });
  const visitor = rule(new ValidationContext(schema, document, new TypeInfo(schema), (e) => errors.push(e)));
  visitor.onOperationDefinitionEnter(chosen);
  if (errors.length > 0) throw errors[0];
  return visitor.complexity;
}

/**
 * Fields that return a list of objects without a declared length, and connection fields without `first`:
 * each should be declared (listOf) or paged. Leaf lists (ids, enum values) come with their row and cost 1.
 */
export function undeclaredListFields(schema: GraphQLSchema): string[] {
  const missing: string[] = [];
  for (const type of Object.values(schema.getTypeMap())) {
    if (type.name.startsWith('__') || !(isObjectType(type) || isInterfaceType(type))) continue;
    for (const field of Object.values(type.getFields())) {
      const name = `${type.name}.${field.name}`;
      if (isConnectionType(getNamedType(field.type))) {
        if (!field.args.some((a) => a.name === 'first')) missing.push(`${name} (a connection without first)`);
      } else if (isListOfObjects(field.type)) {
        if (field.name === 'edges' && isConnectionType(type)) continue;
        if (declaredListSize(field) === undefined) missing.push(name);
      }
    }
  }
  return missing;
}

function refusal(message: string, extensions: Record<string, unknown> = {}): GraphQLError {
  return new GraphQLError(message, {
    extensions: { ...extensions, code: ErrorCode.BAD_USER_INPUT, http: { status: 400 } },
  });
}

/**
 * Refuses, before execution, an operation costlier than `maxCost` (BAD_USER_INPUT, HTTP 400, with `cost` and
 * `maxCost`). It runs once per request after the operation is resolved, when the variables are known: one walk
 * of the operation (none when the same operation without variables comes again), nothing during execution.
 */
export function queryCostLimit(maxCost: number): ApolloServerPlugin {
  // Apollo hands back the same parsed document for the same query text: one without variables always costs the same.
  const fixedCosts = new WeakMap<OperationDefinitionNode, number>();
  return {
    async requestDidStart() {
      return {
        async didResolveOperation({ schema, document, request, operation }) {
          const fixed = operation && !operation.variableDefinitions?.length ? operation : undefined;
          let cost = fixed && fixedCosts.get(fixed);
          try {
            cost ??= queryCost(schema, document, request.variables ?? {}, operation);
          } catch (error) {
            // Too many nodes, or variables that do not fit the operation: refused as bad input either way.
            throw refusal(error instanceof Error ? error.message : String(error));
          }
          if (fixed) fixedCosts.set(fixed, cost);
          if (cost > maxCost) {
            throw refusal(
              `Query cost ${cost} is over the limit of ${maxCost}: ask for smaller pages (first), fewer nested lists or fewer aliases`,
              { cost, maxCost },
            );
          }
        },
      };
    },
  };
}
