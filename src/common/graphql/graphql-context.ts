import type { Response } from 'express';
import type { TandemRequest } from '../auth/request-context.js';
import type { Loaders } from './loaders.js';

/** The GraphQL context of one request. */
export interface GraphQLContext {
  req: TandemRequest;
  res: Response;
  loaders: Loaders;
}
