import { definePolicy } from '../../common/visibility/policy.js';

const NOTE = 'Reached only by those who oversee the rota’s team (solveRun and solveRuns check it).';

export const SOLVER_POLICIES = [
  definePolicy({
    type: 'SolveRun',
    fields: {
      PUBLIC: [
        'id',
        'rotaId',
        'rota',
        'status',
        'options',
        'rotaVersion',
        'stale',
        'progress',
        'proposal',
        'error',
        'requestedBy',
        'createdAt',
        'startedAt',
        'finishedAt',
        'decidedBy',
        'decidedAt',
      ],
    },
    note: NOTE,
  }),
  definePolicy({
    type: 'SolveOptions',
    fields: { PUBLIC: ['seconds', 'seed', 'maxMoves', 'lockedAssignmentIds', 'ruleWeights'] },
    note: NOTE,
  }),
  definePolicy({ type: 'RuleWeight', fields: { PUBLIC: ['ruleCode', 'weight'] } }),
  definePolicy({
    type: 'SolveProgress',
    fields: { PUBLIC: ['hardCount', 'softPenalty', 'moves', 'movesPerSecond', 'elapsedSeconds'] },
    note: NOTE,
  }),
  definePolicy({
    type: 'SolveProposal',
    fields: {
      PUBLIC: [
        'assignments',
        'hardCount',
        'softPenalty',
        'weightedSoftPenalty',
        'violations',
        'diff',
        'moves',
        'movesPerSecond',
        'elapsedSeconds',
      ],
    },
    note: `${NOTE} Its violations follow the Violation policy (personal details to the person’s employer only).`,
  }),
  definePolicy({
    type: 'SolveDiff',
    fields: {
      PUBLIC: ['added', 'removedAssignmentIds', 'unchanged', 'violationsResolved', 'violationsIntroduced'],
    },
    note: NOTE,
  }),
  definePolicy({
    type: 'ProposedAssignment',
    fields: { PUBLIC: ['shiftId', 'staffId', 'shift', 'staff'] },
    note: NOTE,
  }),
];
