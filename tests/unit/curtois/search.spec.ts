import fc from 'fast-check';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  ChangeList,
  compileCurtois,
  CurtoisState,
  evaluateCells,
  rosterOf,
} from '../../../src/benchmarks/curtois/delta.js';
import type { CurtoisInstance } from '../../../src/benchmarks/curtois/instance.js';
import { parseCurtoisInstance } from '../../../src/benchmarks/curtois/instance.js';
import { scoreCurtois } from '../../../src/benchmarks/curtois/score.js';
import { proposeMove, Random, searchCurtois } from '../../../src/benchmarks/curtois/search.js';
import { curtoisDataDir, instance, type StaffRow } from '../../fixtures/curtois.js';

/** A random small instance with every rule of the benchmark in play (a fixed-seed draw from fast-check). */
const smallInstance = fc
  .record({
    weeks: fc.integer({ min: 1, max: 3 }),
    people: fc.integer({ min: 1, max: 5 }),
    seed: fc.integer({ min: 0, max: 1_000_000 }),
  })
  .map(({ weeks, people, seed }): CurtoisInstance => {
    const rng = new Random(seed);
    const pick = (lo: number, hi: number) => lo + rng.int(hi - lo + 1);
    const horizon = 7 * weeks;
    const staff: StaffRow[] = Array.from({ length: people }, (_, i) => ({
      id: `S${i}`,
      maxShifts: `D=${pick(0, 10)}|N=${pick(0, 4)}`,
      maxTotal: 480 * pick(3, 12),
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
    const on = Array.from(
      { length: 5 },
      () => `${who()},${pick(0, horizon - 1)},${pick(0, 1) ? 'D' : 'N'},${pick(1, 3)}`,
    );
    const off = Array.from(
      { length: 5 },
      () => `${who()},${pick(0, horizon - 1)},${pick(0, 1) ? 'D' : 'N'},${pick(1, 3)}`,
    );
    const daysOff = [`${who()},${pick(0, horizon - 1)},${pick(0, horizon - 1)}`];
    return instance({ horizon, staff, cover, on, off, daysOff: [...new Set(daysOff)] });
  });

/**
 * Runs `steps` random changes on a state, each either a move the search proposes or arbitrary cells (any value,
 * also ones the search never places: fixed days off, types limited to 0), accepted or reverted at random; after
 * every one the state's measures must equal a from-scratch evaluation, and at the end the rota checker's.
 */
function checkSequence(problem: CurtoisInstance, seed: number, steps: number) {
  const model = compileCurtois(problem);
  const { E, H, V } = model;
  const rng = new Random(seed);
  const start = new Uint8Array(E * H).map(() => (rng.int(3) === 0 ? rng.int(V) : 0));
  const state = new CurtoisState(model, start);
  expect(state.evaluation()).toEqual(evaluateCells(model, state.cells));
  const ch = new ChangeList(2 * Math.max(7, H) + 8);
  const mix = [0.25, 0.5, 0.75, 1];
  for (let step = 0; step < steps; step++) {
    if (rng.int(4) === 0) {
      ch.n = 0;
      const people = E > 1 && rng.int(2) === 0 ? 2 : 1;
      const first = rng.int(E - people + 1);
      for (let p = 0; p < people; p++) {
        const e = first + p * (1 + rng.int(E - first - 1 || 1));
        if (p === 1 && (e >= E || e === first)) break;
        for (let d = 0; d < H; d++) if (rng.int(4) === 0) ch.push(e, d, rng.int(V));
      }
      if (ch.n === 0) continue;
    } else if (proposeMove(model, state.cells, rng, ch, mix) < 0) continue;
    const before = state.evaluation();
    state.apply(ch);
    const moved = evaluateCells(model, state.cells);
    expect({ step, objective: before.objective + state.dObj }).toEqual({ step, objective: moved.objective });
    expect({ step, units: before.hardUnits + state.dUnits, count: before.hardCount + state.dCount }).toEqual({
      step,
      units: moved.hardUnits,
      count: moved.hardCount,
    });
    if (rng.int(2) === 0) state.commit();
    else state.revert(ch);
    expect(state.evaluation()).toEqual(evaluateCells(model, state.cells));
  }
  const checked = scoreCurtois(problem, rosterOf(model, state.cells));
  expect({ objective: state.objective, hard: state.hardCount }).toEqual({
    objective: checked.objective,
    hard: checked.hardViolations,
  });
}

describe('delta scoring of the Curtois model', () => {
  it('equals a from-scratch evaluation after every move, and the checker at the end (random small instances)', () => {
    fc.assert(
      fc.property(smallInstance, fc.integer({ min: 0, max: 2 ** 31 }), (problem, seed) => {
        checkSequence(problem, seed, 150);
      }),
      { numRuns: 60, seed: 20261202 },
    );
  });

  it('the from-scratch evaluation equals the checker on random rosters', () => {
    fc.assert(
      fc.property(smallInstance, fc.integer({ min: 0, max: 2 ** 31 }), (problem, seed) => {
        const model = compileCurtois(problem);
        const rng = new Random(seed);
        const cells = new Uint8Array(model.E * model.H).map(() => rng.int(model.V));
        const mine = evaluateCells(model, cells);
        const checked = scoreCurtois(problem, rosterOf(model, cells));
        expect([mine.objective, mine.hardCount]).toEqual([checked.objective, checked.hardViolations]);
      }),
      { numRuns: 80, seed: 7 },
    );
  });
});

const published = curtoisDataDir();
(published ? describe : describe.skip)('delta scoring on the published instances', () => {
  const read = (n: number) =>
    parseCurtoisInstance(readFileSync(join(published!, `Instance${n}.txt`), 'utf8'), `Instance${n}`);

  it.each([[1], [5], [8], [12], [14]])('Instance%i: random move sequences', (n) => {
    const problem = read(n);
    for (const seed of [1, 2]) checkSequence(problem, seed, 400);
  });

  it('the search returns a roster whose measures are the checker’s, the same one for the same seed and move budget', () => {
    const problem = read(2);
    const a = searchCurtois(problem, { moves: 200_000, seed: 3 });
    const b = searchCurtois(problem, { moves: 200_000, seed: 3 });
    expect(b.roster).toEqual(a.roster);
    expect(b.movesEvaluated).toBe(a.movesEvaluated);
    const checked = scoreCurtois(problem, a.roster);
    expect(a.feasible).toBe(true);
    expect({ objective: a.evaluation.objective, hard: a.evaluation.hardCount }).toEqual({
      objective: checked.objective,
      hard: checked.hardViolations,
    });
    expect(checked.hardViolations).toBe(0);
  });

  it('with best-window moves (Instance18: rows too large for the best-row move), measures are the checker’s, reproducibly', () => {
    const problem = read(18);
    const a = searchCurtois(problem, { moves: 120_000, seed: 5 });
    const b = searchCurtois(problem, { moves: 120_000, seed: 5 });
    expect(a.movesByKind[6]).toBeGreaterThan(0);
    expect(b.roster).toEqual(a.roster);
    const checked = scoreCurtois(problem, a.roster);
    expect({ objective: a.evaluation.objective, hard: a.evaluation.hardCount }).toEqual({
      objective: checked.objective,
      hard: checked.hardViolations,
    });
  });
});
