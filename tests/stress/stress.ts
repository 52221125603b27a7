/**
 * `npm run stress`: two instances of the service on one PostgreSQL database, many managers assigning and
 * unassigning the same people and shifts at once, one instance killed (SIGKILL) and restarted mid-run; then a
 * large write killed mid-flight, several times. Loopback only, bounded in time (STRESS_SECONDS, default 20).
 *
 * Afterwards, in the database: nobody is double-booked, no shift holds more than its maximum, every success the
 * clients saw is there, nothing a refusal answered is, the audit trail agrees with the rows, and every killed
 * write is all there or not there at all. Exit code 1 when any check fails.
 *
 * Needs a PostgreSQL server: STRESS_DATABASE_URL or DATABASE_URL (an admin connection; a scratch database is
 * created and dropped), default postgres://postgres@127.0.0.1:5432/postgres. Run `npm run build` first (npm run
 * stress does).
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { createServer } from 'node:net';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { TokenService } from '../../src/common/auth/token.service.js';
import { Role } from '../../src/common/auth/actor.js';
import { loadConfig } from '../../src/config/config.js';

const SECONDS = Number(process.env.STRESS_SECONDS ?? 20);
const WORKERS = Number(process.env.STRESS_WORKERS ?? 16);
const SECRET = 'stress-secret-stress-secret-stress-secret';
const MAIN = fileURLToPath(new URL('../../src/main.js', import.meta.url));

const adminUrl =
  process.env.STRESS_DATABASE_URL ??
  process.env.DATABASE_URL ??
  'postgres://postgres@127.0.0.1:5432/postgres';
const dbName = `tandem_stress_${randomBytes(4).toString('hex')}`;
const dbUrl = (() => {
  const u = new URL(adminUrl);
  u.pathname = `/${dbName}`;
  return u.toString();
})();

async function sql<T = Record<string, unknown>>(
  url: string,
  text: string,
  params: unknown[] = [],
): Promise<T[]> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return (await client.query(text, params)).rows as T[];
  } finally {
    await client.end();
  }
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.listen(0, '127.0.0.1', () => {
      const port = (server.address() as { port: number }).port;
      server.close(() => resolve(port));
    });
    server.on('error', reject);
  });
}

class Instance {
  process?: ChildProcess;
  constructor(
    readonly name: string,
    readonly port: number,
  ) {}
  get url() {
    return `http://127.0.0.1:${this.port}`;
  }
  async start(): Promise<void> {
    this.process = spawn(process.execPath, [MAIN], {
      env: {
        ...process.env,
        NODE_ENV: 'production',
        DATABASE_URL: dbUrl,
        DATABASE_POOL_SIZE: '10',
        PORT: String(this.port),
        HOST: '127.0.0.1',
        JWT_SECRET: SECRET,
        RATE_LIMIT_PER_MINUTE: '0',
        SEED_DEMO: 'false',
        LOG_LEVEL: 'error',
      },
      stdio: ['ignore', 'ignore', 'inherit'],
    });
    const deadline = Date.now() + 30_000;
    while (Date.now() < deadline) {
      try {
        if ((await fetch(`${this.url}/health`)).ok) return;
      } catch {
        /* not up yet */
      }
      await new Promise((r) => setTimeout(r, 100));
    }
    throw new Error(`${this.name} did not start`);
  }
  kill(): void {
    this.process?.kill('SIGKILL');
  }
  async stop(): Promise<void> {
    if (!this.process || this.process.exitCode !== null) return;
    const exited = new Promise((r) => this.process!.once('exit', r));
    this.process.kill('SIGTERM');
    await exited;
  }
}

type Outcome =
  'ok' | 'refused' | 'conflict' | 'not-found' | 'bad-input' | 'indeterminate' | 'unsent' | 'server-error';

