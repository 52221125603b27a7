import type { ChangeList, CurtoisModel, CurtoisState } from './delta.js';

const gcd = (a: number, b: number): number => (b === 0 ? a : gcd(b, a % b));

/**
 * The exact best row for one person with everyone else fixed: dynamic programming over the person's days with the
 * state (value of the day, length of the current run of worked days or days off, whether that run started on day 0,
 * minutes so far in units of the shift lengths' greatest common divisor, weekends worked so far). Every rule that
 * concerns one person alone is kept exactly (fixed days off, forbidden successions, run lengths with the horizon's
 * edge exemptions, total minutes, weekends); the most shifts of a type is kept by a Lagrangian price on that type,
 * raised until the row keeps it (a few rounds; the search's own scoring judges what is left). The cost of a value on
 * a day is the person's request cost plus the change of cover cost that their shift makes there.
 */
export class RowOptimizer {
  private readonly unit: number;
  private readonly cost: Float64Array;
  private readonly price: Float64Array;
  private readonly row: Uint8Array;
  private cur = new Float64Array(0);
  private next = new Float64Array(0);
  private parent = new Int32Array(0);
  /** Per person: whether the dynamic programme is small enough to run. */
  readonly usable: Uint8Array;
  /** People it is usable for. */
  readonly people: Int32Array;
  /** Per person: whether minutes and weekends are in the programme's state (else priced). */
  readonly stateMinutes: Uint8Array;
  readonly stateWeekends: Uint8Array;
  private readonly bestRow: Uint8Array;
  /** Elementary steps of the programme so far (states filled or tried): a deterministic measure of its time. */
  ops = 0;
  /** Whether the last call found a row keeping the person's rules, and whether a type needed a price for it. */
  lastFound = false;
  lastPriced = false;
  /** Mean states × days × values of one call over those people (a measure of its cost). */
  readonly work: number;

  constructor(
    private readonly model: CurtoisModel,
    /** Bound on states × days × values per call. */
    maxWork = 3e6,
    priced = false,
  ) {
    const { E, H, V, T } = model;
    let g = 0;
    for (let v = 1; v < V; v++) g = gcd(g, model.minutes[v]!);
    this.unit = Math.max(1, g);
    this.cost = new Float64Array(H * V);
    this.price = new Float64Array(T);
    this.row = new Uint8Array(H);
    this.bestRow = new Uint8Array(H);
    this.usable = new Uint8Array(E);
    this.stateMinutes = new Uint8Array(E);
    this.stateWeekends = new Uint8Array(E);
    const people: number[] = [];
    let work = 0;
    for (let e = 0; e < E; e++) {
      // Minutes and weekends in the state; with `priced`, for people whose state is too large, priced instead
      // (Lagrangian: a bisection on a price per minute, a doubling price per weekend). Priced was tried on
      // Instances 13–24 and seldom found a row keeping both, so it is off by default.
      const modes: Array<[boolean, boolean]> = priced
        ? [
            [true, true],
            [true, false],
            [false, true],
            [false, false],
          ]
        : [[true, true]];
      for (const [useM, useW] of modes) {
        const { S } = this.dims(e, useM, useW);
        if (S * H * V <= maxWork) {
          this.usable[e] = 1;
          this.stateMinutes[e] = useM ? 1 : 0;
          this.stateWeekends[e] = useW ? 1 : 0;
          people.push(e);
          work += S * H * V;
          break;
        }
      }
    }
    this.people = Int32Array.from(people);
    this.work = people.length > 0 ? work / people.length : 0;
  }

  private dims(e: number, useM: boolean, useW: boolean) {
    const m = this.model;
    const maxCons = Math.max(1, Math.min(m.maxCons[e]!, m.H));
    const offCap = Math.max(1, Math.min(m.minOff[e]!, m.H));
    const K = Math.max(maxCons, offCap);
    const M = useM ? Math.floor(Math.max(0, m.maxMinutes[e]!) / this.unit) + 1 : 1;
    const Wd = useW ? Math.max(0, Math.min(m.maxWeekends[e]!, m.W)) + 1 : 1;
    return { maxCons, offCap, K, M, Wd, S: m.V * K * 2 * M * Wd };
  }

