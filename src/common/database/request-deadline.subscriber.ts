import {
  type AfterQueryEvent,
  type BeforeQueryEvent,
  type EntitySubscriberInterface,
  EventSubscriber,
} from 'typeorm';
import { requestScope } from '../request-scope.js';

const statementVerb = (sql: string): string => sql.trimStart().slice(0, 8).toUpperCase();

/**
 * Enforces the request's deadline (security/request-timeout.ts) where all database work passes: before each
 * statement a request runs, wherever it comes from (loaders, services, transactions). Once the time is up the
 * statement is refused with RequestTimeoutError; ROLLBACK always runs, so a refused transaction undoes itself.
 * Nothing is instrumented per GraphQL field: one comparison per SQL statement.
 */
@EventSubscriber()
export class RequestDeadlineSubscriber implements EntitySubscriberInterface {
  beforeQuery(event: BeforeQueryEvent): void {
    const deadline = requestScope()?.deadline;
    if (!deadline) return;
    const verb = statementVerb(event.query);
    if (verb.startsWith('ROLLBACK')) return;
    deadline.check();
    if (verb === 'COMMIT') deadline.commitStarted();
  }

  afterQuery(event: AfterQueryEvent): void {
    const deadline = requestScope()?.deadline;
    if (deadline && statementVerb(event.query) === 'COMMIT') deadline.commitEnded(event.success);
  }
}
