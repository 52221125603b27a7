import { jest } from '@jest/globals';
import { SignJWT } from 'jose';
import { Role } from '../../src/common/auth/actor.js';
import { TokenService } from '../../src/common/auth/token.service.js';
import { loadConfig } from '../../src/config/config.js';

const SECRET = 'unit-test-secret-0123456789-abcdefghijkl';
const ORG = '3f2b8c1e-7a4d-4e9b-9c2a-1d5e6f7a8b9c';

describe('TokenService', () => {
  const service = new TokenService(loadConfig({ JWT_SECRET: SECRET, JWT_ISSUER: 'tandem-test' }));

  it('round-trips roles and scopes', async () => {
    const token = await service.mint({
      subject: 'u1',
      roles: [Role.HR, Role.MANAGER],
      organisationIds: [ORG],
      teamIds: [],
    });
    const actor = await service.verify(token);
    expect(actor.subject).toBe('u1');
    expect([...actor.roles].sort()).toEqual(['HR', 'MANAGER']);
    expect(actor.organisationIds).toEqual([ORG]);
    expect(actor.teamIds).toEqual([]);
  });

  it('keeps a verified token, but refuses it once it expires and never shares the caller between requests', async () => {
    const token = await service.mint({ subject: 'kept', roles: [Role.MANAGER], teamIds: [], expiresIn: 60 });
    const first = await service.verify(token);
    const second = await service.verify(token);
    expect(second).toEqual(first);
    expect(second).not.toBe(first); // a copy per request
    (second as { subject: string }).subject = 'tampered';
    expect((await service.verify(token)).subject).toBe('kept');
    const now = Date.now();
    const later = jest.spyOn(Date, 'now').mockReturnValue(now + 61_000);
    try {
      await expect(service.verify(token)).rejects.toThrow(/expired/);
    } finally {
      later.mockRestore();
    }
    // A token whose signature does not verify is never kept, however often it is sent.
    const forged = `${token.slice(0, -4)}AAAA`;
    await expect(service.verify(forged)).rejects.toMatchObject({ code: 'UNAUTHENTICATED' });
    await expect(service.verify(forged)).rejects.toMatchObject({ code: 'UNAUTHENTICATED' });
  });

  it('refuses a token from another issuer', async () => {
    const other = new TokenService(loadConfig({ JWT_SECRET: SECRET, JWT_ISSUER: 'someone-else' }));
    const token = await other.mint({ subject: 'u1', roles: [Role.ADMIN] });
    await expect(service.verify(token)).rejects.toMatchObject({ code: 'UNAUTHENTICATED' });
  });

  it('refuses unknown roles and malformed scope claims', async () => {
    const key = new TextEncoder().encode(SECRET);
    const sign = (claims: Record<string, unknown>) =>
      new SignJWT(claims)
        .setProtectedHeader({ alg: 'HS256' })
        .setSubject('u')
        .setIssuer('tandem-test')
        .setExpirationTime('1h')
        .sign(key);
    await expect(service.verify(await sign({ roles: ['SUPERUSER'] }))).rejects.toThrow(/roles/);
    await expect(service.verify(await sign({ roles: ['HR'], org_ids: ['not-a-uuid'] }))).rejects.toThrow(
      /org_ids/,
    );
    await expect(service.verify(await sign({ roles: ['STAFF'], staff_id: 42 }))).rejects.toThrow(/staff_id/);
  });

  it('refuses HS256 tokens when no secret is configured (production with an identity provider)', async () => {
    const token = await service.mint({ subject: 'u1', roles: [Role.ADMIN] });
    const idpOnly = new TokenService(
      loadConfig({
        NODE_ENV: 'production',
        JWT_JWKS_URL: 'https://idp.example/jwks.json',
        JWT_ISSUER: 'tandem-test',
      }),
    );
    await expect(idpOnly.verify(token)).rejects.toMatchObject({ code: 'UNAUTHENTICATED' });
  });
});

