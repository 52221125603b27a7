import { Logger } from '@nestjs/common';
import type { RequestHandler, Response } from 'express';
import { RequestTimeoutError } from '../errors/domain-error.js';
import { requestScope } from '../request-scope.js';

/**
 * When a request's time is up, and what then. The request is answered as soon as the time runs out (the timer)
 * or as soon as it next tries to use the database (check(), before every statement: see
 * RequestDeadlineSubscriber), whichever comes first; from then on every statement it starts is refused, so
 * what it was still doing stops at its next database call. A transaction never commits after the answer, so
 * "nothing was written" is true; a COMMIT already under way is let finish — if it succeeds the change is saved
 * and the request is answered normally, with its result.
 */
export class RequestDeadline {
  expiresAt: number;
  private state: 'running' | 'expired' | 'settled' = 'running';
  private timer: NodeJS.Timeout;
  private commits = 0;
  private readonly startedAt = Date.now();

  constructor(
    public timeoutMs: number,
    private readonly onExpire: (error: RequestTimeoutError) => void,
  ) {
    this.expiresAt = this.startedAt + timeoutMs;
    this.timer = setTimeout(() => this.expire(), timeoutMs);
    this.timer.unref();
  }

  /**
   * An operation known to need longer (a bulk import, bounded by its row limit) gives its request `timeoutMs` in
   * all, counted from its start; never less than it had. Nothing changes once the time is up.
   */
  extendTo(timeoutMs: number): void {
    if (this.state !== 'running' || timeoutMs <= this.timeoutMs) return;
    this.timeoutMs = timeoutMs;
    this.expiresAt = this.startedAt + timeoutMs;
    clearTimeout(this.timer);
    this.timer = setTimeout(() => this.expire(), Math.max(0, this.expiresAt - Date.now()));
    this.timer.unref();
  }

  /** Before a database statement: throws RequestTimeoutError (answering the request) once the time is up. */
  check(): void {
    if (this.state === 'settled') return;
    if (this.state === 'running' && Date.now() < this.expiresAt) return;
    this.expire();
    throw new RequestTimeoutError(this.timeoutMs);
  }

  commitStarted(): void {
    this.commits++;
  }

  /** A COMMIT finished: if it worked the change is saved and the request runs to its normal answer. */
  commitEnded(succeeded: boolean): void {
    this.commits = Math.max(0, this.commits - 1);
    if (succeeded) this.settle();
    else if (Date.now() >= this.expiresAt) this.expire();
  }

  /** The request was answered (or its change committed): nothing left to time. */
  settle(): void {
    if (this.state !== 'running') return;
    this.state = 'settled';
    clearTimeout(this.timer);
  }

  private expire(): void {
    if (this.state !== 'running' || this.commits > 0) return;
    this.state = 'expired';
    clearTimeout(this.timer);
    this.onExpire(new RequestTimeoutError(this.timeoutMs));
  }
}

/** Answers a timed-out GraphQL request (503, SERVICE_UNAVAILABLE / REQUEST_TIMEOUT); later writes are dropped. */
function answerTimedOut(res: Response, error: RequestTimeoutError): void {
  if (res.headersSent) return;
  res
    .status(error.httpStatus)
    .json({ errors: [{ message: error.message, extensions: { ...error.details, code: error.code } }] });
  // The request's own answer comes later, if at all: it must not touch this response again.
  const ignore = function (this: Response) {
    return this;
  };
  Object.assign(res, {
    status: ignore,
    set: ignore,
    setHeader: ignore,
    writeHead: ignore,
    send: ignore,
    json: ignore,
    write: () => true,
    end: ignore,
  });
}

/**
 * Gives each request through it `timeoutMs` (0: no limit) to be answered, carried in its request scope as a
 * RequestDeadline. Mounted on the GraphQL path after the rate limits.
 */
export function requestTimeout(timeoutMs: number): RequestHandler {
  const logger = new Logger('RequestTimeout');
  return (_req, res, next) => {
    const scope = requestScope();
    if (!scope || timeoutMs <= 0) {
      next();
      return;
    }
    const deadline = new RequestDeadline(timeoutMs, (error) => {
      logger.warn(
        `${scope.operation ?? 'request'} ${scope.requestId} was still running after ${timeoutMs} ms: answered ${error.code}, its remaining database work refused`,
      );
      answerTimedOut(res, error);
    });
    scope.deadline = deadline;
    res.once('finish', () => deadline.settle());
    next();
  };
}
