import { availableParallelism } from 'node:os';
import { z } from 'zod';
import { formatDuration, parseDuration } from './duration.js';

/**
 * Where the database lives: a PostgreSQL server, the embedded PGlite (on disk or in memory), or none (schema tools).
 * `appRole`: the role the service's connections switch to once migrations have run (undefined: none).
 */
export type DatabaseConfig =
  | {
      kind: 'postgres';
      url: string;
      /** Who runs migrations (the owner of the schema), when not the `url` user. */
      migrationUrl?: string;
      poolSize: number;
      timeouts?: DatabaseTimeouts;
      appRole?: string;
    }
  | { kind: 'embedded'; dataDir: string | 'memory://'; appRole?: string }
  | { kind: 'none' };

/**
 * The restricted role the migrations create: it reads and writes domain tables, only reads the audit trail, and
 * can change no schema object (so it can neither disable nor drop a trigger).
 */
export const DEFAULT_APP_ROLE = 'tandem_app';

/** How long the service waits on a PostgreSQL server before giving up (milliseconds; 0 = no limit). */
export interface DatabaseTimeouts {
  /** Opening a connection (a server that does not answer at all). */
  connectMs: number;
  /** One statement, enforced by the server (statement_timeout) and, a little later, by the client. */
  statementMs: number;
  /** A transaction left open with nothing running (idle_in_transaction_session_timeout). */
  idleInTransactionMs: number;
}

export const DEFAULT_DATABASE_TIMEOUTS: DatabaseTimeouts = {
  connectMs: 5_000,
  statementMs: 30_000,
  idleInTransactionMs: 60_000,
};

export interface AuthConfig {
  /** HS256 shared secret; tokens minted by `npm run token` use it. Unset in production without JWT_SECRET. */
  jwtSecret?: string;
  /** True when the secret is the built-in development one (never allowed in production). */
  usingDevelopmentSecret: boolean;
  issuer?: string;
  audience?: string;
  /** An identity provider's JWKS endpoint; RS/ES tokens are verified against it. */
  jwksUrl?: string;
  /** The longest a token may live (exp − iat, or exp − now without iat), in seconds; longer ones are refused. */
  maxLifetimeSeconds: number;
}

export interface AppConfig {
  env: 'development' | 'test' | 'production';
  host: string;
  port: number;
  logLevel: 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace' | 'silent';
  database: DatabaseConfig;
  auth: AuthConfig;
  graphql: {
    /** Serve the offline GraphQL IDE on GET /graphql. */
    ide: boolean;
    introspection: boolean;
    /** Deepest selection a query may nest. */
    maxDepth: number;
    /** Highest estimated cost of a query: 1 a field, lists multiplied by `first` or their declared length (query-cost.ts). */
    maxCost: number;
    maxAliases: number;
    /** A request still running after this many milliseconds is answered SERVICE_UNAVAILABLE and stopped (0: never). */
    requestTimeoutMs: number;
    /** API requests run at once; the rest wait their turn (memory stays flat under load). 0: no limit. */
    maxConcurrent: number;
  };
  /** Requests per minute per token (per address when anonymous); 0 switches the limit off. */
  rateLimitPerMinute: number;
  /** Seed the demo area on start when the embedded database is empty. */
  seedDemo: boolean;
  /** Print a bearer token for each demo user at start (development only, unless asked for). */
  printDemoTokens: boolean;
  health: {
    /** /health answers 503 when the database has not answered within this many milliseconds. */
    timeoutMs: number;
    /** /health answers 503 when the embedded database's disk has less free space than this (bytes). */
    minFreeDiskBytes: number;
  };
  /** The address clients reach the service at (links in calendar-feed answers); default http://host:port. */
  publicUrl: string;
  solver: {
    /**
     * Solve jobs this process runs at once, each in its own worker thread (0: it only queues them, for workers
     * elsewhere sharing the same database).
     */
    workers: number;
    /** The longest a manager may ask a run to search (seconds). */
    maxSeconds: number;
  };
  notifications: NotificationsConfig;
}

