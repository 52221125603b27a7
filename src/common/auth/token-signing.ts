import { SignJWT, type JWTPayload } from 'jose';
import { formatDuration, parseDuration } from '../../config/duration.js';
import type { Role } from './actor.js';

/** How long a minted token lives unless asked otherwise (never more than the configured maximum). */
export const DEFAULT_TOKEN_LIFETIME_SECONDS = 12 * 3600;

/** The claims Tandem reads from (and writes into) a token. */
export interface TandemClaims extends JWTPayload {
  name?: string;
  roles?: string[];
  org_ids?: string[];
  team_ids?: string[];
  staff_id?: string;
}

export interface MintOptions {
  subject: string;
  name?: string;
  roles: Role[];
  organisationIds?: string[];
  teamIds?: string[];
  staffId?: string;
  /** A duration (`30m`, `12h`; `-1m` for one already expired) or seconds. Default: 12 h, or the maximum if shorter. */
  expiresIn?: string | number;
}

/**
 * The lifetime in seconds a token minted with `expiresIn` would have; throws when it cannot be read or is longer
 * than `maxLifetimeSeconds` (JWT_MAX_LIFETIME), which the service would refuse.
 */
export function tokenLifetime(expiresIn: string | number | undefined, maxLifetimeSeconds?: number): number {
  const max = maxLifetimeSeconds ?? DEFAULT_TOKEN_LIFETIME_SECONDS;
  if (expiresIn === undefined) return Math.min(DEFAULT_TOKEN_LIFETIME_SECONDS, max);
  const seconds = typeof expiresIn === 'number' ? expiresIn : parseDuration(expiresIn);
  if (seconds === undefined || !Number.isInteger(seconds)) {
    throw new Error(`${String(expiresIn)} is not a duration such as 30m, 12h or 1d`);
  }
  if (seconds > max) {
    throw new Error(
      `${typeof expiresIn === 'number' ? formatDuration(expiresIn) : expiresIn} is longer than the maximum token lifetime of ${formatDuration(max)} (JWT_MAX_LIFETIME)`,
    );
  }
  return seconds;
}

/**
 * Signs an HS256 token (development and tests; production uses an identity provider), always with `iat` and `exp`.
 * Plain functions, no framework: `npm run token` loads only this.
 */
export async function mintToken(
  secret: string,
  options: MintOptions,
  claims: { issuer?: string; audience?: string; maxLifetimeSeconds?: number } = {},
): Promise<string> {
  const issuedAt = Math.floor(Date.now() / 1000);
  const lifetime = tokenLifetime(options.expiresIn, claims.maxLifetimeSeconds);
  const payload: TandemClaims = {
    name: options.name,
    roles: options.roles,
    org_ids: options.organisationIds ?? [],
    team_ids: options.teamIds ?? [],
    ...(options.staffId ? { staff_id: options.staffId } : {}),
  };
  let jwt = new SignJWT(payload)
    .setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
    .setSubject(options.subject)
    .setIssuedAt(issuedAt)
    .setExpirationTime(issuedAt + lifetime);
  if (claims.issuer) jwt = jwt.setIssuer(claims.issuer);
  if (claims.audience) jwt = jwt.setAudience(claims.audience);
  return jwt.sign(new TextEncoder().encode(secret));
}
