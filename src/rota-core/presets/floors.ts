import type { PresetName, RuleOverrides, RuleSetSpec } from '../model.js';
import { PRESETS } from './presets.js';

const H = 60;

/**
 * A legal limit on one rule parameter. `MINIMUM`: the value may only rise (rest); `MAXIMUM`: it may only fall
 * (hours, reference periods). A rule set may make it stricter, never weaker, except through a recorded
 * derogation.
 */
export interface LegalLimit {
  ruleCode: string;
  param: string;
  direction: 'MINIMUM' | 'MAXIMUM';
  value: number;
  /** The provision it comes from. */
  source: string;
  /**
   * `STATUTORY`: the Working Time Regulations 1998, binding on every team. `CONTRACTUAL`: the NHS doctors' 2016
   * terms (schedule 3, as amended 2019), binding on teams whose preset is NHS_DOCTORS_2016 — see `presets`.
   */
  kind: 'STATUTORY' | 'CONTRACTUAL';
  /** The presets it binds (null: every team). */
  presets: readonly PresetName[] | null;
}

const WTR = 'Working Time Regulations 1998';
const DOCTORS = 'NHS doctors in training (England) 2016 terms, schedule 3 (as amended August 2019)';

function statutory(
  ruleCode: string,
  param: string,
  direction: LegalLimit['direction'],
  value: number,
  regulation: string,
  presets: readonly PresetName[] | null = null,
): LegalLimit {
  return { ruleCode, param, direction, value, source: `${WTR}, ${regulation}`, kind: 'STATUTORY', presets };
}

/**
 * The Working Time Regulations' limits (SI 1998/1833). The 48-hour average (reg. 4) may be opted out of by a
 * person (reg. 5; `optOut` on their record, `optedOutMaxMinutesPerWeek` stays free); its reference period is 17
 * weeks, 26 for the special cases of reg. 21 (hospitals, residential care: presets SOCIAL_CARE and
 * NHS_DOCTORS_2016). Weekly rest is 24 h in each 7 days (reg. 11(1)); the fortnightly pattern reg. 11(2) allows
 * is recorded as a derogation.
 */
export const STATUTORY_LIMITS: readonly LegalLimit[] = [
  statutory('DAILY_REST', 'minRestMinutes', 'MINIMUM', 11 * H, 'reg. 10(1)'),
  statutory('DAILY_REST', 'youngMinRestMinutes', 'MINIMUM', 12 * H, 'reg. 10(2)'),
  statutory('WEEKLY_REST', 'minRestMinutes', 'MINIMUM', 24 * H, 'reg. 11(1)'),
  statutory('WEEKLY_REST', 'periodDays', 'MAXIMUM', 7, 'reg. 11(1)'),
  statutory('WEEKLY_REST', 'youngMinRestMinutes', 'MINIMUM', 48 * H, 'reg. 11(3)'),
  statutory('AVERAGE_WEEKLY_HOURS', 'maxMinutesPerWeek', 'MAXIMUM', 48 * H, 'reg. 4(1)'),
  statutory('AVERAGE_WEEKLY_HOURS', 'referenceWeeks', 'MAXIMUM', 17, 'reg. 4(3)', ['WTR_1998']),
  statutory('AVERAGE_WEEKLY_HOURS', 'referenceWeeks', 'MAXIMUM', 26, 'regs 4(5) and 21 (special cases)', [
    'SOCIAL_CARE',
    'NHS_DOCTORS_2016',
  ]),
  statutory('NIGHT_WORKER_AVERAGE', 'maxMinutesPer24h', 'MAXIMUM', 8 * H, 'reg. 6(1)'),
  statutory('NIGHT_WORKER_AVERAGE', 'referenceWeeks', 'MAXIMUM', 17, 'reg. 6(3)'),
  statutory('REST_BREAK', 'afterMinutes', 'MAXIMUM', 6 * H, 'reg. 12(1)'),
  statutory('REST_BREAK', 'minBreakMinutes', 'MINIMUM', 20, 'reg. 12(3)'),
  statutory('REST_BREAK', 'youngAfterMinutes', 'MAXIMUM', 270, 'reg. 12(4)'),
  statutory('REST_BREAK', 'youngMinBreakMinutes', 'MINIMUM', 30, 'reg. 12(4)'),
  statutory('YOUNG_WORKER_LIMITS', 'maxDailyMinutes', 'MAXIMUM', 8 * H, 'reg. 5A(1)(a)'),
  statutory('YOUNG_WORKER_LIMITS', 'maxWeeklyMinutes', 'MAXIMUM', 40 * H, 'reg. 5A(1)(b)'),
];

function contractual(ruleCode: string, param: string, value: number): LegalLimit {
  return {
    ruleCode,
    param,
    direction: 'MAXIMUM',
    value,
    source: DOCTORS,
    kind: 'CONTRACTUAL',
    presets: ['NHS_DOCTORS_2016'],
  };
}

/**
 * The doctors' 2016 terms are contractual, not statute, but for doctors in training they are as binding as the
 * law: a team that chose NHS_DOCTORS_2016 may make them stricter, never weaker without a derogation. (A
 * DOCTOR_IN_TRAINING on another team gets the doctors' layer by profile; that team's own overrides are not
 * held to these limits.) The current (2019) version's values.
 */
