export type SolverErrorCode = 'SOLVER_RULE_UNSUPPORTED' | 'SOLVER_DISAGREES' | 'SOLVER_BAD_OPTIONS';

/** A solver failure with a stable code (and, for SOLVER_RULE_UNSUPPORTED, the rule codes refused). */
export class SolverError extends Error {
  constructor(
    readonly code: SolverErrorCode,
    message: string,
    readonly ruleCodes: readonly string[] = [],
  ) {
    super(`${code}: ${message}`);
    this.name = 'SolverError';
  }
}
