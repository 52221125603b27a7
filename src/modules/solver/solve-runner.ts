import { Inject, Injectable, Logger } from '@nestjs/common';
import { APP_CONFIG } from '../../config/config.module.js';
import type { AppConfig } from '../../config/config.js';
import { DataSource } from 'typeorm';
import {
  type RotaFacts,
  type SolveOutcome,
  type SolveProgress,
  type Violation as CoreViolation,
} from '../../rota-core/index.js';
import { SOLVE_QUEUE } from '../../../migrations/1796500000000-SolveRunsOnAQueue.js';
import { ChecksService } from '../checks/checks.service.js';
import { AssignmentEntity } from '../rotas/assignment.entity.js';
import { endedBreaches, newBreaches } from '../rotas/rota-writer.js';
import { startSolveThread, type SolveThread } from './solve-thread.js';
import {
  SolveRunEntity,
  type StoredProposal,
  type StoredSolveProgress,
  type StoredViolation,
} from './solve-run.entity.js';
import { SolveRunStatus } from './solver.enums.js';

const stored = (v: CoreViolation): StoredViolation => ({ ...v });

const progressOf = (p: SolveProgress): StoredSolveProgress => ({
  hardCount: p.hardCount,
  softPenalty: p.softPenalty,
  moves: p.moves,
  movesPerSecond: Math.round(p.movesPerSecond),
  elapsedMs: Math.round(p.elapsedMs),
});

/** The proposal: the roster, its check, and its difference from the rota as it was when the run started. */
export function proposalOf(
  facts: RotaFacts,
  outcome: SolveOutcome,
  current: ReadonlyArray<{ id: string; shiftId: string; staffId: string }>,
  before: readonly CoreViolation[],
): StoredProposal {
  const pair = (a: { shiftId: string; staffId: string }) => `${a.shiftId}|${a.staffId}`;
  // The outcome also carries the people's work elsewhere (history, other teams), untouched: not the proposal's.
  const ofRota = new Set(facts.shifts.filter((s) => s.inRota).map((s) => s.id));
  const assignments = outcome.assignments
    .filter((a) => ofRota.has(a.shiftId))
    .map((a) => ({ shiftId: a.shiftId, staffId: a.staffId }));
  const proposed = new Set(assignments.map(pair));
  const now = new Set(current.map(pair));
  const after = outcome.check.violations;
  return {
    assignments,
    hardCount: outcome.check.hardCount,
    softPenalty: outcome.check.softPenalty,
    weightedSoftPenalty: outcome.weightedSoft,
    violations: after.map(stored),
    diff: {
      added: assignments.filter((a) => !now.has(pair(a))),
      removedAssignmentIds: current.filter((a) => !proposed.has(pair(a))).map((a) => a.id),
      unchanged: current.filter((a) => proposed.has(pair(a))).length,
      // Judged as the write path judges a change: the same breach identity, worse counts as new.
      violationsResolved: endedBreaches(before, after).map(stored),
      violationsIntroduced: newBreaches(before, after).map(stored),
    },
    moves: outcome.moves,
    movesPerSecond: Math.round(outcome.movesPerSecond),
    elapsedMs: Math.round(outcome.elapsedMs),
  };
}

/**
 * Runs one queued solve: claims it (a run cancelled while queued never starts), loads the rota's facts with
 * everyone who may work its shifts, searches in a worker thread (progress stored about once a second; a cancel
 * asked on any machine is seen there), checks the result again with the rules engine (the solver does; a
 * disagreement fails the run) and stores the proposal with its diff.
 */
@Injectable()
export class SolveRunner {
  private readonly logger = new Logger('SolveRunner');
  /** Runs in progress in this process, by id: a cancel here stops them at once. */
  private readonly running = new Map<string, SolveThread>();

