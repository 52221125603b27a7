import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { type CurtoisAssignment, curtoisFacts, curtoisShiftId } from '../../src/benchmarks/curtois/facts.js';
import { type CurtoisInstance, parseCurtoisInstance } from '../../src/benchmarks/curtois/instance.js';
import { scoreCurtoisFacts } from '../../src/benchmarks/curtois/score.js';
import { RotaChecker } from '../../src/rota-core/check.js';
import { median } from './stats.js';

/** The published instances, read in place: CURTOIS_DIR, or ../shared/benchmarks/curtois from the repository. */
function dataDir(): string | undefined {
  return [process.env.CURTOIS_DIR, resolve(process.cwd(), '../shared/benchmarks/curtois')].find(
    (d) => d && existsSync(join(d, 'Instance24.txt')),
  );
}

/**
 * A dense roster built greedily, day by day: each cover row filled up to its requirement, round robin, by people
 * free that day, not on a day off, allowed the type (count and sequence), under their run and minute limits.
 * Not optimal and not always feasible (minimum runs and minutes are not planned for): a realistic load to score.
 */
function greedyRoster(instance: CurtoisInstance): CurtoisAssignment[] {
  const roster: CurtoisAssignment[] = [];
  const minutes = new Map(instance.shiftTypes.map((t) => [t.id, t.minutes]));
  const cannotFollow = new Map(instance.shiftTypes.map((t) => [t.id, new Set(t.cannotFollow)]));
  const state = new Map(
    instance.staff.map((s) => [
      s.id,
      {
        worked: new Map<number, string>(),
        counts: new Map<string, number>(),
        minutes: 0,
        daysOff: new Set(instance.daysOff.get(s.id) ?? []),
      },
    ]),
  );
  const runBefore = (worked: Map<number, string>, day: number) => {
    let run = 0;
    while (worked.has(day - 1 - run)) run++;
    return run;
  };
  let next = 0;
  for (const c of [...instance.cover].sort((a, b) => a.day - b.day)) {
    for (let k = 0, tried = 0; k < c.requirement && tried < instance.staff.length; tried++) {
      const person = instance.staff[next++ % instance.staff.length]!;
      const st = state.get(person.id)!;
      const previous = st.worked.get(c.day - 1);
      if (
        st.worked.has(c.day) ||
        st.daysOff.has(c.day) ||
        (st.counts.get(c.shiftId) ?? 0) >= (person.maxShifts[c.shiftId] ?? Infinity) ||
        (previous !== undefined && cannotFollow.get(previous)!.has(c.shiftId)) ||
        runBefore(st.worked, c.day) + 1 > person.maxConsecutiveShifts ||
        st.minutes + minutes.get(c.shiftId)! > person.maxTotalMinutes
      )
        continue;
      st.worked.set(c.day, c.shiftId);
      st.counts.set(c.shiftId, (st.counts.get(c.shiftId) ?? 0) + 1);
      st.minutes += minutes.get(c.shiftId)!;
      roster.push({ staff: person.id, day: c.day, shift: c.shiftId });
      k++;
    }
  }
  return roster;
}

export function benchCurtois(): void {
  console.log('\n5. Curtois & Qu Instance24 (364 days, 150 staff, 32 shift types), read in place');
  const dir = dataDir();
  if (!dir) {
    console.log('   skipped: no instances found (set CURTOIS_DIR to the folder holding Instance1–24.txt)');
    return;
  }
  const text = readFileSync(join(dir, 'Instance24.txt'), 'utf8');
  const importMs: number[] = [];
  let instance!: CurtoisInstance;
  for (let i = 0; i < 20; i++) {
    const t0 = performance.now();
    instance = parseCurtoisInstance(text, 'Instance24');
    curtoisFacts(instance, []);
    if (i >= 5) importMs.push(performance.now() - t0);
  }
  const roster = greedyRoster(instance);
  for (const [label, rows] of [
    ['empty roster', []],
    [`greedy roster (${roster.length.toLocaleString('en-GB')} assignments)`, roster],
  ] as const) {
    const facts = curtoisFacts(instance, rows);
    const scoreMs: number[] = [];
    let objective = 0;
    let hard = '';
    for (let i = 0; i < 15; i++) {
      const t0 = performance.now();
      const s = scoreCurtoisFacts(facts);
      if (i >= 5) scoreMs.push(performance.now() - t0);
      objective = s.objective;
      const rules = Object.entries(s.byRule)
        .filter(([, t]) => t.severity === 'HARD')
        .map(([code, t]) => `${code} ${t.count}`);
      hard = `${s.hardViolations} hard violations: ${rules.join(', ')}`;
    }
    console.log(
      `   ${label}: score ${median(scoreMs).toFixed(1)} ms median (objective ${objective.toLocaleString('en-GB')}; ${hard})`,
    );
  }
  console.log(`   import (parse + facts): ${median(importMs).toFixed(1)} ms median`);

  const checker = new RotaChecker(curtoisFacts(instance, roster));
  checker.check();
  const people = instance.staff.map((s) => s.id);
  const rates: number[] = [];
  let k = 0;
  for (let round = 0; round < 6; round++) {
    const t0 = performance.now();
    let n = 0;
    while (performance.now() - t0 < 500) {
      for (let j = 0; j < 100; j++, n++, k++) {
        const type = instance.shiftTypes[k % instance.shiftTypes.length]!;
        checker.preview(
          curtoisShiftId((k * 7) % instance.horizon, type.id),
          people[(k * 13) % people.length]!,
        );
      }
    }
    if (round > 0) rates.push(n / ((performance.now() - t0) / 1000));
  }
  console.log(
    `   what-if of one assignment on the greedy roster: ${Math.round(median(rates)).toLocaleString('en-GB')} per second (a person works ~${Math.round(roster.length / people.length)} shifts over the year)`,
  );
}
