import { SetMetadata } from '@nestjs/common';
import { Role } from './actor.js';

/** Anyone with a valid token, whatever their role. */
export const AUTHENTICATED = 'AUTHENTICATED';
/** No token needed (health checks, the IDE). */
export const PUBLIC = 'PUBLIC';

export type Permission = Role | typeof AUTHENTICATED | typeof PUBLIC;

export const ALLOW_KEY = 'tandem:allow';

/**
 * Declares who may call an operation: roles (ADMIN is always allowed), AUTHENTICATED or PUBLIC. Every query,
 * mutation and HTTP route must declare it; the global AuthGuard refuses one that does not. Scope (which
 * organisation, team or person) is checked by the service, which knows the objects involved.
 */
export const Allow = (...permissions: Permission[]): MethodDecorator & ClassDecorator =>
  SetMetadata(ALLOW_KEY, permissions);
