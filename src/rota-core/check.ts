import { authorisationBasis, type Basis } from './authorisation.js';
import type { RotaFacts, RuleProfile, Violation } from './model.js';
import { normalise, type Normalised } from './normalise.js';
import {
  type Finding,
  materialise,
  type PendingViolation,
  type RuleConfig,
  type ShiftRule,
  type StaffRule,
  type TeamRule,
} from './rule.js';
import { CATALOGUE } from './rules/index.js';
import { resolveRules } from './ruleset.js';
import { ScheduleView } from './schedule-view.js';

export interface CheckResult {
  hardCount: number;
  softPenalty: number;
  violations: Violation[];
}

/**
 * What one more assignment would change, for that person and that shift. Violations are matched by rule,
 * person and window: after = before − resolved + added + improved.
 */
export interface AssignmentPreview {
  /** Violations that would appear: new ones, or a worse version of an existing one. */
  added: Violation[];
  /** Existing violations that would go away or be replaced (by the versions in `added` or `improved`). */
  resolved: Violation[];
  /** Lesser versions of existing violations (e.g. one skill-mix slot still unfilled instead of two). */
  improved: Violation[];
  hardAdded: number;
  /** Change in total soft penalty. */
  softDelta: number;
}

export interface Candidate {
  staffId: string;
  basis: Basis | null;
  eligible: boolean;
  /** Hard and soft violations the assignment would add. */
  violations: Violation[];
  hardCount: number;
  /** Soft penalty the assignment would add (negative: it improves the rota, e.g. fills a target). */
  softPenalty: number;
}

export interface CheckOptions {
  /** Only these rules (default: every rule the rule set enables). */
  ruleCodes?: readonly string[];
}

interface Screen {
  already: boolean;
  view: ScheduleView;
  screening: PendingViolation[];
  /** Hard violations the cheap rules alone would add: a lower bound of the full what-if's. */
  hardAdded: number;
}

interface PendingPreview extends Diff {
  hardAdded: number;
  softDelta: number;
}

interface RuleBook {
  staff: Array<[StaffRule, RuleConfig]>;
  /** The cheap, local staff rules (a subset of `staff`), and the others. */
  screening: Array<[StaffRule, RuleConfig]>;
  rest: Array<[StaffRule, RuleConfig]>;
  screeningCodes: Set<string>;
  shift: Array<[ShiftRule, RuleConfig]>;
  team: Array<[TeamRule, RuleConfig]>;
}

/** Same violation: same rule, person, window, measurements and shifts (the message follows from them). */
function same(a: PendingViolation, b: PendingViolation): boolean {
  if (
    a.ruleCode !== b.ruleCode ||
    a.windowStart !== b.windowStart ||
    a.windowEnd !== b.windowEnd ||
    a.penalty !== b.penalty ||
    a.measured !== b.measured ||
    a.limit !== b.limit ||
    a.staffId !== b.staffId ||
    a.shiftIds.length !== b.shiftIds.length
  ) {
    return false;
  }
  for (let i = 0; i < a.shiftIds.length; i++) if (a.shiftIds[i] !== b.shiftIds[i]) return false;
  return true;
}

const keyOf = (v: PendingViolation): string =>
  `${v.ruleCode}|${v.staffId}|${v.windowStart}|${v.windowEnd}|${v.penalty}|${v.measured}|${v.limit}|${v.shiftIds.join(',')}`;

/**
 * Multiset difference a − b. The lists are one person's or one shift's violations: usually short, compared
 * pairwise; long ones (a year-long rota full of breaches) through a hash of each violation's identity.
 */
function minus(a: PendingViolation[], b: PendingViolation[]): PendingViolation[] {
  if (a.length * b.length > 4096) {
    const pool = new Map<string, number>();
    for (const v of b) {
      const k = keyOf(v);
      pool.set(k, (pool.get(k) ?? 0) + 1);
    }
    const out: PendingViolation[] = [];
    for (const v of a) {
      const k = keyOf(v);
      const left = pool.get(k);
      if (left) pool.set(k, left - 1);
      else out.push(v);
    }
    return out;
  }
  const used = new Uint8Array(b.length);
  const out: PendingViolation[] = [];
  outer: for (const v of a) {
    for (let j = 0; j < b.length; j++) {
      if (!used[j] && same(v, b[j]!)) {
        used[j] = 1;
        continue outer;
      }
    }
    out.push(v);
  }
  return out;
}

