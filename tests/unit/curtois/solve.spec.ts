import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runCurtoisCli } from '../../../src/benchmarks/curtois/cli.js';
import { solveCurtoisExact } from '../../../src/benchmarks/curtois/exact.js';
import { parseCurtoisInstance } from '../../../src/benchmarks/curtois/instance.js';
import { scoreCurtois } from '../../../src/benchmarks/curtois/score.js';
import { prng } from '../../../src/demo/demo-people.js';
import { curtoisDataDir, instance, instanceText, type StaffRow } from '../../fixtures/curtois.js';

/** Generous: the engine stops when it has proven the optimum; these only guard against a hang. */
const NO_LIMIT = 600;

describe('the exact engine (HiGHS) on the Curtois model', () => {
  it('returns rosters the rota checker scores exactly as the engine does, with no hard violation', async () => {
    // Random small instances, every constraint of the benchmark in play: the model and the checker must agree.
    const random = prng(20261201);
    const pick = (lo: number, hi: number) => lo + Math.floor(random() * (hi - lo + 1));
    let solved = 0;
    for (let n = 0; n < 40; n++) {
      const horizon = 7 * pick(1, 2);
      const staff: StaffRow[] = Array.from({ length: pick(2, 4) }, (_, i) => ({
        id: `S${i}`,
        maxShifts: `D=${pick(2, 10)}|N=${pick(0, 4)}`,
        maxTotal: 480 * pick(5, 10),
        minTotal: 480 * pick(0, 3),
        maxConsecutive: pick(2, 5),
        minConsecutive: pick(1, 3),
        minDaysOff: pick(1, 3),
        maxWeekends: pick(0, 2),
      }));
      const cover = Array.from({ length: horizon }, (_, d) => [
        `${d},D,${pick(0, 2)},${pick(1, 100)},${pick(0, 5)}`,
        `${d},N,${pick(0, 1)},${pick(1, 100)},${pick(0, 5)}`,
      ]).flat();
      const people = staff.map((s) => s.id);
      const on = Array.from(
        { length: 4 },
        () => `${people[pick(0, people.length - 1)]},${pick(0, horizon - 1)},D,${pick(1, 3)}`,
      );
      const off = Array.from(
        { length: 4 },
        () => `${people[pick(0, people.length - 1)]},${pick(0, horizon - 1)},N,${pick(1, 3)}`,
      );
      const daysOff = [`${people[0]},${pick(0, horizon - 1)}`];
      const problem = instance({
        horizon,
        staff,
        cover,
        on: [...new Set(on)],
        off: [...new Set(off)],
        daysOff,
      });
      const result = await solveCurtoisExact(problem, { seconds: NO_LIMIT });
      if (result.status === 'Infeasible') continue;
      expect(result.status).toBe('Optimal');
      const checked = scoreCurtois(problem, result.roster);
      expect({ n, objective: checked.objective, hard: checked.byRule }).toEqual({
        n,
        objective: result.objective,
        hard: Object.fromEntries(Object.entries(checked.byRule).filter(([, t]) => t.severity === 'SOFT')),
      });
      solved++;
    }
    expect(solved).toBeGreaterThan(20);
  });

  it('finds the optimum a hand count gives', async () => {
    // One person, two days; cover wants D on day 0 (weight 100) and N on day 1 (weight 50), N may not be followed
    // by D, and they asked for N on day 1 (weight 3): working D then N costs nothing.
    const problem = instance({
      horizon: 2,
      staff: [{ id: 'A' }],
      cover: ['0,D,1,100,1', '1,N,1,50,1'],
      on: ['A,1,N,3'],
    });
    const result = await solveCurtoisExact(problem, { seconds: NO_LIMIT });
    expect(result).toMatchObject({ status: 'Optimal', objective: 0 });
    expect(result.roster).toEqual([
      { staff: 'A', day: 0, shift: 'D' },
      { staff: 'A', day: 1, shift: 'N' },
    ]);
  });
});

