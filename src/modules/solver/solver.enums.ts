import { registerEnumType } from '@nestjs/graphql';

/** Where a solve run is: queued → running → succeeded | failed | cancelled; a result is then applied or discarded. */
export enum SolveRunStatus {
  /** Waiting on the queue for a worker. */
  QUEUED = 'QUEUED',
  RUNNING = 'RUNNING',
  /** Finished its budget: the proposal is ready. */
  SUCCEEDED = 'SUCCEEDED',
  /** Stopped by cancelSolveRun: the proposal is the best found until then. */
  CANCELLED = 'CANCELLED',
  /** Could not run or its result disagreed with the rules engine (see error). */
  FAILED = 'FAILED',
  /** Its proposal was written to the rota. */
  APPLIED = 'APPLIED',
  /** The manager set its proposal aside. */
  DISCARDED = 'DISCARDED',
}

/** States a run has left for good (nothing more happens to it). */
export const FINAL_STATUSES: readonly SolveRunStatus[] = [
  SolveRunStatus.FAILED,
  SolveRunStatus.APPLIED,
  SolveRunStatus.DISCARDED,
];

/** States with a proposal that can still be applied or discarded. */
export const PROPOSAL_STATUSES: readonly SolveRunStatus[] = [
  SolveRunStatus.SUCCEEDED,
  SolveRunStatus.CANCELLED,
];

registerEnumType(SolveRunStatus, {
  name: 'SolveRunStatus',
  description:
    'QUEUED → RUNNING → SUCCEEDED | CANCELLED (a proposal) | FAILED; a proposal is then APPLIED or DISCARDED.',
});
