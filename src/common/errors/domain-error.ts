/** The error codes clients may see in `extensions.code` (api.md, "Errors"). */
export const ErrorCode = {
  BAD_USER_INPUT: 'BAD_USER_INPUT',
  UNAUTHENTICATED: 'UNAUTHENTICATED',
  FORBIDDEN: 'FORBIDDEN',
  NOT_FOUND: 'NOT_FOUND',
  CONFLICT: 'CONFLICT',
  INTERNAL_SERVER_ERROR: 'INTERNAL_SERVER_ERROR',
  /** Too many requests for one token (or address) in the window: retry after `retryAfterSeconds`. */
  RATE_LIMITED: 'RATE_LIMITED',
  /** The service cannot do it now (database full, unreachable or too slow); nothing was written: retry later. */
  SERVICE_UNAVAILABLE: 'SERVICE_UNAVAILABLE',
} as const;
export type ErrorCode = (typeof ErrorCode)[keyof typeof ErrorCode];

/** Extra, client-safe facts about an error (which field, which entity, the current status…). */
export type ErrorDetails = Record<string, unknown>;

/**
 * An expected failure of a request, carrying its code. Services throw subclasses; the one GraphQL error
 * formatter turns them into `extensions.code` (and the REST endpoints into an HTTP status).
 */
export abstract class DomainError extends Error {
  abstract readonly code: ErrorCode;
  abstract readonly httpStatus: number;

  constructor(
    message: string,
    readonly details: ErrorDetails = {},
  ) {
    super(message);
    this.name = new.target.name;
  }
}

export interface FieldProblem {
  field: string;
  message: string;
}

export class BadUserInputError extends DomainError {
  readonly code = ErrorCode.BAD_USER_INPUT;
  readonly httpStatus: number = 400;

  /** @param field the input path at fault (`input.timeZone`); the message is prefixed with it. */
  constructor(message: string, field?: string, details: ErrorDetails = {}) {
    super(
      field && !message.startsWith(`${field}:`) ? `${field}: ${message}` : message,
      field ? { field, ...details } : details,
    );
  }

  static forFields(problems: FieldProblem[]): BadUserInputError {
    const message = problems.map((p) => `${p.field}: ${p.message}`).join('; ');
    return new BadUserInputError(message, problems[0]?.field, { fields: problems });
  }
}

/** A request body over the size limit: bad input, answered with HTTP 413. */
export class PayloadTooLargeError extends BadUserInputError {
  override readonly httpStatus = 413;
  constructor(message = 'Request body is too large') {
    super(message);
  }
}

export class RateLimitedError extends DomainError {
  readonly code = ErrorCode.RATE_LIMITED;
  readonly httpStatus = 429;
  constructor(retryAfterSeconds: number) {
    super(`Too many requests: try again in ${retryAfterSeconds} s`, { retryAfterSeconds });
  }
}

export class UnauthenticatedError extends DomainError {
  readonly code = ErrorCode.UNAUTHENTICATED;
  readonly httpStatus = 401;
  constructor(message = 'Authentication required: send a valid bearer token') {
    super(message);
  }
}

export class ForbiddenError extends DomainError {
  readonly code = ErrorCode.FORBIDDEN;
  readonly httpStatus = 403;
  constructor(message = 'You are not allowed to do this', details: ErrorDetails = {}) {
    super(message, details);
  }
}

export class NotFoundError extends DomainError {
  readonly code = ErrorCode.NOT_FOUND;
  readonly httpStatus = 404;
  constructor(entity: string, id: string, field?: string) {
    super(`${entity} ${id} was not found`, { entity, id, ...(field ? { field } : {}) });
  }
}

export class ConflictError extends DomainError {
  readonly code = ErrorCode.CONFLICT;
  readonly httpStatus = 409;
  constructor(message: string, details: ErrorDetails = {}) {
    super(message, details);
  }
}

/** Why a request could not be served now. */
export type UnavailableReason =
  'DISK_FULL' | 'DATABASE_TIMEOUT' | 'DATABASE_UNREACHABLE' | 'REQUEST_TIMEOUT' | 'QUEUE_NOT_RUNNING';

export class ServiceUnavailableError extends DomainError {
  readonly code = ErrorCode.SERVICE_UNAVAILABLE;
  readonly httpStatus = 503;
  constructor(message: string, reason: UnavailableReason, details: ErrorDetails = {}) {
    super(message, { ...details, reason });
  }
}

/** A request still running when its time (GRAPHQL_REQUEST_TIMEOUT_MS) ran out: answered, and stopped. */
export class RequestTimeoutError extends ServiceUnavailableError {
  constructor(readonly timeoutMs: number) {
    super(
      `The request was still running after ${timeoutMs} ms and was stopped: nothing was written; ask for less (smaller pages, fewer fields) or try again later`,
      'REQUEST_TIMEOUT',
      { timeoutMs },
    );
  }
}
