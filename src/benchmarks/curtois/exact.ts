import { createRequire } from 'node:module';
import type { Highs, Model } from 'highs';
import type { CurtoisAssignment } from './facts.js';
import type { CurtoisInstance } from './instance.js';

/**
 * The Curtois & Qu model as a mixed-integer programme for HiGHS (npm `highs`, WebAssembly): the exact engine for
 * small instances (../shared/notes/solver.md: Instances 1–3 proven optimal in seconds, 4 at best known in 60 s).
 * Its constraints say what the rota checker's rules say for these instances — the runs and day-off gaps that
 * touch the horizon's first or last day are exempt, weekends are counted by the day a shift starts — and every
 * roster it returns is scored again by the checker (the CLI's `solve`), so a constraint written wrongly shows as
 * a hard violation, never as a better objective.
 *
 * x_e_d_t = 1 when person e works shift type t on day d; w_e_d = Σ_t x (worked that day, at most 1);
 * k_e_w = 1 when they work weekend w; u_/o_ = people under/over each cover row.
 */
export function curtoisLp(instance: CurtoisInstance): { lp: string; constant: number } {
  const H = instance.horizon;
  const types = instance.shiftTypes;
  const x = (e: number, d: number, t: number) => `x_${e}_${d}_${t}`;
  const w = (e: number, d: number) => types.map((_, t) => x(e, d, t));
  const rows: string[] = [];
  // Coefficients summed per variable: the LP reader keeps only the last of a variable's repeated terms.
  const objective = new Map<string, number>();
  const cost = (variable: string, weight: number) =>
    objective.set(variable, (objective.get(variable) ?? 0) + weight);
  let constant = 0;
  const sum = (terms: readonly string[]) => (terms.length ? terms.join(' + ') : '0 x_zero');
  const typeIndex = new Map(types.map((t, i) => [t.id, i]));
  const staffIndex = new Map(instance.staff.map((s, i) => [s.id, i]));

  instance.staff.forEach((s, e) => {
    // ONE_SHIFT_PER_DAY
    for (let d = 0; d < H; d++) rows.push(`${sum(w(e, d))} <= 1`);
    // DAY_OFF_REQUIRED
    for (const d of instance.daysOff.get(s.id) ?? []) {
      if (d < H) for (const v of w(e, d)) rows.push(`${v} = 0`);
    }
    // FORBIDDEN_SEQUENCE: t then (the next day) one it may not be followed by
    types.forEach((t, ti) => {
      for (const next of t.cannotFollow) {
        const ni = typeIndex.get(next);
        if (ni === undefined) continue;
        for (let d = 0; d + 1 < H; d++) rows.push(`${x(e, d, ti)} + ${x(e, d + 1, ni)} <= 1`);
      }
    });
    // MAX_SHIFTS_OF_TYPE
    types.forEach((t, ti) => {
      const max = s.maxShifts[t.id];
      if (max === undefined) return;
      const cells = Array.from({ length: H }, (_, d) => x(e, d, ti));
      rows.push(`${sum(cells)} <= ${max}`);
    });
    // MIN_TOTAL_MINUTES, MAX_TOTAL_MINUTES
    const minutes = Array.from({ length: H }, (_, d) =>
      types.map((t, ti) => `${t.minutes} ${x(e, d, ti)}`),
    ).flat();
    rows.push(`${sum(minutes)} <= ${s.maxTotalMinutes}`);
    if (s.minTotalMinutes > 0) rows.push(`${sum(minutes)} >= ${s.minTotalMinutes}`);
    // MAX_CONSECUTIVE_SHIFTS: any max+1 days hold a day off
    const maxRun = s.maxConsecutiveShifts;
    for (let d = 0; d + maxRun < H; d++) {
      const cells = Array.from({ length: maxRun + 1 }, (_, i) => w(e, d + i)).flat();
      rows.push(`${sum(cells)} <= ${maxRun}`);
    }
    // MIN_CONSECUTIVE_SHIFTS: no run shorter than the minimum between two days off (edges exempt)
    for (let l = 1; l < s.minConsecutiveShifts; l++) {
      for (let d = 0; d + l + 1 < H; d++) {
        // off on d, worked d+1..d+l, off on d+l+1 — impossible: w(d) − Σ w(d+1..d+l) + w(d+l+1) ≥ 1 − l
        const inner = Array.from({ length: l }, (_, i) => w(e, d + 1 + i))
          .flat()
          .map((v) => `- ${v}`);
        rows.push(`${sum(w(e, d))} ${inner.join(' ')} + ${sum(w(e, d + l + 1))} >= ${1 - l}`);
      }
    }
    // MIN_CONSECUTIVE_DAYS_OFF: no gap between two worked days shorter than the minimum (edges exempt)
    for (let l = 1; l < s.minConsecutiveDaysOff; l++) {
      for (let d = 0; d + l + 1 < H; d++) {
        // worked on d, off d+1..d+l, worked d+l+1 — impossible: w(d) − Σ w(d+1..d+l) + w(d+l+1) ≤ 1
        const inner = Array.from({ length: l }, (_, i) => w(e, d + 1 + i))
          .flat()
          .map((v) => `- ${v}`);
        rows.push(`${sum(w(e, d))} ${inner.join(' ')} + ${sum(w(e, d + l + 1))} <= 1`);
      }
    }
    // MAX_WEEKENDS: a weekend (Saturday and Sunday, day 0 a Monday) counts when a shift starts on either day
    const weekends: string[] = [];
    for (let week = 0; week * 7 + 5 < H; week++) {
      const k = `k_${e}_${week}`;
      weekends.push(k);
      for (const d of [week * 7 + 5, week * 7 + 6]) {
        if (d < H)
          rows.push(
            `${k} ${w(e, d)
              .map((v) => `- ${v}`)
              .join(' ')} >= 0`,
          );
      }
    }
    if (weekends.length) rows.push(`${sum(weekends)} <= ${s.maxWeekends}`);
  });

  // SHIFT_ON_REQUEST: weight when not worked (the constant counts them all; working one takes its weight off)
  for (const r of instance.onRequests) {
    const e = staffIndex.get(r.staffId);
    const t = typeIndex.get(r.shiftId);
    if (e === undefined || t === undefined || r.day >= H) continue;
    constant += r.weight;
    cost(x(e, r.day, t), -r.weight);
  }
  // SHIFT_OFF_REQUEST: weight when worked
  for (const r of instance.offRequests) {
    const e = staffIndex.get(r.staffId);
    const t = typeIndex.get(r.shiftId);
    if (e === undefined || t === undefined || r.day >= H) continue;
    cost(x(e, r.day, t), r.weight);
  }
  // COVER_TARGET: people under and over each row's requirement, weighted
  instance.cover.forEach((c, i) => {
    const t = typeIndex.get(c.shiftId);
    if (t === undefined || c.day >= H) return;
    const cells = instance.staff.map((_, e) => x(e, c.day, t));
    rows.push(`${sum(cells)} + u_${i} - o_${i} = ${c.requirement}`);
    if (c.weightUnder) cost(`u_${i}`, c.weightUnder);
    if (c.weightOver) cost(`o_${i}`, c.weightOver);
  });

  const binaries: string[] = [];
  instance.staff.forEach((_, e) => {
    for (let d = 0; d < H; d++) binaries.push(...w(e, d));
    for (let week = 0; week * 7 + 5 < H; week++) binaries.push(`k_${e}_${week}`);
  });
  const general = instance.cover.map((_, i) => [`u_${i}`, `o_${i}`]).flat();
  const lp = [
    'Minimize',
    ` obj: ${
      [...objective]
        .filter(([, c]) => c !== 0)
        .map(([v, c]) => `${c < 0 ? '-' : '+'} ${Math.abs(c)} ${v}`)
        .join(' ')
        .replace(/^\+ /, '') || '0 x_zero'
    }`,
    'Subject To',
    ...rows.map((r, i) => ` c${i}: ${r}`),
    'Bounds',
    ' x_zero = 0',
    ...general.map((v) => ` ${v} >= 0`),
    'General',
    ...general.map((v) => ` ${v}`),
    'Binary',
    ...binaries.map((v) => ` ${v}`),
    'End',
  ].join('\n');
  return { lp, constant };
}

