import type { CurtoisAssignment } from './facts.js';
import type { CurtoisInstance } from './instance.js';

/**
 * The Curtois & Qu model compiled to flat arrays for local search, and a roster state scored incrementally
 * ("delta scoring"). A roster is one cell per person and day: 0 off, t + 1 shift type t.
 *
 * The objective (requests and cover) is the benchmark's, the checker's soft penalty. Hard rules are measured two
 * ways: `hardCount`, the number of violations as the rota checker counts them (score.ts's hardViolations), and
 * `hardUnits`, their magnitude for the search's penalty — minutes short or over for the minute limits, and
 * `scale` units (the longest shift's minutes) per day, shift, weekend or forbidden pair over for the others.
 */
export interface CurtoisModel {
  instance: CurtoisInstance;
  /** People, days, shift types; values per cell are 0..types. */
  E: number;
  H: number;
  T: number;
  V: number;
  staffIds: string[];
  typeIds: string[];
  /** Minutes of each value (0 for off). */
  minutes: Int32Array;
  /** 1 when value v may be placed at (e, d): off always; not a fixed day off; not a type limited to 0. */
  allowed: Uint8Array;
  /** Values allowed at (e, d), as a list (index e * H + d). */
  choices: Uint8Array[];
  /** Request cost of value v at (e, d): on-requests not met plus off-requests met (index (e * H + d) * V + v). */
  pref: Int32Array;
  /** Cover rows per (d, t) (index d * T + t); weights 0 where there is no row. */
  coverReq: Int32Array;
  coverUnder: Int32Array;
  coverOver: Int32Array;
  /** 1 when value b may not be worked the day after value a (index a * V + b). */
  forbidden: Uint8Array;
  /** Per (e, t): the most shifts of type t, −1 when unlimited. */
  maxType: Int32Array;
  maxMinutes: Int32Array;
  minMinutes: Int32Array;
  maxCons: Int32Array;
  minCons: Int32Array;
  minOff: Int32Array;
  maxWeekends: Int32Array;
  /** Fixed days off (index e * H + d). */
  dayOff: Uint8Array;
  /** The weekend of a day (Saturday and Sunday, day 0 a Monday), −1 on weekdays. */
  weekendOf: Int32Array;
  W: number;
  /** Hard units per violation-day (the longest shift's minutes). */
  scale: number;
}

export function compileCurtois(instance: CurtoisInstance): CurtoisModel {
  const E = instance.staff.length;
  const H = instance.horizon;
  const T = instance.shiftTypes.length;
  const V = T + 1;
  const typeIndex = new Map(instance.shiftTypes.map((t, i) => [t.id, i]));
  const staffIndex = new Map(instance.staff.map((s, i) => [s.id, i]));
  const minutes = new Int32Array(V);
  instance.shiftTypes.forEach((t, i) => (minutes[i + 1] = t.minutes));
  const forbidden = new Uint8Array(V * V);
  instance.shiftTypes.forEach((t, i) => {
    for (const id of t.cannotFollow) {
      const j = typeIndex.get(id);
      if (j !== undefined) forbidden[(i + 1) * V + j + 1] = 1;
    }
  });
  const maxType = new Int32Array(E * T).fill(-1);
  const dayOff = new Uint8Array(E * H);
  instance.staff.forEach((s, e) => {
    for (const [id, max] of Object.entries(s.maxShifts)) {
      const t = typeIndex.get(id);
      if (t !== undefined) maxType[e * T + t] = max;
    }
    for (const d of instance.daysOff.get(s.id) ?? []) if (d < H) dayOff[e * H + d] = 1;
  });
  const allowed = new Uint8Array(E * H * V);
  const choices: Uint8Array[] = [];
  for (let e = 0; e < E; e++) {
    for (let d = 0; d < H; d++) {
      const list = [0];
      allowed[(e * H + d) * V] = 1;
      if (!dayOff[e * H + d]) {
        for (let t = 0; t < T; t++) {
          if (maxType[e * T + t] === 0) continue;
          allowed[(e * H + d) * V + t + 1] = 1;
          list.push(t + 1);
        }
      }
      choices.push(Uint8Array.from(list));
    }
  }
  const pref = new Int32Array(E * H * V);
  for (const r of instance.onRequests) {
    const e = staffIndex.get(r.staffId);
    const t = typeIndex.get(r.shiftId);
    if (e === undefined || t === undefined || r.day >= H) continue;
    for (let v = 0; v < V; v++) if (v !== t + 1) pref[(e * H + r.day) * V + v] += r.weight;
  }
  for (const r of instance.offRequests) {
    const e = staffIndex.get(r.staffId);
    const t = typeIndex.get(r.shiftId);
    if (e === undefined || t === undefined || r.day >= H) continue;
    pref[(e * H + r.day) * V + t + 1] += r.weight;
  }
  const coverReq = new Int32Array(H * T);
  const coverUnder = new Int32Array(H * T);
  const coverOver = new Int32Array(H * T);
  for (const c of instance.cover) {
    const t = typeIndex.get(c.shiftId);
    if (t === undefined || c.day >= H) continue;
    coverReq[c.day * T + t] = c.requirement;
    coverUnder[c.day * T + t] = c.weightUnder;
    coverOver[c.day * T + t] = c.weightOver;
  }
  const weekendOf = new Int32Array(H).fill(-1);
  let W = 0;
  for (let d = 0; d < H; d++) {
    if (d % 7 === 5 || d % 7 === 6) {
      weekendOf[d] = Math.floor(d / 7);
      W = Math.max(W, weekendOf[d]! + 1);
    }
  }
  const per = (f: (s: CurtoisInstance['staff'][number]) => number) => Int32Array.from(instance.staff, f);
  return {
    instance,
    E,
    H,
    T,
    V,
    staffIds: instance.staff.map((s) => s.id),
    typeIds: instance.shiftTypes.map((t) => t.id),
    minutes,
    allowed,
    choices,
    pref,
    coverReq,
    coverUnder,
    coverOver,
    forbidden,
    maxType,
    maxMinutes: per((s) => s.maxTotalMinutes),
    minMinutes: per((s) => s.minTotalMinutes),
    maxCons: per((s) => s.maxConsecutiveShifts),
    minCons: per((s) => s.minConsecutiveShifts),
    minOff: per((s) => s.minConsecutiveDaysOff),
    maxWeekends: per((s) => s.maxWeekends),
    dayOff,
    weekendOf,
    W,
    scale: Math.max(1, ...instance.shiftTypes.map((t) => t.minutes)),
  };
}

