import type { ChangeList, CurtoisModel, CurtoisState } from './delta.js';

const gcd = (a: number, b: number): number => (b === 0 ? a : gcd(b, a % b));

/**
 * The best values for a window of days [a, b] of one person's row, with the rest of the roster fixed: dynamic
 * programming over the window's days with the state (value of the day, length of the current run of worked days
 * or days off — counted from before the window —, whether that run started on day 0, and how far the minutes and
 * the weekends worked so far in the window are from the current row's).
 *
 * Unlike RowOptimizer (a whole row, hard rules as constraints), hard rules are penalties here: `hw` per hard unit,
 * the units of the delta scoring (CurtoisState.dUnits). So the programme always has an answer, and a row's cost is
 * the search's own: request and cover cost, plus hw × (run-length, succession, total-minute and weekend units) —
 * exact for the runs the window touches (joined with the runs before and after it), the person's total minutes and
 * weekends. The most shifts of a type is priced only when the days outside the window already reach it. The search
 * judges the result with its delta scoring as for every move.
 *
 * The minutes and weekends are kept in a corridor around the current row's: at every day of the window the new
 * row's minutes so far differ from the current row's by at most `shifts` of the longest shift, and its weekends by
 * at most `weekends`. With a corridor as wide as the window the answer is the exact best; a narrow one keeps long
 * windows (a year) cheap.
 */
export class WindowOptimizer {
  private readonly unit: number;
  private readonly units: Int32Array;
  private readonly maxUnits: number;
  private cost = new Float64Array(0);
  private cur = new Float64Array(0);
  private next = new Float64Array(0);
  private parent = new Int32Array(0);
  private readonly row: Uint8Array;
  private readonly countedOutside: Uint8Array;
  private readonly inside: Int32Array;
  private readonly curUnits: Int32Array;
  private readonly curWeekend: Uint8Array;
  private readonly price: Float64Array;
  private readonly counts: Int32Array;
  /** Elementary steps so far (states tried): a deterministic measure of the time spent. */
  ops = 0;

  constructor(
    private readonly model: CurtoisModel,
    /** The minutes corridor, in shifts of the longest length. */
    readonly shifts = 3,
    /** The weekends corridor. */
    readonly weekends = 2,
  ) {
    const { V, H } = model;
    let g = 0;
    for (let v = 1; v < V; v++) g = gcd(g, model.minutes[v]!);
    this.unit = Math.max(1, g);
    this.units = new Int32Array(V);
    let maxU = 0;
    for (let v = 1; v < V; v++) {
      this.units[v] = model.minutes[v]! / this.unit;
      maxU = Math.max(maxU, this.units[v]!);
    }
    this.maxUnits = maxU;
    this.row = new Uint8Array(H);
    this.countedOutside = new Uint8Array(Math.max(1, model.W));
    this.inside = new Int32Array(V);
    this.curUnits = new Int32Array(H);
    this.curWeekend = new Uint8Array(H);
    this.price = new Float64Array(V);
    this.counts = new Int32Array(V);
  }

  private dims(e: number, length: number) {
    const m = this.model;
    const K = Math.max(m.maxCons[e]! + 1, m.minCons[e]!, m.minOff[e]!, 1);
    const B = Math.min(length, this.shifts) * this.maxUnits;
    const Bw = Math.min(Math.ceil(length / 7) + 1, this.weekends);
    return { K, B, Bw, S: m.V * K * 2 * (2 * B + 1) * (2 * Bw + 1) };
  }

  /** States × days × values of a window of `length` days for person e (an estimate of one call's cost). */
  work(e: number, length: number): number {
    return (this.dims(e, length).S / 2) * length * this.model.V;
  }

