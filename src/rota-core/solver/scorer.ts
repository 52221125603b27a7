import { RotaChecker } from '../check.js';
import type { AssignmentFact, RotaFacts } from '../model.js';
import type { Normalised } from '../normalise.js';
import type { PendingViolation } from '../rule.js';
import { ScheduleView } from '../schedule-view.js';
import { RuleWeights } from './weights.js';

/** A roster's measures: hard violations, their raw and weighted penalty, and the weighted soft penalty. */
export interface ScoreTotals {
  hardCount: number;
  /** Σ penalty of the hard violations, each in its rule's unit (as the engine reports them). */
  hardPenalty: number;
  /** Σ weight × penalty of the hard violations: the hard magnitude the search follows. */
  hardWeighted: number;
  /** Σ weight × penalty of the soft violations. */
  softWeighted: number;
}

/** Per rule code: how many hard and soft violations, and the sum of their penalties (unweighted). */
export interface RuleTotal {
  hardCount: number;
  softCount: number;
  penalty: number;
}

/**
 * One change to the roster: `[shiftIndex, staffIndex, +1 | -1, …]` (add or remove that person on that shift),
 * applied in order. Indices are the checker's (`scorer.n.shifts`, `scorer.n.staff`).
 */
export type Ops = readonly number[];

const HC = 0;
const HP = 1;
const HW = 2;
const SW = 3;

interface Saved {
  index: number;
  violations: PendingViolation[];
  score: [number, number, number, number];
  view?: ScheduleView;
}

/**
 * The roster as the solver changes it, scored incrementally with the engine's own rules: each person's STAFF rules
 * and each in-rota shift's SHIFT rules are cached; a move re-runs only the rules of the people and shifts it
 * touches (TEAM rules are re-run whole: they are one pass over the schedules). One definition of each rule: the
 * scorer calls the same rule functions as `checkRota`, through the checker.
 *
 * Only in-rota shifts change; the facts' other assignments (history, other teams) stay in everyone's schedule.
 * `apply` then `undo` (or `commit`) — one pending move at a time.
 */
export class IncrementalScorer {
  readonly checker: RotaChecker;
  readonly n: Normalised;
  readonly weights: RuleWeights;
  /** Per shift: the people on it. */
  readonly assigned: number[][];
  /** Per person: their shift indices, sorted by start (then index, as the checker sorts them). */
  readonly schedules: number[][];
  private readonly views: ScheduleView[];
  private readonly staffV: PendingViolation[][];
  private readonly staffS: Float64Array;
  private readonly shiftV: PendingViolation[][];
  private readonly shiftS: Float64Array;
  private teamV: PendingViolation[] = [];
  private readonly teamS = new Float64Array(4);
  private readonly total = new Float64Array(4);

  // The pending move (for undo).
  private pendingOps: number[] = [];
  private savedStaff: Saved[] = [];
  private savedShifts: Saved[] = [];
  private savedTeam: Saved | undefined;
  private savedTotal = new Float64Array(4);
  private pending = false;
  private readonly personMark: Int32Array;
  private readonly shiftMark: Int32Array;
  private generation = 0;

  constructor(facts: RotaFacts, weights: RuleWeights = new RuleWeights()) {
    this.checker = new RotaChecker(facts);
    this.n = this.checker.n;
    this.weights = weights;
    const n = this.n;
    this.assigned = n.assigned.map((a) => a.slice());
    this.schedules = n.staff.map((s) => s.schedule.slice());
    this.views = this.schedules.map((s) => new ScheduleView(n, s));
    this.staffS = new Float64Array(n.staff.length * 4);
    this.shiftS = new Float64Array(n.shifts.length * 4);
    this.staffV = n.staff.map((s) =>
      this.scoreInto(this.checker.staffViolations(s.i, this.views[s.i]), this.staffS, s.i),
    );
    this.shiftV = n.shifts.map((s) =>
      s.inRota ? this.scoreInto(this.checker.shiftViolations(s.i, this.assigned[s.i]), this.shiftS, s.i) : [],
    );
    this.teamV = this.scoreInto(this.checker.teamViolations(this.views), this.teamS, 0);
    this.personMark = new Int32Array(n.staff.length);
    this.shiftMark = new Int32Array(n.shifts.length);
    this.recount();
  }