const sameSubject = (a: PendingViolation, b: PendingViolation): boolean =>
  a.ruleCode === b.ruleCode &&
  a.staffId === b.staffId &&
  a.windowStart === b.windowStart &&
  a.windowEnd === b.windowEnd;

interface Diff {
  added: PendingViolation[];
  resolved: PendingViolation[];
  improved: PendingViolation[];
}

/**
 * Before → after for one person or one shift. Unchanged violations cancel out; a violation of the same rule,
 * person and window that changed counts as added when worse and improved when better (its old version resolved).
 */
function diff(before: PendingViolation[], after: PendingViolation[], into: Diff): void {
  if (before.length === 0) {
    for (const v of after) into.added.push(v);
    return;
  }
  const gone = minus(before, after);
  const fresh = minus(after, before);
  const matched = new Uint8Array(gone.length);
  for (const v of fresh) {
    let j = 0;
    while (j < gone.length && (matched[j] || !sameSubject(v, gone[j]!))) j++;
    if (j === gone.length) {
      into.added.push(v);
      continue;
    }
    matched[j] = 1;
    into.resolved.push(gone[j]!);
    if (v.penalty > gone[j]!.penalty) into.added.push(v);
    else into.improved.push(v);
  }
  for (let j = 0; j < gone.length; j++) if (!matched[j]) into.resolved.push(gone[j]!);
}

const compare = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

/** Completes a finding into a violation in place (rules build a fresh object per finding). */
function stamp(f: Finding, ruleCode: string, cfg: RuleConfig): PendingViolation {
  const v = f as unknown as PendingViolation;
  v.ruleCode = ruleCode;
  v.severity = cfg.severity;
  return v;
}

function soft(vs: PendingViolation[]): number {
  let sum = 0;
  for (let i = 0; i < vs.length; i++) if (vs[i]!.severity === 'SOFT') sum += vs[i]!.penalty;
  return sum;
}

/**
 * The rota checker: normalises the facts once, then answers a full check, the what-if of one assignment
 * (incremental: only that person's rules and that shift's rules run) and a ranked list of who could cover a
 * shift — all with the same rules. Never reads the clock; never throws for a broken rule.
 */
export class RotaChecker {
  readonly n: Normalised;
  private readonly books = new Map<RuleProfile, RuleBook>();
  private readonly staffBaseline = new Map<number, PendingViolation[]>();
  private readonly shiftBaseline = new Map<number, PendingViolation[]>();

  constructor(
    readonly facts: RotaFacts,
    private readonly options: CheckOptions = {},
  ) {
    this.n = normalise(facts);
  }

  private book(profile: RuleProfile): RuleBook {
    let book = this.books.get(profile);
    if (!book) {
      const configs = resolveRules(CATALOGUE, this.facts.ruleSet, this.facts.rota.startDate, profile);
      const only = this.options.ruleCodes ? new Set(this.options.ruleCodes) : undefined;
      book = { staff: [], screening: [], rest: [], screeningCodes: new Set(), shift: [], team: [] };
      for (const rule of CATALOGUE) {
        const cfg = configs.get(rule.code);
        if (!cfg || (only && !only.has(rule.code))) continue;
        if (rule.scope === 'STAFF') {
          book.staff.push([rule, cfg]);
          if (rule.screening && cfg.severity === 'HARD') {
            book.screening.push([rule, cfg]);
            book.screeningCodes.add(rule.code);
          } else {
            book.rest.push([rule, cfg]);
          }
        } else if (rule.scope === 'SHIFT') book.shift.push([rule, cfg]);
        else book.team.push([rule, cfg]);
      }
      this.books.set(profile, book);
    }
    return book;
  }

  /**
   * Violations of the person-level rules for one person, given a schedule (shift indices sorted by start, or a
   * view of them; default: their assignments).
   */
  staffViolations(staffIndex: number, schedule?: readonly number[] | ScheduleView): PendingViolation[] {
    return this.runStaffRules(
      staffIndex,
      schedule instanceof ScheduleView
        ? schedule
        : schedule
          ? new ScheduleView(this.n, schedule)
          : this.viewOf(staffIndex),
      'all',
    );
  }

  /** Violations of the team-wide rules, given every person's schedule (indexed like `n.staff`). */
  teamViolations(schedules: ReadonlyArray<ScheduleView>): PendingViolation[] {
    const out: PendingViolation[] = [];
    for (const [rule, cfg] of this.book('STANDARD').team) {
      rule.check(this.n, schedules, cfg, (f) => out.push(stamp(f, rule.code, cfg)));
    }
    return out;
  }

