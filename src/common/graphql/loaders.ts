import DataLoader from 'dataloader';
import type { DataSource, EntityTarget, ObjectLiteral } from 'typeorm';

/** How to build one kind of loader from the data source. Defined next to the module that owns the data. */
export type LoaderFactory<K, V> = (dataSource: DataSource) => DataLoader<K, V>;

/**
 * The per-request set of DataLoaders (created in the GraphQL context, so nothing is cached across requests).
 * Field resolvers ask for a loader by its factory; each batch is one `WHERE … = ANY($1)` query.
 */
export class Loaders {
  private readonly loaders = new Map<LoaderFactory<unknown, unknown>, DataLoader<unknown, unknown>>();
  private readonly known = new Map<LoaderFactory<unknown, unknown>, Map<unknown, unknown>>();

  constructor(private readonly dataSource: DataSource) {}

  /**
   * Loads `keys` in one batch and remembers the values, so that resolvers below can read them synchronously with
   * `peek` (no promise per object: a list's children resolve in bulk).
   */
  async prefetch<K, V>(factory: LoaderFactory<K, V>, keys: readonly K[]): Promise<void> {
    const map = this.knownOf(factory);
    const missing = [...new Set(keys)].filter((k) => !map.has(k));
    if (!missing.length) return;
    const values = await this.get(factory).loadMany(missing);
    missing.forEach((k, i) => {
      const v = values[i];
      if (!(v instanceof Error)) map.set(k, v);
    });
  }

  /** Tells the loader a value the caller already has (a parent row), for `load` and `peek` alike. */
  remember<K, V>(factory: LoaderFactory<K, V>, key: K, value: V): void {
    const map = this.knownOf(factory);
    if (map.has(key)) return;
    map.set(key, value);
    this.get(factory).prime(key, value);
  }

  /** A value `prefetch` or `remember` already has, or undefined. */
  peek<K, V>(factory: LoaderFactory<K, V>, key: K): V | undefined {
    return this.known.get(factory as LoaderFactory<unknown, unknown>)?.get(key) as V | undefined;
  }

  /** `peek`, else `load`: synchronous when the value is known. */
  read<K, V>(factory: LoaderFactory<K, V>, key: K): V | Promise<V> {
    const map = this.known.get(factory as LoaderFactory<unknown, unknown>);
    if (map?.has(key)) return map.get(key) as V;
    return this.get(factory).load(key);
  }

  private knownOf<K, V>(factory: LoaderFactory<K, V>): Map<unknown, unknown> {
    let map = this.known.get(factory as LoaderFactory<unknown, unknown>);
    if (!map) {
      map = new Map();
      this.known.set(factory as LoaderFactory<unknown, unknown>, map);
    }
    return map;
  }

  get<K, V>(factory: LoaderFactory<K, V>): DataLoader<K, V> {
    let loader = this.loaders.get(factory as LoaderFactory<unknown, unknown>);
    if (!loader) {
      loader = factory(this.dataSource) as DataLoader<unknown, unknown>;
      this.loaders.set(factory as LoaderFactory<unknown, unknown>, loader);
    }
    return loader as DataLoader<K, V>;
  }
}

/** A loader of entities by primary key; missing ids load as null. */
export function byIdLoader<E extends ObjectLiteral & { id: string }>(
  entity: EntityTarget<E>,
): LoaderFactory<string, E | null> {
  return (dataSource) =>
    new DataLoader<string, E | null>(async (ids) => {
      const rows = await dataSource
        .getRepository(entity)
        .createQueryBuilder('e')
        .where('e.id = ANY(:ids)', { ids: [...ids] })
        .getMany();
      const byId = new Map(rows.map((r) => [r.id, r]));
      return ids.map((id) => byId.get(id) ?? null);
    });
}

/** A loader of all rows whose `column` equals each key (one-to-many), ordered by `orderBy`. */
export function byColumnLoader<E extends ObjectLiteral>(
  entity: EntityTarget<E>,
  property: keyof E & string,
  orderBy: string,
): LoaderFactory<string, E[]> {
  return (dataSource) =>
    new DataLoader<string, E[]>(async (keys) => {
      const rows = await dataSource
        .getRepository(entity)
        .createQueryBuilder('e')
        .where(`e.${property} = ANY(:keys)`, { keys: [...keys] })
        .orderBy(`e.${orderBy}`, 'ASC')
        .getMany();
      const groups = new Map<string, E[]>(keys.map((k) => [k, []]));
      for (const row of rows) groups.get(row[property] as string)?.push(row);
      return keys.map((k) => groups.get(k) ?? []);
    });
}
