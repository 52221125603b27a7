import type { CurtoisAssignment } from './facts.js';
import type { CurtoisInstance } from './instance.js';
import {
  ChangeList,
  compileCurtois,
  type CurtoisEvaluation,
  type CurtoisModel,
  CurtoisState,
  cellsOf,
  rosterOf,
} from './delta.js';
import type { RowPool } from './master.js';
import { RowOptimizer } from './row.js';
import { hardSpots, WindowOptimizer } from './window.js';

/** A small, fast, seedable generator (sfc32): the same seed gives the same run. */
export class Random {
  private a: number;
  private b: number;
  private c: number;
  private d: number;
  constructor(seed: number) {
    this.a = 0x9e3779b9;
    this.b = 0x243f6a88;
    this.c = 0xb7e15162;
    this.d = seed >>> 0;
    for (let i = 0; i < 16; i++) this.next();
  }
  /** A 32-bit unsigned integer. */
  next(): number {
    const t = (((this.a + this.b) | 0) + this.d) | 0;
    this.d = (this.d + 1) | 0;
    this.a = this.b ^ (this.b >>> 9);
    this.b = (this.c + (this.c << 3)) | 0;
    this.c = (this.c << 21) | (this.c >>> 11);
    this.c = (this.c + t) | 0;
    return t >>> 0;
  }
  /** [0, 1). */
  float(): number {
    return this.next() / 4294967296;
  }
  /** 0..n − 1. */
  int(n: number): number {
    return Math.floor(this.float() * n);
  }
}

/** The move kinds, in the order of `SearchResult.movesByKind`. */
export const MOVE_KINDS = [
  'cell',
  'swapBlock',
  'exchangeDays',
  'setBlock',
  'bestRow',
  'ruinRows',
  'bestWindow',
] as const;

/**
 * Proposes a random move into `ch` (grouped by person, days ascending): one of `MOVE_KINDS`, chosen by the
 * cumulative probabilities `mix`. Returns the kind's index, or −1 when the draw gives nothing to change (no move).
 * Every proposed value is allowed where it goes (never a fixed day off, never a type limited to 0).
 */
