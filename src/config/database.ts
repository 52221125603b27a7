import { mkdirSync } from 'node:fs';
import { resolve } from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { btree_gist } from '@electric-sql/pglite/contrib/btree_gist';
import { createPgConfig } from '@electric-sql/pglite/node-postgres';
import pg from 'pg';
import { DataSource, type DataSourceOptions, type Logger as TypeOrmLogger } from 'typeorm';
import { type DatabaseConfig, DEFAULT_DATABASE_TIMEOUTS, type DatabaseTimeouts } from './config.js';
import { lockDataDirectory } from './data-dir-lock.js';
import { ENTITIES } from './entities.js';
import { SnakeNamingStrategy } from '../common/database/snake-naming.strategy.js';
import { RequestDeadlineSubscriber } from '../common/database/request-deadline.subscriber.js';
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
  // A request past its deadline starts no more statements (security/request-timeout.ts).
  subscribers: [RequestDeadlineSubscriber] as Function[],
  namingStrategy: new SnakeNamingStrategy(),
  migrationsTransactionMode: 'each',
  synchronize: false,
  uuidExtension: 'pgcrypto',
  installExtensions: false,
} as const;

/**
 * node-postgres settings for the timeouts: the server ends a statement or an idle open transaction itself; the
 * client gives up on a connection that does not open, and on a statement a second after the server should have
 * ended it (a frozen server or network never answers at all).
 */
function timeoutOptions(t: DatabaseTimeouts): Record<string, number | boolean> {
  return {
    connectionTimeoutMillis: t.connectMs,
    statement_timeout: t.statementMs,
    idle_in_transaction_session_timeout: t.idleInTransactionMs,
    ...(t.statementMs > 0 ? { query_timeout: t.statementMs + 1_000 } : {}),
    keepAlive: true,
  };
}

/**
 * @param appRole the role every connection runs as from its start (the server applies `-c role=…`: `RESET ROLE`
 *   comes back to it), instead of the login user; that user must be a member of it.
 */
export function postgresOptions(
  url: string,
  poolSize = 10,
  logger?: TypeOrmLogger,
  timeouts: DatabaseTimeouts = DEFAULT_DATABASE_TIMEOUTS,
  appRole?: string,
): DataSourceOptions {
  return {
    ...baseOptions,
    url,
    poolSize,
    logger,
    extra: {
      application_name: 'tandem',
      ...timeoutOptions(timeouts),
      ...(appRole ? { options: `-c role=${appRole}` } : {}),
    },
  };
}

/** The connections cannot become the app role: say what to do about it. */
function appRoleError(appRole: string, error: unknown): Error {
  return new Error(
    `Cannot switch the service's database connections to DATABASE_APP_ROLE "${appRole}" ` +
      `(${(error as Error).message}): run the migrations (they create it), grant it to the DATABASE_URL user ` +
      `(GRANT ${appRole} TO <user>), or set DATABASE_APP_ROLE empty when that user is restricted already`,
    { cause: error },
  );
}

const isRoleError = (error: unknown): boolean =>
  /\brole\b/.test((error as Error)?.message ?? '') &&
  ['42501', '22023', '42704'].includes((error as { code?: string })?.code ?? '');

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

/**
 * Opens (creating if need be) the embedded PostgreSQL; `memory://` gives a throwaway database. An on-disk data
 * directory is locked for this process first (a second process is refused, naming the first); `close` closes
 * the database and then releases the lock.
 */
export async function openPglite(dataDir: string): Promise<{ pglite: PGlite; close(): Promise<void> }> {
  if (dataDir === 'memory://') {
    const pglite = await PGlite.create({ extensions: EMBEDDED_EXTENSIONS });
    return { pglite, close: () => (pglite.closed ? Promise.resolve() : pglite.close()) };
  }
  const lock = await lockDataDirectory(dataDir);
  try {
    const path = resolve(dataDir, 'pgdata');
    mkdirSync(path, { recursive: true });
    const pglite = await PGlite.create({ dataDir: path, extensions: EMBEDDED_EXTENSIONS });
    return {
      pglite,
      close: async () => {
        try {
          if (!pglite.closed) await pglite.close();
        } finally {
          await lock.release();
        }
      },
    };
  } catch (error) {
    await lock.release();
    throw error;
  }
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
    const timeouts = config.timeouts ?? DEFAULT_DATABASE_TIMEOUTS;
    if (runMigrations) {
      // Migrations may rewrite large tables: they run on their own connection without the statement limit, as
      // the owner of the schema (DATABASE_MIGRATION_URL, else the DATABASE_URL user), never as the app role.
      const migrator = new DataSource(
        postgresOptions(config.migrationUrl ?? config.url, 1, options.logger, {
          ...timeouts,
          statementMs: 0,
          idleInTransactionMs: 0,
        }),
      );
      await migrator.initialize();
      try {
        await migrator.runMigrations({ transaction: 'each' });
      } finally {
        await migrator.destroy();
      }
    }
    const dataSource = new DataSource(
      postgresOptions(config.url, config.poolSize, options.logger, timeouts, config.appRole),
    );
    try {
      await dataSource.initialize();
    } catch (error) {
      throw config.appRole && isRoleError(error) ? appRoleError(config.appRole, error) : error;
    }
    return { dataSource, close: () => dataSource.destroy() };
  }
  // A PGlite handed in (tests load one from a snapshot) is closed by whoever made it.
  const opened = options.pglite
    ? { pglite: options.pglite, close: async () => undefined }
    : await openPglite(config.dataDir);
  const { pglite } = opened;
  const dataSource = new DataSource(embeddedOptions(pglite, options.logger));
  try {
    await dataSource.initialize();
    if (runMigrations) await dataSource.runMigrations({ transaction: 'each' });
    // One session for the life of the process (poolSize 1, kept open; the adapter keeps PGlite's one backend
    // whatever the pool does): it runs as the app role from here on. Its session user is still PGlite's
    // superuser, so this guards against mistakes, not against someone who can run SQL of their choosing.
    if (config.appRole) {
      await dataSource.query(`SET ROLE ${config.appRole}`).catch((error: unknown) => {
        throw appRoleError(config.appRole!, error);
      });
    }
  } catch (error) {
    if (dataSource.isInitialized) await dataSource.destroy();
    await opened.close();
    throw error;
  }
  return {
    dataSource,
    pglite,
    close: async () => {
      if (dataSource.isInitialized) await dataSource.destroy();
      await opened.close();
    },
  };
}
