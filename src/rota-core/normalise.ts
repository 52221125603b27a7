import { birthday } from './dates.js';
import { isAccepted } from './passport.js';
import type { AcceptancePolicy } from './passport.js';
import type {
  AbsenceFact,
  AppointmentFact,
  CredentialFact,
  IsoDate,
  RotaFacts,
  ShiftFact,
  StaffFact,
} from './model.js';
import { dateOfDay, DayClock, dayNumber, deriveShift } from './shift-facts.js';

/**
 * Normalisation: luxon is used here, once per distinct local day, and nowhere in the rules. Everything a rule
 * compares becomes a number: epoch minutes for instants, day numbers (days since 1970-01-01 of the local date)
 * for dates, indices for ids.
 */

export const MINUTES_PER_DAY = 1440;

export { dateOfDay, dayNumber };

/** ISO weekday of a day number (Monday 1 … Sunday 7); 1970-01-01 was a Thursday. */
export function weekdayOf(day: number): number {
  return ((((day + 3) % 7) + 7) % 7) + 1;
}

/** The Saturday of the weekend a day belongs to, or -1 on weekdays. */
export function weekendOf(day: number): number {
  const w = weekdayOf(day);
  return w === 6 ? day : w === 7 ? day - 1 : -1;
}

export interface NShift {
  i: number;
  id: string;
  fact: ShiftFact;
  typeIndex: number;
  inRota: boolean;
  /** Epoch minutes. */
  start: number;
  end: number;
  /** Real minutes minus the unpaid break (on-call and sleep-ins count in full). */
  work: number;
  day: number;
  /** Local day of the last working minute. */
  endDay: number;
  weekday: number;
  night: boolean;
  long: boolean;
  late: boolean;
  nightMinutes: number;
  onCall: boolean;
  /** Saturday of the weekend the shift starts on (day-based rules), or -1. */
  weekendByStart: number;
  /** Saturdays of the weekends any working time touches (Saturday 00:00 – Monday 00:00 local). */
  weekendsTouched: number[];
}

export interface NStaff {
  i: number;
  id: string;
  fact: StaffFact;
  /** Shift indices this person works, by start. */
  schedule: number[];
  /** Day number of their 18th birthday (under 18 before it), or -Infinity when unknown. */
  adultFrom: number;
  absences: Array<[number, number]>;
  fixedDaysOff: Set<number>;
  credentials: CredentialFact[];
  /** Per skill: [firstDay, dayAfterLast) intervals of valid credentials the team's organisation accepts. */
  acceptedSkills: Map<string, Array<[number, number]>>;
  requests: Array<{ day: number; typeIndex: number; kind: 'ON' | 'OFF'; weight: number }>;
  /** Joint-role appointments overlapping the rota. */
  appointments: AppointmentFact[];
}

export interface Normalised {
  facts: RotaFacts;
  zone: string;
  rotaStartDay: number;
  rotaEndDay: number;
  /** Local midnight at the start of the rota's first day and after its last day (epoch minutes). */
  rotaStart: number;
  rotaEnd: number;
  shifts: NShift[];
  shiftIndex: Map<string, number>;
  staff: NStaff[];
  staffIndex: Map<string, number>;
  typeIndex: Map<string, number>;
  /** Per shift: indices of the staff assigned. */
  assigned: number[][];
  /** Per type index: type indices that may not start the next day. */
  cannotFollow: Set<number>[];
  acceptance: AcceptancePolicy;
  /** Local midnight of a day (epoch minutes). */
  midnight(day: number): number;
  /** Per-rota constants rules derive once (reference windows, weekends…), by name. */
  memo<T>(key: string, compute: () => T): T;
}

