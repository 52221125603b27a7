/** The rota checker's public API: plain data in, violations out. */
export * from './model.js';
export {
  RotaChecker,
  checkRota,
  type AssignmentPreview,
  type Candidate,
  type CheckOptions,
  type CheckResult,
} from './check.js';
export { authorisationBasis, type Basis } from './authorisation.js';
export { CATALOGUE, RULE_CODES, unitOf } from './rules/index.js';
export { resolveRules } from './ruleset.js';
export { PRESETS, presetVersion, isPresetName } from './presets/presets.js';
export { shiftInstants } from './time.js';
export { shiftFacts, nominalShiftFacts, type ShiftFacts } from './shift-facts.js';
export type { RulePhase } from './rule.js';
export { RULE_PARAMETERS, overrideProblems } from './presets/parameters.js';
export {
  STATUTORY_LIMITS,
  CONTRACTUAL_LIMITS,
  LEGAL_LIMITS,
  limitsFor,
  protectedRules,
  floorBreaches,
  paramInForce,
  type LegalLimit,
  type DerogationSpec,
  type FloorBreach,
} from './presets/floors.js';
export * from './solver/index.js';
