import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { createServer, type AddressInfo } from 'node:net';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { seed } from './graphql-check.bench.js';
import { median } from './stats.js';

const ROOT = fileURLToPath(new URL('../../..', import.meta.url)); // dist/tests/bench → the project
const SECRET = 'bench-read-path-secret-bench-read-path-42';

const ROTA = `query Rota($id: ID!) { rota(id: $id) { id startDate endDate
  shifts { id startsAt endsAt assignments { id staff { id name } } } } }`;
const STAFF_PAGE = `query StaffPage { staff(first: 100) { edges { node { id name
  credentials { id obtainedOn expiresOn skill { id code name } } } } } }`;

/** CPU time (user + system) of a process so far, in ms. */
function cpuMs(pid: number): number {
  const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
  return (Number(fields[11]) + Number(fields[12])) * 10; // clock ticks of 10 ms
}
const rssMiB = (pid: number) =>
  Number(/VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))![1]) / 1024;

async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise((resolve) => server.close(resolve));
  return port;
}

async function admin(url: string, sql: string): Promise<void> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}

interface Service {
  child: ChildProcess;
  pid: number;
  post(body: string, token: string): Promise<void>;
}

/** The service in its own process (production mode, no rate limit) on a scratch database; stopped by `stop`. */
async function startService(databaseUrl: string): Promise<Service> {
  const port = await freePort();
  const child = spawn(process.execPath, ['dist/src/main.js'], {
    cwd: ROOT,
    env: {
      ...process.env,
      DATABASE_URL: databaseUrl,
      PORT: String(port),
      NODE_ENV: 'production',
      JWT_SECRET: SECRET,
      RATE_LIMIT_PER_MINUTE: '0',
      LOG_LEVEL: 'warn',
    },
    stdio: 'ignore',
  });
  const url = `http://127.0.0.1:${port}/graphql`;
  const post = async (body: string, token: string) => {
    const res = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
      body,
    });
    const json = (await res.json()) as { errors?: unknown[] };
    if (json.errors) throw new Error(JSON.stringify(json.errors).slice(0, 300));
  };
  for (let i = 0; i < 600; i++) {
    const up = await fetch(`http://127.0.0.1:${port}/health`).then(
      (r) => r.ok,
      () => false,
    );
    if (up) return { child, pid: child.pid!, post };
    await new Promise((r) => setTimeout(r, 100));
  }
  child.kill();
  throw new Error('the service did not start');
}

function token(args: string[]): string {
  const out = spawnSync(process.execPath, ['dist/src/cli/token.js', ...args], {
    cwd: ROOT,
    env: { ...process.env, JWT_SECRET: SECRET },
    encoding: 'utf8',
  });
  if (out.status !== 0) throw new Error(out.stderr);
  return out.stdout.trim();
}

/** `count` requests over `connections` at once: requests per second and the service's largest RSS meanwhile. */
async function load(service: Service, body: string, tok: string, connections: number, count: number) {
  let next = 0;
  let maxRss = rssMiB(service.pid);
  const poll = setInterval(() => (maxRss = Math.max(maxRss, rssMiB(service.pid))), 20);
  const started = performance.now();
  await Promise.all(
    Array.from({ length: connections }, async () => {
      while (next++ < count) await service.post(body, tok);
    }),
  );
  const seconds = (performance.now() - started) / 1000;
  clearInterval(poll);
  return { perSecond: count / seconds, maxRss };
}

/** Sequential reads after a warm-up: the service's CPU per read and the median wall time. */
async function perRead(service: Service, body: string, tok: string, runs: number) {
  for (let i = 0; i < 5; i++) await service.post(body, tok);
  const walls: number[] = [];
  const cpu0 = cpuMs(service.pid);
  for (let i = 0; i < runs; i++) {
    const t0 = performance.now();
    await service.post(body, tok);
    walls.push(performance.now() - t0);
  }
  return { cpu: (cpuMs(service.pid) - cpu0) / runs, wall: median(walls) };
}

export async function benchReadPath(): Promise<void> {
  console.log(
    '\n7. The read path over HTTP on PostgreSQL, the service in its own process (production mode): a 4-week rota →',
  );
  console.log(
    '   shifts → assignments → person, and a page of 100 people with their passports (the queries of ../shared/bench)',
  );
  const adminUrl =
    process.env.BENCH_DATABASE_URL ??
    process.env.DATABASE_URL ??
    'postgres://postgres@127.0.0.1:5432/postgres';
  console.log('   staff   assignments   rota CPU/read   rota wall   staff page CPU/read');
  for (const people of [50, 200, 800]) {
    const name = `tandem_bench_${randomBytes(4).toString('hex')}`;
    try {
      await admin(adminUrl, `CREATE DATABASE ${name}`);
    } catch (error) {
      console.log(`   skipped: no PostgreSQL at ${adminUrl} (${(error as Error).message})`);
      return;
    }
    const url = new URL(adminUrl);
    url.pathname = `/${name}`;
    let service: Service | undefined;
    try {
      service = await startService(url.toString()); // runs the migrations
      const client = new pg.Client({ connectionString: url.toString() });
      await client.connect();
      let ids: { rotaId: string; teamId: string; orgId: string };
      let assignments: number;
      try {
        const db = {
          query: (sql: string, params?: unknown[]) => client.query(sql, params).then((r) => r.rows),
        };
        ids = await seed(db as never, people);
        assignments = (await client.query(`SELECT count(*)::int AS n FROM assignment`)).rows[0].n;
      } finally {
        await client.end();
      }
      const adminToken = token(['--role', 'ADMIN', '--subject', 'bench-admin']);
      const rotaBody = JSON.stringify({ query: ROTA, variables: { id: ids.rotaId } });
      const staffBody = JSON.stringify({ query: STAFF_PAGE });
      const rota = await perRead(service, rotaBody, adminToken, people >= 800 ? 8 : 20);
      const page = await perRead(service, staffBody, adminToken, 30);
      console.log(
        `   ${String(people).padStart(5)}   ${String(assignments).padStart(11)}   ${`${rota.cpu.toFixed(0)} ms`.padStart(13)}   ${`${rota.wall.toFixed(0)} ms`.padStart(9)}   ${`${page.cpu.toFixed(1)} ms`.padStart(19)}`,
      );
      if (people === 200) {
        const managerToken = token([
          '--role',
          'MANAGER',
          '--team',
          ids.teamId,
          '--org',
          ids.orgId,
          '--subject',
          'bench-manager',
        ]);
        const managerRota = await perRead(service, rotaBody, managerToken, 20);
        const adminLoad = await load(service, rotaBody, adminToken, 10, 60);
        const managerLoad = await load(service, rotaBody, managerToken, 10, 60);
        const staffLoad = await load(service, staffBody, adminToken, 10, 200);
        const burst = await load(service, rotaBody, adminToken, 50, 150);
        console.log(
          `   200 staff: rota requests/s at 10 connections ${adminLoad.perSecond.toFixed(1)} (ADMIN), ${managerLoad.perSecond.toFixed(1)} (MANAGER, CPU/read ${managerRota.cpu.toFixed(0)} ms);`,
        );
        console.log(
          `   staff page requests/s at 10 connections ${staffLoad.perSecond.toFixed(1)}; RSS under 50 connections of rota reads: max ${burst.maxRss.toFixed(0)} MiB`,
        );
      }
    } finally {
      if (service) {
        service.child.kill('SIGTERM');
        await new Promise((r) => service!.child.once('exit', r));
      }
      await admin(adminUrl, `DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    }
  }
}
