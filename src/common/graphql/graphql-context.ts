import type { Response } from 'express';
import type { TandemRequest } from '../auth/request-context.js';
import type { VisibilityScope } from '../visibility/visibility-scope.js';
import type { Loaders } from './loaders.js';

/** The GraphQL context of one request. */
export interface GraphQLContext {
  req: TandemRequest;
  res: Response;
  loaders: Loaders;
  /** What this caller may see of each object reached (the visibility policies). */
  visibility: VisibilityScope;
}
