/**
 * A solve, in its own thread (so the service keeps answering): facts and options in, progress messages about
 * once a second, the outcome at the end. A stop flag in shared memory ends the search early with its best so far
 * (the search is synchronous: a message could not reach it while it runs).
 */
import { parentPort, workerData } from 'node:worker_threads';
import { solveRota, type RotaFacts, type SolveRotaOptions } from '../../rota-core/index.js';

interface WorkerInput {
  facts: RotaFacts;
  options: SolveRotaOptions;
  stop: SharedArrayBuffer;
}

const { facts, options, stop } = workerData as WorkerInput;
const flag = new Int32Array(stop);
try {
  const outcome = solveRota(facts, options, {
    progressEveryMs: 1_000,
    onProgress: (progress) => parentPort!.postMessage({ type: 'progress', progress }),
    shouldStop: () => Atomics.load(flag, 0) === 1,
  });
  parentPort!.postMessage({ type: 'done', outcome });
} catch (error) {
  const e = error as Error & { code?: string };
  parentPort!.postMessage({ type: 'error', code: e.code ?? 'SOLVER_FAILED', message: e.message });
}
