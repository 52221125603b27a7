import type { NextFunction, Request, RequestHandler, Response } from 'express';

/**
 * At most `max` API requests run at once; the others wait their turn, first come first served, and a client that
 * goes away while waiting leaves the queue. Each running request holds its rows and its answer in memory, and on
 * a machine with a few cores more of them at once adds memory, not throughput: memory stays flat under load.
 * Waiting counts towards the request's time limit (this runs after it). `max` 0: no limit.
 */
export function concurrencyLimit(
  max: number,
): RequestHandler & { readonly running: number; readonly waiting: number } {
  let running = 0;
  const queue: Array<() => void> = [];
  const handOver = () => {
    const next = queue.shift();
    if (next) next();
    else running--;
  };
  const handler = (_req: Request, res: Response, next: NextFunction) => {
    if (max <= 0) return next();
    let state: 'waiting' | 'running' | 'done' = 'waiting';
    const start = () => {
      state = 'running';
      next();
    };
    const finish = () => {
      if (state === 'running') handOver();
      else if (state === 'waiting') queue.splice(queue.indexOf(start), 1);
      state = 'done';
    };
    res.once('finish', finish);
    res.once('close', finish);
    if (running < max) {
      running++;
      start();
    } else {
      queue.push(start);
    }
  };
  return Object.defineProperties(handler, {
    running: { get: () => running },
    waiting: { get: () => queue.length },
  }) as RequestHandler & { readonly running: number; readonly waiting: number };
}