export function proposeMove(
  model: CurtoisModel,
  cells: Uint8Array,
  rng: Random,
  ch: ChangeList,
  mix: readonly number[],
  targets?: RequestTargets,
): number {
  const { E, H, V, allowed, choices } = model;
  ch.n = 0;
  const r = rng.float();
  if (r < mix[0]!) {
    const e = rng.int(E);
    const d = rng.int(H);
    const list = choices[e * H + d]!;
    if (list.length < 2) return -1;
    const cur = cells[e * H + d]!;
    let v = list[rng.int(list.length - 1)]!;
    if (v === cur) v = list[list.length - 1]!;
    ch.push(e, d, v);
    return 0;
  }
  if (r < mix[1]!) {
    if (E < 2) return -1;
    let e1: number;
    let e2: number;
    let len = 1 + rng.int(Math.min(7, H));
    let d0: number;
    if (targets && rng.float() < targets.share) {
      // Aimed at a request not met: a block around its day swapped with someone who works what was asked for.
      const cell = targets.cells[rng.int(targets.cells.length)]!;
      const cur = cells[cell]!;
      const want = targets.want[cell]!;
      if (cur === want) return -1;
      const d = cell % H;
      const e = (cell - d) / H;
      const from = rng.int(E);
      e2 = -1;
      for (let k = 0; k < E; k++) {
        const o = (from + k) % E;
        if (o !== e && cells[o * H + d] === want) {
          e2 = o;
          break;
        }
      }
      if (e2 < 0) return -1;
      e1 = e;
      if (e1 > e2) [e1, e2] = [e2, e1];
      len = Math.min(len, H);
      d0 = Math.max(0, Math.min(H - len, d - rng.int(len)));
    } else {
      e1 = rng.int(E);
      e2 = rng.int(E - 1);
      if (e2 >= e1) e2++;
      if (e1 > e2) [e1, e2] = [e2, e1];
      d0 = rng.int(H - len + 1);
    }
    let n = 0;
    for (let d = d0; d < d0 + len; d++) {
      const a = cells[e1 * H + d]!;
      const b = cells[e2 * H + d]!;
      if (a === b) continue;
      if (!allowed[(e1 * H + d) * V + b] || !allowed[(e2 * H + d) * V + a]) return -1;
      n++;
    }
    if (n === 0) return -1;
    for (let d = d0; d < d0 + len; d++) {
      const b = cells[e2 * H + d]!;
      if (cells[e1 * H + d] !== b) ch.push(e1, d, b);
    }
    for (let d = d0; d < d0 + len; d++) {
      const a = cells[e1 * H + d]!;
      if (cells[e2 * H + d] !== a) ch.push(e2, d, a);
    }
    return 1;
  }
  if (r < mix[2]!) {
    if (H < 2) return -1;
    const e = rng.int(E);
    let d1 = rng.int(H);
    let d2 = rng.int(H - 1);
    if (d2 >= d1) d2++;
    if (d1 > d2) [d1, d2] = [d2, d1];
    const a = cells[e * H + d1]!;
    const b = cells[e * H + d2]!;
    if (a === b || !allowed[(e * H + d1) * V + b] || !allowed[(e * H + d2) * V + a]) return -1;
    ch.push(e, d1, b);
    ch.push(e, d2, a);
    return 2;
  }
  const e = rng.int(E);
  const len = Math.min(H, 2 + rng.int(4));
  const d0 = rng.int(H - len + 1);
  const v = rng.int(V);
  for (let d = d0; d < d0 + len; d++) {
    if (cells[e * H + d] === v) continue;
    if (!allowed[(e * H + d) * V + v]) return -1;
    ch.push(e, d, v);
  }
  return ch.n === 0 ? -1 : 3;
}

/** Cells with a request (index e * H + d) and the value asked for there (the cheapest allowed), for aimed moves. */
export interface RequestTargets {
  cells: Int32Array;
  want: Uint8Array;
  /** The share of block swaps aimed at a request. */
  share: number;
}

/** The request cells of a model, or null when it has none. */
export function requestTargets(model: CurtoisModel, share: number): RequestTargets | null {
  const { E, H, V } = model;
  const list: number[] = [];
  const want = new Uint8Array(E * H);
  for (let c = 0; c < E * H; c++) {
    let best = -1;
    let any = false;
    for (let v = 0; v < V; v++) {
      if (model.pref[c * V + v]! > 0) any = true;
      if (model.allowed[c * V + v] && (best < 0 || model.pref[c * V + v]! < model.pref[c * V + best]!))
        best = v;
    }
    if (!any || best < 0) continue;
    want[c] = best;
    list.push(c);
  }
  return list.length > 0 ? { cells: Int32Array.from(list), want, share } : null;
}

/**
 * Teams of up to this many people get hot annealing cycles (`SearchOptions.cycles`): there the budget affords a
 * few samples of which roster a cooling settles in, and a single cooling settles one person short more than the
 * best known on most seeds (Instances 5 and 6). Larger teams do better with one long cooling.
 */
export const HOT_CYCLES_MAX_PEOPLE = 32;