export interface CurtoisEvaluation {
  objective: number;
  hardUnits: number;
  hardCount: number;
}

/** Cells (0 off, t + 1 type t) from a roster; a second shift on one day keeps the later row. */
export function cellsOf(model: CurtoisModel, roster: readonly CurtoisAssignment[]): Uint8Array {
  const cells = new Uint8Array(model.E * model.H);
  const staff = new Map(model.staffIds.map((id, i) => [id, i]));
  const types = new Map(model.typeIds.map((id, i) => [id, i]));
  for (const a of roster) cells[staff.get(a.staff)! * model.H + a.day] = types.get(a.shift)! + 1;
  return cells;
}

export function rosterOf(model: CurtoisModel, cells: Uint8Array): CurtoisAssignment[] {
  const roster: CurtoisAssignment[] = [];
  for (let e = 0; e < model.E; e++) {
    for (let d = 0; d < model.H; d++) {
      const v = cells[e * model.H + d]!;
      if (v > 0) roster.push({ staff: model.staffIds[e]!, day: d, shift: model.typeIds[v - 1]! });
    }
  }
  return roster;
}

/**
 * A from-scratch evaluation, written plainly from the benchmark's definition (README of the instances and the
 * checker's rules): the reference the incremental state is tested against.
 */
export function evaluateCells(model: CurtoisModel, cells: Uint8Array): CurtoisEvaluation {
  const { E, H, T, V } = model;
  let objective = 0;
  let hardUnits = 0;
  let hardCount = 0;
  for (let d = 0; d < H; d++) {
    for (let t = 0; t < T; t++) {
      let c = 0;
      for (let e = 0; e < E; e++) if (cells[e * H + d] === t + 1) c++;
      const req = model.coverReq[d * T + t]!;
      objective +=
        c < req ? (req - c) * model.coverUnder[d * T + t]! : (c - req) * model.coverOver[d * T + t]!;
    }
  }
  for (let e = 0; e < E; e++) {
    for (let d = 0; d < H; d++) objective += model.pref[(e * H + d) * V + cells[e * H + d]!]!;
    const own = personHard(model, cells, e);
    hardUnits += own.units;
    hardCount += own.count;
  }
  return { objective, hardUnits, hardCount };
}

/**
 * The hard violations of person e's row (index e * H + d in `cells`): every hard rule of the model concerns one
 * person alone, so a roster keeps them exactly when each row does.
 */