  /**
   * Puts into `ch` the changes that make person e's row the best one (nothing when it is already, or when no row
   * keeps their rules). Returns the number of changes.
   */
  best(state: CurtoisState, e: number, ch: ChangeList): number {
    const m = this.model;
    const { H, T, V } = m;
    ch.n = 0;
    const cells = state.cells;
    const cost = this.cost;
    for (let d = 0; d < H; d++) {
      const cell = cells[e * H + d]!;
      const base = (e * H + d) * V;
      cost[d * V] = m.pref[base]!;
      for (let v = 1; v < V; v++) {
        const k = d * T + v - 1;
        const c = state.cover[k]! - (cell === v ? 1 : 0);
        cost[d * V + v] = m.pref[base + v]! + (c >= m.coverReq[k]! ? m.coverOver[k]! : -m.coverUnder[k]!);
      }
    }
    if (!this.optimise(e)) return 0;
    for (let d = 0; d < H; d++) if (cells[e * H + d] !== this.bestRow[d]) ch.push(e, d, this.bestRow[d]!);
    return ch.n;
  }

  /**
   * The best row for person e when a value on a day costs `cost[d * V + v]` (any costs, e.g. a master
   * programme's reduced costs), written to `out`; false when no row keeps their rules.
   */
  bestRowFor(e: number, cost: Float64Array, out: Uint8Array): boolean {
    this.cost.set(cost.subarray(0, this.cost.length));
    if (!this.optimise(e)) return false;
    out.set(this.bestRow);
    return true;
  }

  /** The best row for person e under `this.cost`, into `this.bestRow`; false when no row keeps their rules. */
  private optimise(e: number): boolean {
    const m = this.model;
    const { H, T, V } = m;
    const cost = this.cost;
    const price = this.price;
    price.fill(0);
    this.lastFound = false;
    this.lastPriced = false;
    const useM = this.stateMinutes[e] === 1;
    const useW = this.stateWeekends[e] === 1;
    // Prices per minute worked and per weekend worked when those are not in the state: a bisection on the minute
    // price between bounds wide enough to make any day worth working or not, a doubling price on weekends.
    let maxCost = 1;
    for (let i = 0; i < H * V; i++) maxCost = Math.max(maxCost, Math.abs(cost[i]!));
    let shortest = Infinity;
    for (let v = 1; v < V; v++) shortest = Math.min(shortest, m.minutes[v]!);
    const bound = (4 * maxCost + 100) / Math.max(1, shortest);
    let lo = -bound;
    let hi = bound;
    let perMinute = 0;
    let perWeekend = 0;
    const rounds = useM && useW ? 12 : 30;
    for (let round = 0; round < rounds; round++) {
      if (!this.solve(e, price, useM, useW, perMinute, perWeekend)) return false;
      this.lastPriced = round > 0;
      let over = false;
      const counts = new Int32Array(T);
      let minutes = 0;
      let weekends = 0;
      for (let d = 0; d < H; d++) {
        const v = this.row[d]!;
        if (v === 0) continue;
        counts[v - 1]!++;
        minutes += m.minutes[v]!;
        const w = m.weekendOf[d]!;
        if (w >= 0 && (d % 7 === 5 || this.row[d - 1] === 0)) weekends++;
      }
      for (let t = 0; t < T; t++) {
        const max = m.maxType[e * T + t]!;
        if (max >= 0 && counts[t]! > max) {
          over = true;
          price[t] = price[t]! === 0 ? 20 : price[t]! * 3;
        }
      }
      if (minutes < m.minMinutes[e]!) {
        over = true;
        hi = perMinute;
        perMinute = (lo + hi) / 2;
      } else if (minutes > m.maxMinutes[e]!) {
        over = true;
        lo = perMinute;
        perMinute = (lo + hi) / 2;
      }
      if (weekends > m.maxWeekends[e]!) {
        over = true;
        perWeekend = perWeekend === 0 ? maxCost / 4 + 1 : perWeekend * 2;
      }
      if (!over) {
        this.lastFound = true;
        this.bestRow.set(this.row);
        // In the state, a row keeping the rules at the first round is the exact best; priced, one more round
        // rarely pays.
        break;
      }
    }
    return this.lastFound;
  }

