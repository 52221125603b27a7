/** Automatic rostering over the rules engine (pure: plain data in, a proposed roster out). */
export {
  solveRota,
  type SolveHooks,
  type SolveOutcome,
  type SolveProgress,
  type SolveRotaOptions,
} from './solve.js';
export { IncrementalScorer, type Ops, type RuleTotal, type ScoreTotals } from './scorer.js';
export { INCREMENTAL_FORMS, enabledRuleCodes, refusedRules, type IncrementalForm } from './forms.js';
export {
  DEFAULT_RULE_WEIGHTS,
  LEGALITY_FIRST,
  UNIT_WEIGHTS,
  RuleWeights,
  defaultRuleWeight,
} from './weights.js';
export { SolverError, type SolverErrorCode } from './errors.js';
