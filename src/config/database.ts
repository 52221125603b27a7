import { mkdirSync } from 'node:fs';
import { resolve } from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { btree_gist } from '@electric-sql/pglite/contrib/btree_gist';
import { createPgConfig } from '@electric-sql/pglite/node-postgres';
import pg from 'pg';
import { DataSource, type DataSourceOptions, type Logger as TypeOrmLogger } from 'typeorm';
import type { DatabaseConfig } from './config.js';
import { ENTITIES } from './entities.js';
import { SnakeNamingStrategy } from '../common/database/snake-naming.strategy.js';
import { MIGRATIONS } from '../../migrations/index.js';

// Local dates stay 'YYYY-MM-DD' strings (a `date` has no time zone; a JS Date would invent one).
pg.types.setTypeParser(pg.types.builtins.DATE, (value: string) => value);

/** A data source plus whatever must be closed after it (the embedded database). */
export interface OpenDatabase {
  dataSource: DataSource;
  /** The embedded PGlite instance, when there is one. */
  pglite?: PGlite;
  close(): Promise<void>;
}

const baseOptions = {
  type: 'postgres',
  entities: ENTITIES,
  migrations: MIGRATIONS,
  migrationsTableName: 'migrations',
  namingStrategy: new SnakeNamingStrategy(),
  migrationsTransactionMode: 'each',
  synchronize: false,
  uuidExtension: 'pgcrypto',
  installExtensions: false,
} as const;

export function postgresOptions(url: string, poolSize = 10, logger?: TypeOrmLogger): DataSourceOptions {
  return {
    ...baseOptions,
    url,
    poolSize,
    logger,
    extra: { application_name: 'tandem' },
  };
}

/** Options for the embedded database: PGlite behind its own node-postgres adapter, one connection. */
export function embeddedOptions(pglite: PGlite, logger?: TypeOrmLogger): DataSourceOptions {
  return {
    ...baseOptions,
    poolSize: 1,
    logger,
    // idleTimeoutMillis 0: keep the single adapter connection for the life of the process.
    extra: { ...createPgConfig(pglite), idleTimeoutMillis: 0 },
  };
}

export const EMBEDDED_EXTENSIONS = { btree_gist };

/** Opens (creating if need be) the embedded PostgreSQL; `memory://` gives a throwaway database. */
export async function openPglite(dataDir: string, loadDataDir?: Blob): Promise<PGlite> {
  if (dataDir === 'memory://') {
    return PGlite.create({ extensions: EMBEDDED_EXTENSIONS, loadDataDir });
  }
  const path = resolve(dataDir, 'pgdata');
  mkdirSync(path, { recursive: true });
  return PGlite.create({ dataDir: path, extensions: EMBEDDED_EXTENSIONS, loadDataDir });
}

/**
 * Opens the configured database and brings its schema up to date. Migrations run at start-up; `synchronize`
 * is never used. `kind: 'none'` returns an uninitialised data source (schema generation needs no database).
 */
export async function openDatabase(
  config: DatabaseConfig,
  options: { runMigrations?: boolean; logger?: TypeOrmLogger; pglite?: PGlite } = {},
): Promise<OpenDatabase> {
  const runMigrations = options.runMigrations ?? true;
  if (config.kind === 'none') {
    const dataSource = new DataSource({ ...baseOptions });
    return { dataSource, close: async () => undefined };
  }
  if (config.kind === 'postgres') {
    const dataSource = new DataSource(postgresOptions(config.url, config.poolSize, options.logger));
    await dataSource.initialize();
    if (runMigrations) await dataSource.runMigrations({ transaction: 'each' });
    return { dataSource, close: () => dataSource.destroy() };
  }
  const pglite = options.pglite ?? (await openPglite(config.dataDir));
  const ownsPglite = !options.pglite;
  const dataSource = new DataSource(embeddedOptions(pglite, options.logger));
  try {
    await dataSource.initialize();
    if (runMigrations) await dataSource.runMigrations({ transaction: 'each' });
  } catch (error) {
    if (dataSource.isInitialized) await dataSource.destroy();
    if (ownsPglite) await pglite.close();
    throw error;
  }
  return {
    dataSource,
    pglite,
    close: async () => {
      if (dataSource.isInitialized) await dataSource.destroy();
      if (ownsPglite && !pglite.closed) await pglite.close();
    },
  };
}