  /**
   * Puts into `ch` the changes that make days a..b of person e's row the cheapest in the corridor (cost as above,
   * hard units weighted `hw`). Returns the number of changes (0 when the window is already best).
   */
  best(
    state: CurtoisState,
    e: number,
    a: number,
    b: number,
    hw: number,
    ch: ChangeList,
    /** Pricing rounds after the first (below). */
    rounds = 3,
  ): number {
    // The most shifts of a type, where the outside does not reach it alone, by a price on the type raised until
    // the window keeps it (or no more than it does now): a few rounds at most.
    const m = this.model;
    const { H, T, V } = m;
    const base = e * H;
    const cells = state.cells;
    const inside = this.inside;
    const counts = this.counts;
    this.price.fill(0);
    for (let round = 0; ; round++) {
      const n = this.solve(state, e, a, b, hw, ch);
      if (n === 0 || round === rounds) return n;
      inside.fill(0);
      for (let d = a; d <= b; d++) inside[cells[base + d]!]!++;
      counts.fill(0);
      for (let k = 0; k < n; k++) counts[ch.v[k]!]!++;
      for (let d = a; d <= b; d++) counts[cells[base + d]!]!++;
      for (let k = 0; k < n; k++) counts[cells[base + ch.d[k]!]!]!--;
      let over = false;
      for (let v = 1; v < V; v++) {
        const max = m.maxType[e * T + v - 1]!;
        if (max < 0) continue;
        const outside = state.typeCount[e * T + v - 1]! - inside[v]!;
        const now = Math.max(0, outside + inside[v]! - max);
        const after = Math.max(0, outside + counts[v]! - max);
        if (after > now) {
          over = true;
          this.price[v] = this.price[v] === 0 ? hw * m.scale * 0.5 : this.price[v]! * 3;
        }
      }
      if (!over) return n;
    }
  }

