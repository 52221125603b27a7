import { checkRota } from '../../../src/rota-core/check.js';
import type { RotaFacts } from '../../../src/rota-core/model.js';
import { SolverError } from '../../../src/rota-core/solver/errors.js';
import { INCREMENTAL_FORMS, refusedRules } from '../../../src/rota-core/solver/forms.js';
import { solveRota, solveWith } from '../../../src/rota-core/solver/solve.js';
import { syntheticRota } from '../../fixtures/synthetic-rota.js';
import { richRota, VARIANTS } from './solver-fixtures.js';

/**
 * A rota with a feasible roster: WTR rules, 20 people (all registered nurses, all employed by the team's
 * organisation but one), four shifts a day needing 1 (target 2) each, nobody assigned yet. Person 7 is on approved
 * leave for days 3–9; person 19 works for another organisation with no placement.
 */
function feasibleRota(seed = 1): RotaFacts {
  const base = syntheticRota({ staff: 20, days: 14, seed, noise: 0, doctors: false });
  return {
    ...base,
    staff: base.staff.map((s, i) => (i === 19 ? { ...s, employerId: 'org-council' } : s)),
    shifts: base.shifts.map((s) => ({
      ...s,
      minHeadcount: 1,
      targetHeadcount: 2,
      skillSlots: [{ skillId: 'skill-rn', count: 1 }],
    })),
    assignments: [],
    credentials: base.staff.map((p, i) => ({
      id: `cred-${i}`,
      staffId: p.id,
      skillId: 'skill-rn',
      obtainedOn: '2020-01-01',
      expiresOn: '2030-01-01',
      verifierOrganisationId: 'org-trust',
      verifierSector: 'HEALTH' as const,
      revoked: false,
    })),
    absences: [{ staffId: 'staff-7', startDate: '2026-03-05', endDate: '2026-03-11' }],
  };
}

const key = (a: { shiftId: string; staffId: string }) => `${a.shiftId}/${a.staffId}`;

