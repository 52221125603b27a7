import { Inject, Injectable } from '@nestjs/common';
import { setTimeout as sleep } from 'node:timers/promises';
import { DataSource, type EntityManager } from 'typeorm';
import { Access } from '../../common/auth/access.js';
import type { Actor } from '../../common/auth/actor.js';
import { TransactionRunner } from '../../common/database/transaction.js';
import { BadUserInputError, ConflictError, NotFoundError } from '../../common/errors/domain-error.js';
import { APP_CONFIG } from '../../config/config.module.js';
import type { AppConfig } from '../../config/config.js';
import type { RuleViolations } from '../checks/checks.types.js';
import { TeamEntity } from '../organisations/team.entity.js';
import { AssignmentEntity } from '../rotas/assignment.entity.js';
import { RotaEditsService, WRITE_CONSTRAINTS } from '../rotas/rota-edits.service.js';
import type { EditOutcome } from '../rotas/rota-writer.js';
import { RotaWriter } from '../rotas/rota-writer.js';
import { RotaEntity } from '../rotas/rota.entity.js';
import { SolveQueue } from './solve-queue.js';
import { SolveRunner } from './solve-runner.js';
import { SolveRunEntity } from './solve-run.entity.js';
import { PROPOSAL_STATUSES, SolveRunStatus } from './solver.enums.js';
import type { ApplySolveRunInput, SolveRotaInput } from './solver.types.js';

/** How long cancelSolveRun waits for the run to stop and keep its best (it stops within about 50 ms). */
const CANCEL_WAIT_MS = 3_000;

/**
 * Automatic rostering for managers: a run is stored and queued in one transaction; workers (here or on other
 * machines) run it; its proposal is applied through the rota write path or discarded. Who may: the team's
 * managers start, cancel, apply and discard; whoever oversees the team reads.
 */