export function personHard(
  model: CurtoisModel,
  cells: Uint8Array,
  e: number,
): { units: number; count: number } {
  const { H, T, V, scale } = model;
  let units = 0;
  let count = 0;
  const hard = (u: number) => {
    units += u;
    count++;
  };
  const row = (d: number) => cells[e * H + d]!;
  let minutes = 0;
  const counts = new Array<number>(T).fill(0);
  const weekends = new Set<number>();
  for (let d = 0; d < H; d++) {
    const v = row(d);
    if (v === 0) continue;
    minutes += model.minutes[v]!;
    counts[v - 1]!++;
    if (model.weekendOf[d]! >= 0) weekends.add(model.weekendOf[d]!);
    if (model.dayOff[e * H + d]) hard(scale);
    if (d + 1 < H && model.forbidden[v * V + row(d + 1)]) hard(scale);
  }
  for (let t = 0; t < T; t++) {
    const max = model.maxType[e * T + t]!;
    if (max >= 0 && counts[t]! > max) hard(scale * (counts[t]! - max));
  }
  if (minutes < model.minMinutes[e]!) hard(model.minMinutes[e]! - minutes);
  if (minutes > model.maxMinutes[e]!) hard(minutes - model.maxMinutes[e]!);
  if (weekends.size > model.maxWeekends[e]!) hard(scale * (weekends.size - model.maxWeekends[e]!));
  // Runs of worked days and of days off.
  let start = 0;
  for (let d = 1; d <= H; d++) {
    if (d < H && row(d) > 0 === row(start) > 0) continue;
    const length = d - start;
    const edge = start === 0 || d === H;
    if (row(start) > 0) {
      if (length > model.maxCons[e]!) hard(scale * (length - model.maxCons[e]!));
      if (!edge && length < model.minCons[e]!) hard(scale * (model.minCons[e]! - length));
    } else if (!edge && length < model.minOff[e]!) hard(scale * (model.minOff[e]! - length));
    start = d;
  }
  return { units, count };
}

/** Changes buffered for one move: person, day, new value; grouped by person, days ascending within a person. */
export class ChangeList {
  e: Int32Array;
  d: Int32Array;
  v: Uint8Array;
  old: Uint8Array;
  n = 0;
  constructor(capacity: number) {
    this.e = new Int32Array(capacity);
    this.d = new Int32Array(capacity);
    this.v = new Uint8Array(capacity);
    this.old = new Uint8Array(capacity);
  }
  push(e: number, d: number, v: number) {
    this.e[this.n] = e;
    this.d[this.n] = d;
    this.v[this.n] = v;
    this.n++;
  }
}

/**
 * A roster with its objective and hard measures kept up to date: per-person minutes, shifts per type and worked
 * days per weekend, cover counts per day and type, the request cost table; runs and forbidden successions are
 * re-checked only in the window a move touches (from the start of the run before its first changed day to the end
 * of the run after its last).
 */
export class CurtoisState {
  readonly cells: Uint8Array;
  readonly cover: Int32Array;
  readonly minutesOf: Int32Array;
  readonly typeCount: Int32Array;
  /** Worked days per (e, weekend): 0..2. */
  readonly weekendDays: Uint8Array;
  readonly weekends: Int32Array;
  objective = 0;
  hardUnits = 0;
  hardCount = 0;
  // Deltas of the move being evaluated.
  dObj = 0;
  dUnits = 0;
  dCount = 0;
  private clusters: Int32Array;
  private nClusters = 0;

  constructor(
    readonly model: CurtoisModel,
    cells?: Uint8Array,
  ) {
    const { E, H, T, W } = model;
    this.cells = new Uint8Array(E * H);
    this.cover = new Int32Array(H * T);
    this.minutesOf = new Int32Array(E);
    this.typeCount = new Int32Array(E * T);
    this.weekendDays = new Uint8Array(E * Math.max(W, 1));
    this.weekends = new Int32Array(E);
    this.clusters = new Int32Array(4 * (2 * H + 8));
    this.reset(cells ?? new Uint8Array(E * H));
  }

  /** Loads cells and recomputes every counter and total from scratch. */
  reset(cells: Uint8Array): void {
    const { E, H, T, W } = this.model;
    this.cells.fill(0);
    this.cover.fill(0);
    this.minutesOf.fill(0);
    this.typeCount.fill(0);
    this.weekendDays.fill(0);
    this.weekends.fill(0);
    for (let e = 0; e < E; e++) {
      for (let d = 0; d < H; d++) {
        const v = cells[e * H + d]!;
        this.cells[e * H + d] = v;
        if (v === 0) continue;
        this.cover[d * T + v - 1]!++;
        this.minutesOf[e] += this.model.minutes[v]!;
        this.typeCount[e * T + v - 1]!++;
        const w = this.model.weekendOf[d]!;
        if (w >= 0 && this.weekendDays[e * W + w]!++ === 0) this.weekends[e]!++;
      }
    }
    const full = evaluateCells(this.model, this.cells);
    this.objective = full.objective;
    this.hardUnits = full.hardUnits;
    this.hardCount = full.hardCount;
  }