describe('solveRota', () => {
  it('reaches 0 hard violations where a feasible roster exists, keeping absences and authorisation', () => {
    const facts = feasibleRota();
    expect(checkRota(facts).hardCount).toBeGreaterThan(0); // nobody on anything: every minimum unmet
    const out = solveRota(facts, { seed: 7, maxMoves: 20_000 });
    expect(out.check.hardCount).toBe(0);
    expect(out.stoppedBy).toBe('BUDGET');
    expect(out.moves).toBe(20_000);
    // The engine agrees (the solver re-checks; check again independently).
    expect(checkRota({ ...facts, assignments: out.assignments }).hardCount).toBe(0);
    const shiftsById = new Map(facts.shifts.map((s) => [s.id, s]));
    for (const a of out.assignments) {
      if (a.staffId === 'staff-7') {
        const date = shiftsById.get(a.shiftId)!.localDate;
        expect(date < '2026-03-05' || date > '2026-03-11').toBe(true);
      }
      expect(a.staffId).not.toBe('staff-19');
    }
  });

  it('never fills a shift beyond its maximum headcount, even when its target asks for more', () => {
    const facts = feasibleRota(3);
    const capped = new Set(facts.shifts.filter((_, i) => i % 3 === 0).map((s) => s.id));
    const out = solveRota(
      {
        ...facts,
        shifts: facts.shifts.map((s) =>
          capped.has(s.id) ? { ...s, targetHeadcount: 4, maxHeadcount: 1 } : s,
        ),
      },
      { seed: 2, maxMoves: 10_000 },
    );
    const on = new Map<string, number>();
    for (const a of out.assignments) on.set(a.shiftId, (on.get(a.shiftId) ?? 0) + 1);
    expect(capped.size).toBeGreaterThan(0);
    for (const id of capped) expect(on.get(id) ?? 0).toBe(1);
  });

  it('leaves a shift short rather than fill it unlawfully (legality before cover)', () => {
    const facts = feasibleRota(4);
    // Everyone but two people is on leave for the whole rota: most shifts cannot be covered lawfully.
    const onLeave = facts.staff
      .slice(2)
      .map((p) => ({ staffId: p.id, startDate: '2026-01-01', endDate: '2027-12-31' }));
    const out = solveRota({ ...facts, absences: onLeave }, { seed: 5, maxMoves: 20_000 });
    const codes = new Set(out.check.violations.filter((v) => v.severity === 'HARD').map((v) => v.ruleCode));
    expect(codes.has('COVER_MIN_HEADCOUNT')).toBe(true);
    expect(codes.has('ON_ABSENCE')).toBe(false);
    const away = new Set(onLeave.map((a) => a.staffId));
    expect(out.assignments.filter((a) => away.has(a.staffId))).toEqual([]);
  });

  it('keeps locked assignments, even ones that break a rule, and adds a locked one not yet assigned', () => {
    const facts = feasibleRota(2);
    // staff-7 locked onto a shift during their leave (the manager's call), and two ordinary locks.
    const locked = [
      { shiftId: 'shift-4-E', staffId: 'staff-7' },
      { shiftId: 'shift-0-N', staffId: 'staff-3' },
      { shiftId: 'shift-1-L', staffId: 'staff-11' },
    ];
    const start = { ...facts, assignments: [locked[1]!, { shiftId: 'shift-2-E', staffId: 'staff-5' }] };
    const out = solveRota(start, { seed: 3, maxMoves: 15_000, locked });
    const got = new Set(out.assignments.map(key));
    for (const l of locked) expect(got.has(key(l))).toBe(true);
    expect(out.check.violations.filter((v) => v.ruleCode === 'ON_ABSENCE')).toHaveLength(1);
    expect(out.check.hardCount).toBe(1);
  });

  it('never touches shifts outside the rota (history, other teams)', () => {
    const facts = richRota({ staff: 10, days: 14, seed: 4, variant: 'WTR' });
    const outside = new Set(facts.shifts.filter((s) => !s.inRota).map((s) => s.id));
    expect(outside.size).toBeGreaterThan(0);
    const out = solveRota(facts, { seed: 1, maxMoves: 5_000 });
    const before = facts.assignments
      .filter((a) => outside.has(a.shiftId))
      .map(key)
      .sort();
    const after = out.assignments
      .filter((a) => outside.has(a.shiftId))
      .map(key)
      .sort();
    expect(after).toEqual(before);
    expect(before.length).toBeGreaterThan(0);
  });

  it('is deterministic with maxMoves and a seed', () => {
    const facts = richRota({ staff: 10, days: 14, seed: 9, variant: 'DOCTORS' });
    const a = solveRota(facts, { seed: 42, maxMoves: 4_000 });
    const b = solveRota(facts, { seed: 42, maxMoves: 4_000 });
    expect(b.assignments).toEqual(a.assignments);
    expect(b.check).toEqual(a.check);
    expect(b.weightedSoft).toBe(a.weightedSoft);
    expect(b.moves).toBe(a.moves);
  });

  it('stops promptly when shouldStop says so (within a bounded number of moves), returning the best so far', () => {
    const facts = feasibleRota(3);
    let polls = 0;
    const out = solveRota(facts, { seed: 1, maxMoves: 1_000_000_000 }, { shouldStop: () => ++polls > 40 });
    expect(out.stoppedBy).toBe('STOPPED');
    // Polled at least every ~1,000 moves: 40 polls allow at most 40,000 (the construction polls too).
    expect(out.moves).toBeLessThanOrEqual(40 * 1000);
    expect(checkRota({ ...facts, assignments: out.assignments })).toEqual(out.check);
    // A stop during the construction returns too.
    let early = 0;
    const first = solveRota(facts, { seed: 1, maxMoves: 1_000 }, { shouldStop: () => ++early > 3 });
    expect(first.stoppedBy).toBe('STOPPED');
    expect(first.moves).toBe(0);
  });

  it('improves the weighted soft penalty on the greedy start, without adding hard violations', () => {
    const facts = feasibleRota(5);
    const out = solveRota(facts, { seed: 5, maxMoves: 20_000 });
    expect(out.check.hardCount).toBeLessThanOrEqual(out.construction.hardCount);
    expect(out.weightedSoft).toBeLessThan(out.construction.weightedSoft);
  });

  it('reports progress, and weighs by the rule weights given', () => {
    const facts = feasibleRota(6);
    const seen: number[] = [];
    const out = solveRota(
      facts,
      { seed: 2, maxMoves: 2_000, ruleWeights: { CONTRACTED_HOURS: 0 } },
      { onProgress: (p) => seen.push(p.moves) },
    );
    expect(seen[seen.length - 1]).toBe(out.moves);
    const softOf = (code: string) =>
      out.check.violations
        .filter((v) => v.ruleCode === code && v.severity === 'SOFT')
        .reduce((s, v) => s + v.penalty, 0);
    // CONTRACTED_HOURS weighs nothing; COVER_TARGET 1 per unit, SHIFT_ON/OFF_REQUEST 1, FAIR… 8.
    expect(out.weightedSoft).toBeCloseTo(
      softOf('COVER_TARGET') +
        softOf('SHIFT_ON_REQUEST') +
        softOf('SHIFT_OFF_REQUEST') +
        8 * softOf('FAIR_NIGHTS_AND_WEEKENDS'),
      6,
    );
  });

  it('refuses, by code, an enabled rule it cannot score incrementally', () => {
    for (const variant of VARIANTS)
      expect(refusedRules(richRota({ staff: 6, days: 14, seed: 1, variant }))).toEqual([]);
    const facts = feasibleRota();
    const forms = new Map(INCREMENTAL_FORMS);
    forms.delete('FAIR_NIGHTS_AND_WEEKENDS');
    forms.set('DAILY_REST', 'SHIFT_AND_ASSIGNED'); // audited for another scope than the rule has
    expect(refusedRules(facts, forms)).toEqual(['DAILY_REST', 'FAIR_NIGHTS_AND_WEEKENDS']);
    let error: unknown;
    try {
      solveWith(facts, { seed: 1, maxMoves: 10 }, {}, forms);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(SolverError);
    expect((error as SolverError).code).toBe('SOLVER_RULE_UNSUPPORTED');
    expect((error as SolverError).ruleCodes).toEqual(['DAILY_REST', 'FAIR_NIGHTS_AND_WEEKENDS']);
    expect((error as SolverError).message).toContain('FAIR_NIGHTS_AND_WEEKENDS');
    // Switched off, the rules are not in the way.
    const off = {
      ...facts,
      ruleSet: {
        preset: facts.ruleSet.preset,
        overrides: {
          FAIR_NIGHTS_AND_WEEKENDS: { severity: 'OFF' as const },
          DAILY_REST: { severity: 'OFF' as const },
        },
      },
    };
    expect(refusedRules(off, forms)).toEqual([]);
    expect(solveWith(off, { seed: 1, maxMoves: 10 }, {}, forms).moves).toBe(10);
  });
});