export interface SearchOptions {
  /** CPU seconds of this process (process.cpuUsage) for the search; ignored when `moves` is set. */
  seconds?: number;
  /** A budget of proposed moves: with the same seed, the same roster. */
  moves?: number;
  seed?: number;
  /** A roster to start from (default: everyone off). */
  start?: readonly CurtoisAssignment[];
  /** Cumulative move mix (see `proposeMove`). */
  mix?: readonly number[];
  /** Temperature at the start and the end of the run (geometric in between); default 10 → 0.5 when the best-row
   * move covers everyone, else 50 → 0.5. */
  temperature?: [number, number];
  /** Weight of one hard violation-day at the start and the end (geometric in between). */
  hardWeight?: [number, number];
  /**
   * Annealing cycles: the budget is split into this many schedules; each after the first starts again (at the
   * temperature `reheat` × the start) from the best roster so far. Default 4 cycles reheated to twice the start
   * when the best-row move covers everyone and the team has at most `HOT_CYCLES_MAX_PEOPLE` people, else 1.
   *
   * A hot reheat is how a run leaves a roster with one person short more than a better one (a dozen people's
   * rows differ between the two): from such a roster of Instance5, a 20-s cycle from temperature 20 reached the
   * better one on 3 of 8 seeds (Instance6: 1 of 4), from 2, 5 or 10 on none of 12. Over seeds 0–9, Instance5
   * ended in its better roster on 5 with 3 cycles reheated to half the start, on 9 with the default; Instance6 on
   * 4 and 5. Instance9 loses about 1 % (median 467 → 471 over 10 seeds). Five cycles with the last reheated to
   * half the start: no better on Instance6 or 9. Six cycles: Instance6 on 4 of 9. A reheat to 1.5: Instance6 on 3
   * of 9, Instance5 on 4 of 5, Instance9 at 469 (seeds 0–4, within its noise).
   *
   * Larger teams need the whole budget to cool. Median of seeds 0–4 at 60 s, four hot cycles → one: Instance9
   * (36 people) 472 → 460, 10 (40) 4,686 → 4,669, 11 (50) 3,486 → 3,482, 12 (60) 4,149 → 4,127 (seeds 0–2 for
   * hot on 11 and 12); no different on 7 (1,079 both), 8 (1,370 → 1,371) or 17 (5,810 → 5,822, seed 0); worse on
   * 16 (20 people over 8 weeks: 3,346 → 3,540, seed 0), 5 and 6.
   * Tried on Instance6 (10 seeds each, in its better roster on 5 with the default) and not kept: the cover ramp
   * in every cycle (4), the hard weight's rise in every cycle (2), ruin-and-recreate of three rows (3), an ejection
   * chain for cover (a row short given to someone by their best row with that shift, the row they leave short to
   * the next; 5 at a share of 0.15 or 0.4 of the best-row draws, none better on Instance9), a short first cycle
   * (0 of 3), hot cycles spending most of their time between temperatures 5 and 1, where the trace shows the
   * crossings (3), a reheat to 5 × the start (3), fewer and longer cycles (three: 3 of 8; two: 2 of 8). A
   * shorter budget is far worse (30 s: 1 of 20), so two starts of half the budget each would not pay.
   */
  cycles?: number;
  reheat?: number;
  /** The share of the budget after which, with no feasible roster yet, the search only repairs (0.8). */
  repairFrom?: number;
  /**
   * The best-row moves (RowOptimizer) take about this share of the search's time (default 0.3; 0 to leave them
   * out). Only for people whose programme is small enough (RowOptimizer.people).
   */
  rowShare?: number;
  /**
   * Of the best-row draws, the share that are ruin-and-recreate instead (default 0.5): two people's rows cleared,
   * then each set to their best row in turn, judged as one move.
   */
  ruinShare?: number;
  /** Passes of the best-row move over every person before the search starts, a construction (default 3). */
  constructPasses?: number;
  /**
   * The best-window moves (WindowOptimizer: one person's days in a window of up to four weeks made the cheapest,
   * hard rules weighted as in the search) take about this share of the search's time (default 0.3 when the
   * best-row move does not cover everyone and 4-week windows are cheap, 0.05 when only shorter ones are, else 0:
   * at 0.15 there, Instance5 and 9 were no better).
   */
  windowShare?: number;
  /** Days in a best-window move's window (default: the most, up to 28, whose programme stays small). */
  windowDays?: number;
  /** Of the ruin-and-recreate moves, the share aimed at a request not met or a cover row short (default 0.5). */
  targetShare?: number;
  /**
   * Of the block swaps, the share aimed at a request not met (default 0.2: Instance9's median 478 → 467; at 0.6,
   * 462, but Instances 6, 8 and 10 lost 4–9 %).
   */
  aimShare?: number;
  /**
   * Cover-under weights start at this share of their value and rise to it over the first half of the first
   * cycle; the best roster is only kept from there on. Default 0.2 when the best-row move covers everyone, else 0
   * (off): a person short costs less early in the run, so the search crosses between rosters that differ by one
   * person short (Instance8: 5 of 5 seeds in its better basin, 3 of 5 without; Instance10: 5 of 5, 2 of 5).
   */
  coverRamp?: number;
  /**
   * Rows for the master programme (master.ts): every person's row that keeps their rules is pooled at the end of
   * each cycle and every `poolEvery` moves (default 2^20).
   */
  pool?: RowPool;
  poolEvery?: number;
}

