import { RotaChecker } from '../../rota-core/check.js';
import type { RotaFacts, Severity, Violation } from '../../rota-core/model.js';
import { type CurtoisAssignment, curtoisFacts } from './facts.js';
import type { CurtoisInstance } from './instance.js';

export interface RuleTally {
  severity: Severity;
  /** Violations of the rule. */
  count: number;
  /** Their summed penalty, in the rule's unit (the objective's weight for the soft ones). */
  penalty: number;
}

export interface CurtoisScore {
  /** The benchmark's objective: on-request, off-request and cover weights (the engine's soft penalty). */
  objective: number;
  /** Hard violations (0: a feasible roster). */
  hardViolations: number;
  byRule: Record<string, RuleTally>;
  violations: Violation[];
}

/** Scores a roster of an instance with the rota checker (a full check). */
export function scoreCurtois(instance: CurtoisInstance, roster: readonly CurtoisAssignment[]): CurtoisScore {
  return scoreCurtoisFacts(curtoisFacts(instance, roster));
}

/** Scores facts built by `curtoisFacts`. */
export function scoreCurtoisFacts(facts: RotaFacts): CurtoisScore {
  const result = new RotaChecker(facts).check();
  const byRule: Record<string, RuleTally> = {};
  for (const v of [...result.violations].sort((a, b) => (a.ruleCode < b.ruleCode ? -1 : 1))) {
    const tally = (byRule[v.ruleCode] ??= { severity: v.severity, count: 0, penalty: 0 });
    tally.count++;
    tally.penalty += v.penalty;
  }
  return {
    objective: result.softPenalty,
    hardViolations: result.hardCount,
    byRule,
    violations: result.violations,
  };
}

/**
 * The objective of the empty roster, straight from the benchmark's definition: every cover row's requirement
 * times its under-weight, plus every on-request's weight (no one works what they asked for).
 */
export function emptyRosterObjective(instance: CurtoisInstance): number {
  let total = 0;
  for (const c of instance.cover) total += c.requirement * c.weightUnder;
  for (const r of instance.onRequests) total += r.weight;
  return total;
}