  /** Runs all the staff rules, only the cheap screening ones, or only the others. */
  private runStaffRules(
    staffIndex: number,
    view: ScheduleView,
    which: 'all' | 'screening' | 'rest',
  ): PendingViolation[] {
    const staff = this.n.staff[staffIndex]!;
    const out: PendingViolation[] = [];
    const book = this.book(staff.fact.ruleProfile);
    const rules = which === 'all' ? book.staff : which === 'screening' ? book.screening : book.rest;
    let code = '';
    let cfg: RuleConfig | undefined;
    const emit = (f: Finding) => out.push(stamp(f, code, cfg!));
    for (let k = 0; k < rules.length; k++) {
      const [rule, c] = rules[k]!;
      code = rule.code;
      cfg = c;
      rule.check(this.n, staff, view, c, emit);
    }
    return out;
  }

  private readonly views = new Map<number, ScheduleView>();
  private viewOf(staffIndex: number): ScheduleView {
    let view = this.views.get(staffIndex);
    if (!view)
      this.views.set(staffIndex, (view = new ScheduleView(this.n, this.n.staff[staffIndex]!.schedule)));
    return view;
  }

  /**
   * Violations of the cover rules for one shift, given who is on it (default: its assignments). With `added`,
   * the evaluation is a what-if of one more person: rules that adding people cannot worsen are skipped when the
   * shift has no violation of them.
   */
  shiftViolations(shiftIndex: number, assigned?: readonly number[], added?: number): PendingViolation[] {
    const shift = this.n.shifts[shiftIndex]!;
    const out: PendingViolation[] = [];
    const baseline = added === undefined ? undefined : this.baselineOfShift(shiftIndex);
    const people = assigned ?? this.n.assigned[shiftIndex]!;
    for (const [rule, cfg] of this.book('STANDARD').shift) {
      if (baseline && rule.monotoneUnderAdding && !baseline.some((v) => v.ruleCode === rule.code)) continue;
      rule.check(this.n, shift, people, cfg, (f: Finding) => out.push(stamp(f, rule.code, cfg)), added);
    }
    return out;
  }

  private readonly shiftWhatIfs = new Map<number, Map<string, PendingViolation[]>>();
  /**
   * The shift's violations with one more person, `pi`: shared by every person the shift's rules cannot tell
   * apart (same `extraKey`s), so who-can-cover runs them once per kind of candidate. Callers must not modify.
   */
  private shiftViolationsWith(si: number, pi: number): PendingViolation[] {
    const shift = this.n.shifts[si]!;
    let key = '';
    for (const [rule] of this.book('STANDARD').shift) {
      if (rule.extraKey !== 'count') key += rule.extraKey(this.n, shift, pi);
      key += '|';
    }
    let byKey = this.shiftWhatIfs.get(si);
    if (!byKey) this.shiftWhatIfs.set(si, (byKey = new Map()));
    let after = byKey.get(key);
    if (!after) byKey.set(key, (after = this.shiftViolations(si, undefined, pi)));
    return after;
  }

  /** Every violation of the rota, hard ones first, then by time. */
  check(): CheckResult {
    const violations: PendingViolation[] = [];
    for (const staff of this.n.staff) violations.push(...this.baselineOfStaff(staff.i));
    for (const shift of this.n.shifts) if (shift.inRota) violations.push(...this.baselineOfShift(shift.i));
    violations.push(...this.teamViolations(this.n.staff.map((s) => this.viewOf(s.i))));
    violations.sort(
      (a, b) =>
        (a.severity === b.severity ? 0 : a.severity === 'HARD' ? -1 : 1) ||
        a.windowStart - b.windowStart ||
        compare(a.ruleCode, b.ruleCode) ||
        compare(a.staffId ?? '', b.staffId ?? ''),
    );
    let hardCount = 0;
    for (const v of violations) if (v.severity === 'HARD') hardCount++;
    return { hardCount, softPenalty: soft(violations), violations: violations.map(materialise) };
  }

  private baselineOfStaff(i: number): PendingViolation[] {
    let v = this.staffBaseline.get(i);
    if (!v) this.staffBaseline.set(i, (v = this.staffViolations(i)));
    return v;
  }

  private baselineOfShift(i: number): PendingViolation[] {
    let v = this.shiftBaseline.get(i);
    if (!v) this.shiftBaseline.set(i, (v = this.shiftViolations(i)));
    return v;
  }

  private indices(shiftId: string, staffId: string): [number, number] {
    const si = this.n.shiftIndex.get(shiftId);
    const pi = this.n.staffIndex.get(staffId);
    if (si === undefined) throw new RangeError(`Shift ${shiftId} is not in the facts`);
    if (pi === undefined) throw new RangeError(`Staff member ${staffId} is not in the facts`);
    return [si, pi];
  }