describe('npm run curtois -- solve', () => {
  const dir = mkdtempSync(join(tmpdir(), 'curtois-solve-'));
  const small = join(dir, 'Small.txt');
  writeFileSync(
    small,
    instanceText({
      horizon: 7,
      staff: [
        { id: 'A', maxShifts: 'D=3|N=2' },
        { id: 'B', maxConsecutive: 3 },
      ],
      cover: ['0,D,1,100,1', '1,N,1,50,1', '2,D,2,80,1', '5,D,1,60,1'],
      on: ['A,1,N,3'],
      off: ['B,0,D,7'],
    }),
  );
  const run = async (...argv: string[]) => {
    let stdout = '';
    let stderr = '';
    const code = await runCurtoisCli(argv, { stdout: (t) => (stdout += t), stderr: (t) => (stderr += t) });
    return { code, stdout, stderr };
  };

  it('prints the checker’s score of the roster it writes, which score reads back the same', async () => {
    const out = join(dir, 'small.csv');
    const solved = await run(
      'solve',
      small,
      '--engine',
      'highs',
      '--seconds',
      String(NO_LIMIT),
      '--seed',
      '7',
      '--out',
      out,
    );
    expect(solved.code).toBe(0);
    const result = JSON.parse(solved.stdout);
    expect(result).toMatchObject({
      engine: 'highs',
      engines: ['highs'],
      status: 'Optimal',
      hardViolations: 0,
      seed: 7,
      out,
    });
    const scored = await run('score', small, out);
    expect(JSON.parse(scored.stdout)).toMatchObject({
      objective: result.objective,
      hardViolations: 0,
      assignments: result.assignments,
    });
    expect(readFileSync(out, 'utf8').split('\n')[0]).toBe('staff,day,shift');
  });

  it('refuses a budget that is not a whole number of seconds, a zero move budget and an unknown engine', async () => {
    const bad = await run('solve', small, '--seconds', '0');
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/--seconds: must be a whole number of at least 1/);
    expect((await run('solve', small, '--moves', '0')).stderr).toMatch(/--moves: must be a whole number/);
    expect((await run('solve', small, '--engine', 'cplex')).stderr).toMatch(
      /--engine: must be auto, sa or highs/,
    );
  });

  it('with --moves, runs the search alone and gives the same roster for the same seed (and the optimum here)', async () => {
    const solveTo = async (name: string, seed: string) => {
      const out = join(dir, name);
      const solved = await run('solve', small, '--moves', '300000', '--seed', seed, '--out', out);
      expect(solved.code).toBe(0);
      return { result: JSON.parse(solved.stdout), csv: readFileSync(out, 'utf8') };
    };
    const a = await solveTo('a.csv', '5');
    const b = await solveTo('b.csv', '5');
    expect(b.csv).toBe(a.csv);
    expect(a.result).toMatchObject({
      engine: 'sa',
      engines: ['sa'],
      hardViolations: 0,
      seed: 5,
      moves: 300000,
    });
    expect(b.result.movesEvaluated).toBe(a.result.movesEvaluated);
    expect(a.result.movesEvaluated).toBeGreaterThan(0);
    const exact = JSON.parse((await run('solve', small, '--engine', 'highs')).stdout);
    expect(a.result.objective).toBe(exact.objective);
    const scored = JSON.parse((await run('score', small, join(dir, 'a.csv'))).stdout);
    expect(scored).toMatchObject({ objective: a.result.objective, hardViolations: 0 });
  });

  it('with --starts, splits the move budget between independent searches and keeps the best, reproducibly', async () => {
    const solve = async (...extra: string[]) => {
      const solved = await run('solve', small, '--moves', '200000', '--seed', '4', ...extra);
      expect(solved.code).toBe(0);
      return JSON.parse(solved.stdout);
    };
    const one = await solve();
    const three = await solve('--starts', '3');
    const again = await solve('--starts', '3');
    expect(one.starts).toBe(1);
    expect(three).toMatchObject({ starts: 3, hardViolations: 0 });
    // Each start gets a third of the budget, run to it (the search looks at its budget every 1,024 moves).
    expect(three.movesEvaluated).toBeGreaterThanOrEqual(200000);
    expect(three.movesEvaluated).toBeLessThan(200000 + 3 * 1024);
    expect(one.movesEvaluated).toBeGreaterThanOrEqual(200000);
    expect(one.movesEvaluated).toBeLessThan(200000 + 1024);
    expect(again).toMatchObject({ objective: three.objective, movesEvaluated: three.movesEvaluated });
    expect((await run('solve', small, '--starts', '0')).code).toBe(2);
  });
});

const published = curtoisDataDir();
(published ? describe : describe.skip)('the published Instance1', () => {
  it('is solved to its best-known (and optimal) objective, 607, with no hard violation', async () => {
    const text = readFileSync(join(published!, 'Instance1.txt'), 'utf8');
    const problem = parseCurtoisInstance(text, 'Instance1.txt');
    const result = await solveCurtoisExact(problem, { seconds: NO_LIMIT });
    expect(result).toMatchObject({ status: 'Optimal', objective: 607 });
    expect(scoreCurtois(problem, result.roster)).toMatchObject({ objective: 607, hardViolations: 0 });
  });
});
