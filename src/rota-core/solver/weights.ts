import type { MeasureUnit } from '../model.js';
import { CATALOGUE } from '../rules/index.js';

/**
 * What one unit of a rule's penalty is worth to the solver, per rule code. The engine reports each rule's penalty in
 * the rule's own unit (minutes short, people short, weekends over…); the solver needs one scale to add them up.
 *
 * The scale: **one point ≈ one hour of a person's working time put in the wrong place.**
 * - MINUTES (rest, hours, contract deviation): 1/60 a minute, so one point an hour.
 * - SHIFTS, DAYS, OCCURRENCES (a shift too many, a day too few in a run, an unwanted or forbidden shift): 8, a
 *   typical shift's hours.
 * - WEEKENDS: 16, two days' work.
 * - SKILLS missing on a shift, and PEOPLE short of a minimum or of a skill-mix slot: 8, a shift's worth of a person.
 * - PERCENTAGE_POINTS (joint-role split): 1.5 — one point of a four-week rota of ~150 hours is ~1.5 hours.
 * - COVER_TARGET, SHIFT_ON_REQUEST, SHIFT_OFF_REQUEST: 1. Their penalties already carry the manager's own prices
 *   (the rule set's under / over weight per person, 100 / 1 by default, and each request's weight), so they are
 *   taken as they are: a person under target is worth 100 points, an hour of contract deviation 1. With these
 *   weights the weighted soft penalty of a Curtois instance is its benchmark objective.
 *
 * Hard rules have weights too: they scale the hard magnitude that guides the search towards feasibility (the
 * number of hard violations always dominates the soft penalty; see solve.ts).
 */
export const DEFAULT_RULE_WEIGHTS: Readonly<Record<string, number>> = Object.freeze({
  COVER_MIN_HEADCOUNT: 8,
  COVER_TARGET: 1,
  COVER_SKILL_MIX: 8,
  SKILL_REQUIRED: 8,
  NOT_AUTHORISED_AT_TEAM: 8,
  // One person on two shifts at once is impossible however short the overlap: a minute weighs an hour.
  DOUBLE_BOOKED: 1,
  ON_ABSENCE: 8,
  DAY_OFF_REQUIRED: 8,
  DAILY_REST: 1 / 60,
  WEEKLY_REST: 1 / 60,
  AVERAGE_WEEKLY_HOURS: 1 / 60,
  NIGHT_WORKER_AVERAGE: 1 / 60,
  REST_BREAK: 1 / 60,
  YOUNG_WORKER_LIMITS: 1 / 60,
  MAX_HOURS_ROLLING_7_DAYS: 1 / 60,
  MAX_SHIFT_LENGTH: 1 / 60,
  MAX_CONSECUTIVE_SHIFTS: 8,
  MAX_CONSECUTIVE_LONG_SHIFTS: 8,
  MAX_CONSECUTIVE_LATE_SHIFTS: 8,
  MAX_CONSECUTIVE_NIGHTS: 8,
  REST_AFTER_NIGHTS: 1 / 60,
  WEEKEND_FREQUENCY: 16,
  // Its penalty counts on-call periods over the limit (8 each), or minutes over on the next day (weighted as
  // minutes would be, 1/60): one weight cannot serve both, so the solver reads the violation's own unit.
  MAX_ON_CALL: 8,
  ONE_SHIFT_PER_DAY: 8,
  FORBIDDEN_SEQUENCE: 8,
  MAX_SHIFTS_OF_TYPE: 8,
  MIN_TOTAL_MINUTES: 1 / 60,
  MAX_TOTAL_MINUTES: 1 / 60,
  CONTRACTED_HOURS: 1 / 60,
  MIN_CONSECUTIVE_SHIFTS: 8,
  MIN_CONSECUTIVE_DAYS_OFF: 8,
  MAX_WEEKENDS: 16,
  SHIFT_ON_REQUEST: 1,
  SHIFT_OFF_REQUEST: 1,
  JOINT_ROLE_TIME_SPLIT: 1.5,
  FAIR_NIGHTS_AND_WEEKENDS: 8,
});

/** The default weight of one unit of a measure (for a rule with no entry above, or a violation in another unit). */
export const UNIT_WEIGHTS: Readonly<Record<MeasureUnit, number>> = Object.freeze({
  MINUTES: 1 / 60,
  SHIFTS: 8,
  DAYS: 8,
  OCCURRENCES: 8,
  WEEKENDS: 16,
  PEOPLE: 8,
  SKILLS: 8,
  PERCENTAGE_POINTS: 1.5,
});

const UNIT_OF_RULE = new Map<string, MeasureUnit>(CATALOGUE.map((r) => [r.code, r.unit]));

/** How much more a hard breach of a rule that judges every edit weighs, per unit, than one of a publication rule. */
export const LEGALITY_FIRST = 10;
/** And what it weighs whatever its size: ten shifts' worth of a person (8 points each) short of cover. */
export const LEGALITY_POINTS = 80;
const EDIT_RULES = new Set(CATALOGUE.filter((r) => r.judges === 'EDIT').map((r) => r.code));

/** A rule code's default weight: its entry in DEFAULT_RULE_WEIGHTS, else its unit's. */
export function defaultRuleWeight(code: string): number {
  const w = DEFAULT_RULE_WEIGHTS[code];
  if (w !== undefined) return w;
  const unit = UNIT_OF_RULE.get(code);
  return unit ? UNIT_WEIGHTS[unit] : 1;
}

/**
 * The weight of one violation's penalty: the rule's weight, overridden per call; a violation measured in a unit
 * other than its rule's (MAX_ON_CALL's minutes next day) takes that unit's default unless the caller overrides
 * the rule.
 */
export class RuleWeights {
  private readonly byCode = new Map<string, number>();
  private readonly overridden: Set<string>;

  constructor(readonly overrides: Readonly<Record<string, number>> = {}) {
    for (const [code, w] of Object.entries(overrides)) {
      if (!Number.isFinite(w) || w < 0) throw new RangeError(`Rule weight for ${code} must be a number ≥ 0`);
    }
    this.overridden = new Set(Object.keys(overrides));
  }

  of(code: string, unit?: MeasureUnit): number {
    if (unit !== undefined && !this.overridden.has(code) && unit !== UNIT_OF_RULE.get(code)) {
      return UNIT_WEIGHTS[unit];
    }
    let w = this.byCode.get(code);
    if (w === undefined) this.byCode.set(code, (w = this.overrides[code] ?? defaultRuleWeight(code)));
    return w;
  }

  /**
   * What one HARD breach weighs in the hard magnitude the search minimises: its rule's weight times its penalty;
   * for the rules that judge every edit (safety and legality: rest, hours, skills, leave, authorisation, double
   * booking) that times LEGALITY_FIRST, plus LEGALITY_POINTS for the breach itself however small. So a breach
   * of those always weighs more than a shift short of a person, and when the staff do not exist to meet both, the
   * solver leaves the shift short (a publication rule, the manager's call) rather than fill it unlawfully.
   */
  hard(v: { ruleCode: string; unit?: MeasureUnit; penalty: number }): number {
    const w = this.of(v.ruleCode, v.unit) * v.penalty;
    return EDIT_RULES.has(v.ruleCode) ? w * LEGALITY_FIRST + LEGALITY_POINTS : w;
  }
}
