import { type ArgumentsHost, Catch, type ExceptionFilter, Inject, Logger } from '@nestjs/common';
import type { Request, Response } from 'express';
import { APP_CONFIG } from '../../config/config.module.js';
import type { AppConfig } from '../../config/config.js';
import { ErrorCode } from './domain-error.js';
import { domainGraphQLError, toDomainError } from './error-mapping.js';

/**
 * The one exception filter. GraphQL: coded errors become GraphQLErrors with `extensions.code`, and the
 * formatter (formatGraphQLError) has the last word; HTTP: a JSON body `{ error: { code, message, ... } }` with
 * the matching status. Unexpected errors are logged once and never shown in production.
 */
@Catch()
export class DomainExceptionFilter implements ExceptionFilter {
  private readonly logger = new Logger('Errors');

  constructor(@Inject(APP_CONFIG) private readonly config: AppConfig) {}

  catch(exception: unknown, host: ArgumentsHost): unknown {
    const domain = toDomainError(exception);
    if (host.getType<'graphql' | 'http'>() === 'graphql') {
      // Unexpected errors go on untouched: the GraphQL formatter logs and masks them.
      return domain ? domainGraphQLError(domain) : exception;
    }
    const http = host.switchToHttp();
    const response = http.getResponse<Response>();
    if (response.headersSent) return undefined;
    if (!domain) this.logger.error(exception);
    const status = domain?.httpStatus ?? 500;
    const error = domain
      ? { ...domain.details, code: domain.code, message: domain.message }
      : {
          code: ErrorCode.INTERNAL_SERVER_ERROR,
          message:
            this.config.env === 'production'
              ? 'Internal server error'
              : String((exception as Error)?.message),
        };
    // Requests to the GraphQL endpoint that fail before Apollo (body too large, bad JSON) still get GraphQL's shape.
    if (http.getRequest<Request>().path?.startsWith('/graphql')) {
      const { message, code, ...rest } = error;
      response.status(status).json({ errors: [{ message, extensions: { ...rest, code } }] });
    } else {
      response.status(status).json({ error });
    }
    return undefined;
  }
}
