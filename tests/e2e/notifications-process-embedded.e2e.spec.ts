import { mkdtempSync, rmSync } from 'node:fs';
import { createServer, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { SignJWT } from 'jose';
import { verifyWebhook } from '../../src/modules/notifications/webhook-signature.js';
import { type ServiceProcess, startService, stopService } from '../fixtures/service-process.js';

const SECRET = 'notifications-process-test-secret';
const JWT = 'tandem-process-test-secret-0123456789abcdef';

/**
 * The outbox across a crash on the embedded database: the service as `npm start` runs it, on its own data
 * directory with the demo data, killed with SIGKILL while a webhook request is open, then started again on the same
 * directory. Only the embedded pass runs this file (jest.config.js); notifications-process.e2e.spec.ts is the
 * PostgreSQL half. The database is the process's own, so what happened is read from the receiver and the API.
 */
describe('an outbox delivery survives a kill -9 of the instance on the embedded database', () => {
  const dir = mkdtempSync(join(tmpdir(), 'tandem-outbox-'));
  const running: ServiceProcess[] = [];
  /** Requests per delivery id, and how many were answered 2xx, in order of arrival. */
  const arrived = new Map<string, number>();
  const acked = new Map<string, number>();
  let signedOk = true;
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

  const until = async (what: string, done: () => boolean) => {
    for (let i = 0; i < 6_000; i++) {
      if (done()) return;
      await sleep(100);
    }
    throw new Error(`timed out waiting for ${what}`);
  };
  const start = () => {
    const service = startService({
      TANDEM_DATA_DIR: dir,
      SEED_DEMO: 'true',
      JWT_SECRET: JWT,
      NOTIFY_WEBHOOK_URL: hookUrl,
      NOTIFY_WEBHOOK_SECRET: SECRET,
      // Long enough that the held request is still open when the process is killed (requests give up at half).
      NOTIFY_LEASE_SECONDS: '20',
    });
    running.push(service);
    return service;
  };
  const gql = async (url: string, query: string, variables: Record<string, unknown> = {}) => {
    const token = await new SignJWT({ roles: ['ADMIN'] })
      .setProtectedHeader({ alg: 'HS256' })
      .setSubject('outbox-test-admin')
      .setIssuedAt()
      .setExpirationTime('10m')
      .sign(new TextEncoder().encode(JWT));
    const res = await fetch(`${url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
      body: JSON.stringify({ query, variables }),
    });
    const body = (await res.json()) as { data?: Record<string, any>; errors?: unknown };
    if (body.errors) throw new Error(JSON.stringify(body.errors));
    return body.data!;
  };
  /** A leave decision for a demo person (a real change through GraphQL): one notification, sent by webhook. */
  const decideLeave = async (url: string, startDate: string) => {
    const staff = await gql(url, `{ staff(first: 1) { edges { node { id } } } }`);
    const asked = await gql(
      url,
      `mutation($input: RequestAbsenceInput!) { requestAbsence(input: $input) { id } }`,
      {
        input: { staffId: staff.staff.edges[0].node.id, kind: 'ANNUAL_LEAVE', startDate, endDate: startDate },
      },
    );
    await gql(url, `mutation($input: DecideAbsenceInput!) { decideAbsence(input: $input) { status } }`, {
      input: { absenceId: asked.requestAbsence.id, decision: 'APPROVE' },
    });
  };

  beforeAll(async () => {
    await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
    hookUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}/hook`;
  });
  afterAll(async () => {
    for (const service of running) await stopService(service, 'SIGKILL');
    for (const res of held) res.destroy();
    await new Promise<void>((done) => server.close(() => done()));
    rmSync(dir, { recursive: true, force: true });
  });

  it('is sent again by the next instance once the dead one’s lease has passed, and acknowledged once', async () => {
    const first = start();
    const firstUrl = await first.ready;
    await decideLeave(firstUrl, '2027-09-01');
    await until('the first instance to send it', () => arrived.size >= 1);
    const [id] = [...arrived.keys()];
    // kill -9 while the request is open: the instance never learns whether the receiver got it.
    await stopService(first, 'SIGKILL');
    expect(acked.size).toBe(0);

    hold = false;
    const second = start();
    const secondUrl = await second.ready;
    await until('the second instance to deliver it', () => acked.get(id!) === 1);
    expect(arrived.get(id!)).toBe(2);
    expect(signedOk).toBe(true);

    // The next change's delivery goes out once; the one delivered is never sent again.
    await decideLeave(secondUrl, '2027-09-02');
    await until('the next delivery', () => [...acked.keys()].some((k) => k !== id));
    expect([...acked.entries()].filter(([k]) => k !== id).map(([, n]) => n)).toEqual([1]);
    expect(arrived.get(id!)).toBe(2);
    expect(acked.get(id!)).toBe(1);
    await stopService(second);
  });
});
