import type { PlainResolvers } from '../common/graphql/plain-resolvers.js';
import { PASSPORT_READ_PATH } from '../modules/passport/passport.resolver.js';
import { ROTA_READ_PATH } from '../modules/rotas/rotas.resolver.js';
import { STAFF_READ_PATH } from '../modules/staff/staff.resolver.js';
import { USER_READ_PATH } from '../modules/users/users.resolver.js';

/** Field resolvers run as plain functions on the hot read path (installed over their Nest resolvers). */
export const PLAIN_RESOLVERS: readonly PlainResolvers[] = [
  ROTA_READ_PATH,
  STAFF_READ_PATH,
  PASSPORT_READ_PATH,
  USER_READ_PATH,
];