@Injectable()
export class SolverService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly tx: TransactionRunner,
    private readonly queue: SolveQueue,
    private readonly runner: SolveRunner,
    private readonly writer: RotaWriter,
    private readonly edits: RotaEditsService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async start(actor: Actor, input: SolveRotaInput): Promise<SolveRunEntity> {
    const max = this.config.solver.maxSeconds;
    if (input.seconds > max) {
      throw new BadUserInputError(`at most ${max} seconds (SOLVER_MAX_SECONDS)`, 'input.seconds');
    }
    const weights: Record<string, number> = {};
    (input.ruleWeights ?? []).forEach((w, i) => {
      if (w.ruleCode in weights) {
        throw new BadUserInputError(`${w.ruleCode} is weighted twice`, `input.ruleWeights[${i}].ruleCode`);
      }
      weights[w.ruleCode] = w.weight;
    });
    const lockedIds = [...new Set(input.lockedAssignmentIds ?? [])];
    return this.tx.run(async (em) => {
      const rota = await em.getRepository(RotaEntity).findOneBy({ id: input.rotaId });
      if (!rota) throw new NotFoundError('Rota', input.rotaId, 'input.rotaId');
      const team = await em.getRepository(TeamEntity).findOneByOrFail({ id: rota.teamId });
      Access.assert(Access.managesRotas(actor, team), `rotas of ${team.name}`);
      await this.requireOnRota(em, rota.id, lockedIds);
      // Bank shifts are agreements with a person (an approved open-shift claim): the solver never moves them.
      const bank: Array<{ id: string }> = await em.query(
        `SELECT a.id FROM assignment a JOIN shift s ON s.id = a.shift_id
          WHERE s.rota_id = $1 AND a.cancelled_at IS NULL AND a.open_shift_claim_id IS NOT NULL`,
        [rota.id],
      );
      for (const { id } of bank) if (!lockedIds.includes(id)) lockedIds.push(id);
      const runs = em.getRepository(SolveRunEntity);
      const run = await runs.save(
        runs.create({
          rotaId: rota.id,
          teamId: team.id,
          status: SolveRunStatus.QUEUED,
          rotaVersion: rota.version,
          options: {
            seconds: input.seconds,
            seed: input.seed,
            maxMoves: input.maxMoves ?? null,
            lockedAssignmentIds: lockedIds,
            ruleWeights: weights,
          },
          requestedBy: actor.subject,
        }),
      );
      await this.queue.enqueue(em, run.id, input.seconds);
      return run;
    });
  }

  /** Every locked assignment is one of the rota's, still on it. */
  private async requireOnRota(em: EntityManager, rotaId: string, ids: string[]): Promise<void> {
    if (!ids.length) return;
    const found = await em
      .getRepository(AssignmentEntity)
      .createQueryBuilder('a')
      .innerJoin('a.shift', 's')
      .select('a.id', 'id')
      .where('a.id = ANY(:ids) AND s.rota_id = :rota AND a.cancelled_at IS NULL', { ids, rota: rotaId })
      .getRawMany<{ id: string }>();
    const on = new Set(found.map((r) => r.id));
    const missing = ids.findIndex((id) => !on.has(id));
    if (missing >= 0) {
      throw new NotFoundError('Assignment', ids[missing]!, `input.lockedAssignmentIds[${missing}]`);
    }
  }

  private async team(em: EntityManager, teamId: string): Promise<TeamEntity> {
    return em.getRepository(TeamEntity).findOneByOrFail({ id: teamId });
  }

  /** A run, for whoever oversees its team. */
  async get(actor: Actor, id: string, field = 'id'): Promise<SolveRunEntity> {
    const run = await this.dataSource.getRepository(SolveRunEntity).findOneBy({ id });
    if (!run) throw new NotFoundError('Solve run', id, field);
    const team = await this.team(this.dataSource.manager, run.teamId);
    Access.assert(Access.overseesTeam(actor, team), `rotas of ${team.name}`);
    return run;
  }

  /** A rota's runs, newest first. */
  async list(actor: Actor, rotaId: string, first: number): Promise<SolveRunEntity[]> {
    const rota = await this.dataSource.getRepository(RotaEntity).findOneBy({ id: rotaId });
    if (!rota) throw new NotFoundError('Rota', rotaId, 'rotaId');
    const team = await this.team(this.dataSource.manager, rota.teamId);
    Access.assert(Access.overseesTeam(actor, team), `rotas of ${team.name}`);
    return this.dataSource
      .getRepository(SolveRunEntity)
      .find({ where: { rotaId }, order: { createdAt: 'DESC', id: 'ASC' }, take: first });
  }

  /** The run row, locked, for a manager of its team. */
  private async lockForManager(em: EntityManager, actor: Actor, id: string): Promise<SolveRunEntity> {
    const run = await em
      .getRepository(SolveRunEntity)
      .findOne({ where: { id }, lock: { mode: 'pessimistic_write' } });
    if (!run) throw new NotFoundError('Solve run', id, 'input.id');
    const team = await this.team(em, run.teamId);
    Access.assert(Access.managesRotas(actor, team), `rotas of ${team.name}`);
    return run;
  }

  /**
   * Stops a run: a queued one never starts; a running one stops (on whichever machine runs it) and keeps the
   * best roster found so far as its proposal. Answers once it has stopped (within a few seconds).
   */
  async cancel(actor: Actor, id: string): Promise<SolveRunEntity> {
    const run = await this.tx.run(async (em) => {
      const run = await this.lockForManager(em, actor, id);
      if (run.status !== SolveRunStatus.QUEUED && run.status !== SolveRunStatus.RUNNING) {
        throw new ConflictError(`The run has already finished (${run.status})`, {
          status: run.status,
          field: 'input.id',
        });
      }
      run.cancelRequestedAt = new Date();
      if (run.status === SolveRunStatus.QUEUED) {
        run.status = SolveRunStatus.CANCELLED;
        run.finishedAt = new Date();
      }
      return em.getRepository(SolveRunEntity).save(run);
    });
    if (run.status !== SolveRunStatus.RUNNING) return run;
    this.runner.stopHere(id);
    const runs = this.dataSource.getRepository(SolveRunEntity);
    for (let waited = 0; waited < CANCEL_WAIT_MS; waited += 50) {
      const now = await runs.findOneByOrFail({ id });
      if (now.status !== SolveRunStatus.RUNNING) return now;
      await sleep(50);
    }
    return runs.findOneByOrFail({ id });
  }

  /**
   * Writes the proposal to the rota through the write path and marks the run applied, in one transaction: a
   * refusal (RuleViolations) or a stale rota (CONFLICT) writes neither.
   */
  async apply(actor: Actor, input: ApplySolveRunInput): Promise<EditOutcome | RuleViolations> {
    return this.writer.transaction(
      async (em) => {
        const run = await this.lockForManager(em, actor, input.id);
        if (!PROPOSAL_STATUSES.includes(run.status) || !run.proposal) {
          throw new ConflictError(
            run.status === SolveRunStatus.APPLIED
              ? 'The proposal was already applied'
              : `The run has no proposal to apply (${run.status})`,
            { status: run.status, field: 'input.id' },
          );
        }
        const outcome = await this.edits.applyProposal(
          em,
          actor,
          run.rotaId,
          {
            assign: run.proposal.diff.added,
            unassign: run.proposal.diff.removedAssignmentIds,
            runId: run.id,
          },
          {
            expectedVersion: input.expectedVersion ?? run.rotaVersion,
            reason: input.reason,
            override: input.override,
          },
        );
        run.status = SolveRunStatus.APPLIED;
        run.decidedBy = actor.subject;
        run.decidedAt = new Date();
        await em.getRepository(SolveRunEntity).save(run);
        return outcome;
      },
      { constraints: WRITE_CONSTRAINTS },
    );
  }

  /** Sets a proposal aside: nothing is written to the rota. */
  async discard(actor: Actor, id: string): Promise<SolveRunEntity> {
    return this.tx.run(async (em) => {
      const run = await this.lockForManager(em, actor, id);
      if (!PROPOSAL_STATUSES.includes(run.status) || !run.proposal) {
        throw new ConflictError(`The run has no proposal to discard (${run.status})`, {
          status: run.status,
          field: 'input.id',
        });
      }
      run.status = SolveRunStatus.DISCARDED;
      run.decidedBy = actor.subject;
      run.decidedAt = new Date();
      return em.getRepository(SolveRunEntity).save(run);
    });
  }
}
