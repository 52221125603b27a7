import fc from 'fast-check';
import {
  ChangeList,
  compileCurtois,
  CurtoisState,
  evaluateCells,
  personHard,
} from '../../../src/benchmarks/curtois/delta.js';
import type { CurtoisInstance } from '../../../src/benchmarks/curtois/instance.js';
import { RowOptimizer } from '../../../src/benchmarks/curtois/row.js';
import { Random } from '../../../src/benchmarks/curtois/search.js';
import { instance, type StaffRow } from '../../fixtures/curtois.js';

/** A random small instance (one week, two shift types, every rule in play). */
const tinyInstance = fc
  .record({
    weeks: fc.constant(1),
    people: fc.integer({ min: 1, max: 4 }),
    seed: fc.integer({ min: 0, max: 1_000_000 }),
  })
  .map(({ weeks, people, seed }): CurtoisInstance => {
    const rng = new Random(seed);
    const pick = (lo: number, hi: number) => lo + rng.int(hi - lo + 1);
    const horizon = 7 * weeks;
    const staff: StaffRow[] = Array.from({ length: people }, (_, i) => ({
      id: `S${i}`,
      maxShifts: `D=${pick(0, 10)}|N=${pick(0, 4)}`,
      maxTotal: 480 * pick(3, 10),
      minTotal: 480 * pick(0, 3),
      maxConsecutive: pick(1, 5),
      minConsecutive: pick(1, 3),
      minDaysOff: pick(1, 3),
      maxWeekends: pick(0, 2),
    }));
    const cover = Array.from({ length: horizon }, (_, d) => [
      `${d},D,${pick(0, 3)},${pick(1, 100)},${pick(0, 5)}`,
      `${d},N,${pick(0, 2)},${pick(1, 100)},${pick(0, 5)}`,
    ]).flat();
    const who = () => `S${pick(0, people - 1)}`;
    const req = () => `${who()},${pick(0, horizon - 1)},${pick(0, 1) ? 'D' : 'N'},${pick(1, 3)}`;
    const daysOff = [`${who()},${pick(0, horizon - 1)}`];
    return instance({
      horizon,
      staff,
      cover,
      on: Array.from({ length: 4 }, req),
      off: Array.from({ length: 4 }, req),
      daysOff,
    });
  });

describe('the best row for one person (RowOptimizer)', () => {
  it('is the best row by exhaustive search whenever it needs no price on a type, and scoring stays exact', () => {
    let exactCases = 0;
    fc.assert(
      fc.property(tinyInstance, fc.integer({ min: 0, max: 2 ** 31 }), (problem, seed) => {
        const model = compileCurtois(problem);
        const { E, H, V } = model;
        const rng = new Random(seed);
        const cells = new Uint8Array(E * H).map(() => (rng.int(2) === 0 ? rng.int(V) : 0));
        const state = new CurtoisState(model, cells);
        const rows = new RowOptimizer(model);
        const e = rng.int(E);
        const ch = new ChangeList(2 * H + 8);
        const n = rows.best(state, e, ch);
        // Every row of person e, everyone else fixed: the fewest hard violations, then the least objective.
        const trial = new Uint8Array(state.cells);
        let bestHard = Infinity;
        let bestObjective = Infinity;
        const total = V ** H;
        for (let code = 0; code < total; code++) {
          let x = code;
          for (let d = 0; d < H; d++) {
            trial[e * H + d] = x % V;
            x = Math.floor(x / V);
          }
          const ev = evaluateCells(model, trial);
          if (ev.hardCount < bestHard || (ev.hardCount === bestHard && ev.objective < bestObjective)) {
            bestHard = ev.hardCount;
            bestObjective = ev.objective;
          }
        }
        const before = state.evaluation();
        state.apply(ch);
        state.commit();
        // The incremental measures after the move are the from-scratch ones.
        expect(state.evaluation()).toEqual(evaluateCells(model, state.cells));
        if (rows.lastFound) {
          if (!rows.lastPriced) {
            exactCases++;
            expect({ hard: state.hardCount, objective: state.objective }).toEqual({
              hard: bestHard,
              objective: bestObjective,
            });
          } else expect(state.hardCount).toBeGreaterThanOrEqual(bestHard);
        } else {
          // No row keeps the person's rules: nothing changes.
          expect(n).toBe(0);
          expect(state.evaluation()).toEqual(before);
        }
      }),
      { numRuns: 60, seed: 20261201 },
    );
    expect(exactCases).toBeGreaterThan(20);
  });

  it('under any costs per day and value (bestRowFor), is the cheapest row keeping the person’s rules', () => {
    // The master programme prices rows with its duals: costs of any sign, unrelated to the roster.
    let exactCases = 0;
    fc.assert(
      fc.property(tinyInstance, fc.integer({ min: 0, max: 2 ** 31 }), (problem, seed) => {
        const model = compileCurtois(problem);
        const { E, H, V } = model;
        const rng = new Random(seed);
        const cost = new Float64Array(H * V).map(() => rng.int(201) - 100 + rng.float());
        const rows = new RowOptimizer(model);
        const e = rng.int(E);
        const out = new Uint8Array(H);
        const found = rows.bestRowFor(e, cost, out);
        const trial = new Uint8Array(E * H);
        const rowCost = () => {
          let c = 0;
          for (let d = 0; d < H; d++) c += cost[d * V + trial[e * H + d]!]!;
          return c;
        };
        let cheapest = Infinity;
        for (let code = 0; code < V ** H; code++) {
          let x = code;
          for (let d = 0; d < H; d++) {
            trial[e * H + d] = x % V;
            x = Math.floor(x / V);
          }
          if (personHard(model, trial, e).count === 0) cheapest = Math.min(cheapest, rowCost());
        }
        if (!found) {
          // Nothing keeps the rules, or a type's limit needed a price the rounds did not settle.
          if (!rows.lastPriced) expect(cheapest).toBe(Infinity);
          return;
        }
        trial.set(out, e * H);
        expect(personHard(model, trial, e)).toEqual({ units: 0, count: 0 });
        if (!rows.lastPriced) {
          exactCases++;
          expect(rowCost()).toBeCloseTo(cheapest, 9);
        } else expect(rowCost()).toBeGreaterThanOrEqual(cheapest - 1e-9);
      }),
      { numRuns: 60, seed: 20261202 },
    );
    expect(exactCases).toBeGreaterThan(20);
  });
});
