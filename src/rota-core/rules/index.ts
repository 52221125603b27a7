import type { MeasureUnit, Violation } from '../model.js';
import type { Rule } from '../rule.js';
import { averageWeeklyHours } from './average-weekly-hours.rule.js';
import { contractedHours } from './contracted-hours.rule.js';
import { coverMinHeadcount } from './cover-min-headcount.rule.js';
import { coverSkillMix } from './cover-skill-mix.rule.js';
import { coverTarget } from './cover-target.rule.js';
import { dailyRest } from './daily-rest.rule.js';
import { dayOffRequired } from './day-off-required.rule.js';
import { doubleBooked } from './double-booked.rule.js';
import { fairNightsAndWeekends } from './fair-nights-and-weekends.rule.js';
import { forbiddenSequence } from './forbidden-sequence.rule.js';
import { jointRoleTimeSplit } from './joint-role-time-split.rule.js';
import { maxConsecutiveLateShifts } from './max-consecutive-late-shifts.rule.js';
import { maxConsecutiveLongShifts } from './max-consecutive-long-shifts.rule.js';
import { maxConsecutiveNights } from './max-consecutive-nights.rule.js';
import { maxConsecutiveShifts } from './max-consecutive-shifts.rule.js';
import { maxHoursRolling7Days } from './max-hours-rolling-7-days.rule.js';
import { maxOnCall } from './max-on-call.rule.js';
import { maxShiftLength } from './max-shift-length.rule.js';
import { maxShiftsOfType } from './max-shifts-of-type.rule.js';
import { maxTotalMinutes } from './max-total-minutes.rule.js';
import { maxWeekends } from './max-weekends.rule.js';
import { minConsecutiveDaysOff } from './min-consecutive-days-off.rule.js';
import { minConsecutiveShifts } from './min-consecutive-shifts.rule.js';
import { minTotalMinutes } from './min-total-minutes.rule.js';
import { nightWorkerAverage } from './night-worker-average.rule.js';
import { notAuthorisedAtTeam } from './not-authorised-at-team.rule.js';
import { oneShiftPerDay } from './one-shift-per-day.rule.js';
import { onAbsence } from './on-absence.rule.js';
import { restAfterNights } from './rest-after-nights.rule.js';
import { restBreak } from './rest-break.rule.js';
import { shiftOffRequest } from './shift-off-request.rule.js';
import { shiftOnRequest } from './shift-on-request.rule.js';
import { skillRequired } from './skill-required.rule.js';
import { weekendFrequency } from './weekend-frequency.rule.js';
import { weeklyRest } from './weekly-rest.rule.js';
import { youngWorkerLimits } from './young-worker-limits.rule.js';

/** Every rule in rules.md, in the catalogue's order. */
export const CATALOGUE: readonly Rule[] = [
  // Cover and skills
  coverMinHeadcount,
  coverTarget,
  coverSkillMix,
  skillRequired,
  notAuthorisedAtTeam,
  doubleBooked,
  onAbsence,
  dayOffRequired,
  // Working Time Regulations 1998
  dailyRest,
  weeklyRest,
  averageWeeklyHours,
  nightWorkerAverage,
  restBreak,
  youngWorkerLimits,
  // NHS doctors in training, 2016 terms as amended 2019
  maxHoursRolling7Days,
  maxShiftLength,
  maxConsecutiveShifts,
  maxConsecutiveLongShifts,
  maxConsecutiveLateShifts,
  maxConsecutiveNights,
  restAfterNights,
  weekendFrequency,
  maxOnCall,
  // Contract and pattern rules
  oneShiftPerDay,
  forbiddenSequence,
  maxShiftsOfType,
  minTotalMinutes,
  maxTotalMinutes,
  contractedHours,
  minConsecutiveShifts,
  minConsecutiveDaysOff,
  maxWeekends,
  // Preferences, joint roles, fairness
  shiftOnRequest,
  shiftOffRequest,
  jointRoleTimeSplit,
  fairNightsAndWeekends,
];

export const RULE_CODES: readonly string[] = CATALOGUE.map((r) => r.code);

const UNIT_OF_RULE = new Map<string, MeasureUnit>(CATALOGUE.map((r) => [r.code, r.unit]));

/** What a violation's measured value and limit count: its own unit, else its rule's. */
export function unitOf(v: Pick<Violation, 'ruleCode' | 'unit'>): MeasureUnit {
  return v.unit ?? UNIT_OF_RULE.get(v.ruleCode)!;
}