export interface ExactResult {
  roster: CurtoisAssignment[];
  /** `Optimal` when proven, `Time limit reached` with the best found by then, `Infeasible` when none exists. */
  status: string;
  /** The objective HiGHS computed (the checker's score is what counts). */
  objective: number | null;
}

/**
 * Solves an instance with HiGHS within `seconds` CPU seconds of this process (one thread): the best roster found,
 * empty when none was. `bound`: an objective already reached (e.g. by the search); HiGHS then prunes what cannot
 * beat it, and finds nothing (Infeasible) when nothing does.
 */
export async function solveCurtoisExact(
  instance: CurtoisInstance,
  options: { seconds: number; seed?: number; bound?: number },
): Promise<ExactResult> {
  const start = process.cpuUsage();
  const { lp, constant } = curtoisLp(instance);
  const highs = await loadHighs();
  const hm = highs.createModel({ format: 'lp', data: lp });
  try {
    hm.options.set({
      output_flag: false,
      random_seed: options.seed ?? 0,
      ...(options.bound !== undefined ? { objective_bound: options.bound - constant + 0.5 } : {}),
    });
    runOnCpuBudget(highs, hm, start, options.seconds);
    const code = hm.getModelStatus();
    const found = hm.info.get('primal_solution_status') === highs.constants.solutionStatus.feasible;
    const roster: CurtoisAssignment[] = [];
    if (found) {
      const values = hm.getSolution().colValue;
      const column = new Map<string, number>();
      const n = hm.getDimensions().numCols;
      for (let j = 0; j < n; j++) column.set(hm.getColName(j), j);
      instance.staff.forEach((s, e) => {
        for (let d = 0; d < instance.horizon; d++) {
          instance.shiftTypes.forEach((t, ti) => {
            const j = column.get(`x_${e}_${d}_${ti}`);
            if (j !== undefined && values[j]! > 0.5) roster.push({ staff: s.id, day: d, shift: t.id });
          });
        }
      });
    }
    const { modelStatus } = highs.constants;
    const status =
      code === modelStatus.optimal
        ? 'Optimal'
        : code === modelStatus.infeasible || (code === modelStatus.objectiveBound && !found)
          ? 'Infeasible'
          : code === modelStatus.timeLimit || code === modelStatus.interrupted
            ? 'Time limit reached'
            : `HiGHS model status ${code}`;
    return {
      roster,
      status,
      objective: found ? Math.round(hm.getObjectiveValue() + constant) : null,
    };
  } finally {
    hm.dispose();
  }
}