export const CONTRACTUAL_LIMITS: readonly LegalLimit[] = [
  contractual('AVERAGE_WEEKLY_HOURS', 'optedOutMaxMinutesPerWeek', 56 * H),
  contractual('MAX_HOURS_ROLLING_7_DAYS', 'maxMinutes', 72 * H),
  contractual('MAX_SHIFT_LENGTH', 'maxMinutes', 13 * H),
  contractual('MAX_CONSECUTIVE_SHIFTS', 'maxShifts', 7),
  contractual('MAX_CONSECUTIVE_LONG_SHIFTS', 'maxShifts', 4),
  contractual('MAX_CONSECUTIVE_LATE_SHIFTS', 'maxShifts', 4),
  contractual('MAX_CONSECUTIVE_NIGHTS', 'maxShifts', 4),
  { ...contractual('REST_AFTER_NIGHTS', 'minRestMinutes', 46 * H), direction: 'MINIMUM' },
  { ...contractual('WEEKEND_FREQUENCY', 'maxOneIn', 3), direction: 'MINIMUM' },
  contractual('MAX_ON_CALL', 'maxPerWindow', 3),
  contractual('MAX_ON_CALL', 'nextDayMaxMinutes', 10 * H),
];

export const LEGAL_LIMITS: readonly LegalLimit[] = [...STATUTORY_LIMITS, ...CONTRACTUAL_LIMITS];

/** The limits that bind a team on this preset. */
export function limitsFor(preset: PresetName): LegalLimit[] {
  return LEGAL_LIMITS.filter((l) => l.presets === null || l.presets.includes(preset));
}

/** Rules with a limit binding on this preset: their severity may not fall below HARD nor be OFF. */
export function protectedRules(preset: PresetName): Map<string, LegalLimit> {
  const rules = new Map<string, LegalLimit>();
  for (const l of limitsFor(preset)) if (!rules.has(l.ruleCode)) rules.set(l.ruleCode, l);
  return rules;
}

/** A derogation: the named weakening (a parameter, or without one the rule's severity) is allowed. */
export interface DerogationSpec {
  ruleCode: string;
  param?: string | null;
}

/** One way a rule set weakens a legal limit. */
export interface FloorBreach {
  ruleCode: string;
  /** The parameter weakened; null when the rule's severity is lowered or switched off. */
  param: string | null;
  limit: LegalLimit;
  /** The value the rule set sets (null: switched off), or the severity. */
  value: number | null | 'SOFT' | 'OFF';
  /** Whether a derogation covers it. */
  derogated: boolean;
  message: string;
}

const minutesOr = (param: string, value: number): string =>
  /Minutes/.test(param) && value % 60 === 0 && value >= 60 ? `${value / 60} h` : String(value);

/**
 * Every way the overrides weaken a legal limit binding on the preset (pure). A parameter below a minimum or above
 * a maximum, set to null, or the rule's severity lowered to SOFT or OFF. Each is marked `derogated` when a
 * derogation names it.
 */
export function floorBreaches(
  preset: PresetName,
  overrides: RuleOverrides,
  derogations: readonly DerogationSpec[] = [],
): FloorBreach[] {
  const covered = (ruleCode: string, param: string | null) =>
    derogations.some((d) => d.ruleCode === ruleCode && (d.param ?? null) === param);
  const breaches: FloorBreach[] = [];
  const limits = limitsFor(preset);
  for (const [ruleCode, limit] of protectedRules(preset)) {
    const severity = overrides[ruleCode]?.severity;
    if (severity === 'SOFT' || severity === 'OFF') {
      breaches.push({
        ruleCode,
        param: null,
        limit,
        value: severity,
        derogated: covered(ruleCode, null),
        message: `${ruleCode} is a ${limit.kind === 'STATUTORY' ? 'statutory' : 'contractual'} limit (${limit.source}): its severity may not be ${severity === 'OFF' ? 'switched OFF' : 'lowered below HARD'} without a derogation`,
      });
    }
  }
  for (const limit of limits) {
    const params = overrides[limit.ruleCode]?.params;
    if (!params || !(limit.param in params)) continue;
    const value = params[limit.param];
    const what = `${limit.ruleCode}.${limit.param}`;
    const shown = minutesOr(limit.param, limit.value);
    let message: string | null = null;
    if (value === null || value === undefined) {
      message = `${what} may not be switched off: the ${limit.kind === 'STATUTORY' ? 'statutory' : 'contractual'} ${limit.direction === 'MINIMUM' ? 'minimum' : 'maximum'} is ${shown} (${limit.source})`;
    } else if (limit.direction === 'MINIMUM' ? value < limit.value : value > limit.value) {
      message = `${what} may not be ${limit.direction === 'MINIMUM' ? 'below' : 'above'} ${shown} (${limit.value}) without a derogation: that is the ${limit.kind === 'STATUTORY' ? 'statutory' : 'contractual'} ${limit.direction === 'MINIMUM' ? 'minimum' : 'maximum'} (${limit.source})`;
    }
    if (message) {
      breaches.push({
        ruleCode: limit.ruleCode,
        param: limit.param,
        limit,
        value: value ?? null,
        derogated: covered(limit.ruleCode, limit.param),
        message,
      });
    }
  }
  return breaches;
}

/**
 * A parameter's value in force for a rule set on a date: the preset layers (WTR_1998, then the preset), then the
 * overrides. Undefined when nothing sets it.
 */
export function paramInForce(
  spec: RuleSetSpec,
  ruleCode: string,
  param: string,
  on: string,
): number | null | undefined {
  let value: number | null | undefined;
  for (const name of new Set<PresetName>(['WTR_1998', spec.preset])) {
    let version: (typeof PRESETS)[PresetName][number] | undefined;
    for (const v of PRESETS[name]) if (v.effectiveFrom <= on) version = v;
    const params = version?.rules[ruleCode]?.params;
    if (params && param in params) value = params[param];
  }
  const params = spec.overrides?.[ruleCode]?.params;
  if (params && param in params) value = params[param];
  return value;
}
