import { createParamDecorator, type ExecutionContext } from '@nestjs/common';
import { UnauthenticatedError } from '../errors/domain-error.js';
import type { Actor } from './actor.js';
import { requestOf } from './auth.guard.js';

/** The verified caller. Only on operations that require a token (the guard has run). */
export const CurrentActor = createParamDecorator((_data: unknown, context: ExecutionContext): Actor => {
  const actor = requestOf(context).actor;
  if (!actor) throw new UnauthenticatedError();
  return actor;
});
