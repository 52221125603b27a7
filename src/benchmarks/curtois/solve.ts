import { compileCurtois, cellsOf, evaluateCells, rosterOf } from './delta.js';
import { cpuSince, solveCurtoisExact } from './exact.js';
import type { CurtoisAssignment } from './facts.js';
import type { CurtoisInstance } from './instance.js';
import { RowPool, solveMaster } from './master.js';
import { RowOptimizer } from './row.js';
import { searchCurtois, type SearchResult } from './search.js';

/** sa: the search; master: the master programme over the search's rows and priced ones; highs: the exact model. */
export type CurtoisEngine = 'sa' | 'master' | 'highs';

export interface CurtoisSolveOptions {
  /** CPU seconds of this process for the whole solve. */
  seconds: number;
  seed: number;
  /** A move budget for the search (then the search runs alone, reproducibly). */
  moves?: number;
  engine?: 'auto' | CurtoisEngine;
  /**
   * Independent searches, each with its share of the budget (seconds or moves) and its own seed drawn from
   * `seed`; the best roster of all is kept (default 1: two starts of 30 s on Instance5 found its better basin no
   * more often than one of 60 s, and Instance6 needs the whole budget).
   */
  starts?: number;
  /**
   * The share of the budget for the master programme after the search (master.ts), where the best-row programme
   * covers everyone (default `MASTER_SHARE` for teams of up to `MASTER_MAX_PEOPLE` people, else 0; 0 to leave it
   * out). Not with a move budget or the exact engine.
   */
  masterShare?: number;
}

export interface CurtoisSolveResult {
  roster: CurtoisAssignment[];
  /** The winning engine's own objective for its roster (the checker must agree), null when it found none. */
  objective: number | null;
  /** Hard violations by the search's own count (the checker must agree). */
  hardViolations: number | null;
  engine: CurtoisEngine;
  engines: CurtoisEngine[];
  status: string;
  movesEvaluated: number;
  /** Independent searches run (0 when only the exact engine ran). */
  starts: number;
  searchSeconds: number;
  cpuSeconds: number;
}

/** Variables of the exact model up to which HiGHS pays (Instances 1–4: 112–840; Instance5, 896, does better with the search alone). */
export const EXACT_SIZE_LIMIT = 850;
/** The share of the budget the search takes before HiGHS on a small instance. */
const SEARCH_SHARE_BEFORE_EXACT = 0.15;

/**
 * The master programme's default share of the budget, for teams of up to `MASTER_MAX_PEOPLE` people. Median of
 * seeds 0–4 at 60 s, the search alone → the search then the master programme: Instance5 (16 people) 1,150 →
 * 1,147; Instance6 (18) about half the runs at ~2,050 and half at ~1,960 → 1,953 (1,951–1,961 on all nine runs at
 * 0.4–0.5); Instance7 (20) 1,079 → 1,077 (over nine runs 1,057–1,081, median 1,075). The programme mostly proves
 * its optimum over the pooled rows in 10–20 s. With a share of 0.3 it ran out of time more often (Instance6: one
 * run in six left at 2,045; Instance7 no better than the search, 1,081–1,086). Larger teams lose the search's
 * time for nothing (Instance8, 30 people: 1,370 → 1,477 at 0.5; 8 and 9 no better at 0.3).
 */
export const MASTER_SHARE = 0.5;
export const MASTER_MAX_PEOPLE = 20;

/** The seed of start i: start 0 keeps the run's own seed, so one start is the search alone. */
const startSeed = (seed: number, i: number) => (i === 0 ? seed : (seed * 7919 + i * 104729) >>> 0);

/** Feasible before not, then the lower objective, then fewer hard units. */
const better = (a: SearchResult, b: SearchResult) =>
  a.feasible !== b.feasible
    ? a.feasible
    : a.feasible
      ? a.evaluation.objective < b.evaluation.objective
      : a.evaluation.hardUnits < b.evaluation.hardUnits;

/**
 * The solve behind `npm run curtois -- solve`: the search, then the master programme (teams of up to
 * `MASTER_MAX_PEOPLE`) or, on other small instances, the exact engine.
 */
