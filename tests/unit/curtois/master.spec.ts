import {
  cellsOf,
  compileCurtois,
  evaluateCells,
  personHard,
  rosterOf,
} from '../../../src/benchmarks/curtois/delta.js';
import { solveCurtoisExact } from '../../../src/benchmarks/curtois/exact.js';
import type { CurtoisInstance } from '../../../src/benchmarks/curtois/instance.js';
import { RowPool, solveMaster } from '../../../src/benchmarks/curtois/master.js';
import { RowOptimizer } from '../../../src/benchmarks/curtois/row.js';
import { scoreCurtois } from '../../../src/benchmarks/curtois/score.js';
import { searchCurtois } from '../../../src/benchmarks/curtois/search.js';
import { solveCurtois } from '../../../src/benchmarks/curtois/solve.js';
import { prng } from '../../../src/demo/demo-people.js';
import { instance, type StaffRow } from '../../fixtures/curtois.js';

/** Generous: the programme stops when it has proven its optimum; this only guards against a hang. */
const NO_LIMIT = 600;

/** A random instance with every rule of the benchmark in play. */
function randomInstance(random: () => number, weeks: number, people: number): CurtoisInstance {
  const pick = (lo: number, hi: number) => lo + Math.floor(random() * (hi - lo + 1));
  const horizon = 7 * weeks;
  const staff: StaffRow[] = Array.from({ length: people }, (_, i) => ({
    id: `S${i}`,
    maxShifts: `D=${pick(2, 4 * weeks + 2)}|N=${pick(0, 2 * weeks)}`,
    maxTotal: 480 * pick(3 * weeks, 5 * weeks),
    minTotal: 480 * pick(0, 2 * weeks),
    maxConsecutive: pick(2, 5),
    minConsecutive: pick(1, 3),
    minDaysOff: pick(1, 3),
    maxWeekends: pick(0, 2),
  }));
  const cover = Array.from({ length: horizon }, (_, d) => [
    `${d},D,${pick(0, Math.ceil(people / 2))},${pick(1, 100)},${pick(0, 5)}`,
    `${d},N,${pick(0, 1)},${pick(1, 100)},${pick(0, 5)}`,
  ]).flat();
  const ids = staff.map((s) => s.id);
  const who = () => ids[pick(0, ids.length - 1)]!;
  const on = Array.from({ length: 2 * people }, () => `${who()},${pick(0, horizon - 1)},D,${pick(1, 3)}`);
  const off = Array.from({ length: 2 * people }, () => `${who()},${pick(0, horizon - 1)},N,${pick(1, 3)}`);
  return instance({
    horizon,
    staff,
    cover,
    on: [...new Set(on)],
    off: [...new Set(off)],
    daysOff: [`${ids[0]},${pick(0, horizon - 1)}`],
  });
}

describe('the row pool (master programme columns)', () => {
  it('keeps a person’s row only when it keeps their rules, once, and up to its size per person', () => {
    // A works at most 2 days running; B has a fixed day off on day 3.
    const problem = instance({
      horizon: 7,
      staff: [{ id: 'A', maxConsecutive: 2 }, { id: 'B' }],
      daysOff: ['B,3'],
      cover: ['0,D,1,100,1'],
    });
    const model = compileCurtois(problem);
    const pool = new RowPool(model, 2);
    const D = 1;
    const row = (values: number[]) => Uint8Array.from(values);
    expect(pool.addRow(0, row([D, D, 0, 0, D, D, 0]))).toBe(true);
    expect(pool.addRow(0, row([D, D, 0, 0, D, D, 0]))).toBe(false); // already there
    expect(pool.addRow(0, row([D, D, D, 0, 0, 0, 0]))).toBe(false); // three days running
    expect(pool.addRow(1, row([0, 0, 0, D, D, 0, 0]))).toBe(false); // works the fixed day off
    expect(pool.addRow(1, row([0, 0, 0, 0, D, D, 0]))).toBe(true);
    expect(pool.addRow(0, row([0, 0, 0, 0, 0, 0, 0]))).toBe(true);
    expect(pool.addRow(0, row([D, D, 0, 0, 0, 0, 0]))).toBe(false); // A has two rows: the most kept
    expect(pool.size).toBe(3);
    expect(pool.rows[0]!.map((r) => [...r])).toEqual([
      [D, D, 0, 0, D, D, 0],
      [0, 0, 0, 0, 0, 0, 0],
    ]);
  });

  it('is filled by the search with rows that keep their person’s rules, the returned roster’s among them', () => {
    const random = prng(7);
    let feasible = 0;
    for (let n = 0; n < 6; n++) {
      const problem = randomInstance(random, 2, 5);
      const model = compileCurtois(problem);
      const pool = new RowPool(model);
      const result = searchCurtois(problem, { moves: 30_000, seed: n, pool, poolEvery: 2048 });
      const { E, H } = model;
      const cells = new Uint8Array(E * H);
      for (let e = 0; e < E; e++) {
        for (const row of pool.rows[e]!) {
          cells.set(row, e * H);
          expect(personHard(model, cells, e)).toEqual({ units: 0, count: 0 });
        }
      }
      if (!result.feasible) continue;
      feasible++;
      expect(pool.size).toBeGreaterThan(E);
      const best = cellsOf(model, result.roster);
      for (let e = 0; e < E; e++) {
        const row = best.subarray(e * H, e * H + H).join();
        expect(pool.rows[e]!.map((r) => r.join())).toContain(row);
      }
    }
    expect(feasible).toBeGreaterThanOrEqual(3);
  });
});

