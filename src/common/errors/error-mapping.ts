import { HttpException } from '@nestjs/common';
import { GraphQLError, type GraphQLFormattedError } from 'graphql';
import { unwrapResolverError } from '@apollo/server/errors';
import { translateDatabaseError } from '../database/transaction.js';
import {
  BadUserInputError,
  DomainError,
  ErrorCode,
  ForbiddenError,
  NotFoundError,
  PayloadTooLargeError,
  UnauthenticatedError,
} from './domain-error.js';

/** Apollo's own codes for requests that never reached a resolver; they are all bad input to a client. */
const APOLLO_INPUT_CODES = new Set([
  'GRAPHQL_PARSE_FAILED',
  'GRAPHQL_VALIDATION_FAILED',
  'BAD_USER_INPUT',
  'PERSISTED_QUERY_NOT_FOUND',
  'PERSISTED_QUERY_NOT_SUPPORTED',
  'OPERATION_RESOLUTION_FAILURE',
  'BAD_REQUEST',
]);

const PUBLIC_CODES = new Set<string>(Object.values(ErrorCode));

/** Maps anything thrown to a DomainError, or undefined when it is unexpected (a bug, an outage). */
export function toDomainError(error: unknown): DomainError | undefined {
  if (error instanceof DomainError) return error;
  const translated = translateDatabaseError(error);
  if (translated instanceof DomainError) return translated;
  if (error instanceof HttpException) {
    const status = error.getStatus();
    if (status === 413) return new PayloadTooLargeError();
    if (status === 400 || status === 422) return new BadUserInputError(error.message);
    if (status === 401) return new UnauthenticatedError(error.message);
    if (status === 403) return new ForbiddenError(error.message);
    if (status === 404) return new NotFoundError('Resource', error.message);
  }
  return undefined;
}

/** A GraphQL error for a DomainError: message plus `extensions.code` and its client-safe details. */
export function domainGraphQLError(error: DomainError): GraphQLError {
  return new GraphQLError(error.message, {
    originalError: error,
    extensions: { ...error.details, code: error.code },
  });
}

/**
 * Apollo's formatError: the last word on every error in a GraphQL response. Codes outside api.md's list are
 * mapped into it; unexpected errors become INTERNAL_SERVER_ERROR with no internals in production.
 */
export function formatGraphQLError(production: boolean, log: (error: unknown) => void) {
  return (formatted: GraphQLFormattedError, error: unknown): GraphQLFormattedError => {
    const original = unwrapResolverError(error);
    const domain = toDomainError(original);
    const extensions = { ...(formatted.extensions ?? {}) };
    if (production) delete extensions.stacktrace;
    if (domain) {
      return {
        ...formatted,
        message: domain.message,
        extensions: { ...extensions, ...domain.details, code: domain.code },
      };
    }
    const code = typeof extensions.code === 'string' ? extensions.code : undefined;
    if (code && PUBLIC_CODES.has(code) && code !== ErrorCode.INTERNAL_SERVER_ERROR) {
      const field =
        code === ErrorCode.BAD_USER_INPUT
          ? (extensions.field ?? fieldOfInputError(formatted.message))
          : undefined;
      return { ...formatted, extensions: field ? { ...extensions, field } : extensions };
    }
    if (code && APOLLO_INPUT_CODES.has(code)) {
      const field = extensions.field ?? fieldOfInputError(formatted.message);
      return {
        ...formatted,
        extensions: {
          ...extensions,
          code: ErrorCode.BAD_USER_INPUT,
          reason: code,
          ...(field ? { field } : {}),
        },
      };
    }
    log(original);
    return {
      message: production ? 'Internal server error' : formatted.message,
      locations: formatted.locations,
      path: formatted.path,
      extensions: { ...(production ? {} : extensions), code: ErrorCode.INTERNAL_SERVER_ERROR },
    };
  };
}

/**
 * The field at fault in graphql-js's own input errors: `Variable "$input" got invalid value … at "input.a[0].b"`
 * names the path inside the variable; otherwise the variable itself (`Variable "$codes" …`) or the argument
 * (`Field "rotas" argument "teamId" … is required`).
 */
export function fieldOfInputError(message: string): string | undefined {
  const at = /got invalid value .* at "([^"]+)"/s.exec(message);
  if (at) return at[1];
  const variable = /^Variable "\$([A-Za-z_][A-Za-z0-9_]*)"/.exec(message);
  if (variable) return variable[1];
  // Field "rotas" argument "teamId" of type "ID!" is required…
  return /^Field "[^"]+" argument "([^"]+)"/.exec(message)?.[1];
}
