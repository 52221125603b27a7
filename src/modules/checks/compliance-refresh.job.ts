import { Injectable, Logger, type OnApplicationBootstrap } from '@nestjs/common';
import { COMPLIANCE_REFRESH_QUEUE } from '../../../migrations/1796800000000-ComplianceRefreshOnTheQueue.js';
import { JobQueue } from '../jobs/job-queue.js';
import { ChecksService } from './checks.service.js';

/** Every ten minutes (UTC cron on the shared queue: one instance runs each tick). */
export const COMPLIANCE_REFRESH_CRON = '*/10 * * * *';
/** Rotas refreshed per batch, and batches per run (the rest wait for the next tick). */
const BATCH = 100;
const MAX_BATCHES = 20;

/**
 * Scheduled compliance refresh: published rotas whose stored compliance a change marked stale are checked again
 * and stored, oldest first, so the compliance report and the rota's attention list are true between reads.
 */
@Injectable()
export class ComplianceRefreshJob implements OnApplicationBootstrap {
  private readonly logger = new Logger('ComplianceRefresh');

  constructor(
    private readonly jobs: JobQueue,
    private readonly checks: ChecksService,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    if (!this.jobs.running) return;
    await this.jobs.schedule(COMPLIANCE_REFRESH_QUEUE, COMPLIANCE_REFRESH_CRON);
    await this.jobs.work(COMPLIANCE_REFRESH_QUEUE, { pollingIntervalSeconds: 10 }, async () => {
      const refreshed = await this.run();
      if (refreshed) this.logger.log(`compliance refreshed on ${refreshed} published rota(s)`);
    });
  }

  /** Refreshes stale rotas in batches; answers how many. */
  async run(): Promise<number> {
    let total = 0;
    for (let i = 0; i < MAX_BATCHES; i++) {
      const n = await this.checks.refreshStale(undefined, BATCH);
      total += n;
      if (n < BATCH) break;
    }
    return total;
  }
}
