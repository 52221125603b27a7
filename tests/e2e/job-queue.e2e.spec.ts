import { randomBytes } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import pg from 'pg';
import { JobQueue } from '../../src/modules/jobs/job-queue.js';
import { startTestApp, type TestApp } from '../fixtures/test-app.js';

/**
 * The shared job queue (pg-boss on the service's database) at shutdown: nothing a loop holds outlives the
 * database, and no job is lost or half-worked. Each case makes a queue of its own, worked only by the test.
 */
describe('the job queue when the service stops', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(async () => {
    await t?.close();
  });

  /** Polls until `done` holds: bounded by the number of polls, not by the clock. */
  const until = async (what: string, done: () => boolean | Promise<boolean>) => {
    for (let i = 0; i < 2_000; i++) {
      if (await done()) return;
      await sleep(20);
    }
    throw new Error(`timed out waiting for ${what}`);
  };
  const newQueue = async (app: TestApp) => {
    const name = `test-${randomBytes(4).toString('hex')}`;
    await app.ownerQuery(`SELECT pgboss.create_queue($1, $2::json)`, [
      name,
      JSON.stringify({ policy: 'standard', retryLimit: 0, expireInSeconds: 900 }),
    ]);
    await app.ownerQuery(`GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA pgboss TO tandem_app`);
    return name;
  };
  const jobRow = async (app: TestApp, queue: string, id: string) =>
    (
      await app.ownerQuery(
        `SELECT state, started_on IS NOT NULL AS started, retry_count FROM pgboss.job WHERE name = $1 AND id = $2`,
        [queue, id],
      )
    )[0];

  it('a job in hand when the service stops is finished, on a live database, and recorded completed', async () => {
    const u = await startTestApp();
    try {
      const queue = await newQueue(u);
      const jobs = u.app.get(JobQueue);
      let release!: () => void;
      const gate = new Promise<void>((resolve) => (release = resolve));
      const seen: string[] = [];
      await jobs.work<{ n: number }>(queue, { pollingIntervalSeconds: 0.5 }, async (job) => {
        seen.push(`start ${job.data.n}`);
        await gate;
        // The database is still open to the job's last statements.
        const [row] = await u.dataSource.query(`SELECT $1::int + 1 AS next`, [job.data.n]);
        seen.push(`end ${row.next}`);
      });
      const id = (await jobs.send(queue, { n: 41 }))!;
      await until('the job to start', () => seen.length === 1);

      const closing = u.app.close();
      await until('the queue to begin stopping', () => jobs.stopping);
      expect(jobs.running).toBe(false);
      release();
      await closing;

      expect(seen).toEqual(['start 41', 'end 42']);
      expect(await jobRow(u, queue, id)).toMatchObject({ state: 'completed' });
    } finally {
      await u.close();
    }
  });

  it('a job fetched as the service stops is handed back unworked, and another instance works it', async () => {
    if (t.config.database.kind !== 'postgres') return; // one connection: no second instance, no lock to wait on
    const queue = await newQueue(t);
    const [{ partition_name: partition }] = await t.ownerQuery(
      `SELECT partition_name FROM pgboss.queue WHERE name = $1`,
      [queue],
    );
    const id = (await t.app.get(JobQueue).send(queue, { n: 1 }))!;
    const second = await startTestApp({}, { sameDatabaseAs: t });
    const locker = new pg.Client({
      connectionString: t.config.database.migrationUrl ?? t.config.database.url,
    });
    await locker.connect();
    let closed = false;
    try {
      // The queue's rows locked, so the second instance's fetch waits, in flight, while it begins to stop.
      await locker.query('BEGIN');
      await locker.query(`LOCK TABLE pgboss.${pg.escapeIdentifier(partition)} IN ACCESS EXCLUSIVE MODE`);
      const worked: number[] = [];
      const jobs = second.app.get(JobQueue);
      await jobs.work<{ n: number }>(queue, { pollingIntervalSeconds: 0.5 }, async (job) => {
        worked.push(job.data.n);
      });
      await until('the fetch to wait on the lock', async () => {
        const [row] = await t.ownerQuery(
          `SELECT count(*)::int AS n FROM pg_locks l JOIN pg_class c ON c.oid = l.relation
            WHERE NOT l.granted AND c.relname = $1`,
          [partition],
        );
        return row!.n > 0;
      });
      const closing = second.close().then(() => (closed = true));
      await until('the second instance to begin stopping', () => jobs.stopping);
      await locker.query('COMMIT');
      await closing;

      // Fetched after stopping began: not worked, and waiting again as if never fetched.
      expect(worked).toEqual([]);
      expect(await jobRow(t, queue, id)).toEqual({ state: 'created', started: false, retry_count: 0 });

      const done: number[] = [];
      await t.app.get(JobQueue).work<{ n: number }>(queue, { pollingIntervalSeconds: 0.5 }, async (job) => {
        done.push(job.data.n);
      });
      await until(
        'the first instance to work it',
        async () => (await jobRow(t, queue, id))?.state === 'completed',
      );
      expect(done).toEqual([1]);
    } finally {
      await locker.end();
      if (!closed) await second.close();
    }
  });
});
