import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parseCurtoisInstance } from '../../src/benchmarks/curtois/instance.js';
import { scoreCurtois } from '../../src/benchmarks/curtois/score.js';
import { solveCurtois } from '../../src/benchmarks/curtois/solve.js';

/** Best-known objectives published for the instances (schedulingbenchmarks.org), to print beside ours. */
export const BEST_KNOWN: Record<number, number> = {
  1: 607,
  2: 828,
  3: 1001,
  4: 1716,
  5: 1143,
  6: 1950,
  7: 1056,
  8: 1300,
  9: 439,
  10: 4631,
  11: 3443,
  12: 4040,
};

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  const m = Math.floor(s.length / 2);
  return s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
};

/**
 * The solver (`npm run curtois -- solve`: simulated annealing with best-row moves, then the master programme over rows
 * for teams of up to 20 people, or HiGHS on the whole model for small instances) on
 * Instances 1–12: every roster re-scored by the rota checker, its objective beside the best known, over
 * BENCH_SOLVE_SEEDS seeds (1) of BENCH_SOLVE_SECONDS CPU seconds (60) each.
 */
export async function benchSolve(): Promise<void> {
  const dir = [process.env.CURTOIS_DIR, resolve(process.cwd(), '../shared/benchmarks/curtois')].find(
    (d) => d && existsSync(join(d, 'Instance1.txt')),
  );
  const seconds = Number(process.env.BENCH_SOLVE_SECONDS ?? 60);
  const seeds = Math.max(1, Number(process.env.BENCH_SOLVE_SEEDS ?? 1));
  console.log(
    `\n8. Automatic rostering (simulated annealing with best-row moves; then the master programme over rows, teams of up to 20; or HiGHS on small instances), ${seconds} CPU s per run, ${seeds} seed(s)`,
  );
  if (!dir) {
    console.log('   skipped: no Curtois instances (CURTOIS_DIR or ../shared/benchmarks/curtois)');
    return;
  }
  console.log(
    '   instance   best known   median     best    worst   gap (median)   hard   moves/s     engine',
  );
  for (let n = 1; n <= 12; n++) {
    const instance = parseCurtoisInstance(
      readFileSync(join(dir, `Instance${n}.txt`), 'utf8'),
      `Instance${n}`,
    );
    const objectives: number[] = [];
    const rates: number[] = [];
    const engines = new Set<string>();
    let hard = 0;
    for (let seed = 0; seed < seeds; seed++) {
      const result = await solveCurtois(instance, { seconds, seed });
      const score = scoreCurtois(instance, result.roster);
      hard = Math.max(hard, score.hardViolations);
      objectives.push(score.objective);
      if (result.searchSeconds > 0) rates.push(result.movesEvaluated / result.searchSeconds);
      engines.add(result.engine);
    }
    const best = BEST_KNOWN[n]!;
    const mid = median(objectives);
    console.log(
      `   ${`Instance${n}`.padEnd(10)} ${String(best).padStart(10)} ${String(mid).padStart(8)} ${String(Math.min(...objectives)).padStart(8)} ${String(Math.max(...objectives)).padStart(8)}   ${`${(((mid - best) / best) * 100).toFixed(1)} %`.padStart(12)} ${String(hard).padStart(6)} ${(rates.length ? `${(median(rates) / 1e6).toFixed(2)} M` : '—').padStart(9)}     ${[...engines].join('+')}`,
    );
  }
}
