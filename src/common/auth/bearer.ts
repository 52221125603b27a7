/** What an Authorization header says, read the same way by the AuthGuard and the rate limiter. */
export type Authorization =
  { kind: 'none' } | { kind: 'bearer'; token: string } | { kind: 'malformed'; message: string };

export const MALFORMED_AUTHORIZATION = 'Authorization header must be "Bearer <token>"';

/** `Bearer` in any case, exactly one space, and a JWT in compact form: three base64url parts joined by dots. */
const BEARER = /^[Bb][Ee][Aa][Rr][Ee][Rr] ([A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+)$/;

/**
 * Parses an Authorization header. Anything but `Bearer <JWT>` is malformed (and refused), so no other spelling of
 * the same token can be counted apart from it.
 */
export function parseAuthorization(header: string | undefined): Authorization {
  if (header === undefined || header === '') return { kind: 'none' };
  const match = BEARER.exec(header);
  return match
    ? { kind: 'bearer', token: match[1]! }
    : { kind: 'malformed', message: MALFORMED_AUTHORIZATION };
}