/** HiGHS's wall-clock backstop per CPU second left (a busy machine gives this process a part of a core). */
const WALL_PER_CPU = 2;

/** CPU seconds of this process since `start`. */
export const cpuSince = (start: NodeJS.CpuUsage): number => {
  const u = process.cpuUsage(start);
  return (u.user + u.system) / 1e6;
};

/**
 * Runs HiGHS on a model until it finishes or this process has spent `seconds` CPU seconds since `start`: its
 * interrupt callbacks (simplex and MIP) stop it on CPU time, and its own wall-clock limit, at WALL_PER_CPU × the
 * CPU seconds left, is only a backstop. So a busy machine does not cut its budget short.
 */
export function runOnCpuBudget(highs: Highs, hm: Model, start: NodeJS.CpuUsage, seconds: number): void {
  hm.options.set('time_limit', Math.max(0.01, WALL_PER_CPU * (seconds - cpuSince(start))));
  let calls = 0;
  const stop = (event: { interrupt(): void }) => {
    if ((calls++ & 15) === 0 && cpuSince(start) >= seconds) event.interrupt();
    return undefined;
  };
  hm.run({
    [highs.constants.callbackType.mipInterrupt]: stop,
    [highs.constants.callbackType.simplexInterrupt]: stop,
  });
}

let highsLoaded: Promise<Highs> | undefined;
/** The HiGHS WebAssembly module, loaded once (a CommonJS package). */
export function loadHighs(): Promise<Highs> {
  const require = createRequire(import.meta.url);
  highsLoaded ??= (require('highs') as (settings?: object) => Promise<Highs>)({});
  return highsLoaded;
}