  constructor(
    private readonly dataSource: DataSource,
    private readonly checks: ChecksService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /** Stops a run of this process now (it keeps its best); false if it is not running here. */
  stopHere(runId: string): boolean {
    const thread = this.running.get(runId);
    thread?.stop();
    return !!thread;
  }

  private shuttingDown = false;

  /** The service is stopping: every run stops and keeps its best so far (CANCELLED, with its proposal). */
  async stopAll(): Promise<void> {
    this.shuttingDown = true;
    const threads = [...this.running.values()];
    for (const t of threads) t.stop();
    await Promise.allSettled(threads.map((t) => t.result));
  }

  /**
   * Runs whose job the queue gave up on (its worker died: the job expired) are marked FAILED, so nobody waits on
   * them. Answers how many.
   */
  async failLost(): Promise<number> {
    const rows: unknown[] = await this.dataSource.query(
      `WITH lost AS (
         UPDATE solve_run r
            SET status = 'FAILED', finished_at = now(),
                error = 'WORKER_LOST: the worker running it stopped before it finished; solve again'
           FROM pgboss.job j
          WHERE j.name = $1 AND j.data->>'runId' = r.id::text AND j.state IN ('failed', 'cancelled')
            AND r.status IN ('QUEUED', 'RUNNING')
         RETURNING r.id)
       SELECT id FROM lost`,
      [SOLVE_QUEUE],
    );
    return rows.length;
  }

  async run(runId: string): Promise<void> {
    const runs = this.dataSource.getRepository(SolveRunEntity);
    const claimed = await runs
      .createQueryBuilder()
      .update()
      .set({ status: SolveRunStatus.RUNNING, startedAt: () => 'now()' })
      .where('id = :id AND status = :queued AND cancel_requested_at IS NULL', {
        id: runId,
        queued: SolveRunStatus.QUEUED,
      })
      .returning('*')
      .execute();
    if (!claimed.affected) {
      // Cancelled before it started (or already claimed by another worker).
      await runs
        .createQueryBuilder()
        .update()
        .set({ status: SolveRunStatus.CANCELLED, finishedAt: () => 'now()' })
        .where('id = :id AND status = :queued', { id: runId, queued: SolveRunStatus.QUEUED })
        .execute();
      return;
    }
    const run = await runs.findOneByOrFail({ id: runId });
    try {
      const { facts, current, before } = await this.prepare(run);
      const locked = this.locked(run, current);
      const outcome = await this.search(run, facts, locked);
      const cancelled =
        this.shuttingDown || (await runs.findOneByOrFail({ id: runId })).cancelRequestedAt !== null;
      await runs
        .createQueryBuilder()
        .update()
        .set({
          status: cancelled ? SolveRunStatus.CANCELLED : SolveRunStatus.SUCCEEDED,
          proposal: proposalOf(facts, outcome, current, before) as never,
          progress: progressOf({
            hardCount: outcome.check.hardCount,
            hardPenalty: 0,
            softPenalty: outcome.weightedSoft,
            moves: outcome.moves,
            elapsedMs: outcome.elapsedMs,
            movesPerSecond: outcome.movesPerSecond,
          }) as never,
          finishedAt: () => 'now()',
        })
        .where('id = :id AND status = :running', { id: runId, running: SolveRunStatus.RUNNING })
        .execute();
    } catch (error) {
      const e = error as Error & { code?: string };
      this.logger.warn(`solve run ${runId} failed: ${e.message}`);
      await runs
        .createQueryBuilder()
        .update()
        .set({
          status: SolveRunStatus.FAILED,
          error: `${e.code ?? 'SOLVER_FAILED'}: ${e.message}`.slice(0, 2_000),
          finishedAt: () => 'now()',
        })
        .where('id = :id AND status = :running', { id: runId, running: SolveRunStatus.RUNNING })
        .execute();
    }
  }

  /** The rota's facts with every candidate, its assignments now, and its check now. */
  private async prepare(run: SolveRunEntity) {
    return this.dataSource.transaction('REPEATABLE READ', async (em) => {
      const rota: Array<{ team_id: string; start_date: string; end_date: string }> = await em.query(
        `SELECT team_id, start_date, end_date FROM rota WHERE id = $1`,
        [run.rotaId],
      );
      if (!rota.length) throw Object.assign(new Error('the rota no longer exists'), { code: 'NOT_FOUND' });
      const team: Array<{ id: string; organisation_id: string }> = await em.query(
        `SELECT id, organisation_id FROM team WHERE id = $1`,
        [rota[0]!.team_id],
      );
      const pool = await this.checks.rotaPool(
        em,
        { id: run.rotaId, startDate: rota[0]!.start_date, endDate: rota[0]!.end_date },
        { id: team[0]!.id, organisationId: team[0]!.organisation_id },
      );
      const { facts, checker } = await this.checks.checker(em, run.rotaId, pool);
      const current = await em
        .getRepository(AssignmentEntity)
        .createQueryBuilder('a')
        .innerJoin('a.shift', 's')
        .select(['a.id', 'a.shiftId', 'a.staffId'])
        .where('s.rota_id = :rota AND s.cancelled_at IS NULL AND a.cancelled_at IS NULL', {
          rota: run.rotaId,
        })
        .getMany();
      return {
        facts,
        current: current.map((a) => ({ id: a.id, shiftId: a.shiftId, staffId: a.staffId })),
        before: checker.check().violations,
      };
    });
  }

  /** The assignments the manager locked, as they are now (one removed since cannot be kept: the run fails). */
  private locked(
    run: SolveRunEntity,
    current: ReadonlyArray<{ id: string; shiftId: string; staffId: string }>,
  ): Array<{ shiftId: string; staffId: string }> {
    const byId = new Map(current.map((a) => [a.id, a]));
    return run.options.lockedAssignmentIds.map((id) => {
      const a = byId.get(id);
      if (!a) {
        throw Object.assign(new Error(`locked assignment ${id} is no longer on the rota`), {
          code: 'NOT_FOUND',
        });
      }
      return { shiftId: a.shiftId, staffId: a.staffId };
    });
  }

  /** The search in its own thread, progress stored as it comes, a cancel from elsewhere picked up on the way. */
  private async search(
    run: SolveRunEntity,
    facts: RotaFacts,
    locked: Array<{ shiftId: string; staffId: string }>,
  ): Promise<SolveOutcome> {
    const { seconds, seed, maxMoves, ruleWeights } = run.options;
    let writing = Promise.resolve();
    let thread: SolveThread | undefined = undefined;
    const report = (progress: SolveProgress) => {
      // One write at a time; a report arriving while one is in flight waits for the next.
      writing = writing
        .then(async () => {
          const rows: Array<{ cancel_requested_at: Date | null }> = await this.dataSource.query(
            `WITH u AS (UPDATE solve_run SET progress = $2 WHERE id = $1 RETURNING cancel_requested_at)
           SELECT cancel_requested_at FROM u`,
            [run.id, JSON.stringify(progressOf(progress))],
          );
          if (rows[0]?.cancel_requested_at) thread?.stop();
        })
        .catch((error: Error) => this.logger.warn(`progress of ${run.id}: ${error.message}`));
    };
    thread = startSolveThread(
      facts,
      { seed, seconds, ...(maxMoves ? { maxMoves } : {}), locked, ruleWeights },
      report,
    );
    this.running.set(run.id, thread);
    // A cancel asked on another machine: seen within a second even between progress reports.
    const watch = setInterval(() => {
      this.dataSource
        .query(`SELECT cancel_requested_at FROM solve_run WHERE id = $1`, [run.id])
        .then((rows: Array<{ cancel_requested_at: Date | null }>) => {
          if (rows[0]?.cancel_requested_at) thread?.stop();
        })
        .catch(() => undefined);
    }, 500);
    // A move budget has no clock: the service's limit still ends it (with its best so far).
    const limit = setTimeout(() => thread?.stop(), this.config.solver.maxSeconds * 1_000);
    try {
      return await thread.result;
    } finally {
      clearInterval(watch);
      clearTimeout(limit);
      this.running.delete(run.id);
      await writing;
    }
  }
}
