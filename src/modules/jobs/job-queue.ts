import { Injectable, Logger, type BeforeApplicationShutdown, type OnModuleInit } from '@nestjs/common';
import PgBoss from 'pg-boss';
import type { Pool } from 'pg';
import { DataSource, type EntityManager } from 'typeorm';
import type { PostgresDriver } from 'typeorm/driver/postgres/PostgresDriver.js';

/** pg-boss's view of a connection: one statement (or several, without parameters) in, rows out. */
type Db = { executeSql(text: string, values: unknown[]): Promise<{ rows: unknown[] }> };

/** Statements of a transaction the caller has open: the job is queued only if the transaction commits. */
export function transactionDb(em: EntityManager): Db {
  return {
    executeSql: async (text, values) => {
      const result = await em.queryRunner!.query(text, values, true);
      return { rows: (result.records as unknown[] | undefined) ?? [] };
    },
  };
}

export interface SendOptions {
  /** Queue the job in this transaction (it exists only if the transaction commits). */
  em?: EntityManager;
  singletonKey?: string;
  /** Not before this many seconds from now. */
  startAfterSeconds?: number;
  retryLimit?: number;
  expireInSeconds?: number;
}

/**
 * The one pg-boss of this process, on the service's own database (the server's pool, or the embedded database's
 * one connection): every instance sharing the database shares its queues. The queues and pg-boss's schema are
 * made by migrations (the service role changes no schema). Cron schedules are kept in the database and sent by
 * one instance per minute (pg-boss's timekeeper), so a scheduled tick runs once however many instances run.
 */
@Injectable()
export class JobQueue implements OnModuleInit, BeforeApplicationShutdown {
  private readonly logger = new Logger('JobQueue');
  private boss?: PgBoss;
  private readonly stopHooks: Array<() => Promise<void>> = [];

  constructor(private readonly dataSource: DataSource) {}

  async onModuleInit(): Promise<void> {
    if (!this.dataSource.isInitialized) return;
    const pool = (this.dataSource.driver as PostgresDriver).master as Pool;
    const boss = new PgBoss({
      db: { executeSql: (text: string, values: unknown[]) => pool.query(text, values) },
      schema: 'pgboss',
      // The schema and the queues are the migrations' business.
      migrate: false,
      schedule: true,
      supervise: true,
    });
    boss.on('error', (error) => this.logger.warn(`queue: ${error.message}`));
    await boss.start();
    this.boss = boss;
  }

  /** Whether the queue is running (not when the service has no database, as for the schema tools). */
  get running(): boolean {
    return this.boss !== undefined;
  }

  private get started(): PgBoss {
    if (!this.boss) throw new Error('The job queue is not running');
    return this.boss;
  }

  /** Works jobs of a queue in this process, one at a time per call. */
  async work<T extends object>(
    queue: string,
    options: { pollingIntervalSeconds?: number },
    handler: (job: PgBoss.Job<T>) => Promise<void>,
  ): Promise<void> {
    await this.started.work<T>(
      queue,
      { batchSize: 1, pollingIntervalSeconds: options.pollingIntervalSeconds ?? 2 },
      async ([job]) => {
        if (job) await handler(job);
      },
    );
  }

  /** Queues a job; null when a 'short' queue already has one waiting with that key. */
  async send(queue: string, data: object, options: SendOptions = {}): Promise<string | null> {
    const { em, startAfterSeconds, ...rest } = options;
    return this.started.send(queue, data, {
      ...rest,
      ...(startAfterSeconds ? { startAfter: Math.max(1, Math.ceil(startAfterSeconds)) } : {}),
      // In the caller's transaction when there is one (a manager outside one has no query runner of its own).
      ...(em?.queryRunner ? { db: transactionDb(em) } : {}),
    });
  }

  /** A cron schedule (UTC) on a queue: kept in the database, one per queue, replaced when it changes. */
  async schedule(queue: string, cron: string, data: object = {}): Promise<void> {
    await this.started.schedule(queue, cron, data, { tz: 'UTC' });
  }

  /** Runs before the queue stops at shutdown (work in progress winds down first). */
  onStop(hook: () => Promise<void>): void {
    this.stopHooks.push(hook);
  }

  async beforeApplicationShutdown(): Promise<void> {
    const boss = this.boss;
    this.boss = undefined;
    await Promise.all(this.stopHooks.map((hook) => hook().catch(() => undefined)));
    if (boss) await boss.stop({ graceful: true, wait: true, timeout: 10_000 }).catch(() => undefined);
  }
}
