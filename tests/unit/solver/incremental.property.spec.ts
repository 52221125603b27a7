import fc from 'fast-check';
import { checkRota } from '../../../src/rota-core/check.js';
import type { RotaFacts } from '../../../src/rota-core/model.js';
import { CATALOGUE } from '../../../src/rota-core/rules/index.js';
import { refusedRules } from '../../../src/rota-core/solver/forms.js';
import { IncrementalScorer, type RuleTotal } from '../../../src/rota-core/solver/scorer.js';
import { DEFAULT_RULE_WEIGHTS, RuleWeights } from '../../../src/rota-core/solver/weights.js';
import { richRota, VARIANTS } from './solver-fixtures.js';

/** The roster the scorer holds, as facts (every assignment, in-rota or not). */
function factsOf(facts: RotaFacts, scorer: IncrementalScorer): RotaFacts {
  const assignments = scorer.n.shifts.flatMap((s) =>
    scorer.assigned[s.i]!.map((pi) => ({ shiftId: s.id, staffId: scorer.n.staff[pi]!.id })),
  );
  return { ...facts, assignments };
}

/** Per rule code, from the full check. */
function totalsOfCheck(facts: RotaFacts): {
  byCode: Map<string, RuleTotal>;
  hardCount: number;
  soft: number;
} {
  const check = checkRota(facts);
  const byCode = new Map<string, RuleTotal>();
  for (const v of check.violations) {
    let t = byCode.get(v.ruleCode);
    if (!t) byCode.set(v.ruleCode, (t = { hardCount: 0, softCount: 0, penalty: 0 }));
    if (v.severity === 'HARD') t.hardCount++;
    else t.softCount++;
    t.penalty += v.penalty;
  }
  return { byCode, hardCount: check.hardCount, soft: check.softPenalty };
}

const keys = (as: Array<{ shiftId: string; staffId: string }>) =>
  as.map((a) => `${a.shiftId}/${a.staffId}`).sort();

/** Rule codes seen violated somewhere in the generated cases (with their severities). */
const seen = new Map<string, Set<string>>();

function expectAgrees(facts: RotaFacts, scorer: IncrementalScorer, weights: RuleWeights): void {
  const expected = totalsOfCheck(factsOf(facts, scorer));
  const got = scorer.ruleTotals();
  for (const r of CATALOGUE) {
    const e = expected.byCode.get(r.code) ?? { hardCount: 0, softCount: 0, penalty: 0 };
    const g = got.get(r.code) ?? { hardCount: 0, softCount: 0, penalty: 0 };
    expect({ code: r.code, hard: g.hardCount, soft: g.softCount }).toEqual({
      code: r.code,
      hard: e.hardCount,
      soft: e.softCount,
    });
    expect(Math.abs(g.penalty - e.penalty)).toBeLessThan(1e-6);
    if (e.hardCount > 0) (seen.get(r.code) ?? seen.set(r.code, new Set()).get(r.code)!).add('HARD');
    if (e.softCount > 0) (seen.get(r.code) ?? seen.set(r.code, new Set()).get(r.code)!).add('SOFT');
  }
  expect(scorer.hardCount).toBe(expected.hardCount);
  // The weighted measures are sums of the same violations, weighted.
  let hw = 0;
  let sw = 0;
  let hp = 0;
  for (const v of scorer.violations()) {
    if (v.severity === 'HARD') {
      hw += weights.hard(v);
      hp += v.penalty;
    } else sw += weights.of(v.ruleCode, v.unit) * v.penalty;
  }
  expect(scorer.hardWeighted).toBeCloseTo(hw, 6);
  expect(scorer.hardPenalty).toBeCloseTo(hp, 6);
  expect(scorer.softWeighted).toBeCloseTo(sw, 6);
}

/** A move, drawn as numbers and turned into ops against the current roster. */
const moveArb = fc.record({
  kind: fc.constantFrom('add', 'remove', 'replace', 'swap', 'moveDay', 'undoAfter'),
  a: fc.nat(),
  b: fc.nat(),
  c: fc.nat(),
  d: fc.nat(),
});
type Move = { kind: string; a: number; b: number; c: number; d: number };

