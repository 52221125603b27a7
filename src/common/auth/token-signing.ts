import { SignJWT, type JWTPayload } from 'jose';
import type { Role } from './actor.js';

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
  expiresIn?: string;
}

/**
 * Signs an HS256 token (development and tests; production uses an identity provider). Plain functions, no
 * framework: `npm run token` loads only this.
 */
export function mintToken(
  secret: string,
  options: MintOptions,
  claims: { issuer?: string; audience?: string } = {},
): Promise<string> {
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
    .setIssuedAt()
    .setExpirationTime(options.expiresIn ?? '12h');
  if (claims.issuer) jwt = jwt.setIssuer(claims.issuer);
  if (claims.audience) jwt = jwt.setAudience(claims.audience);
  return jwt.sign(new TextEncoder().encode(secret));
}
