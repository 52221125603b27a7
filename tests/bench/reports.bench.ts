import { DataSource } from 'typeorm';
import { Role } from '../../src/common/auth/actor.js';
import { TokenService } from '../../src/common/auth/token.service.js';
import { withBenchApp } from './bench-db.js';
import { median, p90 } from './stats.js';

/**
 * A year of a large integrated area, written with set-based SQL: 3 organisations, 40 teams, 10,000 staff with 3
 * credentials each, 300 joint roles with appointees rostered ~4 days a week for the year on published rotas,
 * 5,000 placements with their decisions, and ~100,000 stored rota violations with overrides.
 */
async function seed(ds: DataSource): Promise<{ organisations: string[] }> {
  const orgs: Array<{ id: string }> = await ds.query(
    `INSERT INTO organisation (name, kind, sector) VALUES
       ('Bench Trust', 'NHS_TRUST', 'HEALTH'), ('Bench Council', 'LOCAL_AUTHORITY', 'SOCIAL_CARE'),
       ('Bench Care', 'INDEPENDENT_CARE_PROVIDER', 'SOCIAL_CARE') RETURNING id`,
  );
  const [trust, council, care] = orgs.map((o) => o.id);
  await ds.query(
    `INSERT INTO team (organisation_id, name, kind)
     SELECT CASE WHEN g <= 20 THEN $1::uuid WHEN g <= 35 THEN $2::uuid ELSE $3::uuid END, 'Team ' || g,
            (CASE WHEN g <= 20 THEN 'WARD' ELSE 'REABLEMENT' END)::team_kind
       FROM generate_series(1, 40) g`,
    [trust, council, care],
  );
  await ds.query(
    `CREATE TEMP TABLE bench_team AS SELECT id, organisation_id, row_number() OVER (ORDER BY name) AS n FROM team`,
  );
  await ds.query(
    `INSERT INTO staff_member (given_name, family_name, employer_id, home_team_id, staff_group, job_title, pay_framework,
       pay_grade, contracted_hours_per_week, date_of_birth, employee_number)
     SELECT 'Bench', 'Person ' || g, t.organisation_id, t.id, 'NURSING', 'Nurse', 'AGENDA_FOR_CHANGE', '5', 37.5,
            DATE '1990-01-01', 'B' || g
       FROM generate_series(1, 10000) g JOIN bench_team t ON t.n = 1 + g % 40`,
  );
  await ds.query(
    `INSERT INTO credential (staff_id, skill_id, obtained_on, expires_on, verified_by_organisation_id, verified_at,
       acceptance, decided_by, decided_at)
     SELECT s.id, k.id, current_date - 700, current_date + ((hashtext(s.id::text || k.code) & 1023) - 200),
            s.employer_id, now(), 'ACCEPTED', 'bench', now()
       FROM staff_member s CROSS JOIN skill k
      WHERE k.code IN ('CSTF_FIRE_SAFETY', 'CSTF_IPC_L2', 'CSTF_MOVING_HANDLING_L2')`,
  );
  // Joint roles: partners and role in one transaction (the partner-share trigger checks at commit).
  await ds.transaction(async (em) => {
    await em.query(
      `INSERT INTO joint_role (title, staff_group, fte, start_date, status, employment_model, employing_partner_id,
         line_management_partner_id, supervision_partner_id, annual_cost)
       SELECT 'Joint role ' || g, 'NURSING', 1, DATE '2025-06-01', 'ACTIVE', 'JOINT_EMPLOYMENT', $1, $1, $2,
              40000 + g * 13.37
         FROM generate_series(1, 300) g`,
      [trust, council],
    );
    await em.query(
      `INSERT INTO joint_role_partner (joint_role_id, organisation_id, funding_share_percent, time_share_percent,
         acceptance, decided_by, decided_at)
       SELECT id, $1::uuid, 60, 50, 'ACCEPTED'::share_acceptance, 'bench', now() FROM joint_role
       UNION ALL SELECT id, $2::uuid, 40, 50, 'ACCEPTED'::share_acceptance, 'bench', now() FROM joint_role`,
      [trust, council],
    );
  });
  await ds.query(
    `INSERT INTO joint_role_appointment (joint_role_id, staff_id, start_date, fte, appointed_by, status, decided_by,
       decided_at)
     SELECT r.id, s.id, DATE '2025-06-01', 1, 'bench', 'CONSENTED', 'bench', now()
       FROM (SELECT id, row_number() OVER (ORDER BY title) AS n FROM joint_role) r
       JOIN (SELECT id, row_number() OVER (ORDER BY id) AS n FROM staff_member WHERE employer_id = $1) s ON s.n = r.n`,
    [trust],
  );
  // Published four-week rotas for every team through 2026, one early a day, and the appointees' work on them.
  await ds.query(
    `INSERT INTO shift_type (team_id, code, name, start_time, duration_minutes, unpaid_break_minutes)
     SELECT id, 'E', 'Early', '07:00', 480, 30 FROM team`,
  );
  await ds.query(
    `INSERT INTO rota (team_id, start_date, end_date, status, published_at, published_by)
     SELECT t.id, DATE '2026-01-05' + 28 * k, DATE '2026-01-05' + 28 * k + 27, 'PUBLISHED', now(), 'bench'
       FROM team t CROSS JOIN generate_series(0, 12) k`,
  );
  await ds.query(
    `INSERT INTO shift (rota_id, team_id, shift_type_id, local_date, start_time, duration_minutes, unpaid_break_minutes,
       starts_at, ends_at, min_headcount, target_headcount)
     SELECT r.id, r.team_id, st.id, d::date, '07:00', 480, 30, (d::date + time '07:00') AT TIME ZONE 'Europe/London',
            (d::date + time '15:00') AT TIME ZONE 'Europe/London', 1, 2
       FROM rota r JOIN shift_type st ON st.team_id = r.team_id
       CROSS JOIN LATERAL generate_series(r.start_date, r.end_date, interval '1 day') d`,
  );
  await ds.query(
    `INSERT INTO assignment (shift_id, staff_id, basis, starts_at, ends_at, created_by)
     SELECT s.id, a.staff_id, 'JOINT_ROLE', s.starts_at, s.ends_at, 'bench'
       FROM (SELECT staff_id, row_number() OVER (ORDER BY staff_id) AS n FROM joint_role_appointment) a
       CROSS JOIN LATERAL generate_series(DATE '2026-01-05', DATE '2026-12-27', interval '1 day') d
       JOIN bench_team t ON t.n = 1 + (a.n + extract(doy FROM d)::int) % 35
       JOIN shift s ON s.team_id = t.id AND s.local_date = d::date
      WHERE extract(isodow FROM d) <= 4`,
  );
  await ds.query(
    `INSERT INTO rota_violation (rota_id, team_id, rule_code, severity, penalty, staff_id, window_start, window_end,
       measured, "limit", message)
     SELECT r.id, r.team_id, (ARRAY['COVER_MIN_HEADCOUNT','DAILY_REST','COVER_TARGET','CONTRACTED_HOURS'])[1 + g % 4],
            CASE WHEN g % 4 < 2 THEN 'HARD' ELSE 'SOFT' END, 1 + g % 7, NULL,
            (r.start_date + g % 28)::timestamp AT TIME ZONE 'Europe/London',
            (r.start_date + g % 28 + 1)::timestamp AT TIME ZONE 'Europe/London', 1, 2, 'bench violation'
       FROM rota r CROSS JOIN generate_series(1, 200) g`,
  );
  await ds.query(
    `INSERT INTO rule_override (rota_id, rule_code, reason, overridden_by)
     SELECT r.id, 'COVER_MIN_HEADCOUNT', 'Agency cover booked', 'bench-manager' FROM rota r`,
  );
  // A year of placements: each by a different person, to a team of another organisation, with its decisions.
  await ds.query(
    `INSERT INTO placement (staff_id, home_organisation_id, host_team_id, host_organisation_id, kind, start_date, end_date,
       hours_per_week, reason, status, requested_by, requested_at)
     SELECT s.id, s.employer_id, t.id, t.organisation_id,
            (ARRAY['SECONDMENT','ROTATION','SHORT_TERM_DEPLOYMENT','MUTUAL_AID'])[1 + s.n % 4]::placement_kind,
            DATE '2026-01-01' + (s.n % 330)::int, DATE '2026-01-01' + (s.n % 330)::int + 30, 37.5, 'Bench',
            (CASE WHEN s.n % 5 = 0 THEN 'REJECTED' WHEN s.n % 7 = 0 THEN 'REQUESTED' ELSE 'APPROVED' END)::placement_status,
            'bench', TIMESTAMPTZ '2025-12-01 09:00Z' + (s.n % 330) * interval '1 day'
       FROM (SELECT id, employer_id, row_number() OVER (ORDER BY id) AS n FROM staff_member) s
       JOIN bench_team t ON t.n = 1 + (s.n * 7) % 40 AND t.organisation_id <> s.employer_id
      WHERE s.n <= 5600`,
  );
  await ds.query(
    `INSERT INTO placement_decision (placement_id, side, decision, decided_by, decided_at)
     SELECT p.id, side::placement_side, CASE WHEN p.status = 'REJECTED' AND side = 'HOST' THEN 'REJECT' ELSE 'APPROVE' END::decision,
            'bench', p.requested_at + (1 + hashtext(p.id::text || side) & 15) * interval '1 day'
       FROM placement p CROSS JOIN unnest(ARRAY['HOME', 'HOST']) side
      WHERE p.status IN ('APPROVED', 'REJECTED')`,
  );
  await ds.query(`ANALYZE`);
  return { organisations: [trust!, council!, care!] };
}

