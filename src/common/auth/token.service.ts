import { Inject, Injectable } from '@nestjs/common';
import { createRemoteJWKSet, errors as joseErrors, jwtVerify, type JWTVerifyGetKey } from 'jose';
import { APP_CONFIG } from '../../config/config.module.js';
import type { AppConfig } from '../../config/config.js';
import { formatDuration } from '../../config/duration.js';
import { UnauthenticatedError } from '../errors/domain-error.js';
import { Role, type Actor } from './actor.js';
import { type MintOptions, mintToken, type TandemClaims } from './token-signing.js';

export type { MintOptions, TandemClaims } from './token-signing.js';

/** How far ahead of this server's clock an issuer's `iat` and `nbf` may be. */
export const CLOCK_SKEW_SECONDS = 60;

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const ROLES = new Set<string>(Object.values(Role));

/** How many verified tokens `verify` keeps (a few hundred bytes each). */
const VERIFIED_TOKENS_KEPT = 2000;

const NO_EXPIRY = 'Token has no expiry (exp): tokens must expire';
const NOT_YET_VALID = 'Token is not valid yet (nbf)';

function idList(value: unknown, claim: string): string[] {
  if (value === undefined) return [];
  if (!Array.isArray(value) || !value.every((v) => typeof v === 'string' && UUID.test(v))) {
    throw new UnauthenticatedError(`Token claim ${claim} must be a list of ids`);
  }
  return value as string[];
}

/** Verifies bearer tokens (HS256 with the configured secret, or an issuer's JWKS) and mints development ones. */
@Injectable()
export class TokenService {
  private readonly secret?: Uint8Array;
  private readonly jwks?: JWTVerifyGetKey;
  /**
   * Tokens already verified, with their claims: a client sends the same token with every request, and its
   * signature, issuer and audience do not change — only the clock does, so `checkTimes` runs on every use.
   * Bounded; the oldest entry leaves first.
   */
  private readonly verified = new Map<string, { payload: TandemClaims; actor: Actor }>();

  constructor(@Inject(APP_CONFIG) private readonly config: AppConfig) {
    const { jwtSecret, jwksUrl } = config.auth;
    if (jwtSecret) this.secret = new TextEncoder().encode(jwtSecret);
    if (jwksUrl) this.jwks = createRemoteJWKSet(new URL(jwksUrl));
  }

  async verify(token: string): Promise<Actor> {
    const known = this.verified.get(token);
    if (known) {
      this.checkTimes(known.payload);
      return { ...known.actor };
    }
    let payload: TandemClaims;
    try {
      const header = JSON.parse(Buffer.from(token.split('.')[0] ?? '', 'base64url').toString('utf8')) as {
        alg?: string;
      };
      // jose checks the signature, iss, aud, and exp and nbf with the skew; checkTimes then holds exp to the second.
      const options = {
        issuer: this.config.auth.issuer,
        audience: this.config.auth.audience,
        requiredClaims: ['exp'],
        clockTolerance: CLOCK_SKEW_SECONDS,
      };
      if (header.alg === 'HS256' && this.secret) {
        ({ payload } = await jwtVerify<TandemClaims>(token, this.secret, {
          ...options,
          algorithms: ['HS256'],
        }));
      } else if (header.alg && header.alg !== 'HS256' && header.alg !== 'none' && this.jwks) {
        ({ payload } = await jwtVerify<TandemClaims>(token, this.jwks, options));
      } else {
        throw new UnauthenticatedError('Token signed with an algorithm this service does not accept');
      }
    } catch (error) {
      if (error instanceof UnauthenticatedError) throw error;
      if (error instanceof joseErrors.JWTExpired) throw new UnauthenticatedError('Token has expired');
      if (error instanceof joseErrors.JWTClaimValidationFailed) {
        if (error.claim === 'exp') throw new UnauthenticatedError(NO_EXPIRY);
        if (error.claim === 'nbf') throw new UnauthenticatedError(NOT_YET_VALID);
      }
      throw new UnauthenticatedError('Invalid token');
    }
    this.checkTimes(payload);
    const actor = this.toActor(payload);
    if (this.verified.size >= VERIFIED_TOKENS_KEPT) this.verified.delete(this.verified.keys().next().value!);
    this.verified.set(token, { payload, actor });
    return { ...actor };
  }

  /**
   * A token must expire, within the maximum lifetime of when it was issued (or of now, when it does not say), and
   * must not come from the future: a stolen long-lived or post-dated token is worth little.
   */
  private checkTimes(payload: TandemClaims, now = Math.floor(Date.now() / 1000)): void {
    const { exp, iat, nbf } = payload;
    const max = this.config.auth.maxLifetimeSeconds;
    if (typeof exp !== 'number') throw new UnauthenticatedError(NO_EXPIRY);
    if (exp <= now) throw new UnauthenticatedError('Token has expired');
    if (typeof iat === 'number' && iat > now + CLOCK_SKEW_SECONDS) {
      throw new UnauthenticatedError('Token is issued in the future (iat): check the issuer’s clock');
    }
    if (typeof nbf === 'number' && nbf > now + CLOCK_SKEW_SECONDS) {
      throw new UnauthenticatedError(NOT_YET_VALID);
    }
    if (typeof iat === 'number' ? exp - iat > max : exp - now > max) {
      throw new UnauthenticatedError(
        typeof iat === 'number'
          ? `Token lives longer (exp − iat) than the maximum of ${formatDuration(max)}`
          : `Token has no iat and expires more than ${formatDuration(max)} from now`,
      );
    }
  }

  private toActor(payload: TandemClaims): Actor {
    if (!payload.sub) throw new UnauthenticatedError('Token has no subject');
    const roles = payload.roles ?? [];
    if (!Array.isArray(roles) || roles.some((r) => !ROLES.has(r))) {
      throw new UnauthenticatedError(`Token claim roles must be a list of ${[...ROLES].join(', ')}`);
    }
    const staffId = payload.staff_id;
    if (staffId !== undefined && (typeof staffId !== 'string' || !UUID.test(staffId))) {
      throw new UnauthenticatedError('Token claim staff_id must be an id');
    }
    return {
      subject: payload.sub,
      name: typeof payload.name === 'string' ? payload.name : undefined,
      roles: new Set(roles as Role[]),
      organisationIds: idList(payload.org_ids, 'org_ids'),
      teamIds: idList(payload.team_ids, 'team_ids'),
      staffId,
    };
  }

  /** Signs an HS256 token with the configured secret (development and tests; production uses an identity provider). */
  mint(options: MintOptions): Promise<string> {
    if (!this.config.auth.jwtSecret) throw new Error('No JWT_SECRET configured: cannot mint tokens');
    return mintToken(this.config.auth.jwtSecret, options, this.config.auth);
  }
}
