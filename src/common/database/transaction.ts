import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager, QueryFailedError } from 'typeorm';
import {
  BadUserInputError,
  ConflictError,
  DomainError,
  ServiceUnavailableError,
} from '../errors/domain-error.js';
import { requestScope } from '../request-scope.js';

type IsolationLevel = 'READ COMMITTED' | 'REPEATABLE READ' | 'SERIALIZABLE';

/** SQLSTATEs that mean "try the whole transaction again": serialization failure, deadlock. */
const RETRYABLE = new Set(['40001', '40P01']);

export interface TransactionOptions {
  isolation?: IsolationLevel;
  /** Friendly messages for named constraints, so a database refusal reads like a validation error. */
  constraints?: Record<string, (detail: string | undefined) => DomainError>;
  maxAttempts?: number;
}

/** The SQLSTATE of a failed query, if the error came from PostgreSQL. */
export function sqlState(error: unknown): string | undefined {
  if (error instanceof QueryFailedError) {
    return (error.driverError as { code?: string } | undefined)?.code;
  }
  return undefined;
}

export function constraintName(error: unknown): string | undefined {
  if (error instanceof QueryFailedError) {
    return (error.driverError as { constraint?: string } | undefined)?.constraint;
  }
  return undefined;
}

/**
 * Turns a database refusal into a coded error. Named constraints get their own messages; the rest fall back
 * to CONFLICT (unique, exclusion) or BAD_USER_INPUT (check, foreign key, not null).
 */
/** Messages node-postgres gives when a server does not answer in time (no SQLSTATE: the server never spoke). */
const CLIENT_TIMEOUTS =
  /^(Query read timeout|timeout exceeded when trying to connect|Connection terminated due to connection timeout|timeout expired)$/;
const CLIENT_DISCONNECTS =
  /^(Connection terminated unexpectedly|Client has encountered a connection error|connect ECONNREFUSED)/;

/** The database could not take the request now: full, too slow, or gone. Undefined for anything else. */
function unavailable(error: unknown, state: string | undefined): ServiceUnavailableError | undefined {
  if (state?.startsWith('53')) {
    return new ServiceUnavailableError(
      'The database has no space or memory left for this change: nothing was written; try again later',
      'DISK_FULL',
    );
  }
  if (state === '57014') {
    return new ServiceUnavailableError(
      'The database took too long to answer and the statement was stopped: nothing was written',
      'DATABASE_TIMEOUT',
    );
  }
  if (state?.startsWith('08') || state === '57P01' || state === '57P02' || state === '57P03') {
    return new ServiceUnavailableError(
      'The database is not available: try again later',
      'DATABASE_UNREACHABLE',
    );
  }
  const message = error instanceof Error ? error.message : '';
  const driverMessage =
    error instanceof QueryFailedError ? String((error.driverError as Error | undefined)?.message ?? '') : '';
  if (CLIENT_TIMEOUTS.test(message) || CLIENT_TIMEOUTS.test(driverMessage)) {
    return new ServiceUnavailableError(
      'The database did not answer in time: try again later',
      'DATABASE_TIMEOUT',
    );
  }
  if (CLIENT_DISCONNECTS.test(message) || CLIENT_DISCONNECTS.test(driverMessage)) {
    return new ServiceUnavailableError(
      'The database is not available: try again later',
      'DATABASE_UNREACHABLE',
    );
  }
  return undefined;
}

export function translateDatabaseError(
  error: unknown,
  constraints: TransactionOptions['constraints'] = {},
): unknown {
  const state = sqlState(error);
  const outage = unavailable(error, state);
  if (outage) return outage;
  if (!state) return error;
  const name = constraintName(error);
  const detail = (error as QueryFailedError & { driverError: { detail?: string } }).driverError?.detail;
  if (name && constraints[name]) return constraints[name](detail);
  switch (state) {
    case '23505':
      return new ConflictError(`Already exists (${name ?? 'unique constraint'})`, { constraint: name });
    case '23P01':
      return new ConflictError(`Overlaps an existing record (${name ?? 'exclusion constraint'})`, {
        constraint: name,
      });
    case '23514':
      return new BadUserInputError(`Refused by the database rule ${name ?? 'check constraint'}`, undefined, {
        constraint: name,
      });
    case '23503':
      return new BadUserInputError(
        `Refers to a record that does not exist (${name ?? 'foreign key'})`,
        undefined,
        {
          constraint: name,
        },
      );
    case '22P02':
    case '22007':
    case '22008':
      return new BadUserInputError('A value has the wrong format');
    default:
      return error;
  }
}

/**
 * Tells the database who is writing, for the audit triggers: the actor, their roles, the request and the
 * operation, as settings local to this transaction (gone at commit; never shared with another transaction).
 * In the same statement it records who the caller is (`app_user`: their name and staff record, as their token
 * says), so every person a record names as its decider, requester or author can be named in the API: added the
 * first time they write, updated only when their token says something new (no lock otherwise).
 */
export async function stampTransaction(em: EntityManager): Promise<void> {
  const scope = requestScope();
  const actor = scope?.actor;
  const name = actor?.name?.trim().slice(0, 200) || null;
  await em.query(
    `WITH stamp AS (
       SELECT set_config('tandem.actor', $1, true), set_config('tandem.actor_name', $2, true),
              set_config('tandem.actor_roles', $3, true), set_config('tandem.request_id', $4, true),
              set_config('tandem.operation', $5, true)
     ), caller AS (
       SELECT $1::text AS subject, $6::text AS name, (SELECT id FROM staff_member WHERE id = $7::uuid) AS staff_id
       WHERE $8::boolean
     ), added AS (
       INSERT INTO app_user (subject, name, staff_id) SELECT subject, name, staff_id FROM caller
       ON CONFLICT (subject) DO NOTHING
     ), changed AS (
       UPDATE app_user u SET name = coalesce(c.name, u.name), staff_id = coalesce(c.staff_id, u.staff_id),
              updated_at = now()
       FROM caller c
       WHERE u.subject = c.subject
         AND (coalesce(c.name, u.name), coalesce(c.staff_id, u.staff_id)) IS DISTINCT FROM (u.name, u.staff_id)
     )
     SELECT 1 FROM stamp`,
    [
      actor?.subject ?? 'system',
      actor?.name ?? '',
      actor ? [...actor.roles].join(',') : '',
      scope?.requestId ?? '',
      scope?.operation ?? '',
      name,
      actor?.staffId ?? null,
      !!actor && actor.subject.length <= 255,
    ],
  );
}

/**
 * One transaction per write: `run` opens it, hands the callback its EntityManager (always use it: the embedded
 * database has a single connection), retries on serialization failures and deadlocks, and translates
 * constraint violations into coded errors.
 */
@Injectable()
export class TransactionRunner {
  constructor(private readonly dataSource: DataSource) {}

  async run<T>(work: (em: EntityManager) => Promise<T>, options: TransactionOptions = {}): Promise<T> {
    const maxAttempts = options.maxAttempts ?? 4;
    for (let attempt = 1; ; attempt++) {
      try {
        const audited = async (em: EntityManager) => {
          await stampTransaction(em);
          return work(em);
        };
        return options.isolation
          ? await this.dataSource.transaction(options.isolation, audited)
          : await this.dataSource.transaction(audited);
      } catch (error) {
        if (attempt < maxAttempts && RETRYABLE.has(sqlState(error) ?? '')) {
          await new Promise((r) => setTimeout(r, 5 * attempt + Math.random() * 20));
          continue;
        }
        throw translateDatabaseError(error, options.constraints);
      }
    }
  }
}