export async function solveCurtois(
  instance: CurtoisInstance,
  options: CurtoisSolveOptions,
): Promise<CurtoisSolveResult> {
  const start = process.cpuUsage();
  const size = instance.staff.length * instance.horizon * instance.shiftTypes.length;
  const engine = options.engine ?? 'auto';
  const useSearch = engine !== 'highs';
  const model = compileCurtois(instance);
  const wanted =
    engine === 'auto' && options.moves === undefined
      ? (options.masterShare ?? (model.E <= MASTER_MAX_PEOPLE ? MASTER_SHARE : 0))
      : 0;
  // The master programme prices rows with every person's best-row programme (RowOptimizer.people). Where it
  // runs on a small instance, the exact engine only gets the time it leaves: on Instance4 the programme reached
  // 1,716 (the best known) in ~2 s on four seeds of five, where the search then HiGHS on the whole model reached
  // it on four runs of six.
  const rows = wanted > 0 ? new RowOptimizer(model) : null;
  const masterShare = rows && rows.people.length === model.E ? wanted : 0;
  const pool = masterShare > 0 ? new RowPool(model) : undefined;
  const useExact =
    engine === 'highs' || (engine === 'auto' && options.moves === undefined && size <= EXACT_SIZE_LIMIT);
  const engines: CurtoisEngine[] = [];
  let best: CurtoisSolveResult | null = null;
  let movesEvaluated = 0;
  let searchSeconds = 0;
  let usedStarts = 0;

  if (useSearch) {
    engines.push('sa');
    const seconds =
      options.seconds * (masterShare > 0 ? 1 - masterShare : useExact ? SEARCH_SHARE_BEFORE_EXACT : 1);
    const starts = Math.max(1, Math.floor(options.starts ?? 1));
    usedStarts = starts;
    let found: SearchResult | null = null;
    for (let i = 0; i < starts; i++) {
      const run = searchCurtois(instance, {
        seconds: seconds / starts,
        moves: options.moves === undefined ? undefined : Math.ceil(options.moves / starts),
        seed: startSeed(options.seed, i),
        pool,
      });
      movesEvaluated += run.movesEvaluated;
      searchSeconds += run.cpuSeconds;
      if (found === null || better(run, found)) found = run;
    }
    found = found!;
    const status = found.feasible ? 'Feasible' : 'No roster without hard violations';
    best = {
      roster: found.roster,
      objective: found.evaluation.objective,
      hardViolations: found.evaluation.hardCount,
      engine: 'sa',
      engines,
      status,
      movesEvaluated,
      starts: usedStarts,
      searchSeconds,
      cpuSeconds: 0,
    };
    if (pool && rows && found.feasible) {
      engines.push('master');
      const master = await solveMaster(model, pool, rows, {
        seconds: Math.max(0, options.seconds - cpuSince(start)),
        incumbent: cellsOf(model, found.roster),
        seed: options.seed,
      });
      if (master.cells && master.objective < found.evaluation.objective) {
        best = {
          ...best,
          roster: rosterOf(model, master.cells),
          objective: master.objective,
          hardViolations: 0,
          engine: 'master',
          status: master.optimal ? 'Optimal over the pooled rows' : 'Feasible',
        };
      }
    }
  }
  if (useExact && (masterShare === 0 || options.seconds - cpuSince(start) >= 1)) {
    engines.push('highs');
    // The CPU seconds left (at least one): HiGHS stops on CPU time, as the search does.
    const left = Math.max(1, options.seconds - cpuSince(start));
    const bound = best && best.hardViolations === 0 ? best.objective! : undefined;
    const exact = await solveCurtoisExact(instance, { seconds: left, seed: options.seed, bound });
    if (exact.objective !== null) {
      // Scored by the search's evaluation as well: the checker judges both in the CLI.
      const own = evaluateCells(model, cellsOf(model, exact.roster));
      const better =
        best === null ||
        best.hardViolations !== 0 ||
        (own.hardCount === 0 && exact.objective <= (best.objective ?? Infinity));
      if (better) {
        best = {
          roster: exact.roster,
          objective: exact.objective,
          hardViolations: own.hardCount,
          engine: 'highs',
          engines,
          status: exact.status,
          movesEvaluated,
          starts: usedStarts,
          searchSeconds,
          cpuSeconds: 0,
        };
      }
    } else if (best) best.status = `${best.status}; highs: ${exact.status}`;
    else
      best = {
        roster: [],
        objective: null,
        hardViolations: null,
        engine: 'highs',
        engines,
        status: exact.status,
        movesEvaluated,
        starts: usedStarts,
        searchSeconds,
        cpuSeconds: 0,
      };
  }
  best!.cpuSeconds = cpuSince(start);
  return best!;
}
