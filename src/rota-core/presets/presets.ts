import type { IsoDate, PresetName, RuleOverrides, Severity } from '../model.js';

/** One dated version of a preset: rule severities and parameter values. */
export interface PresetVersion {
  effectiveFrom: IsoDate;
  source: string;
  rules: Record<string, { severity?: Severity | 'OFF'; params?: Record<string, number | null> }>;
}

const H = 60;

/**
 * Working Time Regulations 1998 (SI 1998/1833): regs 4 (48-hour average over 17 weeks), 6 (night work),
 * 10 (daily rest), 11 (weekly rest), 12 (rest breaks), 5A/6A (young workers). The default everywhere.
 */
export const WTR_1998: PresetVersion[] = [
  {
    effectiveFrom: '1998-10-01',
    source: 'Working Time Regulations 1998 (SI 1998/1833), regs 4, 5A, 6, 6A, 10, 11, 12',
    rules: {
      COVER_TARGET: { params: { underWeight: 100, overWeight: 1 } },
      DAILY_REST: { params: { minRestMinutes: 11 * H, youngMinRestMinutes: 12 * H } },
      WEEKLY_REST: { params: { minRestMinutes: 24 * H, periodDays: 7, youngMinRestMinutes: 48 * H } },
      AVERAGE_WEEKLY_HOURS: {
        params: { maxMinutesPerWeek: 48 * H, referenceWeeks: 17, optedOutMaxMinutesPerWeek: null },
      },
      NIGHT_WORKER_AVERAGE: { params: { maxMinutesPer24h: 8 * H, referenceWeeks: 17 } },
      REST_BREAK: {
        params: {
          afterMinutes: 6 * H,
          minBreakMinutes: 20,
          youngAfterMinutes: 270,
          youngMinBreakMinutes: 30,
        },
      },
      YOUNG_WORKER_LIMITS: { params: { maxDailyMinutes: 8 * H, maxWeeklyMinutes: 40 * H } },
      ONE_SHIFT_PER_DAY: { params: { maxPerDay: 1 } },
      CONTRACTED_HOURS: { params: { tolerancePercent: 10 } },
      JOINT_ROLE_TIME_SPLIT: { params: { tolerancePoints: 10 } },
      FAIR_NIGHTS_AND_WEEKENDS: { params: { toleranceShifts: 2 } },
    },
  },
];

/**
 * NHS doctors in training: the 2016 terms and conditions, schedule 3 (safe working hours), as amended in August
 * 2019 (NHS Employers, "Working hours and patterns FAQs"). Applied on top of WTR_1998, to a team's rotas or to a
 * person whose rule profile is DOCTOR_IN_TRAINING.
 */
export const NHS_DOCTORS_2016: PresetVersion[] = [
  {
    effectiveFrom: '2016-08-03',
    source:
      'Terms and conditions of service for NHS doctors and dentists in training (England) 2016, schedule 3',
    rules: {
      AVERAGE_WEEKLY_HOURS: {
        params: { maxMinutesPerWeek: 48 * H, referenceWeeks: 26, optedOutMaxMinutesPerWeek: 56 * H },
      },
      MAX_HOURS_ROLLING_7_DAYS: { params: { maxMinutes: 72 * H } },
      MAX_SHIFT_LENGTH: { params: { maxMinutes: 13 * H } },
      MAX_CONSECUTIVE_SHIFTS: { params: { maxShifts: 7, restAfterMinutes: 48 * H } },
      MAX_CONSECUTIVE_LONG_SHIFTS: { params: { maxShifts: 5, restAfterMinutes: 48 * H } },
      MAX_CONSECUTIVE_LATE_SHIFTS: { params: { maxShifts: 5, restAfterMinutes: 48 * H } },
      MAX_CONSECUTIVE_NIGHTS: { params: { maxShifts: 4 } },
      REST_AFTER_NIGHTS: { params: { minRestMinutes: 46 * H } },
      WEEKEND_FREQUENCY: { params: { maxOneIn: 2 } },
      MAX_ON_CALL: { params: { maxPerWindow: 3, windowDays: 7, nextDayMaxMinutes: 10 * H } },
    },
  },
  {
    effectiveFrom: '2019-08-07',
    source: 'The 2016 terms as amended August 2019 (NHS Employers, "Working hours and patterns FAQs")',
    rules: {
      AVERAGE_WEEKLY_HOURS: {
        params: { maxMinutesPerWeek: 48 * H, referenceWeeks: 26, optedOutMaxMinutesPerWeek: 56 * H },
      },
      MAX_HOURS_ROLLING_7_DAYS: { params: { maxMinutes: 72 * H } },
      MAX_SHIFT_LENGTH: { params: { maxMinutes: 13 * H } },
      MAX_CONSECUTIVE_SHIFTS: { params: { maxShifts: 7, restAfterMinutes: 48 * H } },
      MAX_CONSECUTIVE_LONG_SHIFTS: { params: { maxShifts: 4, restAfterMinutes: 48 * H } },
      MAX_CONSECUTIVE_LATE_SHIFTS: { params: { maxShifts: 4, restAfterMinutes: 48 * H } },
      MAX_CONSECUTIVE_NIGHTS: { params: { maxShifts: 4 } },
      REST_AFTER_NIGHTS: { params: { minRestMinutes: 46 * H } },
      WEEKEND_FREQUENCY: { params: { maxOneIn: 3 } },
      MAX_ON_CALL: { params: { maxPerWindow: 3, windowDays: 7, nextDayMaxMinutes: 10 * H } },
    },
  },
];

/**
 * Adult social care (care homes, home care, reablement): WTR_1998 with the 26-week reference period that
 * reg. 4(5) allows for residential care, and no one-shift-per-day limit (split shifts are normal in home care).
 */
export const SOCIAL_CARE: PresetVersion[] = [
  {
    effectiveFrom: '1998-10-01',
    source: 'WTR 1998 reg. 4(5) and 21 (special cases: residential care); home-care split shifts',
    rules: {
      AVERAGE_WEEKLY_HOURS: {
        params: { maxMinutesPerWeek: 48 * H, referenceWeeks: 26, optedOutMaxMinutesPerWeek: null },
      },
      ONE_SHIFT_PER_DAY: { params: { maxPerDay: null } },
    },
  },
];

export const PRESETS: Record<PresetName, PresetVersion[]> = { WTR_1998, NHS_DOCTORS_2016, SOCIAL_CARE };

/** The version of a preset in force on a date (the latest that started on or before it). */
export function presetVersion(name: PresetName, on: IsoDate): PresetVersion | undefined {
  const versions = PRESETS[name];
  let found: PresetVersion | undefined;
  for (const v of versions) if (v.effectiveFrom <= on) found = v;
  return found;
}

export function isPresetName(value: string): value is PresetName {
  return value in PRESETS;
}

export type { RuleOverrides };
