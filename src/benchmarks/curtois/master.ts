import type { Highs, Model } from 'highs';
import { type CurtoisModel, evaluateCells, personHard } from './delta.js';
import { cpuSince, loadHighs, runOnCpuBudget } from './exact.js';
import type { RowOptimizer } from './row.js';

/**
 * Rows per person that keep every rule of that person, deduplicated: the columns of the master programme. Every
 * hard rule of the benchmark concerns one person alone, so any choice of one pooled row per person is a roster
 * free of hard violations; only cover couples the people.
 */
export class RowPool {
  private readonly keys: Array<Set<string>>;
  /** Per person, the rows pooled so far (H values each). */
  readonly rows: Uint8Array[][];
  private readonly scratch: Uint8Array;
  private total = 0;

  constructor(
    readonly model: CurtoisModel,
    /** Rows kept per person at most (later ones are dropped). */
    readonly perPerson = 300,
  ) {
    this.keys = Array.from({ length: model.E }, () => new Set<string>());
    this.rows = Array.from({ length: model.E }, () => []);
    this.scratch = new Uint8Array(model.E * model.H);
  }

  get size(): number {
    return this.total;
  }

  /**
   * Adds person e's row as it stands in `cells` when it keeps their rules and is new, and (unless `beyondLimit`)
   * the person has fewer than `perPerson` rows; true when added.
   */
  add(cells: Uint8Array, e: number, beyondLimit = false): boolean {
    const { H } = this.model;
    if (!beyondLimit && this.rows[e]!.length >= this.perPerson) return false;
    const row = cells.subarray(e * H, e * H + H);
    const key = String.fromCharCode(...row);
    if (this.keys[e]!.has(key)) return false;
    if (personHard(this.model, cells, e).count > 0) return false;
    this.keys[e]!.add(key);
    this.rows[e]!.push(Uint8Array.from(row));
    this.total++;
    return true;
  }

  /** Adds a row for person e given alone (H values). */
  addRow(e: number, row: Uint8Array, beyondLimit = false): boolean {
    const { H } = this.model;
    this.scratch.set(row.subarray(0, H), e * H);
    return this.add(this.scratch, e, beyondLimit);
  }

  /** Adds every person's row of a roster; returns how many were new. */
  addRoster(cells: Uint8Array): number {
    let n = 0;
    for (let e = 0; e < this.model.E; e++) if (this.add(cells, e)) n++;
    return n;
  }
}

export interface MasterOptions {
  /** CPU seconds of this process for the whole stage (column generation, then the integer programme). */
  seconds: number;
  /** The roster to improve: its rows join the pool, and the integer programme starts from it. */
  incumbent: Uint8Array;
  seed?: number;
  /** The share of `seconds` the column generation may take at most (default 0.4). */
  pricingShare?: number;
}

export interface MasterResult {
  /** The best roster of the integer programme (every row from the pool or priced), null when it found none. */
  cells: Uint8Array | null;
  /** Its objective by the search's own evaluation (Infinity when none). */
  objective: number;
  /**
   * The linear relaxation's value at the last pricing round (with `priced`, over every row of the programme: a lower
   * bound on its rosters).
   */
  relaxation: number;
  /** Whether pricing found no more improving rows before its share of the time ran out. */
  priced: boolean;
  /** Columns (rows) in the programme. */
  columns: number;
  /** HiGHS's model status of the integer programme (7 optimal, 13 time limit, 17 interrupted…). */
  status: number;
  /** Whether HiGHS proved `cells` the best choice of rows in the programme. */
  optimal: boolean;
}

/**
 * The master programme over rows: choose one row per person from the pool, minimising request costs plus cover
 * weights (Σ cost(row) z + Σ under·u + over·o, one row per person, Σ z a + u − o = requirement per cover row).
 * First column generation on its linear relaxation: each round, each person's best row under the cover rows'
 * duals (RowOptimizer's programme with the reduced costs) joins when its reduced cost is negative. Then HiGHS
 * solves the integer programme over every row so far, started from the incumbent, until the CPU budget ends.
 *
 * The search's local optima are rows that fit together; the priced rows are those the relaxation wants. Choosing
 * among them at once is how a roster with one person short more than a better one gets out: the search would have
 * to change a dozen people's rows through worse rosters (Instance6).
 */