async function gql(
  base: string,
  token: string,
  query: string,
  variables: object,
): Promise<{ outcome: Outcome; data?: any; ms: number }> {
  const t0 = performance.now();
  let res: Response;
  try {
    res = await fetch(`${base}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
      body: JSON.stringify({ query, variables }),
    });
  } catch (error) {
    const code = (error as { cause?: { code?: string } }).cause?.code;
    // Refused before it was sent: it never ran. Anything else (reset mid-request): it may or may not have.
    return { outcome: code === 'ECONNREFUSED' ? 'unsent' : 'indeterminate', ms: performance.now() - t0 };
  }
  let body: any;
  try {
    body = await res.json();
  } catch {
    return { outcome: 'indeterminate', ms: performance.now() - t0 };
  }
  const ms = performance.now() - t0;
  if (res.status >= 500) return { outcome: 'server-error', data: body, ms };
  const code = body.errors?.[0]?.extensions?.code;
  if (!code) return { outcome: 'ok', data: body.data, ms };
  if (code === 'CONFLICT') return { outcome: 'conflict', ms };
  if (code === 'NOT_FOUND') return { outcome: 'not-found', ms };
  if (code === 'BAD_USER_INPUT') return { outcome: 'bad-input', ms };
  return { outcome: 'server-error', data: body, ms };
}

const ASSIGN = `mutation($shift: ID!, $staff: ID!) { assignStaff(input: { shiftId: $shift, staffId: $staff }) {
  __typename ... on RotaEdit { assignments { id } } ... on RuleViolations { message } } }`;
const UNASSIGN = `mutation($id: ID!) { unassignStaff(input: { assignmentId: $id }) { __typename } }`;

interface World {
  teams: Array<{ id: string; shifts: string[]; token: string }>;
  staff: string[];
  killTeam: { id: string; token: string; typeIds: string[] };
}

async function seed(tokens: TokenService): Promise<World> {
  const [org] = await sql<{ id: string }>(
    dbUrl,
    `INSERT INTO organisation (name, kind, sector) VALUES ('Stress Trust', 'NHS_TRUST', 'HEALTH') RETURNING id`,
  );
  const teams: World['teams'] = [];
  for (const name of ['Ward 1', 'Ward 2']) {
    const [team] = await sql<{ id: string }>(
      dbUrl,
      `INSERT INTO team (organisation_id, name, kind) VALUES ($1, $2, 'WARD') RETURNING id`,
      [org!.id, name],
    );
    const [type] = await sql<{ id: string }>(
      dbUrl,
      `INSERT INTO shift_type (team_id, code, name, start_time, duration_minutes, unpaid_break_minutes) VALUES ($1, 'E', 'Early', '07:00', 480, 30) RETURNING id`,
      [team!.id],
    );
    const [rota] = await sql<{ id: string }>(
      dbUrl,
      `INSERT INTO rota (team_id, start_date, end_date) VALUES ($1, '2030-01-07', '2030-01-20') RETURNING id`,
      [team!.id],
    );
    // The same times at both wards: a person can be wanted at both at once.
    const shifts = await sql<{ id: string }>(
      dbUrl,
      `INSERT INTO shift (rota_id, team_id, shift_type_id, local_date, start_time, duration_minutes, unpaid_break_minutes,
         starts_at, ends_at, min_headcount, target_headcount, max_headcount)
       SELECT $1, $2, $3, d::date, '07:00', 480, 30, (d::date + time '07:00') AT TIME ZONE 'Europe/London',
              (d::date + time '15:00') AT TIME ZONE 'Europe/London', 0, 2, 3
         FROM generate_series(DATE '2030-01-07', DATE '2030-01-20', interval '1 day') d RETURNING id`,
      [rota!.id, team!.id, type!.id],
    );
    const token = await tokens.mint({
      subject: `stress-manager-${name}`,
      roles: [Role.MANAGER],
      organisationIds: [org!.id],
      teamIds: [team!.id],
    });
    teams.push({ id: team!.id, shifts: shifts.map((s) => s.id), token });
  }
  const staff = await sql<{ id: string }>(
    dbUrl,
    `INSERT INTO staff_member (given_name, family_name, employer_id, staff_group, job_title, pay_framework, pay_grade,
       contracted_hours_per_week, date_of_birth)
     SELECT 'Stress', 'Person ' || g, $1, 'NURSING', 'Nurse', 'AGENDA_FOR_CHANGE', '5', 0, DATE '1990-01-01'
       FROM generate_series(1, 24) g RETURNING id`,
    [org!.id],
  );
  const [killTeam] = await sql<{ id: string }>(
    dbUrl,
    `INSERT INTO team (organisation_id, name, kind) VALUES ($1, 'Kill ward', 'WARD') RETURNING id`,
    [org!.id],
  );
  const typeIds: string[] = [];
  for (const [code, start] of [
    ['E', '07:00'],
    ['L', '14:30'],
    ['N', '20:00'],
    ['T', '10:00'],
  ]) {
    const [row] = await sql<{ id: string }>(
      dbUrl,
      `INSERT INTO shift_type (team_id, code, name, start_time, duration_minutes, unpaid_break_minutes) VALUES ($1, $2, $2, $3, 450, 30) RETURNING id`,
      [killTeam!.id, code, start],
    );
    typeIds.push(row!.id);
  }
  const killToken = await tokens.mint({
    subject: 'stress-manager-kill',
    roles: [Role.MANAGER],
    organisationIds: [org!.id],
    teamIds: [killTeam!.id],
  });
  return { teams, staff: staff.map((s) => s.id), killTeam: { id: killTeam!.id, token: killToken, typeIds } };
}

const pick = <T>(xs: readonly T[]): T => xs[Math.floor(Math.random() * xs.length)]!;
const percentile = (xs: number[], p: number) =>
  [...xs].sort((a, b) => a - b)[Math.floor((xs.length - 1) * p)] ?? 0;

async function main(): Promise<number> {
  console.log(
    `Tandem stress — ${SECONDS} s, ${WORKERS} concurrent managers, 2 instances, database ${dbName}`,
  );
  try {
    await sql(adminUrl, `CREATE DATABASE ${dbName}`);
  } catch (error) {
    console.error(`No PostgreSQL at ${adminUrl}: ${(error as Error).message}`);
    return 2;
  }
  const a = new Instance('instance A', await freePort());
  const b = new Instance('instance B', await freePort());
  const failures: string[] = [];
  try {
    await a.start(); // runs the migrations
    await b.start();
    const tokens = new TokenService(loadConfig({ NODE_ENV: 'production', JWT_SECRET: SECRET }));
    const world = await seed(tokens);

    // ---- phase 1: concurrent assign / unassign, one instance killed and restarted --------------------------
    const created = new Map<string, { shift: string; staff: string; removed: boolean }>();
    const uncertain: Array<{ kind: 'assign' | 'unassign'; shift?: string; staff?: string; id?: string }> = [];
    const tally: Record<string, number> = {};
    const latencies: number[] = [];
    const count = (k: string) => (tally[k] = (tally[k] ?? 0) + 1);
    const stopAt = Date.now() + SECONDS * 1000;
    let killed = false;
    let doubleRemovals = 0;
    const chaos = (async () => {
      await new Promise((r) => setTimeout(r, (SECONDS * 1000) / 3));
      console.log(`  ${new Date().toISOString()} SIGKILL ${b.name} under load`);
      b.kill();
      killed = true;
      await new Promise((r) => setTimeout(r, 1500));
      await b.start();
      console.log(`  ${new Date().toISOString()} ${b.name} back`);
    })();
    const worker = async (n: number) => {
      const team = world.teams[n % world.teams.length]!;
      while (Date.now() < stopAt) {
        const instance = Math.random() < 0.5 ? a : b;
        const mine = [...created.entries()].filter(([, v]) => !v.removed && team.shifts.includes(v.shift));
        if (mine.length > 0 && Math.random() < 0.3) {
          const [id, row] = pick(mine);
          const r = await gql(instance.url, team.token, UNASSIGN, { id });
          latencies.push(r.ms);
          const unassigned =
            r.outcome === 'ok' && r.data.unassignStaff.__typename !== 'RotaEdit' ? 'refused' : r.outcome;
          count(`unassign:${unassigned}`);
          if (unassigned === 'ok') {
            if (row.removed) doubleRemovals++;
            row.removed = true;
          }
          if (r.outcome === 'indeterminate') uncertain.push({ kind: 'unassign', id });
          if (r.outcome === 'server-error')
            failures.push(`unassign answered ${JSON.stringify(r.data).slice(0, 200)}`);
        } else {
          const shift = pick(team.shifts);
          const staff = pick(world.staff);
          const r = await gql(instance.url, team.token, ASSIGN, { shift, staff });
          latencies.push(r.ms);
          const kind =
            r.outcome === 'ok' && r.data.assignStaff.__typename !== 'RotaEdit' ? 'refused' : r.outcome;
          count(`assign:${kind}`);
          if (kind === 'ok')
            created.set(r.data.assignStaff.assignments[0].id, { shift, staff, removed: false });
          if (kind === 'indeterminate') uncertain.push({ kind: 'assign', shift, staff });
          if (kind === 'server-error')
            failures.push(`assign answered ${JSON.stringify(r.data).slice(0, 200)}`);
        }
      }
    };
    const t0 = performance.now();
    await Promise.all([...Array.from({ length: WORKERS }, (_, i) => worker(i)), chaos]);
    const elapsed = (performance.now() - t0) / 1000;
    const total = Object.values(tally).reduce((s, n) => s + n, 0);
    console.log(
      `\n1. ${total.toLocaleString('en-GB')} requests in ${elapsed.toFixed(1)} s (${Math.round(total / elapsed)}/s), latency p50 ${percentile(latencies, 0.5).toFixed(1)} ms, p95 ${percentile(latencies, 0.95).toFixed(1)} ms, p99 ${percentile(latencies, 0.99).toFixed(1)} ms`,
    );
    for (const [k, v] of Object.entries(tally).sort()) console.log(`   ${k.padEnd(24)} ${v}`);
    if (!killed) failures.push('the instance was never killed');

    // Invariants, read straight from the database.
    const [double] = await sql<{ n: number }>(
      dbUrl,
      `SELECT count(*)::int AS n FROM assignment x JOIN assignment y
          ON x.staff_id = y.staff_id AND x.id < y.id AND x.cancelled_at IS NULL AND y.cancelled_at IS NULL
         AND tstzrange(x.starts_at, x.ends_at) && tstzrange(y.starts_at, y.ends_at)`,
    );
    const [overfull] = await sql<{ n: number }>(
      dbUrl,
      `SELECT count(*)::int AS n FROM shift s
        WHERE s.max_headcount < (SELECT count(*) FROM assignment a WHERE a.shift_id = s.id AND a.cancelled_at IS NULL)`,
    );
    const rows = await sql<{ id: string; shift_id: string; staff_id: string }>(
      dbUrl,
      `SELECT id, shift_id, staff_id FROM assignment WHERE cancelled_at IS NULL`,
    );
    const inDb = new Set(rows.map((r) => r.id));
    const expectedPresent = [...created.entries()].filter(([, v]) => !v.removed).map(([id]) => id);
    const lost = expectedPresent.filter(
      (id) => !inDb.has(id) && !uncertain.some((u) => u.kind === 'unassign' && u.id === id),
    );
    const resurrected = [...created.entries()]
      .filter(([id, v]) => v.removed && inDb.has(id))
      .map(([id]) => id);
    const unexplained = rows.filter(
      (r) =>
        !created.has(r.id) &&
        !uncertain.some((u) => u.kind === 'assign' && u.shift === r.shift_id && u.staff === r.staff_id),
    );
    const [audit] = await sql<{ inserts: number; deletes: number }>(
      dbUrl,
      `SELECT count(*) FILTER (WHERE action = 'INSERT')::int AS inserts, count(*) FILTER (WHERE action = 'DELETE')::int AS deletes
         FROM audit_event WHERE entity = 'assignment'`,
    );
    const checks: Array<[string, boolean]> = [
      [`nobody double-booked (${double!.n} overlapping pairs)`, double!.n === 0],
      [`no shift over its maximum (${overfull!.n} shifts)`, overfull!.n === 0],
      [
        `every success is in the database (${expectedPresent.length} expected, ${lost.length} missing)`,
        lost.length === 0,
      ],
      [`every successful removal stayed removed (${resurrected.length} back)`, resurrected.length === 0],
      [
        `no row without a success or a request cut off by the kill (${unexplained.length} unexplained; ${uncertain.length} cut off)`,
        unexplained.length === 0,
      ],
      [
        `the audit trail agrees: ${audit!.inserts} inserts − ${audit!.deletes} deletes = ${rows.length} rows`,
        audit!.inserts - audit!.deletes === rows.length,
      ],
      [`no removal answered "done" twice (${doubleRemovals})`, doubleRemovals === 0],
      [
        `no 5xx or INTERNAL_SERVER_ERROR answers`,
        !Object.keys(tally).some((k) => k.endsWith('server-error')),
      ],
    ];
    for (const [label, ok] of checks) {
      console.log(`   ${ok ? 'ok  ' : 'FAIL'} ${label}`);
      if (!ok) failures.push(label);
    }

    // ---- phase 2: a large write killed mid-flight ---------------------------------------------------------
    console.log(
      '\n2. A 26-week pattern (728 shifts in one transaction) sent to an instance killed mid-write:',
    );
    for (let round = 0; round < 6; round++) {
      const [rota] = await sql<{ id: string }>(
        dbUrl,
        `INSERT INTO rota (team_id, start_date, end_date) VALUES ($1, date_trunc('week', $2::date)::date, date_trunc('week', $2::date)::date + 181) RETURNING id`,
        [world.killTeam.id, `${2031 + round}-01-06`],
      );
      const request = gql(
        b.url,
        world.killTeam.token,
        `mutation($input: AddShiftsFromPatternInput!) { addShiftsFromPattern(input: $input) { __typename } }`,
        {
          input: {
            rotaId: rota!.id,
            lines: world.killTeam.typeIds.map((shiftTypeId) => ({
              shiftTypeId,
              weekdays: ['MONDAY', 'TUESDAY', 'WEDNESDAY', 'THURSDAY', 'FRIDAY', 'SATURDAY', 'SUNDAY'],
              minHeadcount: 1,
            })),
          },
        },
      );
      const delay = [30, 250, 450, 550, 650, 2000][round]!;
      await new Promise((r) => setTimeout(r, delay));
      b.kill();
      const answer = await request;
      await new Promise((r) => setTimeout(r, 300));
      const [{ n }] = (await sql<{ n: number }>(
        dbUrl,
        `SELECT count(*)::int AS n FROM shift WHERE rota_id = $1`,
        [rota!.id],
      )) as [{ n: number }];
      const [{ e }] = (await sql<{ e: number }>(
        dbUrl,
        `SELECT count(*)::int AS e FROM audit_event WHERE entity = 'shift' AND action = 'INSERT' AND after->>'rota_id' = $1`,
        [rota!.id],
      )) as [{ e: number }];
      const whole = (n === 0 || n === 728) && e === n;
      console.log(
        `   round ${round + 1} (kill after ${delay} ms; client saw ${answer.outcome}): ${n} shifts, ${e} audit events — ${n === 0 ? 'rolled back' : n === 728 ? 'committed' : 'PARTIAL'}`,
      );
      if (!whole) failures.push(`killed write left ${n} of 728 shifts (${e} audit events)`);
      if (answer.outcome === 'ok' && n !== 728) failures.push('a write answered ok is missing');
      await b.start();
    }
  } finally {
    await a.stop();
    await b.stop();
    await sql(adminUrl, `DROP DATABASE IF EXISTS ${dbName} WITH (FORCE)`);
  }
  console.log(failures.length ? `\nFAILED:\n  ${failures.join('\n  ')}` : '\nAll checks passed.');
  return failures.length ? 1 : 0;
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);
