import 'reflect-metadata';
import { DataSource } from 'typeorm';
import { Role } from '../../src/common/auth/actor.js';
import { TokenService } from '../../src/common/auth/token.service.js';
import { addDays } from '../../src/rota-core/dates.js';
import { shiftInstants } from '../../src/rota-core/time.js';
import { withBenchApp } from './bench-db.js';
import { median, p90 } from './stats.js';

/**
 * A team of `people` (200) on a 4-week rota (E/L/N every day, about 5 shifts a week each, three credentials each,
 * skill mix), written with SQL.
 */
export async function seed(
  ds: Pick<DataSource, 'query'>,
  people = 200,
): Promise<{ rotaId: string; teamId: string; orgId: string }> {
  const [org] = await ds.query(
    `INSERT INTO organisation (name, kind, sector) VALUES ('Bench Trust', 'NHS_TRUST', 'HEALTH') RETURNING id`,
  );
  const [team] = await ds.query(
    `INSERT INTO team (organisation_id, name, kind) VALUES ($1, 'Bench Ward', 'WARD') RETURNING id`,
    [org.id],
  );
  const [nmc] = await ds.query(`SELECT id FROM skill WHERE code = 'NMC_REGISTRATION'`);
  await ds.query(
    `INSERT INTO team_required_skill (team_id, skill_id) SELECT $1, id FROM skill WHERE code IN ('CSTF_FIRE_SAFETY', 'CSTF_IPC_L2')`,
    [team.id],
  );
  const types: Record<string, { id: string; start: string; minutes: number; brk: number }> = {};
  for (const [code, start, minutes, brk] of [
    ['E', '07:00', 480, 30],
    ['L', '14:30', 480, 30],
    ['N', '20:00', 720, 60],
  ] as const) {
    const [row] = await ds.query(
      `INSERT INTO shift_type (team_id, code, name, start_time, duration_minutes, unpaid_break_minutes) VALUES ($1, $2, $2, $3, $4, $5) RETURNING id`,
      [team.id, code, start, minutes, brk],
    );
    types[code] = { id: row.id, start, minutes, brk };
  }
  const start = '2026-03-02';
  const [rota] = await ds.query(
    `INSERT INTO rota (team_id, start_date, end_date) VALUES ($1, $2, $3) RETURNING id`,
    [team.id, start, addDays(start, 27)],
  );
  const staff: Array<{ id: string }> = await ds.query(
    `INSERT INTO staff_member (given_name, family_name, employer_id, home_team_id, staff_group, job_title, pay_framework, pay_grade, contracted_hours_per_week, date_of_birth)
     SELECT 'Bench', 'Person ' || lpad(g::text, 3, '0'), $1, $2, 'NURSING', 'Staff Nurse', 'AGENDA_FOR_CHANGE', '5', 37.5, DATE '1990-01-01'
       FROM generate_series(1, $3::int) g RETURNING id`,
    [org.id, team.id, people],
  );
  await ds.query(
    `INSERT INTO credential (staff_id, skill_id, obtained_on, expires_on, verified_by_organisation_id, verified_at,
       acceptance, decided_by, decided_at)
     SELECT s.id, k.id, DATE '2025-06-01', DATE '2027-06-01', $1, now(), 'ACCEPTED', 'bench', now()
       FROM staff_member s CROSS JOIN skill k
      WHERE s.employer_id = $1 AND k.code IN ('CSTF_FIRE_SAFETY', 'CSTF_IPC_L2', 'NMC_REGISTRATION')`,
    [org.id],
  );
  const shiftIds = new Map<string, string>();
  for (let d = 0; d < 28; d++) {
    const date = addDays(start, d);
    for (const [code, t] of Object.entries(types)) {
      const at = shiftInstants(date, t.start, t.minutes, 'Europe/London');
      if (!at.ok) continue;
      const [row] = await ds.query(
        `INSERT INTO shift (rota_id, team_id, shift_type_id, local_date, start_time, duration_minutes, unpaid_break_minutes, starts_at, ends_at, min_headcount, target_headcount)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, 30, 35) RETURNING id`,
        [rota.id, team.id, t.id, date, t.start, t.minutes, t.brk, at.startsAt, at.endsAt],
      );
      await ds.query(`INSERT INTO shift_skill_slot (shift_id, skill_id, count) VALUES ($1, $2, 4)`, [
        row.id,
        nmc.id,
      ]);
      shiftIds.set(`${d}|${code}`, row.id);
    }
  }
  const line = [
    'E',
    'E',
    'L',
    'L',
    null,
    null,
    'E',
    'E',
    'L',
    'L',
    null,
    null,
    'N',
    'N',
    'N',
    null,
    null,
    null,
    'E',
    'E',
    'L',
    null,
    null,
    'E',
    'E',
    'L',
    'L',
    null,
  ];
  const values: string[] = [];
  const params: unknown[] = [];
  staff.forEach((s, i) => {
    for (let d = 0; d < 28; d++) {
      const code = line[(d + i) % 28];
      if (!code) continue;
      params.push(shiftIds.get(`${d}|${code}`), s.id);
      values.push(`($${params.length - 1}::uuid, $${params.length}::uuid)`);
    }
  });
  for (let k = 0; k < values.length; k += 2000) {
    const chunk = values.slice(k, k + 2000);
    const offset = k * 2;
    await ds.query(
      `INSERT INTO assignment (shift_id, staff_id, basis, starts_at, ends_at, created_by)
       SELECT v.shift_id, v.staff_id, 'EMPLOYMENT', s.starts_at, s.ends_at, 'bench'
         FROM (VALUES ${chunk.map((_, j) => `($${j * 2 + 1}::uuid, $${j * 2 + 2}::uuid)`).join(', ')}) AS v(shift_id, staff_id)
         JOIN shift s ON s.id = v.shift_id`,
      params.slice(offset, offset + chunk.length * 2),
    );
  }
  return { rotaId: rota.id, teamId: team.id, orgId: org.id };
}

export async function benchCheckRotaOverGraphQL(): Promise<void> {
  console.log(
    '\n4. checkRota through GraphQL, 200 staff × 4 weeks, PostgreSQL (HTTP round trip, loading included)',
  );
  await withBenchApp(async (app, baseUrl) => {
    const { rotaId, teamId } = await seed(app.get(DataSource));
    const token = await app
      .get(TokenService)
      .mint({ subject: 'bench', roles: [Role.MANAGER], teamIds: [teamId] });
    const [{ n }] = await app.get(DataSource).query(`SELECT count(*)::int AS n FROM assignment`);
    const query = JSON.stringify({
      query: `query($id: ID!) { checkRota(rotaId: $id) { hardCount softPenalty violations { ruleCode penalty message } } }`,
      variables: { id: rotaId },
    });
    const times: number[] = [];
    let violations = 0;
    for (let i = 0; i < 35; i++) {
      const t0 = performance.now();
      const res = await fetch(`${baseUrl}/graphql`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
        body: query,
      });
      const body = (await res.json()) as {
        data?: { checkRota: { violations: unknown[] } };
        errors?: unknown;
      };
      if (!body.data) throw new Error(JSON.stringify(body.errors));
      violations = body.data.checkRota.violations.length;
      if (i >= 5) times.push(performance.now() - t0);
    }
    console.log(
      `   ${n.toLocaleString('en-GB')} assignments, ${violations} violations reported: median ${median(times).toFixed(1)} ms, p90 ${p90(times).toFixed(1)} ms over 30 requests`,
    );
  });
}