export async function solveMaster(
  model: CurtoisModel,
  pool: RowPool,
  rows: RowOptimizer,
  options: MasterOptions,
): Promise<MasterResult> {
  const start = process.cpuUsage();
  const { E, H, T, V } = model;
  pool.addRoster(options.incumbent);
  const highs: Highs = await loadHighs();
  const hm: Model = highs.createModel();
  try {
    hm.options.set({ output_flag: false, random_seed: options.seed ?? 0 });
    // Rows of the programme: one per person (= 1), then one per cover row (= requirement).
    const coverRow = new Int32Array(H * T).fill(-1);
    let nRows = 0;
    const empty = { indices: [], values: [] };
    for (let e = 0; e < E; e++, nRows++) hm.addRow(1, 1, empty);
    for (let i = 0; i < H * T; i++) {
      if (model.coverReq[i]! === 0 && model.coverUnder[i]! === 0 && model.coverOver[i]! === 0) continue;
      coverRow[i] = nRows++;
      hm.addRow(model.coverReq[i]!, model.coverReq[i]!, empty);
    }
    let nCols = 0;
    const slack: Array<[number, number]> = []; // [cover index, ±1]
    for (let i = 0; i < H * T; i++) {
      if (coverRow[i]! < 0) continue;
      hm.addCol(model.coverUnder[i]!, 0, highs.infinity, { indices: [coverRow[i]!], values: [1] });
      hm.addCol(model.coverOver[i]!, 0, highs.infinity, { indices: [coverRow[i]!], values: [-1] });
      slack.push([i, 1], [i, -1]);
      nCols += 2;
    }
    // A costly way out per person, so the relaxation is feasible whatever the pool holds.
    const artificial = nCols;
    for (let e = 0; e < E; e++, nCols++) hm.addCol(1e7, 0, 1, { indices: [e], values: [1] });
    const columns: Array<{ e: number; row: Uint8Array }> = [];
    const first = nCols;
    const addColumn = (e: number, row: Uint8Array) => {
      let cost = 0;
      const indices = [e];
      const values = [1];
      for (let d = 0; d < H; d++) {
        const v = row[d]!;
        cost += model.pref[(e * H + d) * V + v]!;
        if (v > 0 && coverRow[d * T + v - 1]! >= 0) {
          indices.push(coverRow[d * T + v - 1]!);
          values.push(1);
        }
      }
      hm.addCol(cost, 0, 1, { indices, values });
      columns.push({ e, row });
      nCols++;
    };
    for (let e = 0; e < E; e++) for (const row of pool.rows[e]!) addColumn(e, row);

    // Column generation on the relaxation.
    const cost = new Float64Array(H * V);
    const out = new Uint8Array(H);
    const pricingSeconds = options.seconds * (options.pricingShare ?? 0.4);
    let relaxation = Infinity;
    let priced = false;
    while (cpuSince(start) < pricingSeconds) {
      runOnCpuBudget(highs, hm, start, options.seconds);
      if (hm.getModelStatus() !== highs.constants.modelStatus.optimal) break;
      relaxation = hm.getObjectiveValue();
      const dual = hm.getSolution().rowDual;
      let added = 0;
      for (let e = 0; e < E; e++) {
        for (let d = 0; d < H; d++) {
          const base = (e * H + d) * V;
          cost[d * V] = model.pref[base]!;
          for (let v = 1; v < V; v++) {
            const r = coverRow[d * T + v - 1]!;
            cost[d * V + v] = model.pref[base + v]! - (r >= 0 ? dual[r]! : 0);
          }
        }
        if (!rows.bestRowFor(e, cost, out)) continue;
        let reduced = -dual[e]!;
        for (let d = 0; d < H; d++) reduced += cost[d * V + out[d]!]!;
        // A priced row joins whatever the pool's limit: pricing stops only when no row improves.
        if (reduced < -1e-6 && pool.addRow(e, out, true)) {
          addColumn(e, pool.rows[e]![pool.rows[e]!.length - 1]!);
          added++;
        }
      }
      if (added === 0) {
        priced = true;
        break;
      }
    }

    // The integer programme over every row so far, from the incumbent.
    const types = new Int32Array(nCols);
    for (let j = artificial; j < nCols; j++) types[j] = 1;
    hm.changeColsIntegrality({ kind: 'range', from: 0, to: nCols - 1 }, types);
    const startValues = new Float64Array(nCols);
    const coverCount = new Int32Array(H * T);
    for (let e = 0; e < E; e++)
      for (let d = 0; d < H; d++) {
        const v = options.incumbent[e * H + d]!;
        if (v > 0) coverCount[d * T + v - 1]!++;
      }
    slack.forEach(([i, sign], k) => {
      const gap = model.coverReq[i]! - coverCount[i]!;
      startValues[k] = Math.max(0, sign * gap);
    });
    const incumbentColumn = new Int32Array(E).fill(-1);
    columns.forEach((c, k) => {
      if (incumbentColumn[c.e]! >= 0) return;
      const at = c.e * H;
      for (let d = 0; d < H; d++) if (options.incumbent[at + d] !== c.row[d]) return;
      incumbentColumn[c.e] = first + k;
    });
    if (incumbentColumn.every((j) => j >= 0)) {
      for (const j of incumbentColumn) startValues[j] = 1;
      hm.setSolution({ colValue: startValues });
    }
    runOnCpuBudget(highs, hm, start, options.seconds);
    const status = hm.getModelStatus();
    const values = hm.getSolution().colValue;
    let cells: Uint8Array | null = null;
    let objective = Infinity;
    const chosen = columns.filter((_, k) => values[first + k]! > 0.5);
    let usesArtificial = false;
    for (let e = 0; e < E; e++) if (values[artificial + e]! > 0.5) usesArtificial = true;
    if (!usesArtificial && chosen.length === E) {
      cells = new Uint8Array(E * H);
      for (const c of chosen) cells.set(c.row, c.e * H);
      const own = evaluateCells(model, cells);
      if (own.hardCount > 0) cells = null;
      else objective = own.objective;
    }
    const optimal = cells !== null && status === highs.constants.modelStatus.optimal;
    return { cells, objective, relaxation, priced, columns: columns.length, status, optimal };
  } finally {
    hm.dispose();
  }
}
