import { ArgsType, Field, Int, ObjectType } from '@nestjs/graphql';
import { plainRows } from '../database/plain-rows.js';
import type { Type } from '@nestjs/common';
import type { ObjectLiteral, SelectQueryBuilder } from 'typeorm';
import { BadUserInputError } from '../errors/domain-error.js';

export const DEFAULT_PAGE_SIZE = 50;
export const MAX_PAGE_SIZE = 500;

@ArgsType()
export class PageArgs {
  @Field(() => Int, {
    nullable: true,
    description: `Page size, 1–${MAX_PAGE_SIZE} (default ${DEFAULT_PAGE_SIZE}).`,
  })
  first?: number | null;

  @Field(() => String, { nullable: true, description: 'The endCursor of the previous page.' })
  after?: string | null;
}

@ObjectType()
export class PageInfo {
  @Field()
  hasNextPage: boolean;

  @Field()
  hasPreviousPage: boolean;

  @Field(() => String, { nullable: true })
  startCursor: string | null;

  @Field(() => String, { nullable: true })
  endCursor: string | null;
}

export interface Edge<T> {
  cursor: string;
  node: T;
}

export interface ConnectionShape<T> {
  edges: Edge<T>[];
  pageInfo: PageInfo;
  /** Counted only when asked for (a lazy getter). */
  readonly totalCount: number | Promise<number>;
}

/** A Relay connection type for `T`: `<T>Connection { edges { cursor node } pageInfo totalCount }`. */
export function Connection<T>(nodeType: Type<T>, name = nodeType.name): Type<ConnectionShape<T>> {
  @ObjectType(`${name}Edge`)
  class EdgeType {
    @Field()
    cursor: string;

    @Field(() => nodeType)
    node: T;
  }

  @ObjectType(`${name}Connection`)
  class ConnectionType {
    @Field(() => [EdgeType])
    edges: EdgeType[];

    @Field(() => PageInfo)
    pageInfo: PageInfo;

    @Field(() => Int, { description: 'How many items match, across all pages.' })
    totalCount: number;
  }
  return ConnectionType as unknown as Type<ConnectionShape<T>>;
}

/** One key of a keyset ordering: the SQL expression and how to read its value off a row. */
export interface SortKey<T> {
  expression: string;
  value: (row: T) => string | number | null;
}

function encodeCursor(values: unknown[]): string {
  return Buffer.from(JSON.stringify(values)).toString('base64url');
}

function decodeCursor(cursor: string, length: number): unknown[] {
  try {
    const values: unknown = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
    if (Array.isArray(values) && values.length === length) return values;
  } catch {
    /* falls through to the error below */
  }
  throw new BadUserInputError('after: not a cursor returned by this list', 'after');
}

export function pageSize(first: number | null | undefined): number {
  if (first === null || first === undefined) return DEFAULT_PAGE_SIZE;
  if (!Number.isInteger(first) || first < 1 || first > MAX_PAGE_SIZE) {
    throw new BadUserInputError(`first: must be between 1 and ${MAX_PAGE_SIZE}`, 'first');
  }
  return first;
}

/**
 * Keyset (cursor) pagination over a query builder: stable under inserts, no OFFSET scans. The sort keys must
 * end with a unique column (the id) and every key must be non-null. Ascending order unless `descending`.
 */
export async function paginate<T extends ObjectLiteral>(
  qb: SelectQueryBuilder<T>,
  args: PageArgs,
  keys: SortKey<T>[],
  descending = false,
  /** Only these properties of each row (with the sort keys' own); every column when undefined. */
  only?: ReadonlySet<string>,
): Promise<ConnectionShape<T>> {
  const limit = pageSize(args.first);
  const countQb = qb.clone();
  if (args.after) {
    const values = decodeCursor(args.after, keys.length);
    const params = Object.fromEntries(values.map((v, i) => [`cursor${i}`, v]));
    qb.andWhere(
      `(${keys.map((k) => k.expression).join(', ')}) ${descending ? '<' : '>'} (${keys.map((_, i) => `:cursor${i}`).join(', ')})`,
      params,
    );
  }
  const order = descending ? 'DESC' : 'ASC';
  keys.forEach((k, i) => (i === 0 ? qb.orderBy(k.expression, order) : qb.addOrderBy(k.expression, order)));
  const rows = await plainRows(qb.take(undefined).limit(limit + 1), only);
  const page = rows.slice(0, limit);
  const cursorOf = (node: T) => encodeCursor(keys.map((k) => k.value(node)));
  // An edge's cursor is encoded only if the query asks for it (most pages want only the page's end).
  const edges = page.map((node) => ({
    node,
    get cursor() {
      return cursorOf(node);
    },
  }));
  let total: Promise<number> | undefined;
  return {
    edges,
    pageInfo: {
      hasNextPage: rows.length > limit,
      hasPreviousPage: Boolean(args.after),
      startCursor: page.length ? cursorOf(page[0]!) : null,
      endCursor: page.length ? cursorOf(page.at(-1)!) : null,
    },
    get totalCount() {
      total ??= countQb.getCount();
      return total;
    },
  };
}
