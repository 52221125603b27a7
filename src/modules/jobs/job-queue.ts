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

/** One loop working a queue: `done` settles once it has stopped; `wake` cuts its wait between polls short. */
interface WorkLoop {
  done: Promise<void>;
  wake(): void;
}

/**
 * The one pg-boss of this process, on the service's own database (the server's pool, or the embedded database's
 * one connection): every instance sharing the database shares its queues. The queues and pg-boss's schema are
 * made by migrations (the service role changes no schema). Cron schedules are kept in the database and sent by
 * one instance per minute (pg-boss's timekeeper), so a scheduled tick runs once however many instances run.
 *
 * Jobs are worked by loops of this class's own (fetch, handle, then complete or fail, each awaited), not by
 * pg-boss's workers, whose stop does not wait for a fetch in flight and whose complete and fail are not awaited:
 * a job fetched as the service stopped was handled after the pool had closed, and its failure was an unhandled
 * rejection. Here the service stops its loops, and waits for them, before the database closes; a job fetched
 * once stopping has begun is handed back untouched for another instance (or the next start) to work.
 */
@Injectable()
export class JobQueue implements OnModuleInit, BeforeApplicationShutdown {
  private readonly logger = new Logger('JobQueue');
  private boss?: PgBoss;
  private pool?: Pool;
  private isStopping = false;
  private readonly loops: WorkLoop[] = [];
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
    this.pool = pool;
  }

  /** Whether the queue is running (not when the service has no database, as for the schema tools). */
  get running(): boolean {
    return this.boss !== undefined && !this.isStopping;
  }

  /** Whether the service has begun to stop its queue (its loops take no new job). */
  get stopping(): boolean {
    return this.isStopping;
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
    const boss = this.started;
    if (this.stopping) throw new Error('The job queue is stopping');
    const intervalMs = Math.max(0.1, options.pollingIntervalSeconds ?? 2) * 1000;
    let wake = (): void => undefined;
    const pause = () =>
      new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, intervalMs);
        wake = () => {
          clearTimeout(timer);
          resolve();
        };
      });
    const loop = async () => {
      while (!this.stopping) {
        let job: PgBoss.Job<T> | undefined;
        try {
          [job] = await boss.fetch<T>(queue, { batchSize: 1 });
        } catch (error) {
          this.logger.warn(`queue ${queue}: ${(error as Error).message}`);
        }
        if (job) await this.handle(boss, queue, job, handler);
        else if (!this.stopping) await pause();
      }
    };
    this.loops.push({ done: loop(), wake: () => wake() });
  }

  /** One job: handed back when the queue began to stop while it was fetched, else handled and its end recorded. */
  private async handle<T extends object>(
    boss: PgBoss,
    queue: string,
    job: PgBoss.Job<T>,
    handler: (job: PgBoss.Job<T>) => Promise<void>,
  ): Promise<void> {
    try {
      if (this.stopping) {
        // As it was before this fetch: waiting, its attempt not counted.
        await this.pool!.query(
          `UPDATE pgboss.job SET state = 'created', started_on = NULL
            WHERE name = $1 AND id = $2 AND state = 'active'`,
          [queue, job.id],
        );
        return;
      }
      let failure: Error | undefined;
      try {
        await handler(job);
      } catch (error) {
        failure = error as Error;
      }
      if (failure) await boss.fail(queue, job.id, failure);
      else await boss.complete(queue, job.id);
    } catch (error) {
      // The job stays active until it expires; pg-boss's supervisor then retries or fails it.
      this.logger.warn(`queue ${queue}, job ${job.id}: ${(error as Error).message}`);
    }
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

  /**
   * Before the database closes: the loops take no new job, work in progress winds down (the stop hooks), every
   * loop ends (a job in hand finished and recorded), then pg-boss stops.
   */
  async beforeApplicationShutdown(): Promise<void> {
    const boss = this.boss;
    if (!boss || this.stopping) return;
    this.isStopping = true;
    for (const loop of this.loops) loop.wake();
    await Promise.all(this.stopHooks.map((hook) => hook().catch(() => undefined)));
    await Promise.all(this.loops.map((loop) => loop.done));
    this.boss = undefined;
    await boss.stop({ graceful: true, wait: true, timeout: 10_000 }).catch(() => undefined);
  }
}
