import { Inject, Injectable, Logger, type OnApplicationShutdown } from '@nestjs/common';
import { type ClientRateLimitInfo, MemoryStore, type Options, type Store } from 'express-rate-limit';
import pg from 'pg';
import { APP_CONFIG } from '../../config/config.module.js';
import type { AppConfig } from '../../config/config.js';

/** How long the counters may take before a request is counted in memory instead (connect, and each statement). */
export const COUNTER_TIMEOUT_MS = 1_000;

/**
 * One statement per request: count a hit on `key`, starting a new window when the key's last one has ended
 * (windows run from a key's first hit, as express-rate-limit's memory store does). The row lock taken by
 * ON CONFLICT serialises concurrent hits on one key, from any instance.
 */
const INCREMENT = `
  INSERT INTO rate_limit_counter AS c (key, window_start, hits) VALUES ($1, now(), 1)
  ON CONFLICT (key) DO UPDATE SET
    window_start = CASE WHEN c.window_start <= now() - $2::int * interval '1 millisecond'
                        THEN now() ELSE c.window_start END,
    hits = CASE WHEN c.window_start <= now() - $2::int * interval '1 millisecond' THEN 1 ELSE c.hits + 1 END
  RETURNING hits, window_start`;

/**
 * An express-rate-limit store keeping its counts in PostgreSQL (table rate_limit_counter), so every instance on
 * one server shares one allowance per client. If the server cannot count (down, or no answer within
 * COUNTER_TIMEOUT_MS) the request is counted in this process's memory instead: the limit then holds per instance,
 * as before, and the limiter neither turns a database outage into refusals nor lets requests through uncounted.
 */
export class PostgresRateLimitStore implements Store {
  readonly localKeys = false;
  private windowMs = 60_000;
  private readonly memory = new MemoryStore();
  private nextPurge = 0;
  private failingSince?: number;
  private readonly logger = new Logger('RateLimit');

  constructor(
    private readonly pool: pg.Pool,
    readonly prefix: string,
  ) {}

  init(options: Options): void {
    this.windowMs = options.windowMs;
    this.memory.init(options);
  }

  async increment(key: string): Promise<ClientRateLimitInfo> {
    try {
      const { rows } = await this.pool.query<{ hits: number; window_start: Date }>(INCREMENT, [
        this.prefix + key,
        this.windowMs,
      ]);
      this.recovered();
      this.purgeEndedWindows();
      return {
        totalHits: rows[0].hits,
        resetTime: new Date(rows[0].window_start.getTime() + this.windowMs),
      };
    } catch (error) {
      this.failed(error);
      return this.memory.increment(key);
    }
  }

  async get(key: string): Promise<ClientRateLimitInfo | undefined> {
    try {
      const { rows } = await this.pool.query<{ hits: number; window_start: Date }>(
        `SELECT hits, window_start FROM rate_limit_counter
         WHERE key = $1 AND window_start > now() - $2::int * interval '1 millisecond'`,
        [this.prefix + key, this.windowMs],
      );
      return rows[0]
        ? { totalHits: rows[0].hits, resetTime: new Date(rows[0].window_start.getTime() + this.windowMs) }
        : undefined;
    } catch (error) {
      this.failed(error);
      return this.memory.get(key);
    }
  }

  async decrement(key: string): Promise<void> {
    try {
      await this.pool.query(`UPDATE rate_limit_counter SET hits = hits - 1 WHERE key = $1 AND hits > 0`, [
        this.prefix + key,
      ]);
    } catch (error) {
      this.failed(error);
      await this.memory.decrement(key);
    }
  }

  async resetKey(key: string): Promise<void> {
    await this.memory.resetKey(key);
    try {
      await this.pool.query(`DELETE FROM rate_limit_counter WHERE key = $1`, [this.prefix + key]);
    } catch (error) {
      this.failed(error);
    }
  }

  shutdown(): void {
    this.memory.shutdown();
  }

  /** At most once a window per instance, in the background: rows whose window has ended go. */
  private purgeEndedWindows(): void {
    const now = Date.now();
    if (now < this.nextPurge) return;
    this.nextPurge = now + this.windowMs;
    this.pool
      .query(
        `DELETE FROM rate_limit_counter
         WHERE window_start <= now() - $2::int * interval '1 millisecond' AND starts_with(key, $1)`,
        [this.prefix, this.windowMs],
      )
      .catch((error: unknown) => this.failed(error));
  }

  private failed(error: unknown): void {
    if (this.failingSince !== undefined) return;
    this.failingSince = Date.now();
    this.logger.warn(
      `Rate-limit counters unavailable (${error instanceof Error ? error.message : String(error)}): counting in this instance's memory until the database answers`,
    );
  }

  private recovered(): void {
    if (this.failingSince === undefined) return;
    this.failingSince = undefined;
    this.logger.log('Rate-limit counters available again: counting in the database');
  }
}

/**
 * Where the rate limits count. On a PostgreSQL server: in the database, shared by every instance, over a small
 * pool of its own (2 connections, COUNTER_TIMEOUT_MS), so a busy application pool never holds up the limiter
 * and a hung server costs a request at most that long. On the embedded database there is only ever one process
 * per data directory (it is locked), so its memory is the whole truth: express-rate-limit's memory store.
 */
@Injectable()
export class RateLimitCounters implements OnApplicationShutdown {
  private readonly pool?: pg.Pool;
  private readonly stores: PostgresRateLimitStore[] = [];
  private readonly logger = new Logger('RateLimit');

  constructor(@Inject(APP_CONFIG) config: AppConfig) {
    if (config.database.kind !== 'postgres' || config.rateLimitPerMinute <= 0) return;
    this.pool = new pg.Pool({
      connectionString: config.database.url,
      max: 2,
      application_name: 'tandem-rate-limit',
      connectionTimeoutMillis: COUNTER_TIMEOUT_MS,
      statement_timeout: COUNTER_TIMEOUT_MS,
      query_timeout: COUNTER_TIMEOUT_MS + 500,
      keepAlive: true,
    });
    // An idle connection the server drops must not take the process with it.
    this.pool.on('error', (error) => this.logger.warn(`Rate-limit connection lost: ${error.message}`));
  }

  /** A store for one limiter (`prefix` keeps its keys apart), or undefined for express-rate-limit's memory store. */
  store(prefix: string): Store | undefined {
    if (!this.pool) return undefined;
    const store = new PostgresRateLimitStore(this.pool, prefix);
    this.stores.push(store);
    return store;
  }

  async onApplicationShutdown(): Promise<void> {
    for (const store of this.stores) store.shutdown();
    await this.pool?.end();
  }
}
