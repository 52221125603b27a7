import { randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Params } from 'nestjs-pino';
import type { AppConfig } from '../../config/config.js';

const REQUEST_ID = /^[A-Za-z0-9._-]{1,100}$/;

/** Structured JSON logs (pino): one line per request with its id, secrets redacted. */
export function loggingParams(config: AppConfig): Params {
  return {
    pinoHttp: {
      level: config.logLevel,
      genReqId: (req: IncomingMessage, res: ServerResponse) => {
        const given = req.headers['x-request-id'];
        const id = typeof given === 'string' && REQUEST_ID.test(given) ? given : randomUUID();
        res.setHeader('x-request-id', id);
        return id;
      },
      redact: {
        paths: ['req.headers.authorization', 'req.headers.cookie', 'req.query.token'],
        censor: '[redacted]',
      },
      autoLogging: {
        ignore: (req: IncomingMessage) =>
          req.url === '/health' || req.url?.startsWith('/graphql-ide/') === true,
      },
      customProps: () => ({ service: 'tandem' }),
      serializers: {
        req: (req: { id: string; method: string; url: string }) => ({
          id: req.id,
          method: req.method,
          url: req.url?.replace(/token=[^&]+/, 'token=[redacted]'),
        }),
        // The status is what a request log needs; the response's headers (a long CSP among them) are the same on
        // every response and cost a serialisation and a write per request.
        res: (res: { statusCode: number }) => ({ statusCode: res.statusCode }),
      },
    },
    exclude: [],
  };
}