  get hardCount(): number {
    return this.total[HC]!;
  }
  get hardPenalty(): number {
    return this.total[HP]!;
  }
  get hardWeighted(): number {
    return this.total[HW]!;
  }
  get softWeighted(): number {
    return this.total[SW]!;
  }

  totals(): ScoreTotals {
    return {
      hardCount: this.total[HC]!,
      hardPenalty: this.total[HP]!,
      hardWeighted: this.total[HW]!,
      softWeighted: this.total[SW]!,
    };
  }

  /** Is person `pi` on shift `si`? */
  has(si: number, pi: number): boolean {
    return this.assigned[si]!.includes(pi);
  }

  /** Weighs a list of violations into `out[4·at …]` and returns the list. */
  private scoreInto(vs: PendingViolation[], out: Float64Array, at: number): PendingViolation[] {
    let hc = 0;
    let hp = 0;
    let hw = 0;
    let sw = 0;
    for (let k = 0; k < vs.length; k++) {
      const v = vs[k]!;
      if (v.severity === 'HARD') {
        hc++;
        hp += v.penalty;
        hw += this.weights.hard(v);
      } else sw += this.weights.of(v.ruleCode, v.unit) * v.penalty;
    }
    const o = at * 4;
    out[o + HC] = hc;
    out[o + HP] = hp;
    out[o + HW] = hw;
    out[o + SW] = sw;
    return vs;
  }

  /** Recomputes the totals from the caches (exact; the running totals only add and subtract). */
  recount(): void {
    this.total.fill(0);
    const add = (a: Float64Array, o: number) => {
      for (let k = 0; k < 4; k++) this.total[k] = this.total[k]! + a[o + k]!;
    };
    for (let i = 0; i < this.n.staff.length; i++) add(this.staffS, i * 4);
    for (let i = 0; i < this.n.shifts.length; i++) add(this.shiftS, i * 4);
    add(this.teamS, 0);
  }

