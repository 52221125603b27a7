import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { performance } from 'node:perf_hooks';
import { solveCurtoisExact } from '../../src/benchmarks/curtois/exact.js';
import { parseCurtoisInstance } from '../../src/benchmarks/curtois/instance.js';
import { scoreCurtois } from '../../src/benchmarks/curtois/score.js';

/** Best-known objectives published for the instances (schedulingbenchmarks.org), to print beside ours. */
const BEST_KNOWN: Record<number, number> = { 1: 607, 2: 828, 3: 1001, 4: 1716, 5: 1143, 6: 1950, 7: 1056 };

/**
 * The exact engine (HiGHS) on the first published instances: objective (scored by the rota checker), gap to the
 * best known, HiGHS's status and the time it took, with BENCH_SOLVE_SECONDS (60) each on one thread.
 */
export async function benchSolve(): Promise<void> {
  const dir = [process.env.CURTOIS_DIR, resolve(process.cwd(), '../shared/benchmarks/curtois')].find(
    (d) => d && existsSync(join(d, 'Instance1.txt')),
  );
  const seconds = Number(process.env.BENCH_SOLVE_SECONDS ?? 60);
  console.log(`\n8. Automatic rostering, the exact engine (HiGHS, one thread, ${seconds} s per instance)`);
  if (!dir) {
    console.log('   skipped: no Curtois instances (CURTOIS_DIR or ../shared/benchmarks/curtois)');
    return;
  }
  console.log('   instance   objective   best known   gap       hard   status                seconds');
  for (const n of [1, 2, 3, 4, 5]) {
    const instance = parseCurtoisInstance(
      readFileSync(join(dir, `Instance${n}.txt`), 'utf8'),
      `Instance${n}`,
    );
    const t0 = performance.now();
    const result = await solveCurtoisExact(instance, { seconds });
    const took = (performance.now() - t0) / 1000;
    const score = scoreCurtois(instance, result.roster);
    const best = BEST_KNOWN[n]!;
    const gap =
      result.objective === null ? 'n/a' : `${(((score.objective - best) / best) * 100).toFixed(1)} %`;
    console.log(
      `   ${`Instance${n}`.padEnd(10)} ${String(result.objective === null ? '—' : score.objective).padStart(9)}   ${String(best).padStart(10)}   ${gap.padEnd(8)}  ${String(score.hardViolations).padStart(4)}   ${result.status.padEnd(20)}  ${took.toFixed(1).padStart(7)}`,
    );
  }
}
