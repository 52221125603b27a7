import { checkRota } from '../../src/rota-core/check.js';
import type { RotaFacts } from '../../src/rota-core/model.js';
import { IncrementalScorer, solveRota } from '../../src/rota-core/index.js';
import { syntheticRota } from '../fixtures/synthetic-rota.js';
import { median } from './stats.js';

/** A synthetic ward's rota emptied (every shift to fill), on the WTR_1998 or doctors' rules. */
function emptyRota(staff: number, doctors: boolean): RotaFacts {
  const facts = syntheticRota({ staff, days: 28, seed: 11, noise: 0, doctors });
  return {
    ...facts,
    assignments: facts.assignments.filter((a) => !facts.shifts.find((s) => s.id === a.shiftId)?.inRota),
  };
}

/**
 * 9. Automatic rostering over the rules engine (src/rota-core/solver): the cost of one move scored incrementally
 * against a full check, and solveRota on empty synthetic rotas with a fixed move budget (reproducible: the same
 * roster every run; the time is what varies).
 */
export function benchRotaSolve(): void {
  console.log(
    '\n9. Automatic rostering on a rota (rota-core solver, incremental scoring by the engine’s own rules)',
  );
  const facts = syntheticRota({ staff: 25, days: 28, seed: 3, noise: 0.1, doctors: true });
  const scorer = new IncrementalScorer(facts);
  const inRota = scorer.n.shifts.filter((s) => s.inRota).map((s) => s.i);
  const P = scorer.n.staff.length;
  const per = (fn: (k: number) => void) => {
    const rounds: number[] = [];
    for (let r = 0; r < 6; r++) {
      const t0 = performance.now();
      for (let k = 0; k < 2_000; k++) fn(r * 2_000 + k);
      if (r > 0) rounds.push(((performance.now() - t0) * 1_000) / 2_000);
    }
    return median(rounds);
  };
  const add = per((k) => {
    const si = inRota[(k * 13) % inRota.length]!;
    const pi = (k * 7) % P;
    if (scorer.apply([si, pi, scorer.has(si, pi) ? -1 : 1])) scorer.undo();
  });
  // Replacements that apply (someone on the shift, someone else not on it), chosen beforehand.
  const swaps: Array<[number, number, number]> = [];
  for (let k = 0; swaps.length < 2_000; k++) {
    const si = inRota[(k * 13) % inRota.length]!;
    const on = scorer.assigned[si]!;
    const qi = (k * 7) % P;
    if (on.length && !on.includes(qi)) swaps.push([si, on[0]!, qi]);
  }
  const replace = per((k) => {
    const [si, pi, qi] = swaps[k % swaps.length]!;
    if (scorer.apply([si, pi, -1, si, qi, 1])) scorer.undo();
  });
  const full: number[] = [];
  for (let r = 0; r < 11; r++) {
    const t0 = performance.now();
    checkRota(facts);
    if (r > 0) full.push((performance.now() - t0) * 1_000);
  }
  console.log(
    `   one move, 25 people × 28 days (doctors' rules): add/remove ${add.toFixed(1)} µs, replace ${replace.toFixed(1)} µs; a full check ${(median(full) / 1_000).toFixed(2)} ms (${Math.round(median(full) / replace)}× a replace)`,
  );
  console.log(
    '   staff   rules     moves     seconds   moves/s   hard: by hand | empty → built → solved   weighted soft: built → solved',
  );
  for (const [staff, doctors] of [
    [25, false],
    [25, true],
    [100, false],
    [200, false],
  ] as const) {
    const empty = emptyRota(staff, doctors);
    const before = checkRota(empty).hardCount;
    // The fixture's own roster: three-week lines as a ward would write them by hand.
    const byHand = checkRota(syntheticRota({ staff, days: 28, seed: 11, noise: 0, doctors })).hardCount;
    const moves = staff >= 200 ? 100_000 : 200_000;
    const out = solveRota(empty, { seed: 1, maxMoves: moves });
    console.log(
      `   ${String(staff).padStart(5)}   ${(doctors ? 'doctors' : 'WTR').padEnd(7)} ${moves.toLocaleString('en-GB').padStart(9)}   ${(out.elapsedMs / 1_000).toFixed(1).padStart(7)}   ${Math.round(out.movesPerSecond).toLocaleString('en-GB').padStart(7)}   ${String(byHand).padStart(11)} | ${String(before).padStart(5)} → ${String(out.construction.hardCount).padStart(4)} → ${String(out.check.hardCount).padStart(4)}            ${out.construction.weightedSoft.toFixed(0).padStart(6)} → ${out.weightedSoft.toFixed(0)}`,
    );
  }
}
