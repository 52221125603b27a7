import type { ColumnMetadata } from 'typeorm/metadata/ColumnMetadata.js';
import type {
  DataSource,
  EntityMetadata,
  EntityTarget,
  ObjectLiteral,
  SelectQueryBuilder,
  ValueTransformer,
} from 'typeorm';

/** How to read one entity's rows without TypeORM's hydration: its columns, and the few that need converting. */
interface RowShape {
  columns: ReadonlyArray<{ propertyPath: string; propertyName: string }>;
  names: ReadonlySet<string>;
  convert: ReadonlyArray<{ propertyName: string; from: (value: unknown) => unknown }>;
  /** Some column needs TypeORM's own hydration (an enum array, simple-json…): read through getMany. */
  typeormOnly: boolean;
}

const shapes = new WeakMap<EntityMetadata, RowShape>();

const fromOf = (transformer: ValueTransformer | ValueTransformer[]) =>
  Array.isArray(transformer)
    ? (v: unknown) => transformer.reduceRight((acc, t) => t.from(acc) as unknown, v)
    : (v: unknown) => transformer.from(v) as unknown;

function shapeOf(metadata: EntityMetadata): RowShape {
  let shape = shapes.get(metadata);
  if (shape) return shape;
  const special = (c: ColumnMetadata) =>
    c.embeddedMetadata !== undefined ||
    (c.isArray && (c.type === 'enum' || c.type === 'simple-enum')) ||
    ['simple-json', 'simple-array', 'simple-enum', 'hstore', 'cube', 'ltree'].includes(String(c.type));
  shape = {
    columns: metadata.columns.map((c) => ({ propertyPath: c.propertyPath, propertyName: c.propertyName })),
    names: new Set(metadata.columns.map((c) => c.propertyName)),
    convert: metadata.columns
      .filter((c) => c.transformer !== undefined)
      .map((c) => ({ propertyName: c.propertyName, from: fromOf(c.transformer!) })),
    typeormOnly: metadata.columns.some(special),
  };
  shapes.set(metadata, shape);
  return shape;
}

/**
 * The rows a query builder selects, as plain objects with the entity's property names and its columns'
 * transformers applied — what `getMany()` gives for a single-entity query (no joins, no relations), without the
 * per-row cost of TypeORM's hydration (the read path's lists: a page of staff, a rota's assignments).
 */
export async function plainRows<T extends ObjectLiteral>(
  qb: SelectQueryBuilder<T>,
  /** Only these properties (columns the answer needs); every column when undefined. */
  only?: ReadonlySet<string>,
): Promise<T[]> {
  const metadata = qb.expressionMap.mainAlias?.metadata;
  if (!metadata || qb.expressionMap.joinAttributes.length > 0) return qb.getMany();
  const shape = shapeOf(metadata);
  if (shape.typeormOnly) return qb.getMany();
  // A name that is not a column (a field computed from others nobody declared): read every column.
  if (only && !areColumns(metadata, only)) only = undefined;
  const alias = qb.alias;
  const q = qb.clone().select([]);
  for (const c of shape.columns) {
    if (!only || only.has(c.propertyName)) q.addSelect(`${alias}.${c.propertyPath}`, c.propertyName);
  }
  const rows = (await q.getRawMany()) as Array<Record<string, unknown>>;
  for (const c of shape.convert) {
    if (only && !only.has(c.propertyName)) continue;
    for (const row of rows) row[c.propertyName] = c.from(row[c.propertyName]);
  }
  return rows as T[];
}

/** Whether every one of `properties` is a column of the entity (so a row of just those can stand for it). */
function areColumns(metadata: EntityMetadata, properties: Iterable<string>): boolean {
  const names = shapeOf(metadata).names;
  for (const p of properties) if (!names.has(p)) return false;
  return true;
}

const statements = new WeakMap<EntityMetadata, Map<string, string>>();

/**
 * The rows of an entity whose `keyProperty` is one of `keys`, ordered by `orderBy`, as plain objects (see
 * plainRows) — the loaders' one query, its SQL built once per entity and column set instead of by a query
 * builder per batch.
 */
export async function rowsWhereIn<T extends ObjectLiteral>(
  dataSource: DataSource,
  entity: EntityTarget<T>,
  keyProperty: string,
  keys: readonly unknown[],
  orderBy: string | undefined,
  only: ReadonlySet<string> | undefined,
): Promise<T[]> {
  const metadata = dataSource.getMetadata(entity);
  const shape = shapeOf(metadata);
  if (shape.typeormOnly) {
    const qb = dataSource
      .getRepository(entity)
      .createQueryBuilder('e')
      .where(`e.${keyProperty} = ANY(:keys)`, { keys: [...keys] });
    if (orderBy) qb.orderBy(`e.${orderBy}`, 'ASC');
    return qb.getMany();
  }
  if (only && !areColumns(metadata, only)) only = undefined;
  const key = `${keyProperty}|${orderBy ?? ''}|${only ? [...only].sort().join(',') : '*'}`;
  let byKey = statements.get(metadata);
  if (!byKey) statements.set(metadata, (byKey = new Map()));
  let sql = byKey.get(key);
  if (!sql) {
    const column = (property: string) => {
      const c = metadata.findColumnWithPropertyPath(property);
      if (!c) throw new Error(`${metadata.name} has no column ${property}`);
      return `"e"."${c.databaseName}"`;
    };
    const selected = metadata.columns
      .filter((c) => !only || only.has(c.propertyName))
      .map((c) => `"e"."${c.databaseName}" AS "${c.propertyName}"`);
    sql =
      `SELECT ${selected.join(', ')} FROM "${metadata.tableName}" "e" WHERE ${column(keyProperty)} = ANY($1)` +
      (orderBy ? ` ORDER BY ${column(orderBy)} ASC` : '');
    byKey.set(key, sql);
  }
  const rows = (await dataSource.query(sql, [[...keys]])) as Array<Record<string, unknown>>;
  for (const c of shape.convert) {
    if (only && !only.has(c.propertyName)) continue;
    for (const row of rows) row[c.propertyName] = c.from(row[c.propertyName]);
  }
  return rows as T[];
}
