/**
 * `npm run bench`: the rota checker's figures (printed, never asserted).
 *   1. full check of 100 / 1,000 / 10,000 staff × 28 days in rota-core (median, after warm-up);
 *   2. what-if evaluations of one assignment per second;
 *   3. who-can-cover for one shift over 1,000 candidates;
 *   4. checkRota through GraphQL for a 200-staff, 4-week rota on PostgreSQL, loading included;
 *   5. the Curtois & Qu Instance24: import, scoring and what-if (CURTOIS_DIR or ../shared/benchmarks/curtois);
 *   6. the HR reports over 10,000 staff and a year of data on PostgreSQL;
 *   7. the read path: CPU per rota read at 50 / 200 / 800 staff, requests/s and RSS under load (service in its own process);
 *   8. the Curtois & Qu solver on Instances 1–12 beside the best known (BENCH_SOLVE_SECONDS, BENCH_SOLVE_SEEDS);
 *   9. automatic rostering on a rota: one move scored incrementally against a full check; solveRota on empty rotas;
 *  10. the rota board in Debian's Chromium: a 200-person × 4-week rota opened, and moving between its cells.
 * Part 4 needs a PostgreSQL server: DATABASE_URL (or BENCH_DATABASE_URL), default postgres://postgres@127.0.0.1:5432/postgres.
 */
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { RotaChecker } from '../../src/rota-core/check.js';
import { syntheticRota } from '../fixtures/synthetic-rota.js';
import { median } from './stats.js';

const fmt = (ms: number) => `${ms.toFixed(2)} ms`;

function fullCheck(): void {
  console.log('\n1. Full check in rota-core (every rule on: NHS_DOCTORS_2016 preset over WTR_1998)');
  console.log('   staff   assignments   normalise   check   total (median)   per 1,000 assignments');
  const rows: Array<[number, number]> = [];
  // 1,400 staff gives the ~20,000 assignments of a 1,000-strong full-time workforce (the lines average 14 each).
  for (const staff of [100, 1000, 1400, 10000]) {
    const facts = syntheticRota({ staff });
    const runs = staff >= 10000 ? 9 : 31;
    const norm: number[] = [];
    const chk: number[] = [];
    for (let i = 0; i < runs + 5; i++) {
      const t0 = performance.now();
      const checker = new RotaChecker(facts);
      const t1 = performance.now();
      checker.check();
      const t2 = performance.now();
      if (i >= 5) {
        norm.push(t1 - t0);
        chk.push(t2 - t1);
      }
    }
    const total = median(norm.map((n, i) => n + chk[i]!));
    rows.push([facts.assignments.length, total]);
    console.log(
      `   ${String(staff).padStart(6)}   ${String(facts.assignments.length).padStart(11)}   ${fmt(median(norm)).padStart(9)}   ${fmt(median(chk)).padStart(8)}   ${fmt(total).padStart(14)}   ${fmt((total / facts.assignments.length) * 1000).padStart(12)}`,
    );
  }
  const [small, mid, , large] = rows.map(([a, ms]) => ms / a);
  console.log(
    `   growth: cost per assignment ×${(mid! / small!).toFixed(2)} from 100 to 1,000 staff, ×${(large! / mid!).toFixed(2)} from 1,000 to 10,000 (1.0 = linear)`,
  );
}

function whatIf(): void {
  console.log('\n2. What-if of one assignment (1,000 staff × 28 days, person’s and shift’s rules only)');
  console.log(
    '   every evaluation runs all of the person’s rules; a shift’s cover rules are memoised per kind of extra person',
  );
  const facts = syntheticRota({ staff: 1000 });
  const checker = new RotaChecker(facts);
  checker.check();
  const S = facts.shifts.length;
  const P = facts.staff.length;
  const rates: number[] = [];
  let k = 0;
  for (let round = 0; round < 6; round++) {
    const t0 = performance.now();
    let n = 0;
    while (performance.now() - t0 < 500) {
      for (let j = 0; j < 200; j++, n++, k++)
        checker.preview(facts.shifts[(k * 13) % S]!.id, facts.staff[(k * 7) % P]!.id);
    }
    if (round > 0) rates.push(n / ((performance.now() - t0) / 1000));
  }
  console.log(
    `   ${Math.round(median(rates)).toLocaleString('en-GB')} evaluations per second (median of 5 half-second rounds)`,
  );
}

function whoCanCover(): void {
  console.log('\n3. Who can cover one shift, 1,000 candidates ranked (first 20 returned with reasons)');
  const facts = syntheticRota({ staff: 1000 });
  const checker = new RotaChecker(facts);
  checker.check();
  const times: number[] = [];
  const eligible: number[] = [];
  for (let r = 0; r < 45; r++) {
    const shift = facts.shifts[(r * 17) % facts.shifts.length]!;
    const t0 = performance.now();
    const ranked = checker.candidates(shift.id, { limit: 20 });
    if (r >= 5) times.push(performance.now() - t0);
    eligible.push(ranked.filter((c) => c.eligible).length);
  }
  console.log(
    `   ${fmt(median(times))} median per shift, ${fmt(Math.max(...times))} worst (${facts.staff.length} people; eligible among the 20 returned: median ${median(eligible)}, fewest ${Math.min(...eligible)})`,
  );
}

const SECTIONS: Record<string, () => void | Promise<void>> = {
  check: fullCheck,
  whatif: whatIf,
  cover: whoCanCover,
  // Loaded only for its own section: Nest and TypeORM would otherwise sit in every section's heap.
  graphql: async () => (await import('./graphql-check.bench.js')).benchCheckRotaOverGraphQL(),
  curtois: async () => (await import('./curtois.bench.js')).benchCurtois(),
  reports: async () => (await import('./reports.bench.js')).benchReports(),
  read: async () => (await import('./read-path.bench.js')).benchReadPath(),
  solve: async () => (await import('./solve.bench.js')).benchSolve(),
  rostering: async () => (await import('./rota-solve.bench.js')).benchRotaSolve(),
  board: async () => (await import('./board.bench.js')).benchBoard(),
};

/** Each section runs in its own process, so one's heap and compiled code do not skew the next. */
async function main(): Promise<void> {
  const only = process.argv.find((a) => a.startsWith('--only='))?.slice('--only='.length);
  if (only) {
    await SECTIONS[only]!();
    return;
  }
  console.log(`Tandem benchmarks — Node ${process.version}, ${new Date().toISOString()}`);
  for (const name of Object.keys(SECTIONS)) {
    const result = spawnSync(
      process.execPath,
      [...process.execArgv, fileURLToPath(import.meta.url), `--only=${name}`],
      {
        stdio: 'inherit',
        env: process.env,
      },
    );
    if (result.status !== 0) throw new Error(`benchmark section ${name} failed`);
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
