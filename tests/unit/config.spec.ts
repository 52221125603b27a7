import { availableParallelism } from 'node:os';
import { ConfigError, DEVELOPMENT_JWT_SECRET, loadConfig } from '../../src/config/config.js';

describe('loadConfig', () => {
  it('defaults to the embedded database under ./.data with the development secret', () => {
    const c = loadConfig({});
    expect(c.database).toEqual({ kind: 'embedded', dataDir: './.data', appRole: 'tandem_app' });
    expect(c.auth.jwtSecret).toBe(DEVELOPMENT_JWT_SECRET);
    expect(c.auth.usingDevelopmentSecret).toBe(true);
    expect(c.seedDemo).toBe(true);
    expect(c.graphql).toEqual({
      ide: true,
      introspection: true,
      maxDepth: 12,
      maxCost: 50_000,
      maxAliases: 30,
      requestTimeoutMs: 15_000,
      maxConcurrent: 2 * availableParallelism(),
    });
    expect(c.rateLimitPerMinute).toBe(600);
    expect(c.port).toBe(3000);
    expect(c.publicUrl).toBe('http://127.0.0.1:3000');
  });

  it('uses DATABASE_URL when set and never seeds it unless asked', () => {
    const c = loadConfig({ DATABASE_URL: 'postgres://u@h:5432/db', DATABASE_POOL_SIZE: '7' });
    expect(c.database).toEqual({
      kind: 'postgres',
      url: 'postgres://u@h:5432/db',
      poolSize: 7,
      timeouts: { connectMs: 5_000, statementMs: 30_000, idleInTransactionMs: 60_000 },
      appRole: 'tandem_app',
    });
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

  it('takes the database and health timeouts from the environment', () => {
    const c = loadConfig({
      DATABASE_URL: 'postgres://u@h/db',
      DATABASE_CONNECT_TIMEOUT_MS: '1500',
      DATABASE_STATEMENT_TIMEOUT_MS: '0',
      DATABASE_IDLE_IN_TRANSACTION_TIMEOUT_MS: '9000',
      HEALTH_TIMEOUT_MS: '500',
      HEALTH_MIN_FREE_DISK_MB: '10',
    });
    expect(c.database).toMatchObject({
      timeouts: { connectMs: 1500, statementMs: 0, idleInTransactionMs: 9000 },
    });
    expect(c.health).toEqual({ timeoutMs: 500, minFreeDiskBytes: 10 * 1024 * 1024 });
    expect(() => loadConfig({ HEALTH_TIMEOUT_MS: '0' })).toThrow(/HEALTH_TIMEOUT_MS/);
    expect(() => loadConfig({ DATABASE_STATEMENT_TIMEOUT_MS: '-1' })).toThrow(
      /DATABASE_STATEMENT_TIMEOUT_MS/,
    );
  });

  it('never seeds the demo or prints tokens in production unless told to', () => {
    const production = { NODE_ENV: 'production', JWT_SECRET: 's'.repeat(32) };
    const c = loadConfig(production);
    expect(c.database.kind).toBe('embedded');
    expect([c.seedDemo, c.printDemoTokens]).toEqual([false, false]);
    const asked = loadConfig({ ...production, SEED_DEMO: 'true', PRINT_DEMO_TOKENS: 'true' });
    expect([asked.seedDemo, asked.printDemoTokens]).toEqual([true, true]);
    expect(loadConfig({}).printDemoTokens).toBe(true);
  });

  it('takes an in-memory embedded database', () => {
    expect(loadConfig({ TANDEM_DATA_DIR: 'memory://' }).database).toEqual({
      kind: 'embedded',
      dataDir: 'memory://',
      appRole: 'tandem_app',
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

describe('JWT_MAX_LIFETIME', () => {
  it('defaults to 12 hours and takes a number with a unit (s, m, h, d)', () => {
    expect(loadConfig({}).auth.maxLifetimeSeconds).toBe(12 * 3600);
    expect(loadConfig({ JWT_MAX_LIFETIME: '90m' }).auth.maxLifetimeSeconds).toBe(5400);
    expect(loadConfig({ JWT_MAX_LIFETIME: '1d' }).auth.maxLifetimeSeconds).toBe(86_400);
  });

  it.each(['forever', '12', '0h', '-1h', '400d'])('refuses %j', (value) =>
    expect(() => loadConfig({ JWT_MAX_LIFETIME: value })).toThrow(/JWT_MAX_LIFETIME/),
  );
});

describe('DATABASE_APP_ROLE and DATABASE_MIGRATION_URL', () => {
  it('switches to tandem_app by default, to another role when named, to none when set empty', () => {
    expect(loadConfig({}).database).toMatchObject({ appRole: 'tandem_app' });
    expect(
      loadConfig({ DATABASE_URL: 'postgres://u@h/db', DATABASE_APP_ROLE: 'rota_rw' }).database,
    ).toMatchObject({
      appRole: 'rota_rw',
    });
    const own = loadConfig({ DATABASE_URL: 'postgres://u@h/db', DATABASE_APP_ROLE: '' }).database;
    expect(own.kind === 'postgres' && own.appRole).toBeUndefined();
    expect(() => loadConfig({ DATABASE_APP_ROLE: 'tandem_app; DROP TABLE team' })).toThrow(
      /DATABASE_APP_ROLE/,
    );
  });

  it('runs migrations as DATABASE_MIGRATION_URL when set, which needs DATABASE_URL', () => {
    const c = loadConfig({
      DATABASE_URL: 'postgres://tandem_service@h/db',
      DATABASE_MIGRATION_URL: 'postgres://tandem_owner@h/db',
    });
    expect(c.database).toMatchObject({
      url: 'postgres://tandem_service@h/db',
      migrationUrl: 'postgres://tandem_owner@h/db',
    });
    expect(() => loadConfig({ DATABASE_MIGRATION_URL: 'postgres://o@h/db' })).toThrow(
      /DATABASE_MIGRATION_URL/,
    );
  });
});

describe('notification delivery settings', () => {
  it('sends nothing outbound by default', () => {
    expect(loadConfig({}).notifications).toEqual({
      maxAttempts: 10,
      retryBaseSeconds: 30,
      leaseSeconds: 120,
      deliver: true,
    });
  });

  it('takes a signed webhook and an SMTP server, each with what it needs', () => {
    const c = loadConfig({
      NOTIFY_WEBHOOK_URL: 'https://hooks.example.org/tandem',
      NOTIFY_WEBHOOK_SECRET: 'a-secret-of-enough-length',
      SMTP_URL: 'smtps://user:pass@mail.example.org:465',
      MAIL_FROM: 'Tandem <rota@example.org>',
      NOTIFY_MAX_ATTEMPTS: '5',
      NOTIFY_DELIVER: 'false',
    });
    expect(c.notifications).toMatchObject({
      webhook: { url: 'https://hooks.example.org/tandem', secret: 'a-secret-of-enough-length' },
      smtp: { url: 'smtps://user:pass@mail.example.org:465', from: 'Tandem <rota@example.org>' },
      maxAttempts: 5,
      deliver: false,
    });
  });

  it.each([
    [
      { NOTIFY_WEBHOOK_URL: 'https://h.example/x' },
      /NOTIFY_WEBHOOK_SECRET: is required when NOTIFY_WEBHOOK_URL/,
    ],
    [{ NOTIFY_WEBHOOK_SECRET: 'a-secret-of-enough-length' }, /NOTIFY_WEBHOOK_URL: is required/],
    [
      { NOTIFY_WEBHOOK_URL: 'ftp://h.example/x', NOTIFY_WEBHOOK_SECRET: 'a-secret-of-enough-length' },
      /NOTIFY_WEBHOOK_URL/,
    ],
    [
      { NOTIFY_WEBHOOK_URL: 'https://h.example/x', NOTIFY_WEBHOOK_SECRET: 'short' },
      /NOTIFY_WEBHOOK_SECRET: must be at least 16/,
    ],
    [{ SMTP_URL: 'smtp://mail.example.org' }, /MAIL_FROM: is required when SMTP_URL/],
    [{ SMTP_URL: 'http://mail.example.org', MAIL_FROM: 'a@b.c' }, /SMTP_URL: must be an smtp/],
    [{ MAIL_FROM: 'a@b.c' }, /SMTP_URL: is required when MAIL_FROM/],
    [{ NOTIFY_LEASE_SECONDS: '1' }, /NOTIFY_LEASE_SECONDS/],
  ])('refuses %o', (env, message) => {
    expect(() => loadConfig(env)).toThrow(ConfigError);
    expect(() => loadConfig(env)).toThrow(message);
  });
});