/** Outbound delivery of notifications (the inbox needs no configuration). */
export interface NotificationsConfig {
  /** Every notification is POSTed here, signed with `webhookSecret` (unset: no webhook). */
  webhook?: { url: string; secret: string };
  /** E-mail to people with an address on their staff record (unset: no e-mail). */
  smtp?: { url: string; from: string };
  /** Attempts before a delivery is given up (FAILED, kept). */
  maxAttempts: number;
  /** The wait before the first retry (seconds); doubled after each failure, at most a day. */
  retryBaseSeconds: number;
  /** How long a worker holds a delivery it is sending before another may take it (seconds). */
  leaseSeconds: number;
  /** Outbox deliveries this process sends (0: it only writes them, for other instances to send). */
  deliver: boolean;
}

export const DEVELOPMENT_JWT_SECRET = 'tandem-development-secret-do-not-use-in-production';

/** Bounds of JWT_MAX_LIFETIME. */
const MAX_LIFETIME_RANGE = { min: 60, max: 30 * 86_400 };

const booleanFlag = z
  .enum(['true', 'false', '1', '0', 'yes', 'no'])
  .transform((v) => v === 'true' || v === '1' || v === 'yes');

const envSchema = z
  .object({
    NODE_ENV: z.enum(['development', 'test', 'production']).default('development'),
    HOST: z.string().min(1).default('127.0.0.1'),
    PORT: z.coerce.number().int().min(0).max(65535).default(3000),
    LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).optional(),
    DATABASE_URL: z
      .string()
      .regex(/^postgres(ql)?:\/\//, 'must be a postgres:// or postgresql:// URL')
      .optional(),
    DATABASE_MIGRATION_URL: z
      .string()
      .regex(/^postgres(ql)?:\/\//, 'must be a postgres:// or postgresql:// URL')
      .optional(),
    DATABASE_APP_ROLE: z
      .string()
      .regex(/^[a-z_][a-z0-9_]{0,62}$/, 'must be a role name (lower-case letters, digits, _)')
      .default(DEFAULT_APP_ROLE),
    DATABASE_POOL_SIZE: z.coerce.number().int().min(1).max(200).default(10),
    TANDEM_DATA_DIR: z.string().min(1).default('./.data'),
    JWT_SECRET: z.string().min(32, 'must be at least 32 characters').optional(),
    JWT_ISSUER: z.string().min(1).optional(),
    JWT_AUDIENCE: z.string().min(1).optional(),
    JWT_JWKS_URL: z.url().optional(),
    JWT_MAX_LIFETIME: z
      .string()
      .default('12h')
      .transform((value, ctx) => {
        const seconds = parseDuration(value);
        if (seconds === undefined || seconds < MAX_LIFETIME_RANGE.min || seconds > MAX_LIFETIME_RANGE.max) {
          ctx.addIssue({
            code: 'custom',
            message: `must be a duration such as 12h, 90m or 1d, from ${formatDuration(MAX_LIFETIME_RANGE.min)} to ${formatDuration(MAX_LIFETIME_RANGE.max)}`,
          });
          return z.NEVER;
        }
        return seconds;
      }),
    GRAPHQL_IDE: booleanFlag.optional(),
    GRAPHQL_INTROSPECTION: booleanFlag.optional(),
    SEED_DEMO: booleanFlag.optional(),
    PRINT_DEMO_TOKENS: booleanFlag.optional(),
    DATABASE_CONNECT_TIMEOUT_MS: z.coerce.number().int().min(0).max(600_000).optional(),
    DATABASE_STATEMENT_TIMEOUT_MS: z.coerce.number().int().min(0).max(86_400_000).optional(),
    DATABASE_IDLE_IN_TRANSACTION_TIMEOUT_MS: z.coerce.number().int().min(0).max(86_400_000).optional(),
    HEALTH_TIMEOUT_MS: z.coerce.number().int().min(100).max(60_000).default(2_000),
    HEALTH_MIN_FREE_DISK_MB: z.coerce.number().int().min(0).max(1_000_000).default(64),
    PUBLIC_URL: z.url().optional(),
    GRAPHQL_MAX_DEPTH: z.coerce.number().int().min(2).max(100).default(12),
    GRAPHQL_MAX_COST: z.coerce.number().int().min(100).max(10_000_000).default(50_000),
    GRAPHQL_MAX_ALIASES: z.coerce.number().int().min(1).max(1000).default(30),
    GRAPHQL_REQUEST_TIMEOUT_MS: z.coerce.number().int().min(0).max(3_600_000).default(15_000),
    GRAPHQL_MAX_CONCURRENT: z.coerce
      .number()
      .int()
      .min(0)
      .max(10_000)
      .default(2 * availableParallelism()),
    RATE_LIMIT_PER_MINUTE: z.coerce.number().int().min(0).max(1_000_000).default(600),
    SOLVER_WORKERS: z.coerce.number().int().min(0).max(64).default(1),
    SOLVER_MAX_SECONDS: z.coerce.number().int().min(1).max(3_600).default(600),
    NOTIFY_WEBHOOK_URL: z
      .url()
      .regex(/^https?:\/\//, 'must be an http:// or https:// URL')
      .optional(),
    NOTIFY_WEBHOOK_SECRET: z.string().min(16, 'must be at least 16 characters').optional(),
    SMTP_URL: z
      .string()
      .regex(
        /^smtps?:\/\/[^/]+/,
        'must be an smtp:// or smtps:// URL, e.g. smtp://user:pass@mail.example:587',
      )
      .optional(),
    MAIL_FROM: z.string().min(3).max(320).optional(),
    NOTIFY_MAX_ATTEMPTS: z.coerce.number().int().min(1).max(100).default(10),
    NOTIFY_RETRY_BASE_SECONDS: z.coerce.number().int().min(1).max(86_400).default(30),
    NOTIFY_LEASE_SECONDS: z.coerce.number().int().min(2).max(3_600).default(120),
    NOTIFY_DELIVER: booleanFlag.optional(),
  })
  .superRefine((env, ctx) => {
    if (env.DATABASE_MIGRATION_URL && !env.DATABASE_URL) {
      ctx.addIssue({
        code: 'custom',
        path: ['DATABASE_MIGRATION_URL'],
        message: 'needs DATABASE_URL (the embedded database has one user)',
      });
    }
    if (env.NOTIFY_WEBHOOK_URL && !env.NOTIFY_WEBHOOK_SECRET) {
      ctx.addIssue({
        code: 'custom',
        path: ['NOTIFY_WEBHOOK_SECRET'],
        message: 'is required when NOTIFY_WEBHOOK_URL is set (webhooks are always signed)',
      });
    }
    if (env.NOTIFY_WEBHOOK_SECRET && !env.NOTIFY_WEBHOOK_URL) {
      ctx.addIssue({
        code: 'custom',
        path: ['NOTIFY_WEBHOOK_URL'],
        message: 'is required when NOTIFY_WEBHOOK_SECRET is set',
      });
    }
    if (env.SMTP_URL && !env.MAIL_FROM) {
      ctx.addIssue({
        code: 'custom',
        path: ['MAIL_FROM'],
        message: 'is required when SMTP_URL is set (the sender of notification e-mails)',
      });
    }
    if (env.MAIL_FROM && !env.SMTP_URL) {
      ctx.addIssue({ code: 'custom', path: ['SMTP_URL'], message: 'is required when MAIL_FROM is set' });
    }
    if (env.NODE_ENV === 'production' && !env.JWT_SECRET && !env.JWT_JWKS_URL) {
      ctx.addIssue({
        code: 'custom',
        path: ['JWT_SECRET'],
        message: 'is required in production (or set JWT_JWKS_URL)',
      });
    }
  });

export class ConfigError extends Error {}

/** Reads and validates configuration from environment variables; throws a ConfigError naming every bad variable. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): AppConfig {
  const blankToUndefined = Object.fromEntries(
    Object.entries(env).map(([k, v]) => [k, v === '' ? undefined : v]),
  );
  const parsed = envSchema.safeParse(blankToUndefined);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ');
    throw new ConfigError(`Invalid configuration: ${problems}`);
  }
  const e = parsed.data;
  const production = e.NODE_ENV === 'production';
  // Set but empty: the service connects with a role of its own and switches to none.
  const appRole = env.DATABASE_APP_ROLE === '' ? undefined : e.DATABASE_APP_ROLE;
  const database: DatabaseConfig = e.DATABASE_URL
    ? {
        kind: 'postgres',
        url: e.DATABASE_URL,
        ...(e.DATABASE_MIGRATION_URL ? { migrationUrl: e.DATABASE_MIGRATION_URL } : {}),
        poolSize: e.DATABASE_POOL_SIZE,
        timeouts: {
          connectMs: e.DATABASE_CONNECT_TIMEOUT_MS ?? DEFAULT_DATABASE_TIMEOUTS.connectMs,
          statementMs: e.DATABASE_STATEMENT_TIMEOUT_MS ?? DEFAULT_DATABASE_TIMEOUTS.statementMs,
          idleInTransactionMs:
            e.DATABASE_IDLE_IN_TRANSACTION_TIMEOUT_MS ?? DEFAULT_DATABASE_TIMEOUTS.idleInTransactionMs,
        },
        appRole,
      }
    : { kind: 'embedded', dataDir: e.TANDEM_DATA_DIR, appRole };
  return {
    env: e.NODE_ENV,
    host: e.HOST,
    port: e.PORT,
    logLevel: e.LOG_LEVEL ?? (e.NODE_ENV === 'test' ? 'silent' : 'info'),
    database,
    auth: {
      jwtSecret: e.JWT_SECRET ?? (production ? undefined : DEVELOPMENT_JWT_SECRET),
      usingDevelopmentSecret: !e.JWT_SECRET,
      issuer: e.JWT_ISSUER,
      audience: e.JWT_AUDIENCE,
      jwksUrl: e.JWT_JWKS_URL,
      maxLifetimeSeconds: e.JWT_MAX_LIFETIME,
    },
    graphql: {
      ide: e.GRAPHQL_IDE ?? !production,
      introspection: e.GRAPHQL_INTROSPECTION ?? !production,
      maxDepth: e.GRAPHQL_MAX_DEPTH,
      maxCost: e.GRAPHQL_MAX_COST,
      maxAliases: e.GRAPHQL_MAX_ALIASES,
      requestTimeoutMs: e.GRAPHQL_REQUEST_TIMEOUT_MS,
      maxConcurrent: e.GRAPHQL_MAX_CONCURRENT,
    },
    rateLimitPerMinute: e.RATE_LIMIT_PER_MINUTE,
    // Production never seeds demo data or prints working tokens unless explicitly told to.
    seedDemo: e.SEED_DEMO ?? (database.kind === 'embedded' && !production),
    printDemoTokens: e.PRINT_DEMO_TOKENS ?? !production,
    health: { timeoutMs: e.HEALTH_TIMEOUT_MS, minFreeDiskBytes: e.HEALTH_MIN_FREE_DISK_MB * 1024 * 1024 },
    publicUrl: (e.PUBLIC_URL ?? `http://${e.HOST.includes(':') ? `[${e.HOST}]` : e.HOST}:${e.PORT}`).replace(
      /\/+$/,
      '',
    ),
    solver: { workers: e.SOLVER_WORKERS, maxSeconds: e.SOLVER_MAX_SECONDS },
    notifications: {
      ...(e.NOTIFY_WEBHOOK_URL && e.NOTIFY_WEBHOOK_SECRET
        ? { webhook: { url: e.NOTIFY_WEBHOOK_URL, secret: e.NOTIFY_WEBHOOK_SECRET } }
        : {}),
      ...(e.SMTP_URL && e.MAIL_FROM ? { smtp: { url: e.SMTP_URL, from: e.MAIL_FROM } } : {}),
      maxAttempts: e.NOTIFY_MAX_ATTEMPTS,
      retryBaseSeconds: e.NOTIFY_RETRY_BASE_SECONDS,
      leaseSeconds: e.NOTIFY_LEASE_SECONDS,
      deliver: e.NOTIFY_DELIVER ?? true,
    },
  };
}
