import { checkRota, type CheckResult } from '../check.js';
import type { AssignmentFact, RotaFacts } from '../model.js';
import { SolverError } from './errors.js';
import { INCREMENTAL_FORMS, refusedRules, type IncrementalForm } from './forms.js';
import { IncrementalScorer, type ScoreTotals } from './scorer.js';
import { RuleWeights } from './weights.js';

export interface SolveRotaOptions {
  seed: number;
  /** Wall-clock budget in seconds (default 30). Ignored when maxMoves is set. */
  seconds?: number;
  /** Deterministic budget: evaluate exactly this many moves; with the same seed and facts the result is identical. */
  maxMoves?: number;
  /** Assignments the solver must keep as they are (the manager locked them). Other current assignments may be changed. */
  locked?: ReadonlyArray<{ shiftId: string; staffId: string }>;
  /** Weight per rule code for the soft penalty (default DEFAULT_RULE_WEIGHTS). */
  ruleWeights?: Readonly<Record<string, number>>;
}

export interface SolveProgress {
  hardCount: number;
  /** Σ weight × penalty of the hard violations (the same weights and scale as softPenalty). */
  hardPenalty: number;
  /** Σ weight × penalty of the soft violations. */
  softPenalty: number;
  moves: number;
  elapsedMs: number;
  movesPerSecond: number;
}

export interface SolveHooks {
  /** Called with the best so far about every progressEveryMs (default 1000) of wall time, and once at the end. */
  onProgress?: (best: SolveProgress) => void;
  progressEveryMs?: number;
  /** Polled often (at least every ~1,000 moves / 50 ms): true stops the search, which returns the best so far. */
  shouldStop?: () => boolean;
}

export interface SolveOutcome {
  /** The whole proposed set for in-rota shifts (locked included), then the facts' other assignments unchanged. */
  assignments: Array<{ shiftId: string; staffId: string }>;
  /** checkRota on the proposed roster (the rules engine, unweighted). */
  check: CheckResult;
  weightedSoft: number;
  /** Moves evaluated by the local search (the construction's trials are counted in `construction`). */
  moves: number;
  elapsedMs: number;
  /** Local-search moves per second of local-search time. */
  movesPerSecond: number;
  stoppedBy: 'BUDGET' | 'STOPPED';
  /** The roster after the greedy construction, before the local search. */
  construction: { hardCount: number; hardPenalty: number; weightedSoft: number; trials: number };
}

/** The search's constants (tests and benchmarks may vary them through solveWith). */
export interface Tuning {
  /** A hard violation is worth this many points on top of its weighted magnitude. */
  hardCountPoints: number;
  /** The hard weight rises from hardWeightStart to hardWeightEnd (× points) over the search. */
  hardWeightStart: number;
  hardWeightEnd: number;
  /** Temperature (points), from tStart to tEnd over the search (simulated annealing). */
  tStart: number;
  tEnd: number;
  /**
   * Chances of each move kind: change a cell, replace a person, swap a block, clear a block; the rest exchange
   * two days.
   */
  pCell: number;
  pReplace: number;
  pBlock: number;
  pClear: number;
}

export const DEFAULT_TUNING: Tuning = {
  hardCountPoints: 8,
  hardWeightStart: 50,
  hardWeightEnd: 1000,
  tStart: 20,
  tEnd: 0.2,
  pCell: 0.25,
  pReplace: 0.2,
  pBlock: 0.3,
  pClear: 0.05,
};
/** Moves between looks at the clock and the stop flag. */
const POLL_EVERY = 128;
/** Candidates tried per slot in the construction (a deterministic sample when the team is larger). */
const CONSTRUCTION_SAMPLE = 96;

/** Deterministic PRNG (mulberry32). */
function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const EPS = 1e-9;

/**
 * Less hard score (each hard violation's points plus its weighted magnitude, where breaches of the rules that
 * judge every edit weigh LEGALITY_FIRST times more), then less weighted soft. Not fewer violations first: one
 * unlawful assignment must not be kept because taking it off leaves two shifts short.
 */
function better(a: ScoreTotals, b: ScoreTotals, points: number): boolean {
  const ha = a.hardCount * points + a.hardWeighted;
  const hb = b.hardCount * points + b.hardWeighted;
  if (Math.abs(ha - hb) > EPS * Math.max(1, Math.abs(ha), Math.abs(hb))) return ha < hb;
  return a.softWeighted < b.softWeighted - EPS;
}