describe('TokenService: lifetime and time claims', () => {
  const key = new TextEncoder().encode(SECRET);
  const service = new TokenService(loadConfig({ JWT_SECRET: SECRET, JWT_MAX_LIFETIME: '2h' }));
  const now = () => Math.floor(Date.now() / 1000);
  const sign = (claims: Record<string, unknown>) =>
    new SignJWT({ roles: ['ADMIN'], ...claims })
      .setProtectedHeader({ alg: 'HS256' })
      .setSubject('u')
      .sign(key);

  it('accepts a token within the maximum lifetime, iat a few seconds ahead (clock skew) or absent', async () => {
    await expect(service.verify(await sign({ iat: now(), exp: now() + 7200 }))).resolves.toMatchObject({
      subject: 'u',
    });
    await expect(service.verify(await sign({ iat: now() + 30, exp: now() + 3600 }))).resolves.toBeDefined();
    await expect(service.verify(await sign({ exp: now() + 3600 }))).resolves.toBeDefined();
  });

  it('refuses a token without an expiry', async () => {
    await expect(service.verify(await sign({ iat: now() }))).rejects.toMatchObject({
      code: 'UNAUTHENTICATED',
      message: 'Token has no expiry (exp): tokens must expire',
    });
  });

  it('refuses a token that lives longer than JWT_MAX_LIFETIME, with or without iat', async () => {
    await expect(service.verify(await sign({ iat: now(), exp: now() + 7201 }))).rejects.toMatchObject({
      code: 'UNAUTHENTICATED',
      message: 'Token lives longer (exp − iat) than the maximum of 2h',
    });
    // Issued long ago and still valid: its lifetime counts from iat.
    await expect(service.verify(await sign({ iat: now() - 86_400, exp: now() + 60 }))).rejects.toThrow(
      /longer \(exp − iat\) than the maximum of 2h/,
    );
    await expect(service.verify(await sign({ exp: now() + 86_400 * 365 }))).rejects.toMatchObject({
      code: 'UNAUTHENTICATED',
      message: 'Token has no iat and expires more than 2h from now',
    });
  });

  it('refuses a token issued in the future (beyond 60 s of clock skew) or not valid yet', async () => {
    await expect(service.verify(await sign({ iat: now() + 120, exp: now() + 3600 }))).rejects.toMatchObject({
      code: 'UNAUTHENTICATED',
      message: 'Token is issued in the future (iat): check the issuer’s clock',
    });
    await expect(service.verify(await sign({ nbf: now() + 120, exp: now() + 3600 }))).rejects.toMatchObject({
      code: 'UNAUTHENTICATED',
      message: 'Token is not valid yet (nbf)',
    });
  });

  it('still refuses an expired token', async () => {
    await expect(service.verify(await sign({ iat: now() - 120, exp: now() - 1 }))).rejects.toMatchObject({
      code: 'UNAUTHENTICATED',
      message: 'Token has expired',
    });
  });

  it('mints within the maximum: by default min(12h, the maximum), and refuses longer', async () => {
    const decode = (token: string) =>
      JSON.parse(Buffer.from(token.split('.')[1]!, 'base64url').toString('utf8')) as {
        iat: number;
        exp: number;
      };
    const short = decode(await service.mint({ subject: 'u', roles: [Role.ADMIN] }));
    expect(short.exp - short.iat).toBe(7200);
    const roomy = new TokenService(loadConfig({ JWT_SECRET: SECRET, JWT_MAX_LIFETIME: '7d' }));
    const demo = decode(await roomy.mint({ subject: 'u', roles: [Role.ADMIN] }));
    expect(demo.exp - demo.iat).toBe(12 * 3600);
    await expect(service.mint({ subject: 'u', roles: [Role.ADMIN], expiresIn: '3h' })).rejects.toThrow(
      /longer than the maximum token lifetime of 2h/,
    );
  });
});
