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
