import request from 'supertest';
import { QueryFailedError } from 'typeorm';
import { translateDatabaseError } from '../../src/common/database/transaction.js';
import { ServiceUnavailableError } from '../../src/common/errors/domain-error.js';
import { errorCode, startTestApp, type TestApp } from '../fixtures/test-app.js';
import { FreezableProxy } from '../fixtures/tcp-proxy.js';

const CREATE_ORGANISATION = `mutation($input: CreateOrganisationInput!) {
  createOrganisation(input: $input) { id }
}`;

describe('a database that cannot write answers SERVICE_UNAVAILABLE, not INTERNAL_SERVER_ERROR', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(() => t.close());

  it('codes a full disk (SQLSTATE 53100) as SERVICE_UNAVAILABLE / DISK_FULL and writes nothing', async () => {
    // The database answers every insert into organisation the way PostgreSQL does on a full disk.
    await t.ownerQuery(`
      CREATE FUNCTION test_disk_full() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN RAISE EXCEPTION 'could not extend file "base/5/16385": No space left on device' USING ERRCODE = 'disk_full'; END $$;
      CREATE TRIGGER test_disk_full BEFORE INSERT ON organisation FOR EACH ROW EXECUTE FUNCTION test_disk_full();`);
    try {
      const before = await t.dataSource.query(`SELECT count(*)::int AS n FROM organisation`);
      const res = await t.gql(
        CREATE_ORGANISATION,
        { input: { name: 'Full Disk Trust', kind: 'NHS_TRUST' } },
        await t.adminToken(),
      );
      expect(errorCode(res)).toBe('SERVICE_UNAVAILABLE');
      expect(res.errors![0].extensions.reason).toBe('DISK_FULL');
      expect(JSON.stringify(res)).not.toContain('base/5/16385');
      const after = await t.dataSource.query(`SELECT count(*)::int AS n FROM organisation`);
      expect(after[0].n).toBe(before[0].n);
    } finally {
      await t.ownerQuery(`DROP TRIGGER test_disk_full ON organisation; DROP FUNCTION test_disk_full();`);
    }
  });

  it.each([
    ['57014', 'DATABASE_TIMEOUT'],
    ['53200', 'DISK_FULL'],
    ['08006', 'DATABASE_UNREACHABLE'],
    ['57P01', 'DATABASE_UNREACHABLE'],
  ])('maps SQLSTATE %s to %s', (code, reason) => {
    const error = new QueryFailedError('SELECT 1', [], Object.assign(new Error('x'), { code }));
    const translated = translateDatabaseError(error);
    expect(translated).toBeInstanceOf(ServiceUnavailableError);
    expect((translated as ServiceUnavailableError).details.reason).toBe(reason);
  });

  it.each([
    ['Query read timeout', 'DATABASE_TIMEOUT'],
    ['timeout exceeded when trying to connect', 'DATABASE_TIMEOUT'],
    ['Connection terminated unexpectedly', 'DATABASE_UNREACHABLE'],
  ])('maps the client error "%s" to %s', (message, reason) => {
    const translated = translateDatabaseError(new Error(message));
    expect((translated as ServiceUnavailableError).details.reason).toBe(reason);
  });
});

if (process.env.DATABASE_URL) {
  describe('a PostgreSQL server that stops answering', () => {
    let t: TestApp;
    let proxy: FreezableProxy;

    beforeAll(async () => {
      const server = new URL(process.env.DATABASE_URL!);
      proxy = new FreezableProxy(server.hostname, Number(server.port || 5432));
      const port = await proxy.start();
      t = await startTestApp(
        { health: { timeoutMs: 500, minFreeDiskBytes: 0 } },
        {
          databaseUrl: (url) => {
            const u = new URL(url);
            u.hostname = '127.0.0.1';
            u.port = String(port);
            return u.toString();
          },
          timeouts: { connectMs: 1_000, statementMs: 1_000, idleInTransactionMs: 5_000 },
        },
      );
    });
    afterAll(async () => {
      proxy.thaw();
      await t.close();
      await proxy.stop();
    });

    it('/health says 503 within its time limit while the server hangs, and 200 once it answers again', async () => {
      expect((await request(t.http).get('/health')).status).toBe(200);
      proxy.freeze();
      const hung = await request(t.http).get('/health');
      expect(hung.status).toBe(503);
      expect(hung.body).toMatchObject({ status: 'error', database: { status: 'down' } });
      expect(hung.body.database.error).toMatch(/no answer within 500 ms/);

      // A request meanwhile gives up with a coded error instead of hanging.
      const res = await t.gql(`{ organisations(first: 1) { totalCount } }`, {}, await t.adminToken());
      expect(errorCode(res)).toBe('SERVICE_UNAVAILABLE');
      expect(res.errors![0].extensions.reason).toBe('DATABASE_TIMEOUT');

      proxy.thaw();
      // Connections that timed out are replaced; a bounded number of tries, each waiting on the database.
      let status = 0;
      for (let attempt = 0; attempt < 20 && status !== 200; attempt++) {
        status = (await request(t.http).get('/health')).status;
      }
      expect(status).toBe(200);
    });
  });
} else {
  describe('the embedded database', () => {
    let t: TestApp;

    beforeAll(async () => {
      t = await startTestApp();
    });
    afterAll(() => t.close());

    it('reports itself up with its latency', async () => {
      const res = await request(t.http).get('/health');
      expect(res.status).toBe(200);
      expect(res.body.database).toMatchObject({ status: 'up' });
      expect(typeof res.body.database.latencyMs).toBe('number');
    });
  });
}
