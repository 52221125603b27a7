import { AsyncLocalStorage } from 'node:async_hooks';
import { randomUUID } from 'node:crypto';
import type { NextFunction, Request, Response } from 'express';
import type { Actor } from './auth/actor.js';
import type { RequestDeadline } from './security/request-timeout.js';

/** What the service knows about the request it is serving, wherever it is in the call stack. */
export interface RequestScope {
  requestId: string;
  /** Set by the AuthGuard once the bearer token is verified. */
  actor?: Actor;
  /** The operation being run: `Mutation.assignStaff`, `ReportsController.jointRoleReport`… */
  operation?: string;
  /** API requests: when the time runs out (GRAPHQL_REQUEST_TIMEOUT_MS); checked before every SQL statement. */
  deadline?: RequestDeadline;
}

const storage = new AsyncLocalStorage<RequestScope>();

/** The current request's scope; undefined outside a request (CLI tools, start-up, tests calling services). */
export const requestScope = (): RequestScope | undefined => storage.getStore();

const REQUEST_ID = /^[A-Za-z0-9._-]{1,100}$/;

/**
 * First middleware of every request: fixes its id (the caller's x-request-id if well-formed, else a new UUID —
 * the request log uses the same header) and opens its scope for everything the request runs.
 */
export function requestScopeMiddleware(req: Request, _res: Response, next: NextFunction): void {
  const given = req.headers['x-request-id'];
  const requestId = typeof given === 'string' && REQUEST_ID.test(given) ? given : randomUUID();
  req.headers['x-request-id'] = requestId;
  storage.run({ requestId }, next);
}