/**
 * Automatic rostering over the rules engine: proposes who works each in-rota shift, keeping locked assignments and
 * every assignment outside the rota. Greedy construction (fill each shift towards its target with the candidate
 * the rules score best), then simulated annealing with the hard weight rising, scored incrementally by the
 * engine's own rules. The result is re-checked with `checkRota`; a disagreement with the incremental score throws
 * SOLVER_DISAGREES. Enabled rules the incremental scorer cannot evaluate throw SOLVER_RULE_UNSUPPORTED.
 */
export function solveRota(facts: RotaFacts, options: SolveRotaOptions, hooks: SolveHooks = {}): SolveOutcome {
  return solveWith(facts, options, hooks, INCREMENTAL_FORMS);
}

/** solveRota with the table of audited rule forms given (tests refuse a rule by leaving it out) and the search's constants. */
export function solveWith(
  facts: RotaFacts,
  options: SolveRotaOptions,
  hooks: SolveHooks,
  forms: ReadonlyMap<string, IncrementalForm>,
  tuning: Partial<Tuning> = {},
): SolveOutcome {
  const {
    hardCountPoints: HARD_COUNT_POINTS,
    hardWeightStart: HARD_WEIGHT_START,
    hardWeightEnd: HARD_WEIGHT_END,
    tStart: T_START,
    tEnd: T_END,
    pCell,
    pReplace,
    pBlock,
    pClear,
  } = { ...DEFAULT_TUNING, ...tuning };
  const began = performance.now();
  const refused = refusedRules(facts, forms);
  if (refused.length > 0) {
    throw new SolverError(
      'SOLVER_RULE_UNSUPPORTED',
      `the solver cannot score these enabled rules incrementally: ${refused.join(', ')} (switch them off or check the roster by hand)`,
      refused,
    );
  }
  if (!Number.isInteger(options.seed)) throw new SolverError('SOLVER_BAD_OPTIONS', 'seed must be an integer');
  if (options.maxMoves !== undefined && !(Number.isInteger(options.maxMoves) && options.maxMoves >= 0))
    throw new SolverError('SOLVER_BAD_OPTIONS', 'maxMoves must be an integer ≥ 0');
  const seconds = options.seconds ?? 30;
  if (options.maxMoves === undefined && !(seconds > 0))
    throw new SolverError('SOLVER_BAD_OPTIONS', 'seconds must be > 0');
  const weights = new RuleWeights(options.ruleWeights);
  const random = prng(options.seed);

  // The start: the current assignments, in-rota duplicates dropped, locked ones present.
  const inRota = new Map(facts.shifts.map((s) => [s.id, s.inRota]));
  const staffIds = new Set(facts.staff.map((s) => s.id));
  const seen = new Set<string>();
  const kept: AssignmentFact[] = [];
  /** Assignments the solver never changes: outside the rota, or to someone outside the candidate pool. */
  const untouched: AssignmentFact[] = [];
  for (const a of facts.assignments) {
    if (!inRota.get(a.shiftId) || !staffIds.has(a.staffId)) {
      untouched.push(a);
      continue;
    }
    const key = `${a.shiftId}\u0000${a.staffId}`;
    if (seen.has(key)) continue;
    seen.add(key);
    kept.push({ shiftId: a.shiftId, staffId: a.staffId });
  }
  for (const l of options.locked ?? []) {
    if (!inRota.has(l.shiftId))
      throw new SolverError('SOLVER_BAD_OPTIONS', `locked shift ${l.shiftId} is not in the facts`);
    if (!staffIds.has(l.staffId))
      throw new SolverError('SOLVER_BAD_OPTIONS', `locked person ${l.staffId} is not in the facts`);
    const key = `${l.shiftId}\u0000${l.staffId}`;
    if (!inRota.get(l.shiftId) || seen.has(key)) continue;
    seen.add(key);
    kept.push({ shiftId: l.shiftId, staffId: l.staffId });
  }
  const scorer = new IncrementalScorer({ ...facts, assignments: [...untouched, ...kept] }, weights);
  const n = scorer.n;
  const P = n.staff.length;
  const locked = new Set<number>();
  for (const l of options.locked ?? []) {
    const si = n.shiftIndex.get(l.shiftId)!;
    if (n.shifts[si]!.inRota) locked.add(si * P + n.staffIndex.get(l.staffId)!);
  }
  const isLocked = (si: number, pi: number) => locked.has(si * P + pi);

  // Shifts of the rota by day.
  const rotaShifts = n.shifts.filter((s) => s.inRota).sort((a, b) => a.start - b.start || a.i - b.i);
  const byDay = new Map<number, number[]>();
  for (const s of rotaShifts) {
    const list = byDay.get(s.day) ?? [];
    list.push(s.i);
    byDay.set(s.day, list);
  }
  const days = [...byDay.keys()].sort((a, b) => a - b);
  /** Per shift index: its position in rotaShifts. */
  const positionOf = new Int32Array(n.shifts.length).fill(-1);
  rotaShifts.forEach((s, k) => (positionOf[s.i] = k));
  const stop = hooks.shouldStop ?? (() => false);
  const progressEvery = hooks.progressEveryMs ?? 1000;
  let stopped = false;

  /** With a time budget, the construction and the search both end by this instant. */
  const deadline = began + seconds * 1000;
  let hardWeight = HARD_WEIGHT_END;
  const cost = () =>
    hardWeight * (scorer.hardCount * HARD_COUNT_POINTS + scorer.hardWeighted) + scorer.softWeighted;

  // 1. Construction: each shift, in time order, towards its target (at least its minimum), with the candidate
  // whose addition the rules score best, while an addition lowers the cost.
  let trials = 0;
  const pool = n.staff.map((s) => s.i);
  construction: for (const shift of rotaShifts) {
    const want = Math.max(shift.fact.targetHeadcount, shift.fact.minHeadcount);
    while (scorer.assigned[shift.i]!.length < want) {
      if (stop()) {
        stopped = true;
        break construction;
      }
      if (options.maxMoves === undefined && performance.now() >= deadline) break construction;
      let candidates = pool;
      if (pool.length > CONSTRUCTION_SAMPLE) {
        candidates = [];
        for (let k = 0; k < CONSTRUCTION_SAMPLE; k++)
          candidates.push(pool[Math.floor(random() * pool.length)]!);
      }
      const before = cost();
      let best = -1;
      let bestDelta = -EPS;
      for (const pi of candidates) {
        if (!scorer.apply([shift.i, pi, 1])) continue;
        trials++;
        const delta = cost() - before;
        scorer.undo();
        if (delta < bestDelta) {
          bestDelta = delta;
          best = pi;
        }
      }
      if (best < 0) break;
      scorer.apply([shift.i, best, 1]);
      scorer.commit();
    }
  }
  scorer.recount();
  const built = scorer.totals();

  // 2. Local search: simulated annealing.
  const budget = options.maxMoves;
  const searchStart = performance.now();
  let moves = 0;
  let attempts = 0;
  let bestTotals = scorer.totals();
  /** The best roster as per-shift lists, or undefined while the current roster is the best. */
  let bestRoster: number[][] | undefined;
  const snapshot = (ops: readonly number[]): number[][] => {
    // The roster before `ops` (which are applied): the current lists with the ops reverted.
    const lists = rotaShifts.map((s) => scorer.assigned[s.i]!.slice());
    for (let k = ops.length - 3; k >= 0; k -= 3) {
      const list = lists[positionOf[ops[k]!]!]!;
      if (ops[k + 2]! > 0) list.splice(list.indexOf(ops[k + 1]!), 1);
      else list.push(ops[k + 1]!);
    }
    return lists;
  };
  let temperature = T_START;
  let lastProgress = searchStart;
  const progressOf = (now: number): SolveProgress => {
    const t = bestRoster ? bestTotals : scorer.totals();
    const searchSeconds = (now - searchStart) / 1000;
    return {
      hardCount: t.hardCount,
      hardPenalty: t.hardWeighted,
      softPenalty: t.softWeighted,
      moves,
      elapsedMs: now - began,
      movesPerSecond: searchSeconds > 0 ? moves / searchSeconds : 0,
    };
  };
  const setSchedule = (fraction: number) => {
    const f = Math.min(1, Math.max(0, fraction));
    temperature = T_START * Math.pow(T_END / T_START, f);
    hardWeight = HARD_WEIGHT_START * Math.pow(HARD_WEIGHT_END / HARD_WEIGHT_START, f);
  };
  setSchedule(0);

  const ops: number[] = [];
  const cellOf = (pi: number, day: number, out: number[]) => {
    out.length = 0;
    for (const si of byDay.get(day)!) if (scorer.assigned[si]!.includes(pi)) out.push(si);
    return out;
  };
  const cellA: number[] = [];
  const cellB: number[] = [];
  const pick = <T>(list: readonly T[]): T => list[Math.floor(random() * list.length)]!;
  /** Fills `ops` with a random move; false when the draw gives no valid move. */
  const draw = (): boolean => {
    ops.length = 0;
    if (days.length === 0 || P === 0) return false;
    const r = random();
    if (r < pCell) {
      // Change one cell: a person's work on a day (add a shift, remove it, or change its type).
      const pi = Math.floor(random() * P);
      const day = pick(days);
      const shifts = byDay.get(day)!;
      cellOf(pi, day, cellA);
      if (cellA.length === 0) {
        ops.push(pick(shifts), pi, 1);
        return true;
      }
      const si = pick(cellA);
      if (isLocked(si, pi)) return false;
      ops.push(si, pi, -1);
      if (random() < 0.5) return true;
      const to = pick(shifts);
      if (to === si || scorer.assigned[to]!.includes(pi)) return true;
      ops.push(to, pi, 1);
      return true;
    }
    if (r < pCell + pReplace) {
      // Replace a person on a shift by someone else.
      const si = pick(rotaShifts).i;
      const on = scorer.assigned[si]!;
      if (on.length === 0) return false;
      const pi = pick(on);
      const qi = Math.floor(random() * P);
      if (isLocked(si, pi) || on.includes(qi)) return false;
      ops.push(si, pi, -1, si, qi, 1);
      return true;
    }
    if (r < pCell + pReplace + pBlock) {
      // Swap a block of 1–7 days between two people.
      const pi = Math.floor(random() * P);
      const qi = Math.floor(random() * P);
      if (pi === qi) return false;
      const first = Math.floor(random() * days.length);
      const length = 1 + Math.floor(random() * 7);
      for (let k = first; k < Math.min(days.length, first + length); k++) {
        const day = days[k]!;
        cellOf(pi, day, cellA);
        cellOf(qi, day, cellB);
        for (const si of cellA) {
          if (cellB.includes(si)) continue;
          if (isLocked(si, pi)) return false;
          ops.push(si, pi, -1, si, qi, 1);
        }
        for (const si of cellB) {
          if (cellA.includes(si)) continue;
          if (isLocked(si, qi)) return false;
          ops.push(si, qi, -1, si, pi, 1);
        }
      }
      return ops.length > 0;
    }
    if (r < pCell + pReplace + pBlock + pClear) {
      // Take a person off a run of 2–5 days (a weekend too many, a run too long): one move where taking the
      // shifts off one by one would each look worse first.
      const pi = Math.floor(random() * P);
      const first = Math.floor(random() * days.length);
      const length = 2 + Math.floor(random() * 4);
      for (let k = first; k < Math.min(days.length, first + length); k++) {
        for (const si of cellOf(pi, days[k]!, cellA)) {
          if (isLocked(si, pi)) return false;
          ops.push(si, pi, -1);
        }
      }
      return ops.length > 0;
    }
    // Exchange two days in one person's row (their totals stay): each shift moves to the same type on the other day.
    const pi = Math.floor(random() * P);
    const a = Math.floor(random() * days.length);
    const b = Math.min(
      days.length - 1,
      Math.max(0, a + (random() < 0.5 ? -1 : 1) * (1 + Math.floor(random() * 7))),
    );
    if (a === b) return false;
    const dayA = days[a]!;
    const dayB = days[b]!;
    cellOf(pi, dayA, cellA);
    cellOf(pi, dayB, cellB);
    if (cellA.length === 0 && cellB.length === 0) return false;
    const sameType = (si: number, day: number) => {
      const type = n.shifts[si]!.typeIndex;
      for (const sj of byDay.get(day)!) if (n.shifts[sj]!.typeIndex === type) return sj;
      return -1;
    };
    for (const si of cellA) if (isLocked(si, pi)) return false;
    for (const si of cellB) if (isLocked(si, pi)) return false;
    for (const si of cellA) ops.push(si, pi, -1);
    for (const si of cellB) ops.push(si, pi, -1);
    for (const si of cellA) {
      const to = sameType(si, dayB);
      if (to < 0) return false;
      ops.push(to, pi, 1);
    }
    for (const si of cellB) {
      const to = sameType(si, dayA);
      if (to < 0) return false;
      ops.push(to, pi, 1);
    }
    return true;
  };

  const maxAttempts = budget === undefined ? Infinity : budget * 50 + 1000;
  let current = cost();
  while (!stopped) {
    if (budget !== undefined ? moves >= budget || attempts >= maxAttempts : false) break;
    if (attempts % POLL_EVERY === 0) {
      const now = performance.now();
      if (stop()) {
        stopped = true;
        break;
      }
      if (budget === undefined && now >= deadline) break;
      setSchedule(
        budget !== undefined
          ? moves / Math.max(1, budget)
          : (now - searchStart) / Math.max(1, deadline - searchStart),
      );
      current = cost();
      if (hooks.onProgress && now - lastProgress >= progressEvery) {
        lastProgress = now;
        hooks.onProgress(progressOf(now));
      }
    }
    attempts++;
    if (!draw() || !scorer.apply(ops)) continue;
    moves++;
    const next = cost();
    const delta = next - current;
    if (delta <= 0 || random() < Math.exp(-delta / temperature)) {
      const totals = scorer.totals();
      if (better(totals, bestTotals, HARD_COUNT_POINTS)) {
        bestTotals = totals;
        bestRoster = undefined;
      } else if (bestRoster === undefined && better(bestTotals, totals, HARD_COUNT_POINTS)) {
        // Leaving the best roster: keep a copy of it.
        bestRoster = snapshot(ops);
      }
      scorer.commit();
      current = next;
    } else {
      scorer.undo();
    }
  }
  const end = performance.now();

  // 3. The best roster, re-checked by the engine.
  const finalScorer = bestRoster
    ? new IncrementalScorer(
        {
          ...facts,
          assignments: [
            ...untouched,
            ...rotaShifts.flatMap((s, k) =>
              bestRoster![k]!.map((pi) => ({ shiftId: s.id, staffId: n.staff[pi]!.id })),
            ),
          ],
        },
        weights,
      )
    : scorer;
  finalScorer.recount();
  const totals = finalScorer.totals();
  const rota = finalScorer.rotaAssignments();
  const assignments = [...rota, ...untouched];
  const check = checkRota({ ...facts, assignments });
  let hardWeighted = 0;
  let softWeighted = 0;
  for (const v of check.violations) {
    if (v.severity === 'HARD') hardWeighted += weights.hard(v);
    else softWeighted += weights.of(v.ruleCode, v.unit) * v.penalty;
  }
  const close = (a: number, b: number) => Math.abs(a - b) <= 1e-6 * Math.max(1, Math.abs(a), Math.abs(b));
  if (
    check.hardCount !== totals.hardCount ||
    !close(hardWeighted, totals.hardWeighted) ||
    !close(softWeighted, totals.softWeighted) ||
    !close(hardWeighted, bestTotals.hardWeighted) ||
    check.hardCount !== bestTotals.hardCount ||
    !close(softWeighted, bestTotals.softWeighted)
  ) {
    throw new SolverError(
      'SOLVER_DISAGREES',
      `the incremental score (hard ${bestTotals.hardCount}, hard magnitude ${bestTotals.hardWeighted}, soft ${bestTotals.softWeighted}) disagrees with checkRota (hard ${check.hardCount}, hard magnitude ${hardWeighted}, soft ${softWeighted})`,
    );
  }
  const searchSeconds = (end - searchStart) / 1000;
  const outcome: SolveOutcome = {
    assignments,
    check,
    weightedSoft: softWeighted,
    moves,
    elapsedMs: performance.now() - began,
    movesPerSecond: searchSeconds > 0 ? moves / searchSeconds : 0,
    stoppedBy: stopped ? 'STOPPED' : 'BUDGET',
    construction: {
      hardCount: built.hardCount,
      hardPenalty: built.hardWeighted,
      weightedSoft: built.softWeighted,
      trials,
    },
  };
  hooks.onProgress?.({
    hardCount: check.hardCount,
    hardPenalty: hardWeighted,
    softPenalty: softWeighted,
    moves,
    elapsedMs: outcome.elapsedMs,
    movesPerSecond: outcome.movesPerSecond,
  });
  return outcome;
}
