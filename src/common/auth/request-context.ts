import type { Request } from 'express';
import type { Actor } from './actor.js';

/** What the service attaches to each HTTP request. */
export interface TandemRequest extends Request {
  /** Set by the AuthGuard once the bearer token has been verified (undefined: anonymous). */
  actor?: Actor;
  /** Memoised verification, so one request verifies its token once. */
  actorPromise?: Promise<Actor | undefined>;
}
