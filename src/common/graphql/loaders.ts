import DataLoader from 'dataloader';
import type { DataSource, EntityTarget, ObjectLiteral } from 'typeorm';
import { rowsWhereIn } from '../database/plain-rows.js';

/** How to build one kind of loader from the data source. Defined next to the module that owns the data. */
export type LoaderFactory<K, V> = (dataSource: DataSource) => DataLoader<K, V>;

/**
 * The per-request set of DataLoaders (created in the GraphQL context, so nothing is cached across requests).
 * Field resolvers ask for a loader by its factory; each batch is one `WHERE … = ANY($1)` query.
 */
export class Loaders {
  private readonly loaders = new Map<LoaderFactory<unknown, unknown>, DataLoader<unknown, unknown>>();
  private readonly known = new Map<LoaderFactory<unknown, unknown>, Map<unknown, unknown>>();
  /** The known values of each factory's `only` variants, by the factory. */
  private readonly variantsKnown = new Map<LoaderFactory<unknown, unknown>, Array<Map<unknown, unknown>>>();

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

  /**
   * A row known to `factory` or to any of its `only` variants: complete in the factory's `always` properties
   * only (a visibility subject), whatever else was asked for.
   */
  peekRow<K, V>(factory: PrunableFactory<K, V>, key: K): V | undefined {
    const own = this.peek(factory, key);
    if (own !== undefined) return own;
    for (const map of this.variantsKnown.get(factory as LoaderFactory<unknown, unknown>) ?? []) {
      if (map.has(key)) return map.get(key) as V;
    }
    return undefined;
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
      const base = (factory as Variant)[BASE];
      if (base) {
        const all = this.variantsKnown.get(base) ?? [];
        all.push(map);
        this.variantsKnown.set(base, all);
      }
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

/**
 * A loader factory that can also read fewer columns: `only(properties)` is the same loader selecting just those
 * (and `always`), memoised per set, so one query shape batches together. Rows it loads are partial: read them
 * through the same variant (or, for `always` properties only, `Loaders.peekRow`). When a property asked for is not
 * a column of the entity (a field computed from others that nobody declared), the variant reads every column.
 */
export interface PrunableFactory<K, V> extends LoaderFactory<K, V> {
  only(properties: Iterable<string> | undefined): LoaderFactory<K, V>;
  /** Properties every variant reads (keys, order, filters, visibility subjects). */
  readonly always: readonly string[];
}

/** The variant a factory was made from (`only`), for `peekRow`. */
const BASE = Symbol('tandem.loaderBase');
type Variant = LoaderFactory<unknown, unknown> & { [BASE]?: LoaderFactory<unknown, unknown> };

/** At most this many column sets per loader: past it (a client asking many shapes), variants read everything. */
const MAX_VARIANTS = 64;

function prunable<K, V>(
  always: readonly string[],
  load: (dataSource: DataSource, keys: readonly K[], only: ReadonlySet<string> | undefined) => Promise<V[]>,
): PrunableFactory<K, V> {
  const base = ((dataSource: DataSource) =>
    new DataLoader<K, V>((keys) => load(dataSource, keys, undefined))) as PrunableFactory<K, V>;
  const variants = new Map<string, LoaderFactory<K, V>>();
  const byList = new WeakMap<object, LoaderFactory<K, V>>();
  const only = (properties: Iterable<string> | undefined): LoaderFactory<K, V> => {
    if (properties === undefined) return base;
    // The same list (selectedProperties memoises per query shape) finds its variant without sorting again.
    const known = byList.get(properties);
    if (known) return known;
    const variant = variantOf(properties);
    byList.set(properties, variant);
    return variant;
  };
  const variantOf = (properties: Iterable<string>): LoaderFactory<K, V> => {
    const wanted = [...new Set([...always, ...properties])].sort();
    const key = wanted.join(',');
    let variant = variants.get(key);
    if (variant) return variant;
    if (variants.size >= MAX_VARIANTS) return base;
    const set = new Set(wanted);
    variant = (dataSource: DataSource) => new DataLoader<K, V>((keys) => load(dataSource, keys, set));
    (variant as Variant)[BASE] = base as LoaderFactory<unknown, unknown>;
    variants.set(key, variant);
    return variant;
  };
  return Object.assign(base, { only, always });
}

/** A loader of entities by primary key; missing ids load as null. */
export function byIdLoader<E extends ObjectLiteral & { id: string }>(
  entity: EntityTarget<E>,
  always: readonly string[] = [],
): PrunableFactory<string, E | null> {
  return prunable<string, E | null>(['id', ...always], async (dataSource, ids, only) => {
    const rows = await rowsWhereIn(dataSource, entity, 'id', ids, undefined, only);
    const byId = new Map(rows.map((r) => [r.id, r]));
    return ids.map((id) => byId.get(id) ?? null);
  });
}

/** A loader of all rows whose `column` equals each key (one-to-many), ordered by `orderBy`. */
export function byColumnLoader<E extends ObjectLiteral>(
  entity: EntityTarget<E>,
  property: keyof E & string,
  orderBy: string,
  always: readonly string[] = [],
): PrunableFactory<string, E[]> {
  return prunable<string, E[]>(['id', property, orderBy, ...always], async (dataSource, keys, only) => {
    const rows = await rowsWhereIn(dataSource, entity, property, keys, orderBy, only);
    const groups = new Map<string, E[]>(keys.map((k) => [k, []]));
    for (const row of rows) groups.get(row[property] as string)?.push(row);
    return keys.map((k) => groups.get(k) ?? []);
  });
}
