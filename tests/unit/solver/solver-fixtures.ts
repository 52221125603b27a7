import type {
  AssignmentFact,
  PresetName,
  RotaFacts,
  RuleOverrides,
  ShiftFact,
} from '../../../src/rota-core/model.js';
import { addDays } from '../../../src/rota-core/dates.js';
import { CATALOGUE } from '../../../src/rota-core/rules/index.js';
import { prng, syntheticRota } from '../../fixtures/synthetic-rota.js';

/**
 * Rule-set variants for the solver's tests: the three presets; TIGHT (parameters lowered so the rules that rarely
 * fire on a four-week synthetic rota — averages, on-call, shift length, runs — do); ALL_SOFT and ALL_HARD (every
 * rule's severity forced, so each rule is scored both ways).
 */
export type Variant = 'WTR' | 'DOCTORS' | 'SOCIAL_CARE' | 'TIGHT' | 'ALL_SOFT' | 'ALL_HARD';
export const VARIANTS: readonly Variant[] = [
  'WTR',
  'DOCTORS',
  'SOCIAL_CARE',
  'TIGHT',
  'ALL_SOFT',
  'ALL_HARD',
];

const TIGHT: RuleOverrides = {
  AVERAGE_WEEKLY_HOURS: {
    params: { maxMinutesPerWeek: 30 * 60, referenceWeeks: 1, optedOutMaxMinutesPerWeek: 40 * 60 },
  },
  NIGHT_WORKER_AVERAGE: { params: { maxMinutesPer24h: 5 * 60, referenceWeeks: 1 } },
  MAX_HOURS_ROLLING_7_DAYS: { params: { maxMinutes: 36 * 60 } },
  MAX_SHIFT_LENGTH: { params: { maxMinutes: 11 * 60 } },
  MAX_CONSECUTIVE_SHIFTS: { params: { maxShifts: 3, restAfterMinutes: 48 * 60 } },
  MAX_CONSECUTIVE_LONG_SHIFTS: { params: { maxShifts: 1, restAfterMinutes: 48 * 60 } },
  MAX_CONSECUTIVE_LATE_SHIFTS: { params: { maxShifts: 1, restAfterMinutes: 48 * 60 } },
  MAX_CONSECUTIVE_NIGHTS: { params: { maxShifts: 2 } },
  MAX_ON_CALL: { params: { maxPerWindow: 1, windowDays: 7, nextDayMaxMinutes: 4 * 60 } },
  WEEKEND_FREQUENCY: { params: { maxOneIn: 4 } },
  MIN_CONSECUTIVE_SHIFTS: { params: { minShifts: 3 } },
  MIN_CONSECUTIVE_DAYS_OFF: { params: { minDaysOff: 3 } },
  MAX_WEEKENDS: { params: { maxWeekends: 1 } },
  FAIR_NIGHTS_AND_WEEKENDS: { params: { toleranceShifts: 0 } },
  JOINT_ROLE_TIME_SPLIT: { params: { tolerancePoints: 2 } },
  CONTRACTED_HOURS: { params: { tolerancePercent: 2 } },
};

function everyRule(severity: 'SOFT' | 'HARD'): RuleOverrides {
  const out: RuleOverrides = {};
  for (const r of CATALOGUE) out[r.code] = { severity };
  return out;
}

function ruleSetOf(variant: Variant): { preset: PresetName; overrides?: RuleOverrides } {
  switch (variant) {
    case 'WTR':
      return { preset: 'WTR_1998' };
    case 'DOCTORS':
      return { preset: 'NHS_DOCTORS_2016' };
    case 'SOCIAL_CARE':
      return { preset: 'SOCIAL_CARE' };
    case 'TIGHT':
      return { preset: 'NHS_DOCTORS_2016', overrides: TIGHT };
    case 'ALL_SOFT':
      return { preset: 'NHS_DOCTORS_2016', overrides: mergeOverrides(TIGHT, everyRule('SOFT')) };
    case 'ALL_HARD':
      return { preset: 'NHS_DOCTORS_2016', overrides: mergeOverrides(TIGHT, everyRule('HARD')) };
  }
}

function mergeOverrides(a: RuleOverrides, b: RuleOverrides): RuleOverrides {
  const out: RuleOverrides = { ...a };
  for (const [code, change] of Object.entries(b)) out[code] = { ...out[code], ...change };
  return out;
}

export interface RichOptions {
  staff: number;
  days?: number;
  seed: number;
  variant: Variant;
  noise?: number;
}