export interface SearchResult {
  roster: CurtoisAssignment[];
  /** The incremental state's measures of the returned roster. */
  evaluation: CurtoisEvaluation;
  feasible: boolean;
  movesEvaluated: number;
  movesByKind: number[];
  cpuSeconds: number;
}

const cpuSeconds = (since: NodeJS.CpuUsage) => {
  const u = process.cpuUsage(since);
  return (u.user + u.system) / 1e6;
};

/**
 * Simulated annealing with delta scoring over the cells of the roster. Hard rules are penalties by magnitude,
 * with a weight rising over the run; the best roster with no hard violation is kept (else the least violating).
 */
export function searchCurtois(instance: CurtoisInstance, options: SearchOptions = {}): SearchResult {
  const model = compileCurtois(instance);
  const start = process.cpuUsage();
  const rng = new Random(options.seed ?? 0);
  const state = new CurtoisState(model, options.start ? cellsOf(model, options.start) : undefined);
  const ch = new ChangeList(2 * Math.max(7, model.H) + 8);
  const mix = options.mix ?? [0.35, 0.6, 0.85, 1];
  const rows = new RowOptimizer(model);
  const aimShare = options.aimShare ?? 0.2;
  const targets = aimShare > 0 ? (requestTargets(model, aimShare) ?? undefined) : undefined;
  // With the best-row move for everyone, the search starts from its construction (free of hard violations as a
  // rule) and a cooler start keeps it; otherwise from everyone off, hot.
  const everyone = rows.people.length === model.E;
  const [t0, t1] = options.temperature ?? (everyone ? [10, 0.5] : [50, 0.5]);
  // Without the best-row move for everyone (large instances), hard rules weigh more from the start: the
  // best-window moves then keep the roster near feasible all along instead of repairing it at the end.
  const [w0, w1] = options.hardWeight ?? (everyone ? [20, 2000] : [300, 3000]);
  const budgetMoves = options.moves;
  const budgetSeconds = options.seconds ?? 10;
  const scale = model.scale;

  const best = new Uint8Array(state.cells);
  let bestObj = state.hardUnits === 0 ? state.objective : Infinity;
  let bestEval = state.evaluation();
  // The least violating roster, in case none is feasible.
  let leastUnits = state.hardUnits;
  const least = new Uint8Array(state.cells);
  let leastEval = state.evaluation();

  const rowShare = rows.people.length > 0 ? (options.rowShare ?? 0.3) : 0;
  // The best-row moves run while their elementary steps (RowOptimizer.ops, ~600–900 per µs) stay under this
  // share of the small moves' time (one small move ~0.4 µs ≈ 300 steps): deterministic, so `moves` runs repeat.
  const opsPerMove = 300 * rowShare;
  const passes = rows.people.length > 0 ? (options.constructPasses ?? 3) : 0;
  for (let p = 0; p < passes; p++) {
    for (const e of rows.people) {
      if (rows.best(state, e, ch) === 0) continue;
      state.apply(ch);
      state.commit();
    }
  }
  if (passes > 0) {
    if (state.hardUnits === 0 && state.objective < bestObj) {
      bestObj = state.objective;
      best.set(state.cells);
      bestEval = state.evaluation();
    } else if (state.hardUnits < leastUnits) {
      leastUnits = state.hardUnits;
      least.set(state.cells);
      leastEval = state.evaluation();
    }
  }

  const ruinShare = rows.people.length >= 2 ? (options.ruinShare ?? 0.5) : 0;
  const parts = [0, 1, 2].map(() => new ChangeList(2 * Math.max(7, model.H) + 8));
  const accept = (delta: number) => delta <= 0 || rng.float() < Math.exp(-delta / temperature);
  const inRows = new Uint8Array(model.E);
  for (const e of rows.people) inRows[e] = 1;
  const targetShare = options.targetShare ?? 0.5;
  const spotList = new Int32Array(model.E * model.H + model.H * model.T);
  const candidates = new Int32Array(model.E);
  /** A pair for a targeted ruin: e1 can meet a request not met or fill a cover row short; e2's row is cleared. */
  const targetPair = (): [number, number] | null => {
    const { E, H, T, V } = model;
    const cells = state.cells;
    let n = 0;
    for (let e = 0; e < E; e++) {
      if (!inRows[e]) continue;
      for (let d = 0; d < H; d++)
        if (model.pref[(e * H + d) * V + cells[e * H + d]!]! > 0) spotList[n++] = e * H + d;
    }
    for (let i = 0; i < H * T; i++)
      if (model.coverUnder[i]! > 0 && state.cover[i]! < model.coverReq[i]!) spotList[n++] = E * H + i;
    if (n === 0) return null;
    const spot = spotList[rng.int(n)]!;
    let e1: number;
    let want: number;
    let d: number;
    if (spot < E * H) {
      e1 = Math.floor(spot / H);
      d = spot % H;
      want = 0;
      for (let v = 1; v < V; v++)
        if (model.pref[(e1 * H + d) * V + v]! < model.pref[(e1 * H + d) * V + want]!) want = v;
    } else {
      d = Math.floor((spot - E * H) / T);
      want = ((spot - E * H) % T) + 1;
      let k = 0;
      for (let e = 0; e < E; e++)
        if (inRows[e] && cells[e * H + d] !== want && model.allowed[(e * H + d) * V + want])
          candidates[k++] = e;
      if (k === 0) return null;
      e1 = candidates[rng.int(k)]!;
    }
    let k = 0;
    for (let e = 0; e < E; e++) {
      if (!inRows[e] || e === e1) continue;
      if (want > 0 && spot < E * H && cells[e * H + d] !== want) continue;
      candidates[k++] = e;
    }
    if (k === 0) return null;
    return [e1, candidates[rng.int(k)]!];
  };
  /**
   * Ruin and recreate: two people's rows cleared, then each made their best in turn; kept or undone whole. A share
   * of them (`targetShare`) is aimed: the first person can meet a request of theirs not met (the second works what
   * they asked for) or fill a cover row short.
   */
  const ruinRows = (): boolean => {
    const people = rows.people;
    let e1 = people[rng.int(people.length)]!;
    let e2 = people[rng.int(people.length - 1)]!;
    if (e2 === e1) e2 = people[people.length - 1]!;
    let ordered = false;
    if (targetShare > 0 && rng.float() < targetShare) {
      const pair = targetPair();
      if (pair) {
        [e1, e2] = pair;
        ordered = true;
      }
    }
    const clear = parts[0]!;
    clear.n = 0;
    for (const e of e1 < e2 ? [e1, e2] : [e2, e1])
      for (let d = 0; d < model.H; d++) if (state.cells[e * model.H + d] !== 0) clear.push(e, d, 0);
    if (!ordered && rng.int(2) === 0) [e1, e2] = [e2, e1];
    let dObj = 0;
    let dUnits = 0;
    let dCount = 0;
    let applied = 0;
    for (let k = 0; k < 3; k++) {
      const part = parts[k]!;
      if (k > 0 && rows.best(state, k === 1 ? e1 : e2, part) === 0) continue;
      if (part.n === 0) continue;
      state.apply(part);
      state.commit();
      dObj += state.dObj;
      dUnits += state.dUnits;
      dCount += state.dCount;
      applied |= 1 << k;
    }
    if (applied === 0) return false;
    if (accept(dObj + hw * dUnits)) return true;
    for (let k = 2; k >= 0; k--) if (applied & (1 << k)) state.revert(parts[k]!);
    state.objective -= dObj;
    state.hardUnits -= dUnits;
    state.hardCount -= dCount;
    return false;
  };

  // The widest minutes corridor (3 to 1 longest shifts), then the longest window (28 to 7 days), whose programme
  // stays under ~2 M steps for the average person.
  let win = new WindowOptimizer(model);
  let windowDays = Math.min(model.H, options.windowDays ?? 28);
  const meanWork = (length: number) => {
    let sum = 0;
    for (let e = 0; e < model.E; e++) sum += win.work(e, length);
    return sum / Math.max(1, model.E);
  };
  for (let shifts = 2; shifts >= 1 && meanWork(windowDays) > 2e6; shifts--)
    win = new WindowOptimizer(model, shifts, 2);
  if (options.windowDays === undefined) while (windowDays > 7 && meanWork(windowDays) > 2e6) windowDays -= 7;
  // Where only short windows stay cheap (Instance13, 23, 24: a week), they pay less than the small moves' time:
  // a small share until the repair phase.
  const windowShare =
    options.windowShare ?? (everyone ? 0 : windowDays >= Math.min(28, model.H) ? 0.3 : 0.05);
  const wholeRow = meanWork(model.H) <= 2e7;
  let winOpsPerMove = 300 * windowShare;
  let repairing = false;
  const winOpsBefore = win.ops;
  // Where the roster breaks hard rules, refreshed every so many window moves while it does: half the window moves
  // are centred on one of them.
  const spots = new Int32Array(4096);
  let nSpots = 0;
  let windowCalls = 0;

  let moves = 0;
  const byKind = [0, 0, 0, 0, 0, 0, 0];
  const opsBefore = rows.ops;
  let temperature = t0;
  let hw = w0 / scale;
  const cycles = options.cycles ?? (everyone && model.E <= HOT_CYCLES_MAX_PEOPLE ? 4 : 1);
  const reheat = options.reheat ?? (everyone ? 2 : 0.2);
  let cycle = 0;
  const repairFrom = options.repairFrom ?? 0.8;
  const repairTemperature = Math.max(t0 / 5, t1);
  const coverRamp = options.coverRamp ?? (everyone ? 0.2 : 0);
  const trueUnder = Int32Array.from(model.coverUnder);
  const scratch = new Uint8Array(model.E * model.H);
  const pool = options.pool;
  const poolMask = 2 ** Math.ceil(Math.log2(Math.max(1024, options.poolEvery ?? 1 << 20))) - 1;
  let ramping = coverRamp > 0;
  let rampStep = -1;
  const setCoverFactor = (f: number) => {
    for (let i = 0; i < trueUnder.length; i++) model.coverUnder[i] = Math.round(trueUnder[i]! * f);
    scratch.set(state.cells);
    state.reset(scratch);
  };
  for (;;) {
    if ((moves & 1023) === 0) {
      const progress = budgetMoves !== undefined ? moves / budgetMoves : cpuSeconds(start) / budgetSeconds;
      if (progress >= 1) break;
      const at = progress * cycles;
      if (pool && (moves & poolMask) === 0) pool.addRoster(state.cells);
      if (Math.floor(at) > cycle) {
        pool?.addRoster(state.cells);
        cycle = Math.floor(at);
        if (bestObj !== Infinity) state.reset(best);
      }
      if (ramping) {
        const g = (at - cycle) / 0.5;
        if (g >= 1) {
          ramping = false;
          setCoverFactor(1);
          if (state.hardUnits === 0 && state.objective < bestObj) {
            bestObj = state.objective;
            best.set(state.cells);
            bestEval = state.evaluation();
          }
        } else if (Math.floor(g * 32) !== rampStep) {
          rampStep = Math.floor(g * 32);
          setCoverFactor(coverRamp + ((1 - coverRamp) * rampStep) / 32);
        }
      }
      const f = at - cycle;
      const top = cycle === 0 ? t0 : Math.max(t1, t0 * reheat);
      temperature = top * Math.pow(t1 / top, f);
      hw = cycle === 0 ? (w0 * Math.pow(w1 / w0, f)) / scale : w1 / scale;
      if (progress >= repairFrom && bestObj === Infinity) {
        // Repair: late in the run with no roster free of hard violations yet, hard violations outweigh any
        // objective change, and the temperature lets the roster wander across equally violating ones.
        hw = (w1 * 100) / scale;
        temperature = repairTemperature;
        if (!repairing && windowShare > 0) {
          // Window moves take more of the time, on longer windows (a violation left this late is usually one
          // person's totals and runs at once, tight over more than a few weeks).
          repairing = true;
          winOpsPerMove = Math.max(winOpsPerMove, 300 * 0.5);
        }
      }
    }
    moves++;
    let kind: number;
    let accepted: boolean;
    if (windowShare > 0 && win.ops - winOpsBefore < winOpsPerMove * moves) {
      if (windowCalls++ % 64 === 0) nSpots = state.hardUnits > 0 ? hardSpots(state, spots) : 0;
      let e: number;
      let a: number;
      const targeted = nSpots > 0 && rng.int(2) === 0;
      if (targeted) {
        const spot = spots[rng.int(nSpots)]!;
        e = Math.floor(spot / model.H);
        const d = spot % model.H;
        a = Math.max(0, Math.min(model.H - windowDays, d - rng.int(windowDays)));
      } else {
        e = rng.int(model.E);
        a = rng.int(model.H - windowDays + 1);
      }
      // Repairing, a targeted window is half the time the whole row where its programme stays cheap (~20 M
      // steps; Instance22's last isolated days off needed it, and more pricing rounds for the type limits).
      let length = repairing ? Math.min(model.H, 4 * windowDays) : windowDays;
      if (repairing && targeted && wholeRow && rng.int(2) === 0) length = model.H;
      if (a + length > model.H) a = model.H - length;
      kind = win.best(state, e, a, a + length - 1, hw, ch, repairing ? 8 : 3) > 0 ? 6 : -1;
    } else if (rowShare > 0 && rows.ops - opsBefore < opsPerMove * moves) {
      if (ruinShare > 0 && rng.float() < ruinShare) {
        kind = 5;
        byKind[kind]!++;
        accepted = ruinRows();
      } else {
        kind = rows.best(state, rows.people[rng.int(rows.people.length)]!, ch) > 0 ? 4 : -1;
      }
    } else kind = proposeMove(model, state.cells, rng, ch, mix, targets);
    if (kind < 0) continue;
    if (kind !== 5) {
      byKind[kind]!++;
      state.apply(ch);
      accepted = accept(state.dObj + hw * state.dUnits);
      if (accepted) state.commit();
      else state.revert(ch);
    }
    if (accepted! && !ramping) {
      if (state.hardUnits === 0) {
        if (state.objective < bestObj) {
          bestObj = state.objective;
          best.set(state.cells);
          bestEval = state.evaluation();
        }
      } else if (bestObj === Infinity && state.hardUnits < leastUnits) {
        leastUnits = state.hardUnits;
        least.set(state.cells);
        leastEval = state.evaluation();
      }
    }
  }
  const feasible = bestObj !== Infinity;
  if (pool) {
    pool.addRoster(state.cells);
    if (feasible) pool.addRoster(best);
  }
  return {
    roster: rosterOf(model, feasible ? best : least),
    evaluation: feasible ? bestEval : leastEval,
    feasible,
    movesEvaluated: moves,
    movesByKind: byKind,
    cpuSeconds: cpuSeconds(start),
  };
}
