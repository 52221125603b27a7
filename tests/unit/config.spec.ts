import { ConfigError, DEVELOPMENT_JWT_SECRET, loadConfig } from '../../src/config/config.js';

describe('loadConfig', () => {
  it('defaults to the embedded database under ./.data with the development secret', () => {
    const c = loadConfig({});
    expect(c.database).toEqual({ kind: 'embedded', dataDir: './.data' });
    expect(c.auth.jwtSecret).toBe(DEVELOPMENT_JWT_SECRET);
    expect(c.auth.usingDevelopmentSecret).toBe(true);
    expect(c.seedDemo).toBe(true);
    expect(c.graphql).toEqual({
      ide: true,
      introspection: true,
      maxDepth: 12,
      maxCost: 20_000,
      maxAliases: 30,
    });
    expect(c.rateLimitPerMinute).toBe(600);
    expect(c.port).toBe(3000);
    expect(c.publicUrl).toBe('http://127.0.0.1:3000');
  });

  it('uses DATABASE_URL when set and never seeds it unless asked', () => {
    const c = loadConfig({ DATABASE_URL: 'postgres://u@h:5432/db', DATABASE_POOL_SIZE: '7' });
    expect(c.database).toEqual({ kind: 'postgres', url: 'postgres://u@h:5432/db', poolSize: 7 });
    expect(c.seedDemo).toBe(false);
    expect(loadConfig({ DATABASE_URL: 'postgres://u@h/db', SEED_DEMO: 'true' }).seedDemo).toBe(true);
  });

  it('takes the limits and the public address from the environment, refusing nonsense', () => {
    const c = loadConfig({
      GRAPHQL_MAX_DEPTH: '8',
      RATE_LIMIT_PER_MINUTE: '0',
      PUBLIC_URL: 'https://rota.example.nhs.uk/',
    });
    expect([c.graphql.maxDepth, c.rateLimitPerMinute, c.publicUrl]).toEqual([
      8,
      0,
      'https://rota.example.nhs.uk',
    ]);
    expect(() => loadConfig({ GRAPHQL_MAX_DEPTH: '1' })).toThrow(ConfigError);
    expect(() => loadConfig({ RATE_LIMIT_PER_MINUTE: 'lots' })).toThrow(/RATE_LIMIT_PER_MINUTE/);
  });

  it('takes an in-memory embedded database', () => {
    expect(loadConfig({ TANDEM_DATA_DIR: 'memory://' }).database).toEqual({
      kind: 'embedded',
      dataDir: 'memory://',
    });
  });

  it('requires a secret in production and switches the IDE and introspection off there', () => {
    expect(() => loadConfig({ NODE_ENV: 'production' })).toThrow(/JWT_SECRET: is required in production/);
    const c = loadConfig({ NODE_ENV: 'production', JWT_SECRET: 's'.repeat(32) });
    expect(c.graphql).toMatchObject({ ide: false, introspection: false });
    expect(c.auth.usingDevelopmentSecret).toBe(false);
  });

  it('never falls back to the development secret in production with a JWKS issuer', () => {
    const c = loadConfig({
      NODE_ENV: 'production',
      JWT_JWKS_URL: 'https://idp.example.nhs.uk/.well-known/jwks.json',
    });
    expect(c.auth.jwtSecret).toBeUndefined();
  });

  it('names every bad variable', () => {
    try {
      loadConfig({ PORT: 'eighty', DATABASE_URL: 'mysql://x', JWT_SECRET: 'short' });
      throw new Error('expected a ConfigError');
    } catch (error) {
      expect(error).toBeInstanceOf(ConfigError);
      expect((error as Error).message).toMatch(/PORT/);
      expect((error as Error).message).toMatch(/DATABASE_URL/);
      expect((error as Error).message).toMatch(/JWT_SECRET/);
    }
  });
});
