import {
  Check,
  Column,
  CreateDateColumn,
  Entity,
  Index,
  JoinColumn,
  ManyToOne,
  PrimaryGeneratedColumn,
  type Relation,
} from 'typeorm';
import type { Violation as CoreViolation } from '../../rota-core/index.js';
import { RotaEntity } from '../rotas/rota.entity.js';
import { SolveRunStatus } from './solver.enums.js';

/** What the manager asked for (validated before the run is stored). */
export interface StoredSolveOptions {
  seconds: number;
  seed: number;
  /** A move budget: with the seed, the run is reproduced exactly (seconds then only caps it). */
  maxMoves: number | null;
  lockedAssignmentIds: string[];
  ruleWeights: Record<string, number>;
}

/** Best so far, as the worker last reported it (about once a second). */
export interface StoredSolveProgress {
  hardCount: number;
  softPenalty: number;
  moves: number;
  movesPerSecond: number;
  elapsedMs: number;
}

/** One violation as the rules engine reports it (epoch ms windows), kept with the proposal. */
export type StoredViolation = CoreViolation;

/** The proposed roster, its full check by the rules engine, and how it differs from the rota it started from. */
export interface StoredProposal {
  /** Every assignment of the rota's shifts in the proposal. */
  assignments: Array<{ shiftId: string; staffId: string }>;
  hardCount: number;
  softPenalty: number;
  weightedSoftPenalty: number;
  violations: StoredViolation[];
  /** Against the rota at `rotaVersion`: assignments to make, to remove (ids), and how many stay. */
  diff: {
    added: Array<{ shiftId: string; staffId: string }>;
    removedAssignmentIds: string[];
    unchanged: number;
    violationsResolved: StoredViolation[];
    violationsIntroduced: StoredViolation[];
  };
  moves: number;
  movesPerSecond: number;
  elapsedMs: number;
}

/** A request to fill a rota automatically: queued as a job, run by a worker, ending in a proposal. */
@Entity({ name: 'solve_run' })
@Index('ix_solve_run_rota_created', ['rotaId', 'createdAt'])
@Check('ck_solve_run_options', `jsonb_typeof(options) = 'object'`)
// A finished run has its proposal (a run cancelled before it started has none); an unfinished one has none yet.
@Check('ck_solve_run_proposal', `status NOT IN ('SUCCEEDED', 'APPLIED', 'DISCARDED') OR proposal IS NOT NULL`)
@Check('ck_solve_run_no_proposal', `status NOT IN ('QUEUED', 'RUNNING', 'FAILED') OR proposal IS NULL`)
@Check('ck_solve_run_failed', `(status = 'FAILED') = (error IS NOT NULL)`)
export class SolveRunEntity {
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'pk_solve_run' })
  id: string;

  @Column('uuid')
  rotaId: string;

  @ManyToOne(() => RotaEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'rota_id', foreignKeyConstraintName: 'fk_solve_run_rota' })
  rota?: Relation<RotaEntity>;

  /** The team of the rota (who may see and act on the run). */
  @Column('uuid')
  teamId: string;

  @Column({
    type: 'enum',
    enum: SolveRunStatus,
    enumName: 'solve_run_status',
    default: SolveRunStatus.QUEUED,
  })
  status: SolveRunStatus;

  @Column('jsonb')
  options: StoredSolveOptions;

  /** The rota version the run started from: its proposal is a change of that version. */
  @Column('int')
  rotaVersion: number;

  @Column('jsonb', { nullable: true })
  progress: StoredSolveProgress | null;

  @Column('jsonb', { nullable: true })
  proposal: StoredProposal | null;

  @Column('text', { nullable: true })
  error: string | null;

  /** The token subject of who asked. */
  @Column('text')
  requestedBy: string;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;

  @Column('timestamptz', { nullable: true })
  startedAt: Date | null;

  @Column('timestamptz', { nullable: true })
  finishedAt: Date | null;

  /** Set by cancelSolveRun: the worker running it (on any machine) stops and keeps its best. */
  @Column('timestamptz', { nullable: true })
  cancelRequestedAt: Date | null;

  /** Who applied or discarded the proposal, and when. */
  @Column('text', { nullable: true })
  decidedBy: string | null;

  @Column('timestamptz', { nullable: true })
  decidedAt: Date | null;
}