  /**
   * What assigning `staffId` to `shiftId` would change, evaluating only that person's rules and that shift's
   * rules (team-wide fairness is left to the full check). Nothing is modified.
   */
  preview(shiftId: string, staffId: string): AssignmentPreview {
    const p = this.pendingPreview(shiftId, staffId);
    return {
      added: p.added.map(materialise),
      resolved: p.resolved.map(materialise),
      improved: p.improved.map(materialise),
      hardAdded: p.hardAdded,
      softDelta: p.softDelta,
    };
  }

  private pendingPreview(shiftId: string, staffId: string): PendingPreview {
    const [si, pi] = this.indices(shiftId, staffId);
    return this.previewAt(si, pi);
  }

  /**
   * First half of a what-if: the person's schedule with the shift added, and the cheap local rules run on it.
   * `hardAdded` is exact for those rules: the full what-if adds the same hard violations, and possibly more.
   */
  /** Each person's current violations of the screening rules (the baseline a screen compares with). */
  private readonly screeningBaseline = new Map<number, PendingViolation[]>();

  private screen(si: number, pi: number, countHard = true): Screen {
    const staff = this.n.staff[pi]!;
    const already = staff.schedule.includes(si);
    const view = already
      ? this.viewOf(pi)
      : new ScheduleView(
          this.n,
          insertSorted(staff.schedule, si, (i) => this.n.shifts[i]!.start, this.n.shifts[si]!.start),
        );
    const book = this.book(staff.fact.ruleProfile);
    const screening = this.runStaffRules(pi, view, 'screening');
    let hardAdded = 0;
    if (countHard && screening.length > 0 && !already) {
      const d: Diff = { added: [], resolved: [], improved: [] };
      let before = this.screeningBaseline.get(pi);
      if (!before) {
        before = this.baselineOfStaff(pi).filter((v) => book.screeningCodes.has(v.ruleCode));
        this.screeningBaseline.set(pi, before);
      }
      diff(before, screening, d);
      for (const v of d.added) if (v.severity === 'HARD') hardAdded++;
    }
    return { already, view, screening, hardAdded };
  }

  private previewAt(si: number, pi: number, screened: Screen = this.screen(si, pi, false)): PendingPreview {
    const { already, view } = screened;
    const staffBefore = this.baselineOfStaff(pi);
    const shiftBefore = this.baselineOfShift(si);
    const staffAfter = screened.screening.concat(this.runStaffRules(pi, view, 'rest'));
    const shiftAfter = already ? shiftBefore : this.shiftViolationsWith(si, pi);
    const d: Diff = { added: [], resolved: [], improved: [] };
    diff(staffBefore, staffAfter, d);
    if (shiftAfter !== shiftBefore) diff(shiftBefore, shiftAfter, d);
    let hardAdded = 0;
    for (const v of d.added) if (v.severity === 'HARD') hardAdded++;
    return {
      ...d,
      hardAdded,
      softDelta: soft(staffAfter) + soft(shiftAfter) - soft(staffBefore) - soft(shiftBefore),
    };
  }

  /** Per person: the rules they have soft penalties under now, with the sum (what an added shift could lower). */
  private readonly softNow = new Map<number, Array<[StaffRule, RuleConfig, number]>>();

  /** An upper bound of how much the person's soft penalties can fall when shift `si` is added to their work. */
  private maxSoftDrop(pi: number, si: number): number {
    let now = this.softNow.get(pi);
    if (!now) {
      const byRule = new Map<string, number>();
      for (const v of this.baselineOfStaff(pi))
        if (v.severity === 'SOFT') byRule.set(v.ruleCode, (byRule.get(v.ruleCode) ?? 0) + v.penalty);
      now = [];
      if (byRule.size > 0) {
        for (const [rule, cfg] of this.book(this.n.staff[pi]!.fact.ruleProfile).staff) {
          const sum = byRule.get(rule.code);
          if (sum !== undefined) now.push([rule, cfg, sum]);
        }
      }
      this.softNow.set(pi, now);
    }
    if (now.length === 0) return 0;
    const staff = this.n.staff[pi]!;
    const shift = this.n.shifts[si]!;
    let drop = 0;
    for (const [rule, cfg, sum] of now) {
      drop += rule.maxDropWhenAdding ? Math.min(sum, rule.maxDropWhenAdding(this.n, staff, shift, cfg)) : sum;
    }
    return drop;
  }