export async function benchReports(): Promise<void> {
  console.log('\n6. HR reports over 10,000 staff and a year of data, PostgreSQL (GraphQL and CSV over HTTP)');
  await withBenchApp(async (app, baseUrl) => {
    const ds = app.get(DataSource);
    const t0 = performance.now();
    const { organisations } = await seed(ds);
    const [counts] = await ds.query(
      `SELECT (SELECT count(*) FROM staff_member)::int AS staff, (SELECT count(*) FROM credential)::int AS credentials,
              (SELECT count(*) FROM placement)::int AS placements, (SELECT count(*) FROM assignment)::int AS assignments,
              (SELECT count(*) FROM rota_violation)::int AS violations`,
    );
    console.log(
      `   seeded in ${((performance.now() - t0) / 1000).toFixed(1)} s: ${counts.staff.toLocaleString('en-GB')} staff, ${counts.credentials.toLocaleString('en-GB')} credentials, ${counts.placements.toLocaleString('en-GB')} placements, ${counts.assignments.toLocaleString('en-GB')} assignments, ${counts.violations.toLocaleString('en-GB')} stored violations`,
    );
    const hr = await app
      .get(TokenService)
      .mint({ subject: 'bench-hr', roles: [Role.HR], organisationIds: organisations });
    const year = `from: "2026-01-01", to: "2026-12-31"`;
    const reports: Array<[string, string]> = [
      [
        'jointRoleReport',
        `{ jointRoleReport(${year}) { roles fte annualCost byOrganisation { organisationId annualCost } timeSplit { staffId organisationId rosteredHours deviationPoints } } }`,
      ],
      [
        'placementReport',
        `{ placementReport(${year}) { total decided approvalPercent medianDaysToDecision p90DaysToDecision groups { direction kind status phase count } } }`,
      ],
      [
        'complianceReport',
        `{ complianceReport(${year}) { rotas violations byRule { ruleCode violations } byTeamAndRule { teamId ruleCode violations } overrides { id reason } } }`,
      ],
      [
        'credentialExpiryReport',
        `{ credentialExpiryReport(withinDays: 90) { expired expiring byTeam { teamId expired expiring } credentials { staffId expiresOn } } }`,
      ],
    ];
    for (const [name, query] of reports) {
      const times: number[] = [];
      let bytes = 0;
      for (let i = 0; i < 13; i++) {
        const s = performance.now();
        const res = await fetch(`${baseUrl}/graphql`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', authorization: `Bearer ${hr}` },
          body: JSON.stringify({ query }),
        });
        const text = await res.text();
        if (!res.ok || text.includes('"errors"')) throw new Error(text.slice(0, 500));
        bytes = text.length;
        if (i >= 3) times.push(performance.now() - s);
      }
      const csvTimes: number[] = [];
      const qs = name === 'credentialExpiryReport' ? 'withinDays=90' : 'from=2026-01-01&to=2026-12-31';
      for (let i = 0; i < 8; i++) {
        const s = performance.now();
        const res = await fetch(`${baseUrl}/reports/${name}.csv?${qs}`, {
          headers: { authorization: `Bearer ${hr}` },
        });
        await res.arrayBuffer();
        if (!res.ok) throw new Error(`${name}.csv: ${res.status}`);
        if (i >= 3) csvTimes.push(performance.now() - s);
      }
      console.log(
        `   ${name.padEnd(23)} GraphQL median ${median(times).toFixed(0).padStart(4)} ms, p90 ${p90(times).toFixed(0).padStart(4)} ms (${(bytes / 1024).toFixed(0)} KiB); CSV median ${median(csvTimes).toFixed(0)} ms`,
      );
    }
  });
}