function opsOf(scorer: IncrementalScorer, rota: number[], m: Move): number[] {
  const P = scorer.n.staff.length;
  const on = (si: number) => scorer.assigned[si]!;
  const si = rota[m.a % rota.length]!;
  switch (m.kind) {
    case 'add':
    case 'undoAfter':
      return [si, m.b % P, 1];
    case 'remove': {
      if (on(si).length === 0) return [si, m.b % P, -1]; // invalid: nobody to remove
      return [si, on(si)[m.b % on(si).length]!, -1];
    }
    case 'replace': {
      if (on(si).length === 0) return [si, m.b % P, 1];
      return [si, on(si)[m.b % on(si).length]!, -1, si, m.c % P, 1];
    }
    case 'swap': {
      // p on s1, q on s2 → p on s2, q on s1.
      const s2 = rota[m.c % rota.length]!;
      if (on(si).length === 0 || on(s2).length === 0) return [si, m.b % P, 1];
      const p = on(si)[m.b % on(si).length]!;
      const q = on(s2)[m.d % on(s2).length]!;
      return [si, p, -1, s2, q, -1, s2, p, 1, si, q, 1];
    }
    default: {
      // moveDay: a person's shift to another day (any shift of that day).
      if (on(si).length === 0) return [si, m.b % P, 1];
      const p = on(si)[m.b % on(si).length]!;
      const day = scorer.n.shifts[si]!.day;
      const others = rota.filter((s) => scorer.n.shifts[s]!.day !== day);
      return [si, p, -1, others[m.c % others.length]!, p, 1];
    }
  }
}

describe('incremental scorer agrees with checkRota (property)', () => {
  it('after every random move (add, remove, replace, swap, move to another day, undo), for every rule code', () => {
    let cases = 0;
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 1_000_000 }),
        fc.integer({ min: 4, max: 10 }),
        fc.constantFrom(...VARIANTS),
        fc.array(moveArb, { minLength: 1, maxLength: 12 }),
        (seed, staff, variant, moves) => {
          cases++;
          const facts = richRota({ staff, days: 14, seed, variant });
          expect(refusedRules(facts)).toEqual([]);
          const weights = new RuleWeights(seed % 2 ? { COVER_TARGET: 0.5, DAILY_REST: 2 } : {});
          const scorer = new IncrementalScorer(facts, weights);
          expectAgrees(facts, scorer, weights);
          const rota = scorer.n.shifts.filter((s) => s.inRota).map((s) => s.i);
          for (const m of moves) {
            const before = scorer.rotaAssignments();
            const totals = scorer.totals();
            const ops = opsOf(scorer, rota, m);
            if (!scorer.apply(ops)) {
              // A move that does not fit changes nothing.
              expect(keys(scorer.rotaAssignments())).toEqual(keys(before));
              expect(scorer.totals()).toEqual(totals);
              continue;
            }
            if (m.kind === 'undoAfter') {
              scorer.undo();
              expect(keys(scorer.rotaAssignments())).toEqual(keys(before));
              expect(scorer.totals()).toEqual(totals);
            } else scorer.commit();
            expectAgrees(facts, scorer, weights);
          }
        },
      ),
      { numRuns: 120, seed: 20261201 },
    );
    expect(cases).toBe(120);
  });

  it('every rule code in the catalogue was exercised (violated) by some generated case, hard and soft, or is refused', () => {
    // Runs after the property above (same file, in order): `seen` holds what its cases produced.
    const refused = new Set(
      VARIANTS.flatMap((variant) => refusedRules(richRota({ staff: 8, days: 14, seed: 3, variant }))),
    );
    const missing = CATALOGUE.map((r) => r.code).filter((code) => !refused.has(code) && !seen.has(code));
    expect(missing).toEqual([]);
    const notBothWays = CATALOGUE.map((r) => r.code).filter(
      (code) => !refused.has(code) && seen.get(code)!.size < 2,
    );
    expect(notBothWays).toEqual([]);
  });

  it('has a default weight for every rule code in the catalogue', () => {
    for (const r of CATALOGUE) expect(DEFAULT_RULE_WEIGHTS[r.code]).toBeGreaterThan(0);
    expect(Object.keys(DEFAULT_RULE_WEIGHTS).sort()).toEqual(CATALOGUE.map((r) => r.code).sort());
  });
});