  /**
   * Who could cover a shift: each candidate's basis, whether the assignment would break a hard rule, and what
   * it would add. Ranked: eligible first, then by the soft penalty they would add, then by name. `limit` bounds how
   * many are returned; with it, candidates that provably cannot make the list are not evaluated in full.
   */
  candidates(shiftId: string, options: { staffIds?: readonly string[]; limit?: number } = {}): Candidate[] {
    const { staffIds, limit } = options;
    const si = this.n.shiftIndex.get(shiftId);
    if (si === undefined) throw new RangeError(`Shift ${shiftId} is not in the facts`);
    const shift = this.n.shifts[si]!;
    const onShift = new Set(this.n.assigned[si]);
    const pool = staffIds
      ? staffIds.map((id) => this.n.staffIndex.get(id)).filter((i): i is number => i !== undefined)
      : this.n.staff.map((s) => s.i);
    if (limit !== undefined && limit < 1) return [];
    type Ranked = { pi: number; name: string; hard: number; soft: number; added: PendingViolation[] };
    // Best first: each candidate's cheap rules and the shift's (memoised per kind of candidate) give a lower
    // bound of its rank key — hard ≥ what the cheap rules add; soft ≥ the shift's change minus every soft
    // penalty the person has now (screening rules are hard only). Candidates are evaluated in full in bound
    // order until the `limit`-th best so far ranks before the next bound: the result is the same as
    // evaluating everyone.
    const shiftBefore = soft(this.baselineOfShift(si));
    // Screens are not kept: most candidates are never evaluated in full, and holding 1,000 schedules would only
    // feed the garbage collector; the few that are evaluated are screened again.
    const bounded: Ranked[] = [];
    for (const pi of pool) {
      if (onShift.has(pi)) continue;
      const screened = this.screen(si, pi);
      const staff = this.n.staff[pi]!;
      bounded.push({
        pi,
        name: staff.fact.name ?? staff.id,
        hard: screened.hardAdded,
        soft: soft(this.shiftViolationsWith(si, pi)) - shiftBefore - this.maxSoftDrop(pi, si),
        added: [],
      });
    }
    // Penalties are sums of decimals: closer than 1e-6 is a tie (so a bound can equal the value it bounds).
    const rank = (a: Ranked, b: Ranked) =>
      a.hard - b.hard || (Math.abs(a.soft - b.soft) < 1e-6 ? 0 : a.soft - b.soft) || compare(a.name, b.name);
    bounded.sort(rank);
    const ranked: Ranked[] = [];
    for (const b of bounded) {
      if (limit === undefined) {
        const p = this.previewAt(si, b.pi);
        ranked.push({ pi: b.pi, name: b.name, hard: p.hardAdded, soft: p.softDelta, added: p.added });
        continue;
      }
      if (ranked.length >= limit && rank(ranked[limit - 1]!, b) < 0) break;
      const p = this.previewAt(si, b.pi);
      const r: Ranked = { pi: b.pi, name: b.name, hard: p.hardAdded, soft: p.softDelta, added: p.added };
      let at = ranked.length;
      while (at > 0 && rank(ranked[at - 1]!, r) > 0) at--;
      ranked.splice(at, 0, r);
      if (ranked.length > limit) ranked.pop();
    }
    if (limit === undefined) ranked.sort(rank);
    return ranked.slice(0, limit ?? ranked.length).map((r) => {
      const staff = this.n.staff[r.pi]!;
      return {
        staffId: staff.id,
        basis: authorisationBasis(
          staff.fact,
          this.facts.team,
          shift.fact.localDate,
          this.facts.placements,
          this.facts.appointments,
          this.facts.bankShifts,
          shift.id,
        ),
        eligible: r.hard === 0,
        violations: r.added.map(materialise),
        hardCount: r.hard,
        softPenalty: r.soft,
      };
    });
  }
}

function insertSorted(
  list: readonly number[],
  value: number,
  key: (i: number) => number,
  k: number,
): number[] {
  let lo = 0;
  let hi = list.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (key(list[mid]!) <= k) lo = mid + 1;
    else hi = mid;
  }
  const out = new Array<number>(list.length + 1);
  for (let i = 0; i < lo; i++) out[i] = list[i]!;
  out[lo] = value;
  for (let i = lo; i < list.length; i++) out[i + 1] = list[i]!;
  return out;
}

/** One-shot full check. */
export function checkRota(facts: RotaFacts, options: CheckOptions = {}): CheckResult {
  return new RotaChecker(facts, options).check();
}