describe('the master programme over rows', () => {
  it('returns rosters the checker scores as it does, no worse than the search’s and no better than the optimum', async () => {
    // Random instances of one or two weeks: the search's rows and the priced ones, one per person; the exact
    // engine gives the optimum to compare with.
    const random = prng(20261202);
    let reachedOptimum = 0;
    let improved = 0;
    let feasible = 0;
    const cases = 24;
    for (let n = 0; n < cases; n++) {
      const problem = randomInstance(random, 1 + (n % 2), 3 + (n % 3));
      const model = compileCurtois(problem);
      const pool = new RowPool(model);
      const search = searchCurtois(problem, { moves: 3_000, seed: n, pool, poolEvery: 1024 });
      const exact = await solveCurtoisExact(problem, { seconds: NO_LIMIT });
      if (!search.feasible) {
        expect(exact.status).toBe('Infeasible');
        continue;
      }
      feasible++;
      const master = await solveMaster(model, pool, new RowOptimizer(model), {
        seconds: NO_LIMIT,
        incumbent: cellsOf(model, search.roster),
      });
      expect(master.cells).not.toBeNull();
      const roster = rosterOf(model, master.cells!);
      const checked = scoreCurtois(problem, roster);
      expect({ n, hard: checked.hardViolations, objective: checked.objective }).toEqual({
        n,
        hard: 0,
        objective: master.objective,
      });
      expect(evaluateCells(model, master.cells!).objective).toBe(master.objective);
      expect(master.objective).toBeLessThanOrEqual(search.evaluation.objective);
      expect(master.objective).toBeGreaterThanOrEqual(exact.objective!);
      expect(master.relaxation).toBeLessThanOrEqual(master.objective + 1e-6);
      expect(master.priced).toBe(true);
      expect(master.status).toBe(7); // optimal over its rows
      if (master.objective === exact.objective) reachedOptimum++;
      if (master.objective < search.evaluation.objective) improved++;
    }
    // Seen: 21 feasible, 11 improved on the search's roster, 11 at the optimum.
    expect(feasible).toBeGreaterThanOrEqual(15);
    expect(improved).toBeGreaterThanOrEqual(5);
    expect(reachedOptimum).toBeGreaterThanOrEqual(8);
  });
});

describe('solve with the master programme', () => {
  it('runs it after the search on an instance too large for the exact engine; the checker agrees', async () => {
    const problem = randomInstance(prng(11), 4, 16); // 16 people × 28 days × 2 types: past the exact engine's size
    const result = await solveCurtois(problem, { seconds: 6, seed: 1 });
    expect(result.engines).toEqual(['sa', 'master']);
    const checked = scoreCurtois(problem, result.roster);
    expect(checked.hardViolations).toBe(0);
    expect(checked.objective).toBe(result.objective);
    const alone = await solveCurtois(problem, { seconds: 2, seed: 1, masterShare: 0 });
    expect(alone.engines).toEqual(['sa']);
  });

  it('comes before the exact engine on a small instance of up to 20 people; past 20 the exact engine runs alone', async () => {
    const small = randomInstance(prng(5), 2, 6); // 6 people × 14 days × 2 types
    const solved = await solveCurtois(small, { seconds: 2, seed: 1 });
    // The exact engine runs after it only with a second or more left.
    expect(solved.engines.slice(0, 2)).toEqual(['sa', 'master']);
    expect(scoreCurtois(small, solved.roster)).toMatchObject({
      hardViolations: 0,
      objective: solved.objective,
    });
    const many = randomInstance(prng(5), 1, 21); // 21 people × 7 days × 2 types: still small for the exact engine
    const exact = await solveCurtois(many, { seconds: 2, seed: 1 });
    expect(exact.engines).toEqual(['sa', 'highs']);
  });
});
