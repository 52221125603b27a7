import { Inject, Injectable, Logger, type OnApplicationBootstrap } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { ServiceUnavailableError } from '../../common/errors/domain-error.js';
import { APP_CONFIG } from '../../config/config.module.js';
import type { AppConfig } from '../../config/config.js';
import { SOLVE_QUEUE } from '../../../migrations/1796500000000-SolveRunsOnAQueue.js';
import { JobQueue } from '../jobs/job-queue.js';
import { SolveRunner } from './solve-runner.js';

/**
 * The solve queue, on the process's shared job queue (pg-boss on the service's own database), so any process
 * sharing the database can run the jobs. This process works `SOLVER_WORKERS` jobs at once, each in a worker
 * thread (0: it only queues them).
 */
@Injectable()
export class SolveQueue implements OnApplicationBootstrap {
  private readonly logger = new Logger('SolveQueue');
  private sweep?: NodeJS.Timeout;

  constructor(
    private readonly jobs: JobQueue,
    private readonly runner: SolveRunner,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    if (!this.jobs.running) return;
    // Before the queue stops: running solves stop and keep their best.
    this.jobs.onStop(async () => {
      clearInterval(this.sweep);
      await this.runner.stopAll();
    });
    // Runs lost with a worker that died are failed now and then (their jobs expire on the queue).
    await this.runner.failLost();
    this.sweep = setInterval(() => {
      this.runner.failLost().catch((error: Error) => this.logger.warn(`sweep: ${error.message}`));
    }, 60_000);
    this.sweep.unref();
    const workers = this.config.solver.workers;
    for (let i = 0; i < workers; i++) {
      await this.jobs.work<{ runId: string }>(SOLVE_QUEUE, { pollingIntervalSeconds: 1 }, async (job) => {
        await this.runner.run(job.data.runId);
      });
    }
  }

  /** Queues a run, inside the caller's transaction (the run and its job are stored together or not at all). */
  async enqueue(em: EntityManager, runId: string, seconds: number): Promise<void> {
    if (!this.jobs.running) {
      throw new ServiceUnavailableError(
        'The solve queue is not running: try again later',
        'QUEUE_NOT_RUNNING',
      );
    }
    // A run stops itself at its budget; the job's expiry is only a backstop for a worker that died.
    await this.jobs.send(
      SOLVE_QUEUE,
      { runId },
      { em, retryLimit: 0, expireInSeconds: Math.max(600, seconds * 2 + 300) },
    );
  }
}