  /** The dynamic programme with type prices; the row in `this.row`; false when no row keeps the rules. */
  private solve(
    e: number,
    price: Float64Array,
    useM: boolean,
    useW: boolean,
    perMinute: number,
    perWeekend: number,
  ): boolean {
    const m = this.model;
    const { H, V } = m;
    const { maxCons, offCap, K, M, Wd, S } = this.dims(e, useM, useW);
    if (this.cur.length < S) {
      this.cur = new Float64Array(S);
      this.next = new Float64Array(S);
    }
    if (this.parent.length < S * H) this.parent = new Int32Array(S * H);
    const minCons = m.minCons[e]!;
    const minOff = m.minOff[e]!;
    const minUnits = useM ? Math.ceil(m.minMinutes[e]! / this.unit) : 0;
    const cost = this.cost;
    const parent = this.parent;
    const units = new Int32Array(V);
    // The cost of a value on a day with its prices (type; minutes and weekends when priced).
    const priced = new Float64Array(H * V);
    for (let d = 0; d < H; d++) {
      priced[d * V] = cost[d * V]!;
      for (let v = 1; v < V; v++) {
        priced[d * V + v] = cost[d * V + v]! + price[v - 1]! + (useM ? 0 : perMinute * m.minutes[v]!);
      }
    }
    const weekendPrice = useW ? 0 : perWeekend;
    if (useM) for (let v = 1; v < V; v++) units[v] = m.minutes[v]! / this.unit;
    const MW = M * Wd;
    const blockF = MW; // stride of f
    const blockK = 2 * MW; // stride of k
    const blockV = K * blockK; // stride of v
    let cur = this.cur;
    let next = this.next;
    cur.fill(Infinity, 0, S);
    // Day 0.
    const first = m.choices[e * H]!;
    for (const v of first) {
      const c = priced[v]!;
      if (v === 0) {
        // A run of days off from day 0 is exempt from the minimum: counted as long enough.
        const s = 0 * blockV + (offCap - 1) * blockK;
        if (c < cur[s]!) cur[s] = c;
      } else {
        const u = units[v]!;
        if (u >= M) continue;
        const w = useW && m.weekendOf[0]! >= 0 ? 1 : 0;
        if (w >= Wd) continue;
        const s = v * blockV + 0 * blockK + 1 * blockF + u * Wd + w;
        if (c < cur[s]!) cur[s] = c;
      }
    }
    this.ops += S * H;
    for (let d = 0; d + 1 < H; d++) {
      next.fill(Infinity, 0, S);
      const nd = d + 1;
      const list = m.choices[e * H + nd]!;
      const wday = m.weekendOf[nd]! >= 0 ? (nd % 7 === 5 ? 1 : 2) : 0; // 1 Saturday, 2 Sunday
      const par = nd * S;
      for (let pv = 0; pv < V; pv++) {
        const kMax = pv === 0 ? offCap : maxCons;
        for (let k = 1; k <= kMax; k++) {
          for (let f = 0; f < (pv === 0 ? 1 : 2); f++) {
            const sBase = pv * blockV + (k - 1) * blockK + f * blockF;
            for (const nv of list) {
              let nBase: number;
              let du = 0;
              let dw = 0;
              if (pv > 0) {
                if (nv > 0) {
                  if (m.forbidden[pv * V + nv] || k + 1 > maxCons) continue;
                  nBase = nv * blockV + k * blockK + f * blockF;
                } else {
                  if (f === 0 && k < minCons) continue;
                  nBase = 0 * blockV + (Math.min(1, offCap) - 1) * blockK;
                }
              } else if (nv === 0) {
                nBase = 0 * blockV + (Math.min(k + 1, offCap) - 1) * blockK;
              } else {
                if (k < minOff) continue;
                nBase = nv * blockV + 0 * blockK;
              }
              let c = priced[nd * V + nv]!;
              if (nv > 0) {
                du = units[nv]!;
                if (wday === 1 || (wday === 2 && pv === 0)) {
                  if (useW) dw = 1;
                  else c += weekendPrice;
                }
              }
              const mTop = M - du;
              const wTop = Wd - dw;
              this.ops += mTop * wTop;
              for (let mm = 0; mm < mTop; mm++) {
                const rowS = sBase + mm * Wd;
                const rowN = nBase + (mm + du) * Wd + dw;
                for (let w = 0; w < wTop; w++) {
                  const x = cur[rowS + w]!;
                  if (x === Infinity) continue;
                  const y = x + c;
                  if (y < next[rowN + w]!) {
                    next[rowN + w] = y;
                    parent[par + rowN + w] = rowS + w;
                  }
                }
              }
            }
          }
        }
      }
      const t = cur;
      cur = next;
      next = t;
    }
    // The end: every run touching the last day is exempt; the minutes must reach the minimum.
    let bestS = -1;
    let bestC = Infinity;
    for (let s = 0; s < S; s++) {
      const c = cur[s]!;
      if (c < bestC && Math.floor((s % MW) / Wd) >= minUnits) {
        bestC = c;
        bestS = s;
      }
    }
    if (bestS < 0) return false;
    let s = bestS;
    for (let d = H - 1; d >= 0; d--) {
      this.row[d] = Math.floor(s / blockV);
      if (d > 0) s = parent[d * S + s]!;
    }
    return true;
  }
}
