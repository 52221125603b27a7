import type { INestApplication } from '@nestjs/common';
import request from 'supertest';
import { createApp } from '../../src/app.factory.js';
import { Role } from '../../src/common/auth/actor.js';
import { insertOrganisation, insertStaff, insertTeam } from '../fixtures/factories.js';
import { startTestApp, type TestApp } from '../fixtures/test-app.js';

/**
 * The small version of `npm run stress`: managers of two wards assign and unassign the same people to shifts
 * at the same times, concurrently — through two instances of the service when the database is a PostgreSQL
 * server (one on the embedded database). Afterwards nobody is double-booked, no shift is over its maximum,
 * every success is in the database, no removal succeeded twice, and the audit trail agrees with the rows.
 */
describe('concurrent managers (small stress)', () => {
  let t: TestApp;
  let second: INestApplication | undefined;

  beforeAll(async () => {
    t = await startTestApp();
    if (t.config.database.kind === 'postgres') second = await createApp(t.config);
  });
  afterAll(async () => {
    await second?.close();
    await t.close();
  });

  it('keeps every invariant under concurrent assign / unassign', async () => {
    const org = await insertOrganisation(t.dataSource, { name: 'Concurrent Trust' });
    const wards = [await insertTeam(t.dataSource, org.id), await insertTeam(t.dataSource, org.id)];
    const shifts: string[][] = [];
    const tokens: string[] = [];
    for (const ward of wards) {
      const [type] = await t.dataSource.query(
        `INSERT INTO shift_type (team_id, code, name, start_time, duration_minutes, unpaid_break_minutes)
         VALUES ($1, 'E', 'Early', '07:00', 480, 30) RETURNING id`,
        [ward.id],
      );
      const [rota] = await t.dataSource.query(
        `INSERT INTO rota (team_id, start_date, end_date) VALUES ($1, '2030-02-04', '2030-02-06') RETURNING id`,
        [ward.id],
      );
      const rows = await t.dataSource.query(
        `INSERT INTO shift (rota_id, team_id, shift_type_id, local_date, start_time, duration_minutes, unpaid_break_minutes,
           starts_at, ends_at, target_headcount, max_headcount)
         SELECT $1, $2, $3, d::date, '07:00', 480, 30, (d::date + time '07:00') AT TIME ZONE 'Europe/London',
                (d::date + time '15:00') AT TIME ZONE 'Europe/London', 1, 2
           FROM generate_series(DATE '2030-02-04', DATE '2030-02-06', interval '1 day') d RETURNING id`,
        [rota.id, ward.id, type.id],
      );
      shifts.push(rows.map((r: { id: string }) => r.id));
      tokens.push(await t.token({ roles: [Role.MANAGER], organisationIds: [org.id], teamIds: [ward.id] }));
    }
    const people: string[] = [];
    for (let i = 0; i < 4; i++)
      people.push((await insertStaff(t.dataSource, org.id, { contractedHoursPerWeek: 0 })).id);
    const servers = [t.http, ...(second ? [second.getHttpServer()] : [])];

    const created = new Map<string, { removed: number }>();
    let seeded = 1;
    const random = () => {
      seeded = (seeded * 48271) % 2147483647;
      return seeded / 2147483647;
    };
    const call = (n: number, query: string, variables: object) =>
      request(servers[n % servers.length]!)
        .post('/graphql')
        .set('content-type', 'application/json')
        .set('authorization', `Bearer ${tokens[n % 2]}`)
        .send({ query, variables });
    const worker = async (n: number) => {
      for (let k = 0; k < 25; k++) {
        const mine = [...created.entries()].filter(([, v]) => v.removed === 0);
        if (mine.length && random() < 0.3) {
          const [id, row] = mine[Math.floor(random() * mine.length)]!;
          const res = await call(
            n,
            `mutation($id: ID!) { unassignStaff(input: { assignmentId: $id }) { __typename } }`,
            { id },
          );
          if (!res.body.errors && res.body.data.unassignStaff.__typename === 'RotaEdit') row.removed++;
          else expect(['NOT_FOUND', 'CONFLICT', 'FORBIDDEN']).toContain(res.body.errors[0].extensions.code);
        } else {
          const res = await call(
            n,
            `mutation($shift: ID!, $staff: ID!) { assignStaff(input: { shiftId: $shift, staffId: $staff }) { __typename ... on RotaEdit { assignments { id } } } }`,
            {
              shift: shifts[n % 2]![Math.floor(random() * 3)],
              staff: people[Math.floor(random() * people.length)],
            },
          );
          if (res.body.errors) expect(['CONFLICT']).toContain(res.body.errors[0].extensions.code);
          else if (res.body.data.assignStaff.__typename === 'RotaEdit')
            created.set(res.body.data.assignStaff.assignments[0].id, { removed: 0 });
        }
      }
    };
    await Promise.all(Array.from({ length: 8 }, (_, n) => worker(n)));

    const [{ double }] = await t.dataSource.query(
      `SELECT count(*)::int AS double FROM assignment x JOIN assignment y ON x.staff_id = y.staff_id AND x.id < y.id
         AND tstzrange(x.starts_at, x.ends_at) && tstzrange(y.starts_at, y.ends_at)`,
    );
    expect(double).toBe(0);
    const [{ over }] = await t.dataSource.query(
      `SELECT count(*)::int AS over FROM shift s WHERE s.max_headcount < (SELECT count(*) FROM assignment a WHERE a.shift_id = s.id)`,
    );
    expect(over).toBe(0);
    const rows: Array<{ id: string }> = await t.dataSource.query(
      `SELECT a.id FROM assignment a JOIN shift s ON s.id = a.shift_id WHERE s.team_id = ANY($1)`,
      [wards.map((w) => w.id)],
    );
    const present = [...created.entries()]
      .filter(([, v]) => v.removed === 0)
      .map(([id]) => id)
      .sort();
    expect(rows.map((r) => r.id).sort()).toEqual(present);
    expect([...created.values()].every((v) => v.removed <= 1)).toBe(true);
    expect(created.size).toBeGreaterThan(0);
    const [audit] = await t.dataSource.query(
      `SELECT count(*) FILTER (WHERE action = 'INSERT')::int AS inserts, count(*) FILTER (WHERE action = 'DELETE')::int AS deletes
         FROM audit_event WHERE entity = 'assignment' AND $1::uuid = ANY(organisation_ids)`,
      [org.id],
    );
    expect(audit.inserts).toBe(created.size);
    expect(audit.inserts - audit.deletes).toBe(rows.length);
  });
});