/** Turns facts into numbers. O(shifts + assignments + days); luxon only per distinct local day. */
export function normalise(facts: RotaFacts): Normalised {
  const zone = facts.team.timeZone;
  const clock = new DayClock(zone);
  const typeIndex = new Map(facts.shiftTypes.map((t, i) => [t.id, i]));
  const cannotFollow = facts.shiftTypes.map(
    (t) =>
      new Set(
        t.cannotBeFollowedByIds.map((id) => typeIndex.get(id)).filter((x): x is number => x !== undefined),
      ),
  );
  for (const pair of facts.ruleSet.forbiddenSequences ?? []) {
    const then = facts.shiftTypes.flatMap((t, i) => (t.code === pair.then ? [i] : []));
    facts.shiftTypes.forEach((t, i) => {
      if (t.code === pair.first) for (const j of then) cannotFollow[i]!.add(j);
    });
  }
  const dayMemo = new Map<string, number>();
  const dayOf = (date: IsoDate): number => {
    let d = dayMemo.get(date);
    if (d === undefined) dayMemo.set(date, (d = dayNumber(date)));
    return d;
  };

  const shifts: NShift[] = facts.shifts.map((f, i) => {
    const start = Math.round(f.startsAt / 60_000);
    const end = Math.round(f.endsAt / 60_000);
    const day = dayOf(f.localDate);
    const derived = deriveShift(clock, start, end, day, f.unpaidBreakMinutes);
    const endDay = derived.endDay;
    const weekendsTouched: number[] = [];
    for (let d = day; d <= endDay; d++) {
      const w = weekendOf(d);
      if (w >= 0 && weekendsTouched[weekendsTouched.length - 1] !== w) weekendsTouched.push(w);
    }
    return {
      i,
      id: f.id,
      fact: f,
      typeIndex: typeIndex.get(f.typeId) ?? -1,
      inRota: f.inRota,
      start,
      end,
      work: derived.workingMinutes,
      day,
      endDay,
      weekday: weekdayOf(day),
      night: derived.night,
      long: derived.long,
      late: derived.late,
      nightMinutes: derived.nightMinutes,
      onCall: Boolean(f.onCall),
      weekendByStart: weekendOf(day),
      weekendsTouched,
    };
  });
  const shiftIndex = new Map(shifts.map((s) => [s.id, s.i]));

  const acceptance: AcceptancePolicy = facts.acceptance ?? {
    organisationId: facts.team.organisationId,
    sector: facts.organisationSectors?.[facts.team.organisationId] ?? 'HEALTH',
    acceptedSkillIds: new Set(),
    acceptedVerifierIds: new Set(),
  };
  const absencesByStaff = new Map<string, AbsenceFact[]>();
  for (const a of facts.absences ?? []) {
    const list = absencesByStaff.get(a.staffId) ?? [];
    list.push(a);
    absencesByStaff.set(a.staffId, list);
  }
  const credentialsByStaff = new Map<string, CredentialFact[]>();
  for (const c of facts.credentials ?? []) {
    const list = credentialsByStaff.get(c.staffId) ?? [];
    list.push(c);
    credentialsByStaff.set(c.staffId, list);
  }

  const requestsByStaff = new Map<string, NStaff['requests']>();
  for (const r of facts.shiftRequests ?? []) {
    const typeIdx = typeIndex.get(r.typeId);
    if (typeIdx === undefined) continue;
    const list = requestsByStaff.get(r.staffId) ?? [];
    list.push({ day: dayOf(r.date), typeIndex: typeIdx, kind: r.kind, weight: r.weight });
    requestsByStaff.set(r.staffId, list);
  }

  const staff: NStaff[] = facts.staff.map((s, i) => ({
    i,
    id: s.id,
    fact: s,
    schedule: [],
    adultFrom: s.dateOfBirth ? dayOf(birthday(s.dateOfBirth, 18)) : -Infinity,
    absences: (absencesByStaff.get(s.id) ?? []).map(
      (a) => [dayOf(a.startDate), dayOf(a.endDate)] as [number, number],
    ),
    fixedDaysOff: new Set((s.fixedDaysOff ?? []).map(dayOf)),
    credentials: credentialsByStaff.get(s.id) ?? [],
    acceptedSkills: acceptedIntervals(credentialsByStaff.get(s.id) ?? [], acceptance, dayOf),
    requests: requestsByStaff.get(s.id) ?? [],
    appointments: (facts.appointments ?? []).filter(
      (a) =>
        a.staffId === s.id &&
        a.startDate <= facts.rota.endDate &&
        (a.endDate === null || a.endDate >= facts.rota.startDate),
    ),
  }));
  const staffIndex = new Map(staff.map((s) => [s.id, s.i]));

  const assigned: number[][] = shifts.map(() => []);
  for (const a of facts.assignments) {
    const si = shiftIndex.get(a.shiftId);
    const pi = staffIndex.get(a.staffId);
    if (si === undefined || pi === undefined) continue;
    assigned[si]!.push(pi);
    staff[pi]!.schedule.push(si);
  }
  for (const p of staff) p.schedule.sort((a, b) => shifts[a]!.start - shifts[b]!.start || a - b);

  const memos = new Map<string, unknown>();
  const rotaStartDay = dayOf(facts.rota.startDate);
  // Local midnights from a year before the rota to a month after it, as a plain array (the rules' hot path).
  const midnightBase = rotaStartDay - 400;
  const midnights = new Float64Array(dayOf(facts.rota.endDate) + 40 - midnightBase);
  for (let k = 0; k < midnights.length; k++) midnights[k] = clock.midnight(midnightBase + k);
  const rotaEndDay = dayOf(facts.rota.endDate);
  return {
    facts,
    zone,
    rotaStartDay,
    rotaEndDay,
    rotaStart: clock.midnight(rotaStartDay),
    rotaEnd: clock.midnight(rotaEndDay + 1),
    shifts,
    shiftIndex,
    staff,
    staffIndex,
    typeIndex,
    assigned,
    cannotFollow,
    acceptance,
    midnight: (day) => {
      const k = day - midnightBase;
      if (k >= 0 && k < midnights.length) return midnights[k]!;
      return clock.midnight(day);
    },
    memo: <T>(key: string, compute: () => T): T => {
      if (!memos.has(key)) memos.set(key, compute());
      return memos.get(key) as T;
    },
  };
}

/** Day intervals in which a person holds each skill with a credential the organisation accepts. */
function acceptedIntervals(
  credentials: readonly CredentialFact[],
  acceptance: AcceptancePolicy,
  dayOf: (date: IsoDate) => number,
): Map<string, Array<[number, number]>> {
  const out = new Map<string, Array<[number, number]>>();
  for (const c of credentials) {
    if (c.revoked || !isAccepted(c, acceptance)) continue;
    const list = out.get(c.skillId) ?? [];
    list.push([dayOf(c.obtainedOn), c.expiresOn === null ? Infinity : dayOf(c.expiresOn)]);
    out.set(c.skillId, list);
  }
  return out;
}

/** Does the person hold the skill, accepted by the team's organisation, on that day? */
export function holdsSkill(staff: NStaff, skillId: string, day: number): boolean {
  const intervals = staff.acceptedSkills.get(skillId);
  if (!intervals) return false;
  for (const [from, to] of intervals) if (day >= from && day < to) return true;
  return false;
}
