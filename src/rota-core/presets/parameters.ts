import { CATALOGUE } from '../rules/index.js';

/** Every rule's parameters and their units: what a rule set may set (rules.md). */
export const RULE_PARAMETERS: Readonly<Record<string, Readonly<Record<string, string>>>> = {
  COVER_TARGET: {
    underWeight: 'penalty per person under target',
    overWeight: 'penalty per person over target',
  },
  DAILY_REST: { minRestMinutes: 'minutes', youngMinRestMinutes: 'minutes (under 18)' },
  WEEKLY_REST: {
    minRestMinutes: 'minutes',
    periodDays: 'days per reference period',
    youngMinRestMinutes: 'minutes (under 18, per 7 days)',
  },
  AVERAGE_WEEKLY_HOURS: {
    maxMinutesPerWeek: 'minutes a week on average',
    referenceWeeks: 'weeks',
    optedOutMaxMinutesPerWeek: 'minutes a week for someone opted out (unset: no limit)',
  },
  NIGHT_WORKER_AVERAGE: { maxMinutesPer24h: 'minutes per 24 hours on average', referenceWeeks: 'weeks' },
  REST_BREAK: {
    afterMinutes: 'shift minutes after which a break is due',
    minBreakMinutes: 'minutes',
    youngAfterMinutes: 'shift minutes (under 18)',
    youngMinBreakMinutes: 'minutes (under 18)',
  },
  YOUNG_WORKER_LIMITS: { maxDailyMinutes: 'minutes a day', maxWeeklyMinutes: 'minutes a week' },
  MAX_HOURS_ROLLING_7_DAYS: { maxMinutes: 'minutes in any 168 hours' },
  MAX_SHIFT_LENGTH: { maxMinutes: 'minutes' },
  MAX_CONSECUTIVE_SHIFTS: {
    maxShifts: 'days in a row',
    restAfterMinutes: 'minutes of rest after a full run',
  },
  MAX_CONSECUTIVE_LONG_SHIFTS: {
    maxShifts: 'long shifts in a row',
    restAfterMinutes: 'minutes of rest after a full run',
  },
  MAX_CONSECUTIVE_LATE_SHIFTS: {
    maxShifts: 'long evening shifts in a row',
    restAfterMinutes: 'minutes of rest after a full run',
  },
  MIN_CONSECUTIVE_SHIFTS: { minShifts: 'days in a row at least (a person’s own limit wins)' },
  MIN_CONSECUTIVE_DAYS_OFF: { minDaysOff: 'days off in a row at least (a person’s own limit wins)' },
  MAX_CONSECUTIVE_NIGHTS: { maxShifts: 'nights in a row' },
  REST_AFTER_NIGHTS: { minRestMinutes: 'minutes' },
  WEEKEND_FREQUENCY: { maxOneIn: 'at most one weekend in this many' },
  MAX_ON_CALL: {
    maxPerWindow: 'on-call periods',
    windowDays: 'days',
    nextDayMaxMinutes: 'minutes of work the next day',
  },
  ONE_SHIFT_PER_DAY: { maxPerDay: 'shifts starting on one date' },
  CONTRACTED_HOURS: { tolerancePercent: 'percent' },
  MAX_WEEKENDS: { maxWeekends: 'weekends over the rota (a person’s own limit wins)' },
  JOINT_ROLE_TIME_SPLIT: { tolerancePoints: 'percentage points' },
  FAIR_NIGHTS_AND_WEEKENDS: { toleranceShifts: 'shifts above a fair share' },
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