  evaluation(): CurtoisEvaluation {
    return { objective: this.objective, hardUnits: this.hardUnits, hardCount: this.hardCount };
  }

  /**
   * Applies the changes (grouped by person, days ascending) and sets dObj, dUnits, dCount to the move's deltas.
   * The totals are not touched: `commit` adds the deltas, `revert` undoes the cells.
   */
  apply(ch: ChangeList): void {
    this.dObj = 0;
    this.dUnits = 0;
    this.dCount = 0;
    const H = this.model.H;
    // Windows per person, from the cells before the move (their bounds lie in unchanged cells).
    this.nClusters = 0;
    let i = 0;
    while (i < ch.n) {
      const e = ch.e[i]!;
      let j = i;
      while (j + 1 < ch.n && ch.e[j + 1] === e) j++;
      this.windows(e, ch, i, j);
      i = j + 1;
    }
    const cl = this.clusters;
    for (let k = 0; k < this.nClusters; k++)
      this.windowPenalty(cl[4 * k]!, cl[4 * k + 1]!, cl[4 * k + 2]!, cl[4 * k + 3]!, -1);
    for (let k = 0; k < ch.n; k++) {
      const e = ch.e[k]!;
      const d = ch.d[k]!;
      ch.old[k] = this.cells[e * H + d]!;
      this.setCell(e, d, ch.v[k]!);
    }
    for (let k = 0; k < this.nClusters; k++)
      this.windowPenalty(cl[4 * k]!, cl[4 * k + 1]!, cl[4 * k + 2]!, cl[4 * k + 3]!, 1);
  }

  commit(): void {
    this.objective += this.dObj;
    this.hardUnits += this.dUnits;
    this.hardCount += this.dCount;
  }

  /** Undoes the cells of the last `apply` (totals were not changed). */
  revert(ch: ChangeList): void {
    for (let k = ch.n - 1; k >= 0; k--) this.setCell(ch.e[k]!, ch.d[k]!, ch.old[k]!);
  }

  /** Clusters of changed days of person e (changes i..j) whose run windows do not overlap. */
  private windows(e: number, ch: ChangeList, i: number, j: number): void {
    const { H } = this.model;
    const cells = this.cells;
    const base = e * H;
    const work = (d: number) => cells[base + d]! > 0;
    let a = ch.d[i]!;
    let b = a;
    // Left bound: the start of the run holding a − 1.
    const leftOf = (a: number, stop: number) => {
      if (a === 0) return 0;
      let L = a - 1;
      const s = work(L);
      while (L > stop && work(L - 1) === s) L--;
      return L;
    };
    let L = leftOf(a, 0);
    for (let k = i + 1; k <= j + 1; k++) {
      const c = k <= j ? ch.d[k]! : -1;
      if (c >= 0 && c <= b + 1) {
        b = Math.max(b, c);
        continue;
      }
      // The run holding b + 1, up to the next changed day (exclusive).
      let R: number;
      const limit = c >= 0 ? c - 1 : H - 1;
      if (b === H - 1) R = H - 1;
      else {
        R = b + 1;
        const s = work(R);
        while (R < limit && work(R + 1) === s) R++;
      }
      if (c >= 0) {
        if (R === limit) {
          // That run reaches the next change: one window.
          b = c;
          continue;
        }
        const L2 = leftOf(c, b + 1);
        if (L2 <= R) {
          b = c;
          continue;
        }
        this.pushCluster(e, L, R, a, b);
        a = c;
        b = c;
        L = L2;
      } else this.pushCluster(e, L, R, a, b);
    }
  }

  private pushCluster(e: number, L: number, R: number, a: number, b: number) {
    const H = this.model.H;
    const k = 4 * this.nClusters++;
    this.clusters[k] = e;
    this.clusters[k + 1] = L;
    this.clusters[k + 2] = R;
    // Pairs (d, d + 1) for d from a − 1 to b (inside the horizon); packed with the run window.
    this.clusters[k + 3] = Math.max(a - 1, 0) * (H + 1) + Math.min(b, H - 2) + 1;
  }

