import type { NShift, NStaff, Normalised } from './normalise.js';
import type { ScheduleView } from './schedule-view.js';
import type { MeasureUnit, Severity, Violation } from './model.js';

/** A rule's resolved configuration for one check: its severity and parameter values. */
export interface RuleConfig {
  code: string;
  severity: Severity;
  params: Readonly<Record<string, number | null>>;
}

/**
 * What a rule reports; the framework adds the rule code and severity. The message is built only if the
 * violation is returned (a what-if re-evaluates many violations it then discards).
 */
export type Finding = Omit<Violation, 'ruleCode' | 'severity' | 'message'> & { message: () => string };

/** A violation inside the checker, message not yet built. */
export type PendingViolation = Omit<Violation, 'message'> & { message: string | (() => string) };

/** Builds the message (once) and returns the violation as the API shows it. */
export function materialise(v: PendingViolation): Violation {
  if (typeof v.message === 'function') v.message = v.message();
  return v as Violation;
}
export type Emit = (finding: Finding) => void;

interface RuleBase {
  code: string;
  defaultSeverity: Severity;
  /** Parameters that must be set for the rule to run; unset (null) switches the rule off. */
  requiredParams: readonly string[];
  /** One line for documentation and the API. */
  summary: string;
  /** What its violations' measured value and limit count (a violation may say otherwise). */
  unit: MeasureUnit;
  /**
   * Whether a violation's measured value, limit and message draw on the person's own record — their contract,
   * age, personal limits, passport, absences, preferences or work elsewhere — rather than on the rota and the
   * team's rules alone. If so, only the person and their employer see those details; others see the rule broken.
   */
  personalDetails: boolean;
  /**
   * When the rule judges a rota. `EDIT`: a person's safety and legality (rest, hours, double booking,
   * authorisation, passport, absence, maxima) — every change to a rota, draft or published, is judged by it.
   * `PUBLICATION`: the shape of the finished rota (minimum cover, skill mix, minimum runs and totals, targets) —
   * judged when the rota is published and on every change after that; on a draft it is shown, not blocking.
   */
  judges: RulePhase;
}

export type RulePhase = 'EDIT' | 'PUBLICATION';

/** A rule about one person's work: rest, hours, runs, skills, authorisation. */
export interface StaffRule extends RuleBase {
  scope: 'STAFF';
  /** Cheap and about the shift itself or its neighbours: run first when screening candidates for a shift. */
  screening?: boolean;
  check(n: Normalised, staff: NStaff, schedule: ScheduleView, cfg: RuleConfig, emit: Emit): void;
  /**
   * At most how much this rule's total penalty for the person can fall when `shift` is added to their schedule
   * (0: adding work never helps). Absent: it may fall to nothing. Who-can-cover uses it to bound candidates'
   * soft penalties before evaluating them, so it must never be an underestimate.
   */
  maxDropWhenAdding?(n: Normalised, staff: NStaff, shift: NShift, cfg: RuleConfig): number;
}

/** A rule about one shift's cover. */
export interface ShiftRule extends RuleBase {
  scope: 'SHIFT';
  /**
   * Adding a person to the shift can never create or worsen this rule's violations (more people only fill
   * cover). A what-if skips such a rule when the shift has no violation of it.
   */
  monotoneUnderAdding?: boolean;
  /**
   * What about the one extra person of a what-if this rule's result depends on: `'count'` (only that there is one
   * more person), or a key — two people with the same key give the same result. Who-can-cover evaluates the
   * shift's rules once per distinct key instead of once per candidate.
   */
  extraKey: 'count' | ((n: Normalised, shift: NShift, person: number) => string);
  /** `extra`: one more person on the shift (a what-if), in addition to `assigned`. */
  check(
    n: Normalised,
    shift: NShift,
    assigned: readonly number[],
    cfg: RuleConfig,
    emit: Emit,
    extra?: number,
  ): void;
}

/** A rule about how work is spread across the team. */
export interface TeamRule extends RuleBase {
  scope: 'TEAM';
  check(n: Normalised, schedules: ReadonlyArray<ScheduleView>, cfg: RuleConfig, emit: Emit): void;
}

export type Rule = StaffRule | ShiftRule | TeamRule;

/** Rules are plain objects; this only checks the shape and keeps definitions uniform. */
export function defineRule<R extends Rule>(rule: R): R {
  return rule;
}
