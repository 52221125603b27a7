/**
 * The facts the rota checker reads: plain data, no framework types. The caller (a NestJS service, the Curtois
 * importer, a benchmark) builds them; rota-core normalises them once and runs the rules.
 *
 * Instants are epoch milliseconds; local dates are ISO 'YYYY-MM-DD' strings in the team's zone.
 */
import type { AcceptancePolicy, CredentialFact, IsoDate, Sector } from './passport.js';

export type { AcceptancePolicy, CredentialFact, IsoDate, Sector };

export type Severity = 'HARD' | 'SOFT';

export type RuleProfile = 'STANDARD' | 'DOCTOR_IN_TRAINING';

/** Per-person contract limits (the Curtois benchmark's SECTION_STAFF, or a contract's pattern rules). */
export interface StaffLimits {
  /** Per shift type id: at most this many over the rota (0: never that type). */
  maxShiftsByType?: Record<string, number>;
  minTotalMinutes?: number;
  maxTotalMinutes?: number;
  maxConsecutiveShifts?: number;
  minConsecutiveShifts?: number;
  minConsecutiveDaysOff?: number;
  maxWeekends?: number;
}

export interface StaffFact {
  id: string;
  name?: string;
  employerId: string;
  dateOfBirth: IsoDate | null;
  contractedMinutesPerWeek: number;
  /** Signed the WTR reg. 5 opt-out of the 48-hour average. */
  optOut: boolean;
  ruleProfile: RuleProfile;
  limits?: StaffLimits;
  /** Days the person must not work (Curtois SECTION_DAYS_OFF). */
  fixedDaysOff?: IsoDate[];
}

export interface ShiftTypeFact {
  id: string;
  code: string;
  /** Types that may not start on the day after this one. */
  cannotBeFollowedByIds: string[];
}

export interface SkillSlot {
  skillId: string;
  count: number;
}

export interface ShiftFact {
  id: string;
  teamId: string;
  /** The organisation the shift's team belongs to (joint-role time split); the checked team's when absent. */
  organisationId?: string;
  typeId: string;
  /** Local date the shift starts on (team's zone). */
  localDate: IsoDate;
  startsAt: number;
  endsAt: number;
  unpaidBreakMinutes: number;
  onCall?: boolean;
  sleepIn?: boolean;
  minHeadcount: number;
  targetHeadcount: number;
  /** At most this many people (the solver never proposes more; null or absent: no cap). */
  maxHeadcount?: number | null;
  /** Per-shift cover weights (Curtois cover rows); the rule set's weights otherwise. */
  underWeight?: number;
  overWeight?: number;
  skillSlots?: SkillSlot[];
  /** Part of the rota being checked (false: history or another team's shift a person also works). */
  inRota: boolean;
}

export interface AssignmentFact {
  shiftId: string;
  staffId: string;
}

/** An approved absence: whole local days. */
export interface AbsenceFact {
  staffId: string;
  startDate: IsoDate;
  endDate: IsoDate;
}

export interface ShiftRequestFact {
  staffId: string;
  date: IsoDate;
  typeId: string;
  kind: 'ON' | 'OFF';
  weight: number;
}

/** An approved placement: the person may work at the host team on these days. */
export interface PlacementFact {
  id: string;
  staffId: string;
  hostTeamId: string;
  startDate: IsoDate;
  endDate: IsoDate;
}

/**
 * A bank shift: the person claimed an open shift and the host approved it (under a bank agreement between their
 * employers, or within one organisation). It authorises that one shift, nothing else.
 */
export interface BankShiftFact {
  staffId: string;
  shiftId: string;
  /** The agreement between the employers; null within one organisation. */
  agreementId: string | null;
}

/** A joint-role appointment that runs on these days: the person may work at every partner's teams. */
export interface AppointmentFact {
  id: string;
  staffId: string;
  jointRoleId: string;
  startDate: IsoDate;
  endDate: IsoDate | null;
  /** Partner organisations and their agreed time share (percent, summing to 100). */
  partners: Array<{ organisationId: string; timeSharePercent: number }>;
}

export interface TeamFact {
  id: string;
  organisationId: string;
  timeZone: string;
  requiredSkillIds: string[];
}

/** The rule set a team's rotas are checked against: a preset plus overrides (see presets/). */
export interface RuleSetSpec {
  preset: PresetName;
  overrides?: RuleOverrides;
  /**
   * Pairs of shift type codes the team forbids on consecutive days (`then` may not start the day after `first`),
   * in addition to each shift type's own cannotBeFollowedBy list (FORBIDDEN_SEQUENCE).
   */
  forbiddenSequences?: ReadonlyArray<{ first: string; then: string }>;
}

export type PresetName = 'WTR_1998' | 'NHS_DOCTORS_2016' | 'SOCIAL_CARE';

/** Per rule: severity (or OFF) and parameter values; `null` switches a parameter (and so its rule) off. */
export type RuleOverrides = Partial<
  Record<string, { severity?: Severity | 'OFF'; params?: Record<string, number | null> }>
>;

export interface RotaFacts {
  /** "Now", as the caller sees it (rules never read the clock). */
  now: number;
  team: TeamFact;
  rota: { id: string; startDate: IsoDate; endDate: IsoDate };
  ruleSet: RuleSetSpec;
  staff: StaffFact[];
  shiftTypes: ShiftTypeFact[];
  /** The rota's shifts and, for the people involved, their other shifts in the look-back window. */
  shifts: ShiftFact[];
  assignments: AssignmentFact[];
  absences?: AbsenceFact[];
  shiftRequests?: ShiftRequestFact[];
  credentials?: CredentialFact[];
  /** What the team's organisation accepts (passport); own-sector only when absent. */
  acceptance?: AcceptancePolicy;
  placements?: PlacementFact[];
  appointments?: AppointmentFact[];
  /** Approved bank claims of the people involved on the rota's shifts. */
  bankShifts?: BankShiftFact[];
  /** Sector of each organisation that appears (employers, partners). */
  organisationSectors?: Record<string, Sector>;
  /** Display names of skills, for messages (ids otherwise). */
  skillNames?: Record<string, string>;
}

/** One broken rule, explained (api.md `Violation`). */
/** What a violation's measured value and limit count. */
export type MeasureUnit =
  'MINUTES' | 'SHIFTS' | 'DAYS' | 'WEEKENDS' | 'PEOPLE' | 'PERCENTAGE_POINTS' | 'SKILLS' | 'OCCURRENCES';

export interface Violation {
  ruleCode: string;
  severity: Severity;
  /** In the rule's own unit (minutes short, people short, hours over…), ≥ 0. */
  penalty: number;
  staffId: string | null;
  shiftIds: string[];
  /** The window the rule measured over (epoch ms). */
  windowStart: number;
  windowEnd: number;
  measured: number;
  limit: number;
  /** What measured and limit count, where it is not the rule's own `unit` (one rule measures two things). */
  unit?: MeasureUnit;
  message: string;
}