  /** Adds sign × the penalty of the runs inside [L, R] and of the forbidden pairs in the packed range. */
  private windowPenalty(e: number, L: number, R: number, pairs: number, sign: number): void {
    const m = this.model;
    const { H, V, scale } = m;
    const cells = this.cells;
    const base = e * H;
    let units = 0;
    let count = 0;
    const pa = Math.floor(pairs / (H + 1));
    const pb = (pairs % (H + 1)) - 1;
    for (let d = pa; d <= pb; d++) {
      if (m.forbidden[cells[base + d]! * V + cells[base + d + 1]!]) {
        units += scale;
        count++;
      }
    }
    const maxCons = m.maxCons[e]!;
    const minCons = m.minCons[e]!;
    const minOff = m.minOff[e]!;
    let start = L;
    let w = cells[base + L]! > 0;
    for (let d = L + 1; d <= R + 1; d++) {
      const wd = d <= R && cells[base + d]! > 0;
      if (d <= R && wd === w) continue;
      const length = d - start;
      const edge = start === 0 || d === H;
      if (w) {
        if (length > maxCons) {
          units += scale * (length - maxCons);
          count++;
        }
        if (!edge && length < minCons) {
          units += scale * (minCons - length);
          count++;
        }
      } else if (!edge && length < minOff) {
        units += scale * (minOff - length);
        count++;
      }
      start = d;
      w = wd;
    }
    this.dUnits += sign * units;
    this.dCount += sign * count;
  }

  /** Sets one cell, adding the change of the counter-based terms to the move's deltas. */
  private setCell(e: number, d: number, v: number): void {
    const m = this.model;
    const { H, T, V, W, scale } = m;
    const idx = e * H + d;
    const old = this.cells[idx]!;
    if (old === v) return;
    this.cells[idx] = v;
    this.dObj += m.pref[idx * V + v]! - m.pref[idx * V + old]!;
    if (old > 0) {
      const k = d * T + old - 1;
      const c = this.cover[k]!;
      const req = m.coverReq[k]!;
      // c → c − 1
      this.dObj += c > req ? -m.coverOver[k]! : m.coverUnder[k]!;
      this.cover[k] = c - 1;
      const tk = e * T + old - 1;
      const max = m.maxType[tk]!;
      const n = this.typeCount[tk]!;
      if (max >= 0 && n > max) {
        this.dUnits -= scale;
        if (n === max + 1) this.dCount--;
      }
      this.typeCount[tk] = n - 1;
      if (m.dayOff[idx]) {
        this.dUnits -= scale;
        this.dCount--;
      }
    }
    if (v > 0) {
      const k = d * T + v - 1;
      const c = this.cover[k]!;
      const req = m.coverReq[k]!;
      this.dObj += c >= req ? m.coverOver[k]! : -m.coverUnder[k]!;
      this.cover[k] = c + 1;
      const tk = e * T + v - 1;
      const max = m.maxType[tk]!;
      const n = this.typeCount[tk]!;
      if (max >= 0 && n >= max) {
        this.dUnits += scale;
        if (n === max) this.dCount++;
      }
      this.typeCount[tk] = n + 1;
      if (m.dayOff[idx]) {
        this.dUnits += scale;
        this.dCount++;
      }
    }
    const dm = m.minutes[v]! - m.minutes[old]!;
    if (dm !== 0) {
      const before = this.minutesOf[e]!;
      const after = before + dm;
      this.minutesOf[e] = after;
      const min = m.minMinutes[e]!;
      const max = m.maxMinutes[e]!;
      const pen = (x: number) => (x < min ? min - x : x > max ? x - max : 0);
      this.dUnits += pen(after) - pen(before);
      this.dCount += (after < min || after > max ? 1 : 0) - (before < min || before > max ? 1 : 0);
    }
    const w = m.weekendOf[d]!;
    if (w >= 0 && old > 0 !== v > 0) {
      const wk = e * W + w;
      const maxW = m.maxWeekends[e]!;
      const before = this.weekends[e]!;
      if (v > 0) {
        if (this.weekendDays[wk]!++ === 0) this.weekends[e] = before + 1;
      } else if (--this.weekendDays[wk]! === 0) this.weekends[e] = before - 1;
      const after = this.weekends[e]!;
      if (after !== before) {
        const pen = (x: number) => (x > maxW ? x - maxW : 0);
        this.dUnits += scale * (pen(after) - pen(before));
        this.dCount += (after > maxW ? 1 : 0) - (before > maxW ? 1 : 0);
      }
    }
  }
}
