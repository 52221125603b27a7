import type { MeasureUnit } from '../model.js';
import { CATALOGUE } from '../rules/index.js';

/** A parameter a rule set may set: what its value counts, and what it means. */
export interface RuleParameter {
  unit: ParameterUnit;
  means: string;
}

/** What a parameter's value counts: a violation's units, plus weeks, percents and penalty weights. */
export type ParameterUnit = MeasureUnit | 'WEEKS' | 'PERCENT' | 'PENALTY';

/** Every rule's parameters and their units: what a rule set may set (rules.md). */
export const RULE_PARAMETERS: Readonly<Record<string, Readonly<Record<string, RuleParameter>>>> = {
  COVER_TARGET: {
    underWeight: { unit: 'PENALTY', means: 'penalty per person under target' },
    overWeight: { unit: 'PENALTY', means: 'penalty per person over target' },
  },
  DAILY_REST: {
    minRestMinutes: { unit: 'MINUTES', means: 'minutes' },
    youngMinRestMinutes: { unit: 'MINUTES', means: 'minutes (under 18)' },
  },
  WEEKLY_REST: {
    minRestMinutes: { unit: 'MINUTES', means: 'minutes' },
    periodDays: { unit: 'DAYS', means: 'days per reference period' },
    youngMinRestMinutes: { unit: 'MINUTES', means: 'minutes (under 18, per 7 days)' },
  },
  AVERAGE_WEEKLY_HOURS: {
    maxMinutesPerWeek: { unit: 'MINUTES', means: 'minutes a week on average' },
    referenceWeeks: { unit: 'WEEKS', means: 'weeks' },
    optedOutMaxMinutesPerWeek: {
      unit: 'MINUTES',
      means: 'minutes a week for someone opted out (unset: no limit)',
    },
  },
  NIGHT_WORKER_AVERAGE: {
    maxMinutesPer24h: { unit: 'MINUTES', means: 'minutes per 24 hours on average' },
    referenceWeeks: { unit: 'WEEKS', means: 'weeks' },
  },
  REST_BREAK: {
    afterMinutes: { unit: 'MINUTES', means: 'shift minutes after which a break is due' },
    minBreakMinutes: { unit: 'MINUTES', means: 'minutes' },
    youngAfterMinutes: { unit: 'MINUTES', means: 'shift minutes (under 18)' },
    youngMinBreakMinutes: { unit: 'MINUTES', means: 'minutes (under 18)' },
  },
  YOUNG_WORKER_LIMITS: {
    maxDailyMinutes: { unit: 'MINUTES', means: 'minutes a day' },
    maxWeeklyMinutes: { unit: 'MINUTES', means: 'minutes a week' },
  },
  MAX_HOURS_ROLLING_7_DAYS: {
    maxMinutes: { unit: 'MINUTES', means: 'minutes in any 168 hours' },
  },
  MAX_SHIFT_LENGTH: {
    maxMinutes: { unit: 'MINUTES', means: 'minutes' },
  },
  MAX_CONSECUTIVE_SHIFTS: {
    maxShifts: { unit: 'DAYS', means: 'days in a row' },
    restAfterMinutes: { unit: 'MINUTES', means: 'minutes of rest after a full run' },
  },
  MAX_CONSECUTIVE_LONG_SHIFTS: {
    maxShifts: { unit: 'SHIFTS', means: 'long shifts in a row' },
    restAfterMinutes: { unit: 'MINUTES', means: 'minutes of rest after a full run' },
  },
  MAX_CONSECUTIVE_LATE_SHIFTS: {
    maxShifts: { unit: 'SHIFTS', means: 'long evening shifts in a row' },
    restAfterMinutes: { unit: 'MINUTES', means: 'minutes of rest after a full run' },
  },
  MIN_CONSECUTIVE_SHIFTS: {
    minShifts: { unit: 'DAYS', means: 'days in a row at least (a person’s own limit wins)' },
  },
  MIN_CONSECUTIVE_DAYS_OFF: {
    minDaysOff: { unit: 'DAYS', means: 'days off in a row at least (a person’s own limit wins)' },
  },
  MAX_CONSECUTIVE_NIGHTS: {
    maxShifts: { unit: 'SHIFTS', means: 'nights in a row' },
  },
  REST_AFTER_NIGHTS: {
    minRestMinutes: { unit: 'MINUTES', means: 'minutes' },
  },
  WEEKEND_FREQUENCY: {
    maxOneIn: { unit: 'WEEKENDS', means: 'at most one weekend in this many' },
  },
  MAX_ON_CALL: {
    maxPerWindow: { unit: 'SHIFTS', means: 'on-call periods' },
    windowDays: { unit: 'DAYS', means: 'days' },
    nextDayMaxMinutes: { unit: 'MINUTES', means: 'minutes of work the next day' },
  },
  ONE_SHIFT_PER_DAY: {
    maxPerDay: { unit: 'SHIFTS', means: 'shifts starting on one date' },
  },
  CONTRACTED_HOURS: {
    tolerancePercent: { unit: 'PERCENT', means: 'percent' },
  },
  MAX_WEEKENDS: {
    maxWeekends: { unit: 'WEEKENDS', means: 'weekends over the rota (a person’s own limit wins)' },
  },
  JOINT_ROLE_TIME_SPLIT: {
    tolerancePoints: { unit: 'PERCENTAGE_POINTS', means: 'percentage points' },
  },
  FAIR_NIGHTS_AND_WEEKENDS: {
    toleranceShifts: { unit: 'SHIFTS', means: 'shifts above a fair share' },
  },
};

export interface OverrideProblem {
  ruleCode: string;
  message: string;
}

/** Problems with a rule set's overrides: unknown rules or parameters, negative values. */
export function overrideProblems(
  overrides: Record<string, { severity?: string; params?: Record<string, number | null> }>,
): OverrideProblem[] {
  const known = new Set(CATALOGUE.map((r) => r.code));
  const problems: OverrideProblem[] = [];
  for (const [code, o] of Object.entries(overrides)) {
    if (!known.has(code)) {
      problems.push({ ruleCode: code, message: `unknown rule ${code}` });
      continue;
    }
    const allowed = RULE_PARAMETERS[code] ?? {};
    for (const [name, value] of Object.entries(o.params ?? {})) {
      if (!(name in allowed)) {
        const names = Object.keys(allowed);
        problems.push({
          ruleCode: code,
          message: `${code} has no parameter ${name}${names.length ? ` (it has ${names.join(', ')})` : ''}`,
        });
      } else if (value !== null && (!Number.isFinite(value) || value < 0)) {
        problems.push({
          ruleCode: code,
          message: `${code}.${name} must be a number ≥ 0 (or null to switch it off)`,
        });
      }
    }
  }
  return problems;
}
