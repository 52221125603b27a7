import { readdir, readFile, stat, writeFile } from 'node:fs/promises';
import { basename, join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { parseArgs } from 'node:util';
import { curtoisFacts } from './facts.js';
import { CurtoisFormatError, type CurtoisInstance, parseCurtoisInstance } from './instance.js';
import { parseCurtoisRoster } from './roster.js';
import { emptyRosterObjective, scoreCurtoisFacts } from './score.js';
import { type CurtoisSolveOptions, solveCurtois } from './solve.js';

export const USAGE = `Curtois & Qu shift-scheduling benchmark (schedulingbenchmarks.org, Instance1–24).

  npm run curtois -- score <instance.txt> <roster.csv> [--violations]
      Scores a roster (CSV: header staff,day,shift; one row per assignment; day 0-based) with the rota
      checker and prints one JSON object: objective, hardViolations, byRule (count and penalty per rule code),
      timingsMs; --violations adds every violation, explained.
  npm run curtois -- solve <instance.txt> [--seconds 60] [--seed 0] [--moves N] [--engine auto|sa|highs]
                         [--starts N] [--out roster.csv]
      Builds a roster and scores it again with the rota checker, writes it as the CSV score reads, and prints
      one JSON object: objective (the checker's), hardViolations, engine (the one whose roster won) and
      engines (all that ran), status, seconds, movesEvaluated, movesPerSecond, seed, assignments.
      --seconds is CPU seconds of this process (process.cpuUsage), not wall-clock time, so a busy machine
      does not shorten the search or the HiGHS stages (stopped by their interrupt callbacks on CPU time; twice
      the CPU seconds left as a wall-clock backstop). Engines: sa, simulated annealing with delta scoring
      (every instance; where a person's row is small enough, also an exact best-row move by dynamic
      programming, a construction from it and ruin-and-recreate of two rows); master, for teams of up to 20
      whose rows that programme covers, a master programme in HiGHS over whole rows for the last half of the
      budget (sa's rows that keep each person's rules and rows priced by column generation; one row per
      person, cover weighed; 1–7 reach or come near the best known); highs, the exact engine (HiGHS, the
      whole instance as a mixed-integer programme, one thread; small instances). auto (the default) runs sa,
      then master where it applies, else on small instances highs with sa's objective as its bound, keeping
      the better roster; sa runs the search alone. --moves N stops sa after N proposed moves instead of a
      time budget and runs sa alone: with the same seed the run, and the roster, are exactly the same.
      --starts N splits
      sa's budget (seconds or moves) between N independent searches, seeded from --seed, and keeps the best
      (default 1).
  npm run curtois -- check-all <folder>
      Imports every instance in the folder, prints its size and import time, and scores its empty roster
      against the benchmark's definition (cover requirement × WeightUnder + on-request weights).

Exit codes: 0 scored (violations or not) / all instances agree / solved; 1 an empty roster disagrees, or
solve found no roster without hard violations, or one the checker scores differently than the engine; 2 a malformed or unreadable file (the message
names the line), or bad usage.`;

export interface CliIo {
  stdout: (text: string) => void;
  stderr: (text: string) => void;
}

const round = (ms: number) => Math.round(ms * 100) / 100;

async function readText(path: string): Promise<string> {
  try {
    return await readFile(path, 'utf8');
  } catch (error) {
    throw new CurtoisFormatError(path, 0, `cannot read the file (${(error as NodeJS.ErrnoException).code})`);
  }
}

async function score(instancePath: string, rosterPath: string, withViolations: boolean, io: CliIo) {
  const t0 = performance.now();
  const instance = parseCurtoisInstance(await readText(instancePath), basename(instancePath));
  const roster = parseCurtoisRoster(await readText(rosterPath), instance, basename(rosterPath));
  const facts = curtoisFacts(instance, roster);
  const t1 = performance.now();
  const result = scoreCurtoisFacts(facts);
  const t2 = performance.now();
  const out = {
    instance: instance.name,
    roster: basename(rosterPath),
    assignments: roster.length,
    objective: result.objective,
    hardViolations: result.hardViolations,
    byRule: result.byRule,
    timingsMs: { import: round(t1 - t0), score: round(t2 - t1) },
    ...(withViolations ? { violations: result.violations } : {}),
  };
  io.stdout(`${JSON.stringify(out, null, 2)}\n`);
}

async function solve(
  instancePath: string,
  options: CurtoisSolveOptions & { out?: string },
  io: CliIo,
): Promise<number> {
  const instance = parseCurtoisInstance(await readText(instancePath), basename(instancePath));
  const t0 = performance.now();
  const result = await solveCurtois(instance, options);
  const wall = (performance.now() - t0) / 1000;
  const checked = scoreCurtoisFacts(curtoisFacts(instance, result.roster));
  // The checker has the last word: a roster the engine values differently is a wrong model, not a result.
  const found = result.objective !== null;
  const agrees =
    found && result.objective === checked.objective && result.hardViolations === checked.hardViolations;
  if (options.out) {
    const lines = result.roster.map((a) => `${a.staff},${a.day},${a.shift}`);
    await writeFile(options.out, `staff,day,shift\n${lines.join('\n')}${lines.length ? '\n' : ''}`);
  }
  const tenth = (x: number) => Math.round(x * 10) / 10;
  const out = {
    instance: instance.name,
    engine: result.engine,
    engines: result.engines,
    status: result.status,
    objective: found ? checked.objective : null,
    hardViolations: found ? checked.hardViolations : null,
    seconds: tenth(result.cpuSeconds),
    wallSeconds: tenth(wall),
    movesEvaluated: result.movesEvaluated,
    movesPerSecond: result.searchSeconds > 0 ? Math.round(result.movesEvaluated / result.searchSeconds) : 0,
    seed: options.seed,
    starts: result.starts,
    ...(options.moves !== undefined ? { moves: options.moves } : {}),
    assignments: result.roster.length,
    ...(options.out ? { out: options.out } : {}),
    ...(found && !agrees
      ? { engineObjective: result.objective, engineHardViolations: result.hardViolations }
      : {}),
  };
  io.stdout(`${JSON.stringify(out, null, 2)}\n`);
  if (!found) {
    io.stderr(`${instance.name}: no roster within ${options.seconds} s (${result.status})\n`);
    return 1;
  }
  if (!agrees) {
    io.stderr(
      `${instance.name}: the engine's objective ${result.objective} (hard ${result.hardViolations}) is not the checker's ${checked.objective} (hard ${checked.hardViolations})\n`,
    );
    return 1;
  }
  if (checked.hardViolations > 0) {
    io.stderr(`${instance.name}: no roster without hard violations within the budget\n`);
    return 1;
  }
  return 0;
}

/** A whole number of at least `min` from an option, or an error naming it. */
function wholeOption(value: string | undefined, name: string, fallback: number, min: number): number {
  if (value === undefined) return fallback;
  if (!/^\d+$/.test(value) || Number(value) < min) {
    throw new CurtoisFormatError(`--${name}`, 0, `must be a whole number of at least ${min}, got "${value}"`);
  }
  return Number(value);
}

function engineOption(value: string | undefined): CurtoisSolveOptions['engine'] {
  if (value === undefined) return 'auto';
  if (value === 'auto' || value === 'sa' || value === 'highs') return value;
  throw new CurtoisFormatError('--engine', 0, `must be auto, sa or highs, got "${value}"`);
}

/** Instance files in natural order (Instance2 before Instance10). */
async function instanceFiles(folder: string): Promise<string[]> {
  let names: string[];
  try {
    names = await readdir(folder);
  } catch (error) {
    throw new CurtoisFormatError(
      folder,
      0,
      `cannot read the folder (${(error as NodeJS.ErrnoException).code})`,
    );
  }
  return names
    .filter((n) => n.toLowerCase().endsWith('.txt'))
    .sort((a, b) => a.localeCompare(b, 'en', { numeric: true }));
}

async function checkAll(folder: string, io: CliIo): Promise<number> {
  const files = await instanceFiles(folder);
  if (files.length === 0) {
    io.stderr(`${folder}: no .txt instance files\n`);
    return 2;
  }
  let exit = 0;
  io.stdout(
    'instance      days  staff  types  cover rows   requests      bytes   import ms   score ms   empty roster: objective (expected)   hard\n',
  );
  for (const file of files) {
    const path = join(folder, file);
    let instance: CurtoisInstance;
    const bytes = (await stat(path)).size;
    const t0 = performance.now();
    try {
      instance = parseCurtoisInstance(await readText(path), file);
    } catch (error) {
      if (!(error instanceof CurtoisFormatError)) throw error;
      io.stderr(`${error.message}\n`);
      exit = 2;
      continue;
    }
    const facts = curtoisFacts(instance);
    const t1 = performance.now();
    const empty = scoreCurtoisFacts(facts);
    const t2 = performance.now();
    const expected = emptyRosterObjective(instance);
    const agrees = empty.objective === expected;
    if (!agrees && exit === 0) exit = 1;
    const hardRules = Object.entries(empty.byRule)
      .filter(([, t]) => t.severity === 'HARD')
      .map(([code, t]) => `${code} ×${t.count}`)
      .join(', ');
    io.stdout(
      `${file.replace(/\.txt$/i, '').padEnd(12)} ${String(instance.horizon).padStart(5)} ${String(instance.staff.length).padStart(6)} ${String(instance.shiftTypes.length).padStart(6)} ${String(instance.cover.length).padStart(11)} ${String(instance.onRequests.length + instance.offRequests.length).padStart(10)} ${String(bytes).padStart(10)} ${(t1 - t0).toFixed(1).padStart(11)} ${(t2 - t1).toFixed(1).padStart(10)}   ${String(empty.objective).padStart(10)} (${expected}) ${agrees ? 'agrees' : 'DIFFERS'}   ${empty.hardViolations}${hardRules ? ` (${hardRules})` : ''}\n`,
    );
  }
  return exit;
}

/** The CLI, as a function (the tests call it): returns the exit code. */
export async function runCurtoisCli(argv: readonly string[], io: CliIo): Promise<number> {
  let parsed;
  try {
    parsed = parseArgs({
      args: [...argv],
      allowPositionals: true,
      options: {
        violations: { type: 'boolean' },
        help: { type: 'boolean', short: 'h' },
        seconds: { type: 'string' },
        seed: { type: 'string' },
        out: { type: 'string' },
        moves: { type: 'string' },
        engine: { type: 'string' },
        starts: { type: 'string' },
      },
    });
  } catch (error) {
    io.stderr(`${(error as Error).message}\n\n${USAGE}\n`);
    return 2;
  }
  const [command, ...rest] = parsed.positionals;
  if (parsed.values.help) {
    io.stdout(`${USAGE}\n`);
    return 0;
  }
  try {
    if (command === 'score' && rest.length === 2) {
      await score(rest[0]!, rest[1]!, parsed.values.violations ?? false, io);
      return 0;
    }
    if (command === 'check-all' && rest.length === 1) return await checkAll(rest[0]!, io);
    if (command === 'solve' && rest.length === 1) {
      return await solve(
        rest[0]!,
        {
          seconds: wholeOption(parsed.values.seconds, 'seconds', 60, 1),
          seed: wholeOption(parsed.values.seed, 'seed', 0, 0),
          moves:
            parsed.values.moves === undefined ? undefined : wholeOption(parsed.values.moves, 'moves', 0, 1),
          engine: engineOption(parsed.values.engine),
          starts:
            parsed.values.starts === undefined
              ? undefined
              : wholeOption(parsed.values.starts, 'starts', 1, 1),
          out: parsed.values.out,
        },
        io,
      );
    }
  } catch (error) {
    if (!(error instanceof CurtoisFormatError)) throw error;
    io.stderr(`${error.message}\n`);
    return 2;
  }
  io.stderr(`${USAGE}\n`);
  return 2;
}
