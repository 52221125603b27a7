import { type CanActivate, type ExecutionContext, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { GqlExecutionContext } from '@nestjs/graphql';
import type { GraphQLResolveInfo } from 'graphql';
import { ForbiddenError, UnauthenticatedError } from '../errors/domain-error.js';
import { Role, type Actor } from './actor.js';
import { ALLOW_KEY, AUTHENTICATED, type Permission, PUBLIC } from './allow.decorator.js';
import { parseAuthorization } from './bearer.js';
import type { TandemRequest } from './request-context.js';
import { requestScope } from '../request-scope.js';
import { TokenService } from './token.service.js';

const ROOT_TYPES = new Set(['Query', 'Mutation', 'Subscription']);

/** The request behind an execution context, for GraphQL and HTTP alike. */
export function requestOf(context: ExecutionContext): TandemRequest {
  if (context.getType<'graphql' | 'http'>() === 'graphql') {
    return GqlExecutionContext.create(context).getContext<{ req: TandemRequest }>().req;
  }
  return context.switchToHttp().getRequest<TandemRequest>();
}

/**
 * The one place permissions are enforced. Reads `@Allow(...)` from the operation, verifies the bearer token
 * (once per request) and compares roles. Root GraphQL fields and HTTP routes without a declaration are refused;
 * field resolvers without one are public (they are reached only through a root field that was checked).
 */
@Injectable()
export class AuthGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    private readonly tokens: TokenService,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const permissions = this.reflector.getAllAndOverride<Permission[] | undefined>(ALLOW_KEY, [
      context.getHandler(),
      context.getClass(),
    ]);
    const isGraphql = context.getType<'graphql' | 'http'>() === 'graphql';
    const info = isGraphql ? GqlExecutionContext.create(context).getInfo<GraphQLResolveInfo>() : undefined;
    const operation = info ? `${info.parentType.name}.${info.fieldName}` : context.getHandler().name;
    if (!permissions) {
      if (info && !ROOT_TYPES.has(info.parentType.name)) return true;
      throw new ForbiddenError(`${operation} declares no permission, so nobody may call it`);
    }
    const request = requestOf(context);
    const actor = await this.authenticate(request);
    const scope = requestScope();
    if (scope) {
      scope.actor = actor;
      // The audit trail names the root operation (a field resolver runs inside one).
      if (!info || ROOT_TYPES.has(info.parentType.name)) {
        scope.operation = info ? operation : `${context.getClass().name}.${context.getHandler().name}`;
      }
    }
    if (permissions.includes(PUBLIC)) return true;
    if (!actor) throw new UnauthenticatedError();
    if (permissions.includes(AUTHENTICATED) || actor.roles.has(Role.ADMIN)) return true;
    if (permissions.some((p) => actor.roles.has(p as Role))) return true;
    throw new ForbiddenError(`${operation} needs one of the roles ${permissions.join(', ')}`, {
      required: permissions,
    });
  }

  private authenticate(request: TandemRequest): Promise<Actor | undefined> {
    request.actorPromise ??= (async () => {
      const authorization = parseAuthorization(request.headers?.authorization);
      if (authorization.kind === 'none') return undefined;
      if (authorization.kind === 'malformed') throw new UnauthenticatedError(authorization.message);
      const actor = await this.tokens.verify(authorization.token);
      request.actor = actor;
      return actor;
    })();
    return request.actorPromise;
  }
}
