import fc from 'fast-check';
import { ChangeList, compileCurtois, CurtoisState } from '../../../src/benchmarks/curtois/delta.js';
import type { CurtoisInstance } from '../../../src/benchmarks/curtois/instance.js';
import { Random } from '../../../src/benchmarks/curtois/search.js';
import { WindowOptimizer } from '../../../src/benchmarks/curtois/window.js';
import { instance, type StaffRow } from '../../fixtures/curtois.js';

/** A random small instance (two or three weeks, D 480 and N 600 minutes, every rule but the type limits in play). */
const smallInstance = fc
  .record({
    weeks: fc.integer({ min: 2, max: 3 }),
    people: fc.integer({ min: 1, max: 3 }),
    seed: fc.integer({ min: 0, max: 1_000_000 }),
  })
  .map(({ weeks, people, seed }): CurtoisInstance => {
    const rng = new Random(seed);
    const pick = (lo: number, hi: number) => lo + rng.int(hi - lo + 1);
    const horizon = 7 * weeks;
    const staff: StaffRow[] = Array.from({ length: people }, (_, i) => {
      const minTotal = 480 * pick(0, 8);
      return {
        id: `S${i}`,
        maxTotal: minTotal + 120 * pick(0, 30),
        minTotal,
        maxConsecutive: pick(1, 5),
        minConsecutive: pick(1, 3),
        minDaysOff: pick(1, 3),
        maxWeekends: pick(0, 2),
      };
    });
    const cover = Array.from({ length: horizon }, (_, d) => [
      `${d},D,${pick(0, 3)},${pick(1, 100)},${pick(0, 5)}`,
      `${d},N,${pick(0, 2)},${pick(1, 100)},${pick(0, 5)}`,
    ]).flat();
    const who = () => `S${pick(0, people - 1)}`;
    const req = () => `${who()},${pick(0, horizon - 1)},${pick(0, 1) ? 'D' : 'N'},${pick(1, 3)}`;
    return instance({
      horizon,
      staff,
      cover,
      on: Array.from({ length: 4 }, req),
      off: Array.from({ length: 4 }, req),
      daysOff: [`${who()},${pick(0, horizon - 1)}`],
    });
  });

describe('the best window of one person’s row (WindowOptimizer)', () => {
  it('finds the cheapest window by exhaustive search, its cost being the delta scoring’s (objective + hw × hard units)', () => {
    fc.assert(
      fc.property(smallInstance, fc.integer({ min: 0, max: 2 ** 31 }), (problem, seed) => {
        const model = compileCurtois(problem);
        const { E, H, V } = model;
        const rng = new Random(seed);
        const cells = new Uint8Array(E * H).map(() => (rng.int(2) === 0 ? rng.int(V) : 0));
        // Values the search never places (fixed days off) stay out of the window's choices: start without them.
        for (let i = 0; i < E * H; i++) if (model.dayOff[i]) cells[i] = 0;
        const state = new CurtoisState(model, cells);
        const win = new WindowOptimizer(model, 99, 99);
        const ch = new ChangeList(2 * H + 8);
        for (let trial = 0; trial < 4; trial++) {
          const e = rng.int(E);
          const length = 1 + rng.int(5);
          const a = rng.int(H - length + 1);
          const b = a + length - 1;
          const hw = [0.01, 0.3, 2][rng.int(3)]!;
          // Exhaustive: every combination of the allowed values on days a..b.
          let best = 0;
          const lists = Array.from({ length }, (_, i) => model.choices[e * H + a + i]!);
          const pick = new Array<number>(length).fill(0);
          for (;;) {
            ch.n = 0;
            for (let i = 0; i < length; i++) {
              const v = lists[i]![pick[i]!]!;
              if (state.cells[e * H + a + i] !== v) ch.push(e, a + i, v);
            }
            if (ch.n > 0) {
              state.apply(ch);
              best = Math.min(best, state.dObj + hw * state.dUnits);
              state.revert(ch);
            }
            let i = 0;
            while (i < length && ++pick[i]! === lists[i]!.length) pick[i++] = 0;
            if (i === length) break;
          }
          const n = win.best(state, e, a, b, hw, ch);
          let found = 0;
          if (n > 0) {
            state.apply(ch);
            found = state.dObj + hw * state.dUnits;
            state.revert(ch);
          }
          expect({ e, a, b, hw, found: Math.round(found * 1e6) }).toEqual({
            e,
            a,
            b,
            hw,
            found: Math.round(best * 1e6),
          });
        }
      }),
      { numRuns: 300, seed: 20261201 },
    );
  });
});
