import {
  Inject,
  Injectable,
  Logger,
  type OnApplicationBootstrap,
  type BeforeApplicationShutdown,
} from '@nestjs/common';
import PgBoss from 'pg-boss';
import type { Pool } from 'pg';
import { DataSource, type EntityManager } from 'typeorm';
import type { PostgresDriver } from 'typeorm/driver/postgres/PostgresDriver.js';
import { ServiceUnavailableError } from '../../common/errors/domain-error.js';
import { APP_CONFIG } from '../../config/config.module.js';
import type { AppConfig } from '../../config/config.js';
import { SOLVE_QUEUE } from '../../../migrations/1796500000000-SolveRunsOnAQueue.js';
import { SolveRunner } from './solve-runner.js';

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

/**
 * The solve queue: pg-boss on the service's own database (the server's pool, or the embedded database's one
 * connection), so any process sharing the database can run the jobs. Its schema and the queue were made by a
 * migration (the service role changes no schema); this process works `SOLVER_WORKERS` jobs at once, each in a
 * worker thread (0: it only queues them).
 */
@Injectable()
export class SolveQueue implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly logger = new Logger('SolveQueue');
  private boss?: PgBoss;
  private sweep?: NodeJS.Timeout;

  constructor(
    private readonly dataSource: DataSource,
    private readonly runner: SolveRunner,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    if (!this.dataSource.isInitialized) return;
    const pool = (this.dataSource.driver as PostgresDriver).master as Pool;
    const boss = new PgBoss({
      db: { executeSql: (text: string, values: unknown[]) => pool.query(text, values) },
      schema: 'pgboss',
      // The schema is the migrations' business; cron schedules are not used.
      migrate: false,
      schedule: false,
      supervise: true,
    });
    boss.on('error', (error) => this.logger.warn(`queue: ${error.message}`));
    await boss.start();
    this.boss = boss;
    // Runs lost with a worker that died are failed now and then (their jobs expire on the queue).
    await this.runner.failLost();
    this.sweep = setInterval(() => {
      this.runner.failLost().catch((error: Error) => this.logger.warn(`sweep: ${error.message}`));
    }, 60_000);
    this.sweep.unref();
    const workers = this.config.solver.workers;
    for (let i = 0; i < workers; i++) {
      await boss.work<{ runId: string }>(
        SOLVE_QUEUE,
        { batchSize: 1, pollingIntervalSeconds: 1 },
        async ([job]) => {
          if (job) await this.runner.run(job.data.runId);
        },
      );
    }
  }

  /** Queues a run, inside the caller's transaction (the run and its job are stored together or not at all). */
  async enqueue(em: EntityManager, runId: string, seconds: number): Promise<void> {
    if (!this.boss) {
      throw new ServiceUnavailableError(
        'The solve queue is not running: try again later',
        'QUEUE_NOT_RUNNING',
      );
    }
    await this.boss.send(
      SOLVE_QUEUE,
      { runId },
      // A run stops itself at its budget; the job's expiry is only a backstop for a worker that died.
      { db: transactionDb(em), retryLimit: 0, expireInSeconds: Math.max(600, seconds * 2 + 300) },
    );
  }

  /** Before the database closes: running solves stop and keep their best; the queue stops taking jobs. */
  async beforeApplicationShutdown(): Promise<void> {
    const boss = this.boss;
    this.boss = undefined;
    clearInterval(this.sweep);
    await this.runner.stopAll();
    if (boss) await boss.stop({ graceful: true, wait: true, timeout: 10_000 }).catch(() => undefined);
  }
}
