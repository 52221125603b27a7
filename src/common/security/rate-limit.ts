import { createHash } from 'node:crypto';
import type { Request, RequestHandler } from 'express';
import { ipKeyGenerator, rateLimit, type Store } from 'express-rate-limit';
import { parseAuthorization } from '../auth/bearer.js';
import { RateLimitedError } from '../errors/domain-error.js';

/**
 * Requests per minute per bearer token (its hash, as the AuthGuard reads it: `bearer X` and `Bearer X` are one
 * token), or per client address when there is none or the header is malformed (the guard refuses those); /health
 * is exempt. Counts are kept in `store` (rate-limit-store.ts: PostgreSQL, shared by every instance, on a server;
 * this process's memory when undefined). An exceeded limit is 429 with `RATE_LIMITED` (GraphQL-shaped on
 * /graphql) and a Retry-After header.
 */
export function rateLimitPerToken(perMinute: number, store?: Store): RequestHandler {
  return limiter(perMinute, store, (req) => {
    const authorization = parseAuthorization(req.headers.authorization);
    if (authorization.kind === 'bearer') {
      return `t:${createHash('sha256').update(authorization.token).digest('base64url').slice(0, 32)}`;
    }
    return `a:${ipKeyGenerator(req.ip ?? 'unknown')}`;
  });
}

/**
 * A wider limit per client address whatever the token (many staff share a hospital's address, hence the
 * margin): made-up tokens, each a fresh key above, cannot multiply one client's allowance.
 */
export function rateLimitPerAddress(perMinute: number, store?: Store): RequestHandler {
  return limiter(perMinute, store, (req) => `ip:${ipKeyGenerator(req.ip ?? 'unknown')}`);
}

function limiter(
  perMinute: number,
  store: Store | undefined,
  keyGenerator: (req: Request) => string,
): RequestHandler {
  return rateLimit({
    ...(store ? { store } : {}),
    windowMs: 60_000,
    limit: perMinute,
    standardHeaders: 'draft-8',
    legacyHeaders: false,
    skip: (req) => req.path === '/health',
    keyGenerator,
    handler: (req, res, _next, options) => {
      const reset = (req as unknown as { rateLimit?: { resetTime?: Date } }).rateLimit?.resetTime;
      const retry = Math.max(
        1,
        Math.ceil(((reset?.getTime() ?? Date.now() + options.windowMs) - Date.now()) / 1000),
      );
      const error = new RateLimitedError(retry);
      res.setHeader('Retry-After', String(retry));
      const body = { code: error.code, message: error.message, ...error.details };
      if (req.path.startsWith('/graphql')) {
        const { message, ...extensions } = body;
        res.status(429).json({ errors: [{ message, extensions }] });
      } else {
        res.status(429).json({ error: body });
      }
    },
  });
}
