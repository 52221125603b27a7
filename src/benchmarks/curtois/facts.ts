import type {
  AssignmentFact,
  RotaFacts,
  RuleOverrides,
  ShiftFact,
  ShiftRequestFact,
  StaffFact,
} from '../../rota-core/model.js';
import { addDays } from '../../rota-core/dates.js';
import { CATALOGUE } from '../../rota-core/rules/index.js';
import type { CurtoisInstance } from './instance.js';

/**
 * The benchmark as rota-core facts, checked by the engine's general rules (rules.md, "Contract and pattern
 * rules"): one team in UTC whose rota starts on a Monday, one shift per day and shift type, the instance's
 * limits as each person's contract limits. Only the benchmark's rules are on — its nine hard constraints and its
 * three objective terms — so the engine's soft penalty is the benchmark's objective.
 */
export const CURTOIS_RULES: RuleOverrides = {
  ONE_SHIFT_PER_DAY: { severity: 'HARD', params: { maxPerDay: 1 } },
  FORBIDDEN_SEQUENCE: { severity: 'HARD' },
  MAX_SHIFTS_OF_TYPE: { severity: 'HARD' },
  MIN_TOTAL_MINUTES: { severity: 'HARD' },
  MAX_TOTAL_MINUTES: { severity: 'HARD' },
  // The person's MaxConsecutiveShifts; no rest-after-run requirement.
  MAX_CONSECUTIVE_SHIFTS: { severity: 'HARD', params: { maxShifts: null, restAfterMinutes: null } },
  MIN_CONSECUTIVE_SHIFTS: { severity: 'HARD' },
  MIN_CONSECUTIVE_DAYS_OFF: { severity: 'HARD' },
  MAX_WEEKENDS: { severity: 'HARD' },
  DAY_OFF_REQUIRED: { severity: 'HARD' },
  SHIFT_ON_REQUEST: { severity: 'SOFT' },
  SHIFT_OFF_REQUEST: { severity: 'SOFT' },
  // Every shift carries its cover row's weights (0 when it has none), so these defaults never apply.
  COVER_TARGET: { severity: 'SOFT', params: { underWeight: 0, overWeight: 0 } },
};

/** Day 0 of every instance: a Monday. */
export const CURTOIS_START = '2024-01-01';
const TEAM = 'curtois-team';
const ORGANISATION = 'curtois-organisation';
const DAY_MS = 86_400_000;
const START_MS = Date.parse(`${CURTOIS_START}T00:00:00Z`);

const dates: string[] = [];
/** The date of day `day` (computed once per day: instances are read many times over). */
const dateOf = (day: number) => (dates[day] ??= addDays(CURTOIS_START, day));

/** The id of the shift of type `shiftId` on `day`. */
export const curtoisShiftId = (day: number, shiftId: string) => `${day}/${shiftId}`;

/** A roster row: `staff` works shift type `shift` on `day` (0-based). */
export interface CurtoisAssignment {
  staff: string;
  day: number;
  shift: string;
}

export function curtoisFacts(
  instance: CurtoisInstance,
  roster: readonly CurtoisAssignment[] = [],
): RotaFacts {
  const overrides: Record<string, RuleOverrides[string]> = {};
  for (const rule of CATALOGUE) overrides[rule.code] = CURTOIS_RULES[rule.code] ?? { severity: 'OFF' };

  const cover = new Map(instance.cover.map((c) => [curtoisShiftId(c.day, c.shiftId), c]));
  const shifts: ShiftFact[] = [];
  for (let day = 0; day < instance.horizon; day++) {
    const startsAt = START_MS + day * DAY_MS;
    for (const type of instance.shiftTypes) {
      const id = curtoisShiftId(day, type.id);
      const row = cover.get(id);
      shifts.push({
        id,
        teamId: TEAM,
        typeId: type.id,
        localDate: dateOf(day),
        startsAt,
        endsAt: startsAt + type.minutes * 60_000,
        unpaidBreakMinutes: 0,
        minHeadcount: 0,
        targetHeadcount: row?.requirement ?? 0,
        underWeight: row?.weightUnder ?? 0,
        overWeight: row?.weightOver ?? 0,
        inRota: true,
      });
    }
  }

  const staff: StaffFact[] = instance.staff.map((s) => ({
    id: s.id,
    name: s.id,
    employerId: ORGANISATION,
    dateOfBirth: null,
    contractedMinutesPerWeek: 0,
    optOut: true,
    ruleProfile: 'STANDARD',
    limits: {
      maxShiftsByType: s.maxShifts,
      minTotalMinutes: s.minTotalMinutes,
      maxTotalMinutes: s.maxTotalMinutes,
      maxConsecutiveShifts: s.maxConsecutiveShifts,
      minConsecutiveShifts: s.minConsecutiveShifts,
      minConsecutiveDaysOff: s.minConsecutiveDaysOff,
      maxWeekends: s.maxWeekends,
    },
    fixedDaysOff: (instance.daysOff.get(s.id) ?? []).map(dateOf),
  }));

  const shiftRequests: ShiftRequestFact[] = [
    ...instance.onRequests.map((r) => ({ ...request(r), kind: 'ON' as const })),
    ...instance.offRequests.map((r) => ({ ...request(r), kind: 'OFF' as const })),
  ];
  const assignments: AssignmentFact[] = roster.map((a) => ({
    shiftId: curtoisShiftId(a.day, a.shift),
    staffId: a.staff,
  }));

  return {
    now: START_MS,
    team: { id: TEAM, organisationId: ORGANISATION, timeZone: 'UTC', requiredSkillIds: [] },
    rota: { id: instance.name, startDate: dateOf(0), endDate: dateOf(instance.horizon - 1) },
    ruleSet: { preset: 'WTR_1998', overrides },
    staff,
    shiftTypes: instance.shiftTypes.map((t) => ({
      id: t.id,
      code: t.id,
      cannotBeFollowedByIds: t.cannotFollow,
    })),
    shifts,
    assignments,
    shiftRequests,
    organisationSectors: { [ORGANISATION]: 'HEALTH' },
  };
}

function request(r: { staffId: string; day: number; shiftId: string; weight: number }) {
  return { staffId: r.staffId, date: dateOf(r.day), typeId: r.shiftId, weight: r.weight };
}
