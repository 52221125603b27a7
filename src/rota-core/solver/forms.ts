import type { RotaFacts, RuleProfile } from '../model.js';
import type { Rule } from '../rule.js';
import { CATALOGUE } from '../rules/index.js';
import { resolveRules } from '../ruleset.js';

/**
 * How the incremental scorer evaluates a rule after a move.
 * - `OWN_SCHEDULE` (STAFF rules): the rule reads the person's own schedule (their shifts, in-rota or not) and
 *   fixed facts (their record, absences, credentials, requests, appointments, the rota's dates) — never another
 *   person's work. A move re-runs it for the people it touches only.
 * - `SHIFT_AND_ASSIGNED` (SHIFT rules): the rule reads the shift and who is on it (and those people's fixed
 *   facts). A move re-runs it for the shifts it touches only.
 * - `WHOLE_PER_MOVE` (TEAM rules): the rule reads everyone's schedule; it is cheap (one pass over the schedules),
 *   so it is re-run whole after every move.
 */
export type IncrementalForm = 'OWN_SCHEDULE' | 'SHIFT_AND_ASSIGNED' | 'WHOLE_PER_MOVE';

const FORM_OF_SCOPE: Record<Rule['scope'], IncrementalForm> = {
  STAFF: 'OWN_SCHEDULE',
  SHIFT: 'SHIFT_AND_ASSIGNED',
  TEAM: 'WHOLE_PER_MOVE',
};

/**
 * The rules whose code has been read and found to fit its form (audited by hand, 2026-12: no STAFF rule reads
 * `n.assigned` or another person's schedule — CONTRACTED_HOURS reads `staff.schedule` only in
 * `maxDropWhenAdding`, which the scorer does not call; COVER_SKILL_MIX reads the assigned people's credentials,
 * fixed facts; FAIR_NIGHTS_AND_WEEKENDS is one pass over everyone's schedules). A rule added to the catalogue
 * is not scored until it is audited and listed here: the solver refuses it by name rather than score it wrongly.
 */
export const INCREMENTAL_FORMS: ReadonlyMap<string, IncrementalForm> = new Map<string, IncrementalForm>([
  ['COVER_MIN_HEADCOUNT', 'SHIFT_AND_ASSIGNED'],
  ['COVER_TARGET', 'SHIFT_AND_ASSIGNED'],
  ['COVER_SKILL_MIX', 'SHIFT_AND_ASSIGNED'],
  ['SKILL_REQUIRED', 'OWN_SCHEDULE'],
  ['NOT_AUTHORISED_AT_TEAM', 'OWN_SCHEDULE'],
  ['DOUBLE_BOOKED', 'OWN_SCHEDULE'],
  ['ON_ABSENCE', 'OWN_SCHEDULE'],
  ['DAY_OFF_REQUIRED', 'OWN_SCHEDULE'],
  ['DAILY_REST', 'OWN_SCHEDULE'],
  ['WEEKLY_REST', 'OWN_SCHEDULE'],
  ['AVERAGE_WEEKLY_HOURS', 'OWN_SCHEDULE'],
  ['NIGHT_WORKER_AVERAGE', 'OWN_SCHEDULE'],
  ['REST_BREAK', 'OWN_SCHEDULE'],
  ['YOUNG_WORKER_LIMITS', 'OWN_SCHEDULE'],
  ['MAX_HOURS_ROLLING_7_DAYS', 'OWN_SCHEDULE'],
  ['MAX_SHIFT_LENGTH', 'OWN_SCHEDULE'],
  ['MAX_CONSECUTIVE_SHIFTS', 'OWN_SCHEDULE'],
  ['MAX_CONSECUTIVE_LONG_SHIFTS', 'OWN_SCHEDULE'],
  ['MAX_CONSECUTIVE_LATE_SHIFTS', 'OWN_SCHEDULE'],
  ['MAX_CONSECUTIVE_NIGHTS', 'OWN_SCHEDULE'],
  ['REST_AFTER_NIGHTS', 'OWN_SCHEDULE'],
  ['WEEKEND_FREQUENCY', 'OWN_SCHEDULE'],
  ['MAX_ON_CALL', 'OWN_SCHEDULE'],
  ['ONE_SHIFT_PER_DAY', 'OWN_SCHEDULE'],
  ['FORBIDDEN_SEQUENCE', 'OWN_SCHEDULE'],
  ['MAX_SHIFTS_OF_TYPE', 'OWN_SCHEDULE'],
  ['MIN_TOTAL_MINUTES', 'OWN_SCHEDULE'],
  ['MAX_TOTAL_MINUTES', 'OWN_SCHEDULE'],
  ['CONTRACTED_HOURS', 'OWN_SCHEDULE'],
  ['MIN_CONSECUTIVE_SHIFTS', 'OWN_SCHEDULE'],
  ['MIN_CONSECUTIVE_DAYS_OFF', 'OWN_SCHEDULE'],
  ['MAX_WEEKENDS', 'OWN_SCHEDULE'],
  ['SHIFT_ON_REQUEST', 'OWN_SCHEDULE'],
  ['SHIFT_OFF_REQUEST', 'OWN_SCHEDULE'],
  ['JOINT_ROLE_TIME_SPLIT', 'OWN_SCHEDULE'],
  ['FAIR_NIGHTS_AND_WEEKENDS', 'WHOLE_PER_MOVE'],
]);

/** Rule codes the rule set enables for these facts: staff rules per rule profile present, the others STANDARD. */
export function enabledRuleCodes(facts: RotaFacts, catalogue: readonly Rule[] = CATALOGUE): string[] {
  const profiles = new Set<RuleProfile>(['STANDARD']);
  for (const s of facts.staff) profiles.add(s.ruleProfile);
  const enabled = new Set<string>();
  for (const profile of profiles) {
    const configs = resolveRules(catalogue, facts.ruleSet, facts.rota.startDate, profile);
    for (const rule of catalogue) {
      if (!configs.has(rule.code)) continue;
      // The checker runs SHIFT and TEAM rules with the STANDARD configuration only.
      if (rule.scope !== 'STAFF' && profile !== 'STANDARD') continue;
      enabled.add(rule.code);
    }
  }
  return catalogue.filter((r) => enabled.has(r.code)).map((r) => r.code);
}

/**
 * The enabled rule codes the solver cannot score incrementally: not audited (absent from `forms`), or audited
 * for another scope than the rule now has. The solver refuses to run while any is enabled.
 */
export function refusedRules(
  facts: RotaFacts,
  forms: ReadonlyMap<string, IncrementalForm> = INCREMENTAL_FORMS,
): string[] {
  const scopeOf = new Map(CATALOGUE.map((r) => [r.code, r.scope]));
  return enabledRuleCodes(facts).filter((code) => forms.get(code) !== FORM_OF_SCOPE[scopeOf.get(code)!]);
}
