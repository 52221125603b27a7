import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SignJWT } from 'jose';
import { lockDataDirectory, DataDirectoryInUseError } from '../../src/config/data-dir-lock.js';
import { type ServiceProcess, startService, stopService } from '../fixtures/service-process.js';

/**
 * The service as `npm start` runs it, as separate processes on one embedded data directory. Each start on a
 * fresh directory runs initdb in WebAssembly: slow on a busy machine, never judged by speed.
 */

const SECRET = 'tandem-process-test-secret-0123456789abcdef';

// These start the service on the embedded database whatever DATABASE_URL says: only the embedded pass runs this
// file (jest.config.js).
describe('one process per embedded data directory', () => {
  const dir = mkdtempSync(join(tmpdir(), 'tandem-lock-'));
  const running: ServiceProcess[] = [];
  const start = (env: Record<string, string> = {}) => {
    const service = startService({ TANDEM_DATA_DIR: dir, SEED_DEMO: 'false', JWT_SECRET: SECRET, ...env });
    running.push(service);
    return service;
  };

  afterAll(async () => {
    for (const service of running) await stopService(service, 'SIGKILL');
    rmSync(dir, { recursive: true, force: true });
  });

  it('refuses a second process with a message naming the first, and frees the directory when the first is killed', async () => {
    const first = start();
    const url = await first.ready;
    expect((await fetch(`${url}/health`)).status).toBe(200);

    const second = start();
    const code = await second.exited;
    expect(code).toBe(75);
    expect(second.stderr()).toContain(`is in use by process ${first.child.pid}`);
    expect(second.stderr()).toContain(dir);
    expect(second.stdout()).not.toContain('GraphQL API');

    // kill -9: no clean-up runs, yet the operating system releases the lock with the process.
    await stopService(first, 'SIGKILL');
    const third = start({ HEALTH_MIN_FREE_DISK_MB: '1000000' });
    const thirdUrl = await third.ready;
    // The same data survived; and /health reports a disk with less free space than required.
    const health = await fetch(`${thirdUrl}/health`);
    expect(health.status).toBe(503);
    expect(await health.json()).toMatchObject({
      status: 'error',
      database: { status: 'up' },
      disk: { status: 'full' },
    });
    await stopService(third);
    expect(third.child.exitCode === 0 || third.child.signalCode === 'SIGTERM').toBe(true);
  });

  it('holds the lock within one process too, and gives it back on release', async () => {
    const other = mkdtempSync(join(tmpdir(), 'tandem-lock-'));
    try {
      const lock = await lockDataDirectory(other);
      await expect(lockDataDirectory(other)).rejects.toBeInstanceOf(DataDirectoryInUseError);
      await expect(lockDataDirectory(other)).rejects.toThrow(`is in use by process ${process.pid}`);
      await lock.release();
      const again = await lockDataDirectory(other);
      await again.release();
    } finally {
      rmSync(other, { recursive: true, force: true });
    }
  });
});

describe('production on the embedded database', () => {
  const dir = mkdtempSync(join(tmpdir(), 'tandem-prod-'));
  let service: ServiceProcess | undefined;

  afterAll(async () => {
    if (service) await stopService(service, 'SIGKILL');
    rmSync(dir, { recursive: true, force: true });
  });

  it('seeds no demo data and prints no tokens unless asked', async () => {
    service = startService({ NODE_ENV: 'production', TANDEM_DATA_DIR: dir, JWT_SECRET: SECRET });
    const url = await service.ready;
    expect(service.stdout()).not.toMatch(/Demo tokens|eyJ[A-Za-z0-9_-]+\./);
    const token = await new SignJWT({ roles: ['ADMIN'] })
      .setProtectedHeader({ alg: 'HS256' })
      .setSubject('process-test-admin')
      .setIssuedAt()
      .setExpirationTime('10m')
      .sign(new TextEncoder().encode(SECRET));
    const res = await fetch(`${url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
      body: JSON.stringify({
        query: '{ organisations(first: 1) { totalCount } staff(first: 1) { totalCount } }',
      }),
    });
    expect(await res.json()).toEqual({
      data: { organisations: { totalCount: 0 }, staff: { totalCount: 0 } },
    });
    // The landing page is there in production too, without a link to the (switched off) IDE.
    const landing = await fetch(`${url}/`);
    expect(landing.status).toBe(200);
    expect(await landing.text()).not.toContain('href="/graphql"');
  });
});