  private solve(state: CurtoisState, e: number, a: number, b: number, hw: number, ch: ChangeList): number {
    const m = this.model;
    const { H, T, V, W, scale } = m;
    ch.n = 0;
    const L = b - a + 1;
    const cells = state.cells;
    const base = e * H;
    const units = this.units;
    const unit = this.unit;
    const hws = hw * scale;
    const { K, B, Bw } = this.dims(e, L);

    // Weekends worked outside the window count whatever the window does ("counted").
    const counted = this.countedOutside;
    const wFirst = W > 0 ? Math.max(0, Math.floor(a / 7) - 1) : 0;
    const wLast = W > 0 ? Math.min(W - 1, Math.floor(b / 7)) : -1;
    for (let wk = wFirst; wk <= wLast; wk++) {
      const sat = 7 * wk + 5;
      let inside = 0;
      let any = false;
      for (let d = sat; d <= sat + 1 && d < H; d++) {
        if (d >= a && d <= b) {
          any = true;
          if (cells[base + d]! > 0) inside++;
        }
      }
      if (!any) {
        counted[wk] = 1;
        continue;
      }
      const total = state.weekendDays[e * W + wk]!;
      counted[wk] = total - inside > 0 ? 1 : 0;
    }
    // The current row's minutes and new weekends per day of the window (the corridor's centre).
    let winUnits = 0;
    for (let i = 0; i < L; i++) {
      const d = a + i;
      const v = cells[base + d]!;
      this.curUnits[i] = units[v]!;
      winUnits += units[v]!;
      const wk = m.weekendOf[d]!;
      this.curWeekend[i] =
        v > 0 && wk >= 0 && !counted[wk] && (d % 7 === 5 || i === 0 || cells[base + d - 1] === 0) ? 1 : 0;
    }
    const out = state.minutesOf[e]! - winUnits * unit;
    const maxM = m.maxMinutes[e]!;
    const minM = m.minMinutes[e]!;
    const weekendsNow = state.weekends[e]!;
    const maxW = m.maxWeekends[e]!;

    // Runs.
    const maxC = m.maxCons[e]!;
    const minC = m.minCons[e]!;
    const minO = m.minOff[e]!;
    const Kw = Math.max(maxC + 1, minC);
    const Ko = Math.max(1, minO);
    let pv0 = -1;
    let k0 = 0;
    let f0 = 0;
    if (a > 0) {
      pv0 = cells[base + a - 1]!;
      const w = pv0 > 0;
      let s = a - 1;
      while (s > 0 && cells[base + s - 1]! > 0 === w) s--;
      k0 = Math.min(a - s, w ? Kw : Ko);
      f0 = s === 0 ? 1 : 0;
    }
    const F = a === 0 || f0 === 1 ? 2 : 1;
    const M = 2 * B + 1;
    const Wd = 2 * Bw + 1;
    const MW = M * Wd;
    const blockF = MW;
    const blockK = F * MW;
    const blockV = K * blockK;
    const S = V * blockV;
    if (this.cur.length < S) {
      this.cur = new Float64Array(S);
      this.next = new Float64Array(S);
    }
    if (this.parent.length < S * L) this.parent = new Int32Array(S * L);
    if (this.cost.length < L * V) this.cost = new Float64Array(L * V);

    // Cost of each value on each day: requests, the cover change, the type limit when the outside reaches it.
    const cost = this.cost;
    cost.fill(Infinity, 0, L * V);
    const inside = this.inside;
    inside.fill(0);
    for (let d = a; d <= b; d++) inside[cells[base + d]!]!++;
    for (let d = a; d <= b; d++) {
      const cell = cells[base + d]!;
      const list = m.choices[base + d]!;
      const pi = (base + d) * V;
      for (const v of list) {
        let c = m.pref[pi + v]!;
        if (v > 0) {
          const k = d * T + v - 1;
          const cov = state.cover[k]! - (cell === v ? 1 : 0);
          c += cov >= m.coverReq[k]! ? m.coverOver[k]! : -m.coverUnder[k]!;
          const max = m.maxType[e * T + v - 1]!;
          if (max >= 0 && state.typeCount[e * T + v - 1]! - inside[v]! >= max) c += hws;
          c += this.price[v]!;
        }
        cost[(d - a) * V + v] = c;
      }
    }

    const parent = this.parent;
    let cur = this.cur;
    let next = this.next;
    cur.fill(Infinity, 0, S);
    // Transition from (pv, k, f) to nv: the new k and f, and the run penalty in hard units.
    let tk = 0;
    let tf = 0;
    let tpen = 0;
    const transition = (pv: number, k: number, f: number, nv: number) => {
      tpen = 0;
      if (pv > 0) {
        if (nv > 0) {
          if (m.forbidden[pv * V + nv]) tpen += scale;
          tk = k + 1;
          if (tk > maxC) tpen += scale;
          if (tk > Kw) tk = Kw;
          tf = f;
        } else {
          if (!f && k < minC) tpen += scale * (minC - k);
          tk = 1;
          tf = 0;
        }
      } else if (nv === 0) {
        tk = k + 1 > Ko ? Ko : k + 1;
        tf = f;
      } else {
        if (!f && k < minO) tpen += scale * (minO - k);
        tk = 1;
        tf = 0;
      }
    };
    // Day a: from the run before the window (or none).
    {
      const wk = m.weekendOf[a]!;
      for (let nv = 0; nv < V; nv++) {
        const c0 = cost[nv]!;
        if (c0 === Infinity) continue;
        if (a === 0) {
          tk = 1;
          tf = 1;
          tpen = 0;
        } else transition(pv0, k0, f0, nv);
        const dm = (nv > 0 ? units[nv]! : 0) - this.curUnits[0]!;
        const dw = (nv > 0 && wk >= 0 && !counted[wk] ? 1 : 0) - this.curWeekend[0]!;
        if (dm < -B || dm > B || dw < -Bw || dw > Bw) continue;
        const s = nv * blockV + (tk - 1) * blockK + tf * blockF + (dm + B) * Wd + dw + Bw;
        const c = c0 + hw * tpen;
        if (c < cur[s]!) cur[s] = c;
      }
    }
    this.ops += S;
    for (let i = 1; i < L; i++) {
      const d = a + i;
      next.fill(Infinity, 0, S);
      const wk = m.weekendOf[d]!;
      const weekend = wk >= 0 && !counted[wk] ? (d % 7 === 5 ? 1 : 2) : 0; // 1 Saturday, 2 Sunday
      const par = i * S;
      const cu = this.curUnits[i]!;
      const cw = this.curWeekend[i]!;
      const reach = Math.min(B, i * this.maxUnits);
      const wReach = Math.min(Bw, i);
      for (let pv = 0; pv < V; pv++) {
        const kMax = pv === 0 ? Ko : Kw;
        for (let k = 1; k <= kMax; k++) {
          for (let f = 0; f < F; f++) {
            const sBase = pv * blockV + (k - 1) * blockK + f * blockF;
            for (let nv = 0; nv < V; nv++) {
              const cn = cost[i * V + nv]!;
              if (cn === Infinity) continue;
              transition(pv, k, f, nv);
              const nBase = nv * blockV + (tk - 1) * blockK + tf * blockF;
              const dm = (nv > 0 ? units[nv]! : 0) - cu;
              const dw = (nv > 0 && (weekend === 1 || (weekend === 2 && pv === 0)) ? 1 : 0) - cw;
              const c = cn + hw * tpen;
              const mLo = Math.max(-reach, -B - dm);
              const mHi = Math.min(reach, B - dm);
              const wLo = Math.max(-wReach, -Bw - dw);
              const wHi = Math.min(wReach, Bw - dw);
              if (mLo > mHi || wLo > wHi) continue;
              this.ops += (mHi - mLo + 1) * (wHi - wLo + 1);
              for (let mm = mLo; mm <= mHi; mm++) {
                const rowS = sBase + (mm + B) * Wd + Bw;
                const rowN = nBase + (mm + dm + B) * Wd + Bw + dw;
                for (let w = wLo; w <= wHi; w++) {
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

    // The end: the runs at b joined with the runs after the window; the total minutes and weekends.
    let sv = -1;
    let r = 0;
    let g = 0;
    if (b + 1 < H) {
      sv = cells[base + b + 1]!;
      const w = sv > 0;
      let s = b + 1;
      while (s + 1 < H && cells[base + s + 1]! > 0 === w) s++;
      r = s - b;
      g = s === H - 1 ? 1 : 0;
    }
    let bestS = -1;
    let bestC = Infinity;
    for (let v = 0; v < V; v++) {
      const kMax = v === 0 ? Ko : Kw;
      for (let k = 1; k <= kMax; k++) {
        for (let f = 0; f < F; f++) {
          let pen = 0;
          if (sv >= 0) {
            if (v > 0 && sv > 0) {
              if (m.forbidden[v * V + sv]) pen += scale;
              const len = k + r;
              pen += scale * (k > maxC ? r : Math.max(0, len - maxC));
              if (!f && !g && len < minC) pen += scale * (minC - len);
            } else if (v === 0 && sv === 0) {
              const len = k + r;
              if (!f && !g && len < minO) pen += scale * (minO - len);
            } else if (v > 0) {
              // The worked run ends at b; the days off after it stay a run of their own.
              if (!f && k < minC) pen += scale * (minC - k);
              if (!g && r < minO) pen += scale * (minO - r);
            } else {
              // The days off end at b; the worked run after it stays a run of its own.
              if (!f && k < minO) pen += scale * (minO - k);
              if (r > maxC) pen += scale * (r - maxC);
              if (!g && r < minC) pen += scale * (minC - r);
            }
          }
          const sBase = v * blockV + (k - 1) * blockK + f * blockF;
          for (let mm = -B; mm <= B; mm++) {
            const total = out + (winUnits + mm) * unit;
            const minutesPen = total < minM ? minM - total : total > maxM ? total - maxM : 0;
            for (let w = -Bw; w <= Bw; w++) {
              const x = cur[sBase + (mm + B) * Wd + w + Bw]!;
              if (x === Infinity) continue;
              const n = weekendsNow + w;
              const y = x + hw * (pen + minutesPen + (n > maxW ? scale * (n - maxW) : 0));
              if (y < bestC) {
                bestC = y;
                bestS = sBase + (mm + B) * Wd + w + Bw;
              }
            }
          }
        }
      }
    }
    if (bestS < 0) return 0;
    let s = bestS;
    for (let i = L - 1; i >= 0; i--) {
      this.row[i] = Math.floor(s / blockV);
      if (i > 0) s = parent[i * S + s]!;
    }
    for (let i = 0; i < L; i++) if (cells[base + a + i] !== this.row[i]) ch.push(e, a + i, this.row[i]!);
    return ch.n;
  }
}

/**
 * Where the roster breaks a hard rule, as (person, day) pairs in `out` (person × H + day): the first day of a run
 * too short or too long, a forbidden succession, a shift on a fixed day off; for a person's totals (minutes,
 * weekends, shifts of a type) their first day. Returns how many were written (at most `out.length`).
 */
export function hardSpots(state: CurtoisState, out: Int32Array): number {
  const m = state.model;
  const { E, H, T, V } = m;
  const cells = state.cells;
  let n = 0;
  const push = (e: number, d: number) => {
    if (n < out.length) out[n++] = e * H + d;
  };
  for (let e = 0; e < E; e++) {
    const base = e * H;
    const minutes = state.minutesOf[e]!;
    let totals =
      minutes < m.minMinutes[e]! || minutes > m.maxMinutes[e]! || state.weekends[e]! > m.maxWeekends[e]!;
    for (let t = 0; t < T && !totals; t++) {
      const max = m.maxType[e * T + t]!;
      if (max >= 0 && state.typeCount[e * T + t]! > max) totals = true;
    }
    if (totals) push(e, 0);
    let start = 0;
    for (let d = 0; d < H; d++) {
      const v = cells[base + d]!;
      if (v > 0 && (m.dayOff[base + d] || (d + 1 < H && m.forbidden[v * V + cells[base + d + 1]!])))
        push(e, d);
      if (d + 1 < H && cells[base + d + 1]! > 0 === v > 0) continue;
      const length = d + 1 - start;
      const edge = start === 0 || d === H - 1;
      if (v > 0) {
        if (length > m.maxCons[e]! || (!edge && length < m.minCons[e]!)) push(e, start);
      } else if (!edge && length < m.minOff[e]!) push(e, start);
      start = d + 1;
    }
  }
  return n;
}
