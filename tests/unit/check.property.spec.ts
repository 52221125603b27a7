import fc from 'fast-check';
import { RotaChecker } from '../../src/rota-core/check.js';
import type { Violation } from '../../src/rota-core/model.js';
import { syntheticRota } from '../fixtures/synthetic-rota.js';

const key = (v: Violation) =>
  [
    v.ruleCode,
    v.staffId,
    v.windowStart,
    v.windowEnd,
    v.penalty,
    v.measured,
    v.limit,
    v.shiftIds.join(','),
  ].join('|');

/** The violations a what-if of (shift, person) is about: that person's, and that shift's cover. */
const inScope = (vs: Violation[], shiftId: string, staffId: string) =>
  vs.filter(
    (v) =>
      v.ruleCode !== 'FAIR_NIGHTS_AND_WEEKENDS' &&
      (v.staffId === staffId || (v.staffId === null && v.shiftIds[0] === shiftId)),
  );

const multiset = (vs: Violation[]) => vs.map(key).sort();

describe('what-if agrees with a full check (property)', () => {
  it('for random rotas: before − resolved + added + improved = the full check after the assignment', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 1_000_000 }),
        fc.integer({ min: 4, max: 24 }),
        fc.boolean(),
        fc.nat(),
        fc.nat(),
        (seed, staff, doctors, shiftPick, personPick) => {
          const facts = syntheticRota({ staff, days: 14, seed, noise: 0.1, doctors });
          const shift = facts.shifts[shiftPick % facts.shifts.length]!;
          const person = facts.staff[personPick % facts.staff.length]!;
          fc.pre(!facts.assignments.some((a) => a.shiftId === shift.id && a.staffId === person.id));

          const before = new RotaChecker(facts);
          const full0 = inScope(before.check().violations, shift.id, person.id);
          const preview = before.preview(shift.id, person.id);
          const after = new RotaChecker({
            ...facts,
            assignments: [...facts.assignments, { shiftId: shift.id, staffId: person.id }],
          });
          const full1 = inScope(after.check().violations, shift.id, person.id);

          const expected = [...full0];
          for (const r of preview.resolved)
            expected.splice(
              expected.findIndex((v) => key(v) === key(r)),
              1,
            );
          expected.push(...preview.added, ...preview.improved);
          expect(multiset(full1)).toEqual(multiset(expected));
          const softOf = (vs: Violation[]) =>
            vs.filter((v) => v.severity === 'SOFT').reduce((s, v) => s + v.penalty, 0);
          expect(preview.softDelta).toBeCloseTo(softOf(full1) - softOf(full0), 6);
          expect(preview.hardAdded).toBe(preview.added.filter((v) => v.severity === 'HARD').length);
        },
      ),
      { numRuns: 150, seed: 20261122 },
    );
  });

  it('ranks candidates eligible first, then by soft penalty, and agrees with previews', () => {
    const facts = syntheticRota({ staff: 40, days: 14, seed: 7 });
    const checker = new RotaChecker(facts);
    const shift = facts.shifts[9]!;
    const ranked = checker.candidates(shift.id);
    const firstIneligible = ranked.findIndex((c) => !c.eligible);
    expect(
      ranked.slice(firstIneligible === -1 ? ranked.length : firstIneligible).every((c) => !c.eligible),
    ).toBe(true);
    for (let i = 1; i < ranked.length; i++) {
      if (
        ranked[i]!.eligible === ranked[i - 1]!.eligible &&
        ranked[i]!.hardCount === ranked[i - 1]!.hardCount
      ) {
        expect(ranked[i]!.softPenalty).toBeGreaterThanOrEqual(ranked[i - 1]!.softPenalty);
      }
    }
    for (const c of ranked.slice(0, 10)) {
      const p = checker.preview(shift.id, c.staffId);
      expect(c.hardCount).toBe(p.hardAdded);
      expect(c.softPenalty).toBeCloseTo(p.softDelta, 6);
    }
    const limited = checker.candidates(shift.id, { limit: 5 });
    expect(limited.map((c) => c.staffId)).toEqual(ranked.slice(0, 5).map((c) => c.staffId));
  });

  it('for random rotas: the best-first candidate search returns exactly the top of a brute-force ranking', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 1_000_000 }),
        fc.integer({ min: 4, max: 30 }),
        fc.boolean(),
        fc.nat(),
        fc.integer({ min: 1, max: 12 }),
        (seed, staff, doctors, shiftPick, limit) => {
          const facts = syntheticRota({ staff, days: 14, seed, noise: 0.1, doctors });
          const shift = facts.shifts[shiftPick % facts.shifts.length]!;
          const onShift = new Set(
            facts.assignments.filter((a) => a.shiftId === shift.id).map((a) => a.staffId),
          );
          const brute = new RotaChecker(facts);
          const expected = facts.staff
            .filter((p) => !onShift.has(p.id))
            .map((p) => ({ p, preview: brute.preview(shift.id, p.id) }))
            .sort(
              (a, b) =>
                a.preview.hardAdded - b.preview.hardAdded ||
                (Math.abs(a.preview.softDelta - b.preview.softDelta) < 1e-6
                  ? 0
                  : a.preview.softDelta - b.preview.softDelta) ||
                ((a.p.name ?? a.p.id) < (b.p.name ?? b.p.id) ? -1 : 1),
            )
            .slice(0, limit);
          const got = new RotaChecker(facts).candidates(shift.id, { limit });
          expect(got.map((c) => c.staffId)).toEqual(expected.map((e) => e.p.id));
          got.forEach((c, i) => {
            expect(c.hardCount).toBe(expected[i]!.preview.hardAdded);
            expect(c.softPenalty).toBeCloseTo(expected[i]!.preview.softDelta, 6);
            expect(c.eligible).toBe(expected[i]!.preview.hardAdded === 0);
          });
        },
      ),
      { numRuns: 200, seed: 20261123 },
    );
  });
});
