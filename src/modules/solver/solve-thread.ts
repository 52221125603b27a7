import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import type { RotaFacts, SolveOutcome, SolveProgress, SolveRotaOptions } from '../../rota-core/index.js';

/**
 * The worker script: beside this module once compiled; from the compiled tree when this module runs from its
 * TypeScript source (the tests), so a test needs `npm run build` first (npm test does it).
 */
function workerScript(): string {
  const here = fileURLToPath(new URL('./solve.worker.js', import.meta.url));
  if (existsSync(here)) return here;
  const built = resolve(process.cwd(), 'dist/src/modules/solver/solve.worker.js');
  if (existsSync(built)) return built;
  throw new Error(`The solver's worker script is missing (${here}): run npm run build`);
}

export class SolveFailed extends Error {
  constructor(
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

/** A solve running in its own thread: `stop()` ends it early; `result` has the best found either way. */
export interface SolveThread {
  result: Promise<SolveOutcome>;
  stop(): void;
  /** Ends the thread at once (the service is shutting down): `result` rejects. */
  kill(): Promise<void>;
}

export function startSolveThread(
  facts: RotaFacts,
  options: SolveRotaOptions,
  onProgress: (progress: SolveProgress) => void,
): SolveThread {
  const stop = new SharedArrayBuffer(4);
  const flag = new Int32Array(stop);
  const worker = new Worker(workerScript(), { workerData: { facts, options, stop } });
  const result = new Promise<SolveOutcome>((done, fail) => {
    let settled = false;
    worker.on(
      'message',
      (m: {
        type: string;
        progress?: SolveProgress;
        outcome?: SolveOutcome;
        code?: string;
        message?: string;
      }) => {
        if (m.type === 'progress') onProgress(m.progress!);
        else if (m.type === 'done') {
          settled = true;
          done(m.outcome!);
        } else if (m.type === 'error') {
          settled = true;
          fail(new SolveFailed(m.code ?? 'SOLVER_FAILED', m.message ?? 'the solver failed'));
        }
      },
    );
    worker.on('error', (error) => {
      if (!settled) fail(new SolveFailed('SOLVER_FAILED', error.message));
      settled = true;
    });
    worker.on('exit', (code) => {
      if (!settled) fail(new SolveFailed('SOLVER_FAILED', `the solver's thread ended (exit code ${code})`));
      settled = true;
    });
  });
  return {
    result,
    stop: () => Atomics.store(flag, 0, 1),
    kill: async () => {
      await worker.terminate();
    },
  };
}