  private insert(pi: number, si: number): void {
    const list = this.schedules[pi]!;
    const shifts = this.n.shifts;
    const start = shifts[si]!.start;
    let lo = 0;
    let hi = list.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      const m = list[mid]!;
      const ms = shifts[m]!.start;
      if (ms < start || (ms === start && m < si)) lo = mid + 1;
      else hi = mid;
    }
    list.splice(lo, 0, si);
  }

  private remove(pi: number, si: number): void {
    const list = this.schedules[pi]!;
    list.splice(list.indexOf(si), 1);
  }

  /** Applies one structural op; false (nothing changed) when it does not fit the roster. */
  private edit(si: number, pi: number, sign: number): boolean {
    const shift = this.n.shifts[si];
    if (!shift?.inRota || pi < 0 || pi >= this.n.staff.length) return false;
    const list = this.assigned[si]!;
    const at = list.indexOf(pi);
    if (sign > 0) {
      if (at >= 0) return false;
      // A full shift takes nobody more (the write path would refuse it); moves remove before they add.
      const cap = shift.fact.maxHeadcount;
      if (cap != null && list.length >= cap) return false;
      list.push(pi);
      this.insert(pi, si);
    } else {
      if (at < 0) return false;
      list.splice(at, 1);
      this.remove(pi, si);
    }
    return true;
  }

  /**
   * Applies a move and re-scores what it touches. Returns false, with nothing changed, when an op does not fit
   * (adding someone already on the shift or to a full one, removing someone who is not, a shift outside the rota). A pending move
   * is committed first.
   */
  apply(ops: Ops): boolean {
    if (this.pending) this.commit();
    let k = 0;
    for (; k < ops.length; k += 3) if (!this.edit(ops[k]!, ops[k + 1]!, ops[k + 2]!)) break;
    if (k < ops.length) {
      for (k -= 3; k >= 0; k -= 3) this.edit(ops[k]!, ops[k + 1]!, -ops[k + 2]!);
      return false;
    }
    this.pending = true;
    this.pendingOps = ops.slice();
    this.savedTotal.set(this.total);
    const gen = ++this.generation;
    const staffSaved: Saved[] = [];
    const shiftSaved: Saved[] = [];
    for (k = 0; k < ops.length; k += 3) {
      const si = ops[k]!;
      const pi = ops[k + 1]!;
      if (this.personMark[pi] !== gen) {
        this.personMark[pi] = gen;
        const o = pi * 4;
        staffSaved.push({
          index: pi,
          violations: this.staffV[pi]!,
          score: [this.staffS[o]!, this.staffS[o + 1]!, this.staffS[o + 2]!, this.staffS[o + 3]!],
          view: this.views[pi]!,
        });
        const view = new ScheduleView(this.n, this.schedules[pi]!);
        this.views[pi] = view;
        this.staffV[pi] = this.scoreInto(this.checker.staffViolations(pi, view), this.staffS, pi);
        for (let c = 0; c < 4; c++)
          this.total[c] = this.total[c]! + this.staffS[o + c]! - staffSaved[staffSaved.length - 1]!.score[c]!;
      }
      if (this.shiftMark[si] !== gen) {
        this.shiftMark[si] = gen;
        const o = si * 4;
        shiftSaved.push({
          index: si,
          violations: this.shiftV[si]!,
          score: [this.shiftS[o]!, this.shiftS[o + 1]!, this.shiftS[o + 2]!, this.shiftS[o + 3]!],
        });
        this.shiftV[si] = this.scoreInto(
          this.checker.shiftViolations(si, this.assigned[si]),
          this.shiftS,
          si,
        );
        for (let c = 0; c < 4; c++)
          this.total[c] = this.total[c]! + this.shiftS[o + c]! - shiftSaved[shiftSaved.length - 1]!.score[c]!;
      }
    }
    this.savedStaff = staffSaved;
    this.savedShifts = shiftSaved;
    {
      // TEAM rules: re-run whole (one pass over the schedules; none when the rule set enables none).
      this.savedTeam = {
        index: 0,
        violations: this.teamV,
        score: [this.teamS[0]!, this.teamS[1]!, this.teamS[2]!, this.teamS[3]!],
      };
      this.teamV = this.scoreInto(this.checker.teamViolations(this.views), this.teamS, 0);
      for (let c = 0; c < 4; c++) this.total[c] = this.total[c]! + this.teamS[c]! - this.savedTeam.score[c]!;
    }
    return true;
  }

  /** Reverts the pending move exactly (structure, caches and totals). */
  undo(): void {
    if (!this.pending) return;
    const ops = this.pendingOps;
    for (let k = ops.length - 3; k >= 0; k -= 3) this.edit(ops[k]!, ops[k + 1]!, -ops[k + 2]!);
    for (const s of this.savedStaff) {
      this.staffV[s.index] = s.violations;
      this.views[s.index] = s.view!;
      this.staffS.set(s.score, s.index * 4);
    }
    for (const s of this.savedShifts) {
      this.shiftV[s.index] = s.violations;
      this.shiftS.set(s.score, s.index * 4);
    }
    if (this.savedTeam) {
      this.teamV = this.savedTeam.violations;
      this.teamS.set(this.savedTeam.score);
    }
    this.total.set(this.savedTotal);
    this.commit();
  }

  /** Keeps the pending move. */
  commit(): void {
    this.pending = false;
    this.pendingOps = [];
    this.savedStaff = [];
    this.savedShifts = [];
    this.savedTeam = undefined;
  }

  /** Every current violation (not materialised: messages are functions until built). */
  violations(): PendingViolation[] {
    const out: PendingViolation[] = [];
    for (const vs of this.staffV) out.push(...vs);
    for (const vs of this.shiftV) out.push(...vs);
    out.push(...this.teamV);
    return out;
  }

  /** Per rule code: hard and soft counts and the sum of penalties, over the current violations. */
  ruleTotals(): Map<string, RuleTotal> {
    const out = new Map<string, RuleTotal>();
    for (const v of this.violations()) {
      let t = out.get(v.ruleCode);
      if (!t) out.set(v.ruleCode, (t = { hardCount: 0, softCount: 0, penalty: 0 }));
      if (v.severity === 'HARD') t.hardCount++;
      else t.softCount++;
      t.penalty += v.penalty;
    }
    return out;
  }

  /** The current assignments on in-rota shifts, by shift then person (indices). */
  rotaAssignments(): AssignmentFact[] {
    const out: AssignmentFact[] = [];
    for (const shift of this.n.shifts) {
      if (!shift.inRota) continue;
      for (const pi of this.assigned[shift.i]!)
        out.push({ shiftId: shift.id, staffId: this.n.staff[pi]!.id });
    }
    return out;
  }
}
