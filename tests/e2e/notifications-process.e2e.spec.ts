import { createServer, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { setTimeout as sleep } from 'node:timers/promises';
import { loadConfig } from '../../src/config/config.js';
import { verifyWebhook } from '../../src/modules/notifications/webhook-signature.js';
import { insertStaff } from '../fixtures/factories.js';
import { rotaWorld, type RotaWorld } from '../fixtures/rota-setup.js';
import { type ServiceProcess, startService, stopService } from '../fixtures/service-process.js';
import { startTestApp, type TestApp } from '../fixtures/test-app.js';

const SECRET = 'notifications-process-test-secret';

/**
 * The outbox across a crash: the service as `npm start` runs it (`node dist/src/main.js`), killed with SIGKILL
 * while a webhook request is open, then started again. Only the PostgreSQL pass runs this file (jest.config.js):
 * two processes take turns on one database; notifications-process-embedded.e2e.spec.ts is the embedded half.
 */
describe('an outbox delivery survives a kill -9 of the instance sending it', () => {
  let t: TestApp;
  let w: RotaWorld;
  let staffId: string;
  const running: ServiceProcess[] = [];
  /** Requests per delivery id, and how many were answered 2xx. */
  const arrived = new Map<string, number>();
  const acked = new Map<string, number>();
  let signedOk = true;
  /** While set, the receiver holds requests open (never answers them). */
  let hold = true;
  const held: ServerResponse[] = [];
  const server = createServer((req, res) => {
    let raw = '';
    req.setEncoding('utf8');
    req.on('data', (s: string) => (raw += s));
    req.on('end', () => {
      const id = String(req.headers['tandem-delivery']);
      arrived.set(id, (arrived.get(id) ?? 0) + 1);
      signedOk &&= verifyWebhook(SECRET, req.headers['tandem-signature'] as string, raw);
      if (hold) {
        held.push(res);
        return;
      }
      acked.set(id, (acked.get(id) ?? 0) + 1);
      res.writeHead(204).end();
    });
  });
  let hookUrl: string;

  const until = async (what: string, done: () => Promise<boolean> | boolean) => {
    for (let i = 0; i < 3_000; i++) {
      if (await done()) return;
      await sleep(100);
    }
    throw new Error(`timed out waiting for ${what}`);
  };
  const start = () => {
    const db = t.config.database;
    if (db.kind !== 'postgres') throw new Error('PostgreSQL only');
    const service = startService({
      DATABASE_URL: db.url,
      SEED_DEMO: 'false',
      NOTIFY_WEBHOOK_URL: hookUrl,
      NOTIFY_WEBHOOK_SECRET: SECRET,
      // Long enough that the held request is still open when the process is killed (requests give up at half).
      NOTIFY_LEASE_SECONDS: '20',
    });
    running.push(service);
    return service;
  };
  /** A leave decision (a real change through GraphQL) whose notification goes out by webhook. */
  const decideLeave = async (startDate: string) => {
    const asked = await t.gql(
      `mutation($input: RequestAbsenceInput!) { requestAbsence(input: $input) { id } }`,
      { input: { staffId, kind: 'ANNUAL_LEAVE', startDate, endDate: startDate } },
      w.manager,
    );
    const id = asked.data!.requestAbsence.id as string;
    const decided = await t.gql(
      `mutation($input: DecideAbsenceInput!) { decideAbsence(input: $input) { status } }`,
      { input: { absenceId: id, decision: 'APPROVE' } },
      w.manager,
    );
    if (decided.errors) throw new Error(JSON.stringify(decided.errors));
    const [row] = await t.ownerQuery(
      `SELECT d.id FROM notification_delivery d JOIN notification n ON n.id = d.notification_id
        WHERE n.links->>'absenceId' = $1`,
      [id],
    );
    return row!.id as string;
  };
  const delivery = async (id: string) =>
    (await t.ownerQuery(`SELECT * FROM notification_delivery WHERE id = $1`, [id]))[0]!;

  beforeAll(async () => {
    await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
    hookUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}/hook`;
    const base = loadConfig({ NODE_ENV: 'test' });
    // This in-process app writes the outbox (webhook configured) but sends nothing: the processes do.
    t = await startTestApp({
      notifications: { ...base.notifications, webhook: { url: hookUrl, secret: SECRET }, deliver: false },
    });
    w = await rotaWorld(t, 'Crash');
    staffId = (await insertStaff(t.dataSource, w.orgId, { homeTeamId: w.teamId })).id;
  });
  afterAll(async () => {
    for (const service of running) await stopService(service, 'SIGKILL');
    for (const res of held) res.destroy();
    await new Promise<void>((done) => server.close(() => done()));
    await t?.close();
  });

  it('is sent again by the next instance once the dead one’s lease has passed, and acknowledged once', async () => {
    const id = await decideLeave('2027-09-01');
    expect(await delivery(id)).toMatchObject({ status: 'PENDING', attempts: 0 });

    const first = start();
    await first.ready;
    await until('the first instance to send it', () => (arrived.get(id) ?? 0) >= 1);
    // kill -9 while the request is open: the instance never learns whether the receiver got it.
    await stopService(first, 'SIGKILL');
    const leased = await delivery(id);
    expect(leased).toMatchObject({ status: 'PENDING', attempts: 1 });
    expect(leased.claimed_until).not.toBeNull();
    expect(acked.get(id)).toBeUndefined();

    hold = false;
    const second = start();
    await second.ready;
    await until('the second instance to deliver it', async () => (await delivery(id)).status === 'DELIVERED');
    expect(await delivery(id)).toMatchObject({ status: 'DELIVERED', attempts: 2, last_error: null });
    expect(arrived.get(id)).toBe(2);
    expect(acked.get(id)).toBe(1);
    expect(signedOk).toBe(true);

    // Later work goes through the same instance; the delivered one is never sent again.
    const next = await decideLeave('2027-09-02');
    await until('the next delivery', async () => (await delivery(next)).status === 'DELIVERED');
    expect(acked.get(next)).toBe(1);
    expect(arrived.get(id)).toBe(2);
    expect(acked.get(id)).toBe(1);
    await stopService(second);
  });
});