/**
 * The synthetic rota (tests/fixtures/synthetic-rota.ts) with what the rest of the catalogue needs to fire: history
 * shifts before the rota and another organisation's shifts during it (not in the rota), a joint-role appointment,
 * a placement and an unauthorised person, fixed days off, per-person limits, on-call and over-long shifts, a shift
 * without a break, a required team skill, and some people on the doctors' rule profile.
 */
export function richRota(options: RichOptions): RotaFacts {
  const days = options.days ?? 14;
  const base = syntheticRota({
    staff: options.staff,
    days,
    seed: options.seed,
    noise: options.noise ?? 0.1,
    doctors: true,
  });
  const random = prng(options.seed ^ 0x5f3759df);
  const start = base.rota.startDate;
  const staff = base.staff.map((s, i) => ({
    ...s,
    ruleProfile: i % 4 === 1 ? ('DOCTOR_IN_TRAINING' as const) : s.ruleProfile,
    employerId: i === 2 || i === 5 ? 'org-council' : s.employerId,
    limits: {
      ...s.limits,
      ...(i % 3 === 0 ? { maxShiftsByType: { 'type-N': 1, 'type-LD': 0 } } : {}),
      ...(i % 3 === 1 ? { minTotalMinutes: 80 * 60, maxTotalMinutes: 50 * 60 } : {}),
      ...(i % 5 === 2 ? { minConsecutiveShifts: 3 } : {}),
      ...(i % 2 === 0 ? { maxWeekends: 1 } : {}),
    },
    fixedDaysOff:
      i % 4 === 2 ? [addDays(start, (i * 3) % days), addDays(start, (i * 5 + 1) % days)] : undefined,
  }));
  const shifts: ShiftFact[] = base.shifts.map((s, k) => {
    const out: ShiftFact = { ...s };
    if (k % 7 === 3) out.onCall = true;
    if (k % 11 === 5) out.endsAt = s.endsAt + 3 * 3_600_000; // over-long
    if (k % 13 === 6) out.unpaidBreakMinutes = 0; // no break
    return out;
  });
  const assignments: AssignmentFact[] = [...base.assignments];
  // History: the week before the rota, and another organisation's shifts during it.
  const H = 3_600_000;
  const firstMidnight = Date.parse(`${start}T00:00:00Z`);
  for (let d = -7; d < days; d++) {
    if (d >= 0 && d % 3 !== 0) continue;
    const date = addDays(start, d);
    const id = `other-${d}`;
    const night = d % 2 === 0;
    const startsAt = firstMidnight + d * 24 * H + (night ? 20 * H : 8 * H);
    shifts.push({
      id,
      teamId: d < 0 ? 'team-1' : 'team-2',
      organisationId: d < 0 ? undefined : 'org-council',
      typeId: night ? 'type-N' : 'type-E',
      localDate: date,
      startsAt,
      endsAt: startsAt + (night ? 12 : 9) * H,
      unpaidBreakMinutes: 30,
      onCall: d % 4 === 0,
      minHeadcount: 1,
      targetHeadcount: 1,
      inRota: false,
    });
    for (let p = 0; p < staff.length; p++) {
      if (random() < 0.25) assignments.push({ shiftId: id, staffId: staff[p]!.id });
    }
  }
  const end = base.rota.endDate;
  return {
    ...base,
    team: { ...base.team, requiredSkillIds: options.seed % 3 === 0 ? ['skill-rn'] : [] },
    ruleSet: ruleSetOf(options.variant),
    staff,
    shifts,
    assignments,
    placements: [
      {
        id: 'pl-1',
        staffId: staff[2]!.id,
        hostTeamId: 'team-1',
        startDate: start,
        endDate: addDays(start, 4),
      },
    ],
    // A council worker (the one without a placement, when there is one) holds approved bank claims on every shift
    // of two days: authorised on those shifts only (NOT_AUTHORISED_AT_TEAM on any other).
    bankShifts: base.shifts
      .filter((s) => s.localDate === addDays(start, 3) || s.localDate === addDays(start, 8))
      .map((s) => ({ staffId: (staff[5] ?? staff[2])!.id, shiftId: s.id, agreementId: 'ba-1' })),
    appointments: [
      {
        id: 'ap-1',
        staffId: staff[staff.length - 1]!.id,
        jointRoleId: 'jr-1',
        startDate: start,
        endDate: end,
        partners: [
          { organisationId: 'org-trust', timeSharePercent: 60 },
          { organisationId: 'org-council', timeSharePercent: 40 },
        ],
      },
    ],
  };
}
