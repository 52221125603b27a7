import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { ChecksService } from '../checks/checks.service.js';
import { Access } from '../../common/auth/access.js';
import { type Actor, isAdmin, Role } from '../../common/auth/actor.js';
import { BadUserInputError, NotFoundError } from '../../common/errors/domain-error.js';
import { UUID_PATTERN } from '../../common/graphql/id-arg.js';
import { addDays, daysBetween, localDateOf } from '../../rota-core/dates.js';
import { limitsFor, paramInForce } from '../../rota-core/presets/floors.js';
import type { PresetName, RuleOverrides } from '../../rota-core/model.js';
import type { StoredDerogation } from '../organisations/team.entity.js';
import { ViolationSeverity } from '../checks/checks.types.js';
import type { Sector } from '../organisations/organisation.enums.js';
import { COUNTING_CREDENTIAL } from '../passport/counting-credential.js';
import type { PlacementKind, PlacementPhase, PlacementStatus } from '../placements/placement.enums.js';
import type { MoveDirection } from '../placements/placements.types.js';
import {
  type ComplianceDerogation,
  type ComplianceLine,
  type ComplianceReport,
  type CredentialExpiryReport,
  ExpiryStatus,
  type BankReport,
  type JointRoleReport,
  type PlacementCount,
  type PlacementReport,
} from './reports.types.js';

/** The longest period a report covers (three years). */
export const MAX_REPORT_DAYS = 3 * 366;
export const MAX_WITHIN_DAYS = 730;

export interface PeriodArgs {
  from: string;
  to: string;
}

const num = (v: unknown): number => (v === null || v === undefined ? 0 : Number(v));
const round = (v: number, places: number) => Math.round(v * 10 ** places) / 10 ** places;
const pounds = (pence: unknown) => num(pence) / 100;

/**
 * The HR reports. Each is aggregated in PostgreSQL (grouping sets, window functions, percentiles): only the
 * report's lines travel, never the rows behind them. Scopes: HR see their organisations, managers their teams
 * (compliance), ADMIN everything; asking for someone else's organisation or team is FORBIDDEN.
 */
@Injectable()
export class ReportsService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly checks: ChecksService,
  ) {}

  // ---- arguments and scopes --------------------------------------------------------------------------------

  /** Validates [from, to]: from ≤ to, at most three years. */
  period(from: string, to: string): PeriodArgs {
    if (to < from) throw new BadUserInputError('must not be before `from`', 'to');
    if (daysBetween(from, to) > MAX_REPORT_DAYS)
      throw new BadUserInputError(`the period is at most ${MAX_REPORT_DAYS} days`, 'to');
    return { from, to };
  }

  private uuid(value: string | null | undefined, field: string): string | undefined {
    if (value === null || value === undefined || value === '') return undefined;
    if (!UUID_PATTERN.test(value)) throw new BadUserInputError(`${field}: must be an id (a UUID)`, field);
    return value.toLowerCase();
  }

  /** Organisations the report covers (null: all): the one asked for, if the caller administers it. */
  async organisationScope(actor: Actor, organisationId?: string | null): Promise<string[] | null> {
    const id = this.uuid(organisationId, 'organisationId');
    if (id) {
      const found = await this.dataSource.query(`SELECT 1 FROM organisation WHERE id = $1`, [id]);
      if (found.length === 0) throw new NotFoundError('Organisation', id, 'organisationId');
      Access.assert(Access.administersOrganisation(actor, id), 'reports on that organisation');
      return [id];
    }
    if (isAdmin(actor)) return null;
    return actor.roles.has(Role.HR) ? [...actor.organisationIds] : [];
  }

  /** Teams the compliance report covers (null: all): HR's organisations' teams and managers' own teams. */
  async teamScope(actor: Actor, teamId?: string | null): Promise<string[] | null> {
    const id = this.uuid(teamId, 'teamId');
    if (id) {
      const [team] = await this.dataSource.query(
        `SELECT id, organisation_id AS "organisationId", name FROM team WHERE id = $1`,
        [id],
      );
      if (!team) throw new NotFoundError('Team', id, 'teamId');
      Access.assert(Access.overseesTeam(actor, team), `reports on ${team.name}`);
      return [id];
    }
    if (isAdmin(actor)) return null;
    const rows: Array<{ id: string }> = await this.dataSource.query(
      `SELECT id FROM team WHERE organisation_id = ANY($1::uuid[]) OR id = ANY($2::uuid[])`,
      [
        actor.roles.has(Role.HR) ? actor.organisationIds : [],
        actor.roles.has(Role.MANAGER) ? actor.teamIds : [],
      ],
    );
    return rows.map((r) => r.id);
  }

  // ---- joint roles -----------------------------------------------------------------------------------------

  async jointRoleReport(
    actor: Actor,
    args: { from: string; to: string; organisationId?: string | null },
  ): Promise<JointRoleReport> {
    const { from, to } = this.period(args.from, args.to);
    const orgs = await this.organisationScope(actor, args.organisationId);
    const params = [from, to, orgs];
    // Roles every partner has agreed (ACTIVE or ENDED, never DRAFT) whose dates overlap the period and that have a
    // partner in scope; only appointments the employer consented to.
    const roles = `
      SELECT jr.id, jr.title, jr.fte, round(jr.annual_cost * 100)::bigint AS cost_pence
        FROM joint_role jr
       WHERE jr.status <> 'DRAFT' AND jr.start_date <= $2 AND (jr.end_date IS NULL OR jr.end_date >= $1)
         AND ($3::uuid[] IS NULL OR EXISTS (
               SELECT 1 FROM joint_role_partner sp WHERE sp.joint_role_id = jr.id AND sp.organisation_id = ANY($3)))`;
    const [totals] = await this.dataSource.query(
      `WITH roles AS (${roles})
       SELECT count(*)::int AS roles, coalesce(sum(fte), 0) AS fte, coalesce(sum(cost_pence), 0) AS cost_pence,
              count(*) FILTER (WHERE cost_pence IS NULL)::int AS without_cost,
              (SELECT count(*)::int FROM joint_role_appointment a JOIN roles r ON r.id = a.joint_role_id
                WHERE a.status = 'CONSENTED' AND a.start_date <= $2 AND (a.end_date IS NULL OR a.end_date >= $1)) AS appointments
         FROM roles`,
      params,
    );
    // Each role's cost split by funding share in whole pence, largest remainder first, so every role's split
    // adds up to its cost exactly; FTE split by time share.
    const lines: Array<Record<string, unknown>> = await this.dataSource.query(
      `WITH roles AS (${roles}),
       split AS (
         SELECT p.joint_role_id, p.organisation_id, r.fte * p.time_share_percent / 100 AS fte_share,
                coalesce(r.cost_pence, 0) AS cost_pence,
                coalesce(r.cost_pence, 0) * p.funding_share_percent / 100 AS exact,
                floor(coalesce(r.cost_pence, 0) * p.funding_share_percent / 100) AS base
           FROM joint_role_partner p JOIN roles r ON r.id = p.joint_role_id),
       ranked AS (
         SELECT s.*, s.cost_pence - sum(s.base) OVER (PARTITION BY s.joint_role_id) AS leftover,
                row_number() OVER (PARTITION BY s.joint_role_id ORDER BY s.exact - s.base DESC, s.organisation_id) AS k
           FROM split s),
       allocated AS (
         SELECT r.joint_role_id, r.organisation_id, r.fte_share,
                r.base + CASE WHEN r.k <= r.leftover THEN 1 ELSE 0 END AS share_pence
           FROM ranked r)
       SELECT grouping(o.id) AS all_organisations, o.id, o.name, o.sector AS sector,
              count(DISTINCT a.joint_role_id)::int AS roles, sum(a.fte_share) AS fte, sum(a.share_pence) AS pence
         FROM allocated a JOIN organisation o ON o.id = a.organisation_id
        GROUP BY GROUPING SETS ((o.id, o.name, o.sector), (o.sector))
        ORDER BY grouping(o.id), o.sector, o.name`,
      params,
    );
    const byOrganisation = lines
      .filter((l) => Number(l.all_organisations) === 0)
      .map((l) => ({
        organisationId: l.id as string,
        organisationName: l.name as string,
        sector: l.sector as Sector,
        roles: num(l.roles),
        fte: round(num(l.fte), 4),
        annualCost: pounds(l.pence),
      }));
    const bySector = lines
      .filter((l) => Number(l.all_organisations) === 1)
      .map((l) => ({
        sector: l.sector as Sector,
        roles: num(l.roles),
        fte: round(num(l.fte), 4),
        annualCost: pounds(l.pence),
      }));

    // Rostered hours (published rotas, shifts not cancelled) per appointment and partner in the period.
    const split: Array<Record<string, unknown>> = await this.dataSource.query(
      `WITH roles AS (${roles}),
       appointments AS (
         SELECT a.id, a.joint_role_id, a.staff_id,
                greatest(a.start_date, $1::date) AS first_day, least(coalesce(a.end_date, $2::date), $2::date) AS last_day
           FROM joint_role_appointment a JOIN roles r ON r.id = a.joint_role_id
          WHERE a.status = 'CONSENTED' AND a.start_date <= $2 AND (a.end_date IS NULL OR a.end_date >= $1)),
       worked AS (
         SELECT ap.id AS appointment_id, tm.organisation_id,
                -- Working time as the rules count it (rota-core shiftFacts): real minutes minus the unpaid break.
                sum(extract(epoch FROM s.ends_at - s.starts_at) / 60 - s.unpaid_break_minutes) AS minutes
           FROM appointments ap
           JOIN assignment asg ON asg.staff_id = ap.staff_id AND asg.cancelled_at IS NULL
           JOIN shift s ON s.id = asg.shift_id AND s.cancelled_at IS NULL
                       AND s.local_date BETWEEN ap.first_day AND ap.last_day
           JOIN rota ro ON ro.id = s.rota_id AND ro.status = 'PUBLISHED'
           JOIN team tm ON tm.id = s.team_id
          GROUP BY ap.id, tm.organisation_id)
       SELECT ap.id AS appointment_id, ap.joint_role_id, jr.title, ap.staff_id,
              sm.given_name || ' ' || sm.family_name AS staff_name,
              p.organisation_id, o.name AS organisation_name, p.time_share_percent,
              coalesce(w.minutes, 0) AS minutes,
              sum(coalesce(w.minutes, 0)) OVER (PARTITION BY ap.id) AS total_minutes
         FROM appointments ap
         JOIN joint_role jr ON jr.id = ap.joint_role_id
         JOIN staff_member sm ON sm.id = ap.staff_id
         JOIN joint_role_partner p ON p.joint_role_id = ap.joint_role_id
         JOIN organisation o ON o.id = p.organisation_id
         LEFT JOIN worked w ON w.appointment_id = ap.id AND w.organisation_id = p.organisation_id
        ORDER BY jr.title, sm.family_name, sm.given_name, ap.id, o.name`,
      params,
    );
    return {
      from,
      to,
      roles: num(totals.roles),
      appointments: num(totals.appointments),
      fte: round(num(totals.fte), 4),
      annualCost: pounds(totals.cost_pence),
      rolesWithoutCost: num(totals.without_cost),
      byOrganisation,
      bySector,
      timeSplit: split.map((l) => {
        const total = num(l.total_minutes);
        const agreed = num(l.time_share_percent);
        const share = total > 0 ? (num(l.minutes) / total) * 100 : null;
        return {
          appointmentId: l.appointment_id as string,
          jointRoleId: l.joint_role_id as string,
          jointRoleTitle: l.title as string,
          staffId: l.staff_id as string,
          staffName: l.staff_name as string,
          organisationId: l.organisation_id as string,
          organisationName: l.organisation_name as string,
          agreedSharePercent: agreed,
          rosteredHours: round(num(l.minutes) / 60, 2),
          rosteredSharePercent: share === null ? null : round(share, 2),
          deviationPoints: share === null ? null : round(share - agreed, 2),
        };
      }),
    };
  }

  // ---- placements ------------------------------------------------------------------------------------------

  async placementReport(
    actor: Actor,
    args: { from: string; to: string; organisationId?: string | null },
  ): Promise<PlacementReport> {
    const { from, to } = this.period(args.from, args.to);
    const orgs = await this.organisationScope(actor, args.organisationId);
    const params = [from, to, orgs];
    const placements = `
      SELECT p.id, p.kind, p.status, p.requested_at,
             CASE WHEN ho.sector = 'HEALTH' AND xo.sector = 'SOCIAL_CARE' THEN 'HEALTH_TO_SOCIAL_CARE'
                  WHEN ho.sector = 'SOCIAL_CARE' AND xo.sector = 'HEALTH' THEN 'SOCIAL_CARE_TO_HEALTH'
                  WHEN ho.sector = 'HEALTH' THEN 'WITHIN_HEALTH' ELSE 'WITHIN_SOCIAL_CARE' END AS direction,
             CASE WHEN (now() AT TIME ZONE ht.time_zone)::date < p.start_date THEN 'UPCOMING'
                  WHEN (now() AT TIME ZONE ht.time_zone)::date > p.end_date THEN 'ENDED'
                  ELSE 'ACTIVE' END AS phase
        FROM placement p
        JOIN organisation ho ON ho.id = p.home_organisation_id
        JOIN organisation xo ON xo.id = p.host_organisation_id
        JOIN team ht ON ht.id = p.host_team_id
       WHERE p.start_date <= $2 AND p.end_date >= $1
         AND ($3::uuid[] IS NULL OR p.home_organisation_id = ANY($3) OR p.host_organisation_id = ANY($3))`;
    const counts: Array<Record<string, unknown>> = await this.dataSource.query(
      `WITH placements AS (${placements})
       SELECT grouping(direction) AS g_direction, grouping(kind) AS g_kind, grouping(status) AS g_status,
              grouping(phase) AS g_phase, direction, kind, status, phase, count(*)::int AS count
         FROM placements
        GROUP BY GROUPING SETS ((), (direction), (kind), (status), (phase), (direction, kind, status, phase))
        ORDER BY direction, kind, status, phase`,
      params,
    );
    // The final decision of each placement, from the decisions kept: the first rejection, or the second approval.
    const [decisions] = await this.dataSource.query(
      `WITH placements AS (${placements}),
       final AS (
         SELECT p.id,
                CASE WHEN bool_or(d.decision = 'REJECT') THEN 'REJECTED'
                     WHEN count(*) FILTER (WHERE d.decision = 'APPROVE') = 2 THEN 'APPROVED' END AS outcome,
                CASE WHEN bool_or(d.decision = 'REJECT') THEN min(d.decided_at) FILTER (WHERE d.decision = 'REJECT')
                     ELSE max(d.decided_at) END - p.requested_at AS waited
           FROM placements p JOIN placement_decision d ON d.placement_id = p.id
          GROUP BY p.id, p.requested_at),
       decided AS (
         SELECT outcome, extract(epoch FROM waited) / 86400 AS days FROM final WHERE outcome IS NOT NULL)
       SELECT count(*)::int AS decided,
              count(*) FILTER (WHERE outcome = 'APPROVED')::int AS approved,
              count(*) FILTER (WHERE outcome = 'REJECTED')::int AS rejected,
              percentile_cont(0.5) WITHIN GROUP (ORDER BY days) AS median,
              percentile_cont(0.9) WITHIN GROUP (ORDER BY days) AS p90
         FROM decided`,
      params,
    );
    const line = (c: Record<string, unknown>): PlacementCount => ({
      direction: Number(c.g_direction) ? null : (c.direction as MoveDirection),
      kind: Number(c.g_kind) ? null : (c.kind as PlacementKind),
      status: Number(c.g_status) ? null : (c.status as PlacementStatus),
      phase: Number(c.g_phase) ? null : (c.phase as PlacementPhase),
      count: num(c.count),
    });
    const only = (g: 'g_direction' | 'g_kind' | 'g_status' | 'g_phase') =>
      counts
        .filter(
          (c) =>
            Number(c[g]) === 0 &&
            ['g_direction', 'g_kind', 'g_status', 'g_phase'].every((o) => o === g || Number(c[o]) === 1),
        )
        .map(line);
    const total = counts.find((c) =>
      ['g_direction', 'g_kind', 'g_status', 'g_phase'].every((g) => Number(c[g]) === 1),
    );
    const decided = num(decisions.decided);
    return {
      from,
      to,
      total: num(total?.count),
      byDirection: only('g_direction'),
      byKind: only('g_kind'),
      byStatus: only('g_status'),
      byPhase: only('g_phase'),
      groups: counts
        .filter((c) => ['g_direction', 'g_kind', 'g_status', 'g_phase'].every((g) => Number(c[g]) === 0))
        .map(line),
      decided,
      approved: num(decisions.approved),
      rejected: num(decisions.rejected),
      approvalPercent: decided ? round((num(decisions.approved) / decided) * 100, 2) : null,
      rejectionPercent: decided ? round((num(decisions.rejected) / decided) * 100, 2) : null,
      medianDaysToDecision: decisions.median === null ? null : round(Number(decisions.median), 2),
      p90DaysToDecision: decisions.p90 === null ? null : round(Number(decisions.p90), 2),
    };
  }

  // ---- staff banks -----------------------------------------------------------------------------------------

  /**
   * Bank shifts worked (by employer → host organisation, with the sectors' direction) and open-shift fill rate
   * and time to fill (per host team), for shifts whose day falls in the period. HR see pairs and teams that
   * involve their organisations.
   */
  async bankReport(
    actor: Actor,
    args: { from: string; to: string; organisationId?: string | null },
  ): Promise<BankReport> {
    const { from, to } = this.period(args.from, args.to);
    const orgs = await this.organisationScope(actor, args.organisationId);
    const params = [from, to, orgs];
    const pairs: Array<Record<string, unknown>> = await this.dataSource.query(
      `SELECT m.employer_id AS worker_id, wo.name AS worker_name, wo.sector AS worker_sector,
              o.organisation_id AS host_id, ho.name AS host_name, ho.sector AS host_sector,
              count(*)::int AS shifts, count(DISTINCT c.staff_id)::int AS people,
              sum(s.duration_minutes - s.unpaid_break_minutes) / 60.0 AS hours
         FROM open_shift_claim c
         JOIN open_shift o ON o.id = c.open_shift_id
         JOIN shift s ON s.id = o.shift_id
         JOIN assignment a ON a.id = c.assignment_id AND a.cancelled_at IS NULL
         JOIN staff_member m ON m.id = c.staff_id
         JOIN organisation wo ON wo.id = m.employer_id
         JOIN organisation ho ON ho.id = o.organisation_id
        WHERE c.status = 'APPROVED' AND s.local_date BETWEEN $1 AND $2 AND s.cancelled_at IS NULL
          AND ($3::uuid[] IS NULL OR m.employer_id = ANY($3) OR o.organisation_id = ANY($3))
        GROUP BY m.employer_id, wo.name, wo.sector, o.organisation_id, ho.name, ho.sector
        ORDER BY wo.name, ho.name`,
      params,
    );
    // Each place offered, and when an approved claim filled it (hours after the offer).
    const places = `
      SELECT o.team_id, t.name AS team_name, o.organisation_id, o.id AS offer_id, p.place,
             extract(epoch FROM c.decided_at - o.published_at) / 3600 AS hours
        FROM open_shift o
        JOIN shift s ON s.id = o.shift_id
        JOIN team t ON t.id = o.team_id
        CROSS JOIN LATERAL generate_series(1, o.places) AS p(place)
        LEFT JOIN open_shift_claim c ON c.open_shift_id = o.id AND c.place = p.place AND c.status = 'APPROVED'
       WHERE s.local_date BETWEEN $1 AND $2 AND ($3::uuid[] IS NULL OR o.organisation_id = ANY($3))`;
    const teams: Array<Record<string, unknown>> = await this.dataSource.query(
      `WITH places AS (${places})
       SELECT grouping(team_id) AS g, team_id, min(team_name) AS team_name, min(organisation_id::text) AS organisation_id,
              count(DISTINCT offer_id)::int AS offers, count(*)::int AS places, count(hours)::int AS filled,
              percentile_cont(0.5) WITHIN GROUP (ORDER BY hours) AS median,
              percentile_cont(0.9) WITHIN GROUP (ORDER BY hours) AS p90
         FROM places
        GROUP BY GROUPING SETS ((), (team_id))
        ORDER BY min(team_name)`,
      params,
    );
    const total = teams.find((t) => Number(t.g) === 1);
    const percent = (filled: number, all: number) => (all ? round((filled / all) * 100, 2) : null);
    const hours = (v: unknown) => (v === null || v === undefined ? null : round(Number(v), 2));
    const byOrganisationPair = pairs.map((p) => {
      const ws = p.worker_sector as Sector;
      const hs = p.host_sector as Sector;
      const direction = (
        ws === hs
          ? ws === 'HEALTH'
            ? 'WITHIN_HEALTH'
            : 'WITHIN_SOCIAL_CARE'
          : ws === 'HEALTH'
            ? 'HEALTH_TO_SOCIAL_CARE'
            : 'SOCIAL_CARE_TO_HEALTH'
      ) as MoveDirection;
      return {
        workerOrganisationId: p.worker_id as string,
        workerOrganisationName: p.worker_name as string,
        workerSector: ws,
        hostOrganisationId: p.host_id as string,
        hostOrganisationName: p.host_name as string,
        hostSector: hs,
        direction,
        shifts: num(p.shifts),
        people: num(p.people),
        hours: round(num(p.hours), 2),
      };
    });
    return {
      from,
      to,
      bankShifts: byOrganisationPair.reduce((n, p) => n + p.shifts, 0),
      crossOrganisationShifts: byOrganisationPair
        .filter((p) => p.workerOrganisationId !== p.hostOrganisationId)
        .reduce((n, p) => n + p.shifts, 0),
      places: num(total?.places),
      filled: num(total?.filled),
      fillPercent: percent(num(total?.filled), num(total?.places)),
      medianHoursToFill: hours(total?.median),
      p90HoursToFill: hours(total?.p90),
      byOrganisationPair,
      byTeam: teams
        .filter((t) => Number(t.g) === 0)
        .map((t) => ({
          teamId: t.team_id as string,
          teamName: t.team_name as string,
          organisationId: t.organisation_id as string,
          offers: num(t.offers),
          places: num(t.places),
          filled: num(t.filled),
          fillPercent: percent(num(t.filled), num(t.places)),
          medianHoursToFill: hours(t.median),
        })),
    };
  }

  // ---- compliance ------------------------------------------------------------------------------------------

  async complianceReport(
    actor: Actor,
    args: { from: string; to: string; teamId?: string | null },
  ): Promise<ComplianceReport> {
    const { from, to } = this.period(args.from, args.to);
    const teams = await this.teamScope(actor, args.teamId);
    // What changed elsewhere since a rota was last checked (leave, placements, credentials…) is checked first.
    await this.checks.refreshStale(teams ?? undefined);
    const params = [from, to, teams];
    // A violation counts when its window overlaps [from, to] as local days in its team's zone.
    const lines: Array<Record<string, unknown>> = await this.dataSource.query(
      `SELECT grouping(v.team_id) AS g_team, grouping(v.rule_code) AS g_rule,
              v.team_id, t.name AS team_name, v.rule_code, v.severity,
              count(*)::int AS violations, count(*) FILTER (WHERE v.severity = 'HARD')::int AS hard,
              sum(v.penalty) AS penalty, count(DISTINCT v.staff_id)::int AS people,
              count(DISTINCT v.rota_id)::int AS rotas
         FROM rota_violation v
         JOIN rota r ON r.id = v.rota_id AND r.status = 'PUBLISHED'
         JOIN team t ON t.id = v.team_id
        WHERE ($3::uuid[] IS NULL OR v.team_id = ANY($3))
          AND v.window_start < (($2::date + 1)::timestamp AT TIME ZONE t.time_zone)
          AND v.window_end >= ($1::date::timestamp AT TIME ZONE t.time_zone)
        GROUP BY GROUPING SETS ((), (v.rule_code, v.severity), (v.team_id, t.name), (v.team_id, t.name, v.rule_code, v.severity))
        ORDER BY t.name, v.team_id, v.severity, v.rule_code`,
      params,
    );
    const overrides: Array<Record<string, unknown>> = await this.dataSource.query(
      `SELECT o.id, o.rule_code, o.reason, o.overridden_by, o.overridden_at, t.id AS team_id, t.name AS team_name,
              r.id AS rota_id, o.assignment_id, o.staff_id,
              CASE WHEN sm.id IS NULL THEN NULL ELSE sm.given_name || ' ' || sm.family_name END AS staff_name,
              s.local_date::text AS shift_date
         FROM rule_override o
         LEFT JOIN shift s ON s.id = o.shift_ids[1]
         LEFT JOIN staff_member sm ON sm.id = o.staff_id
         JOIN rota r ON r.id = o.rota_id AND r.status = 'PUBLISHED'
         JOIN team t ON t.id = r.team_id
        WHERE ($3::uuid[] IS NULL OR t.id = ANY($3))
          AND (CASE WHEN s.id IS NOT NULL THEN s.local_date BETWEEN $1 AND $2
                    ELSE r.start_date <= $2 AND r.end_date >= $1 END)
        ORDER BY o.overridden_at, s.local_date NULLS LAST, o.id`,
      params,
    );
    const derogationRows: Array<{
      id: string;
      name: string;
      preset: PresetName;
      overrides: RuleOverrides;
      derogations: StoredDerogation[];
    }> = await this.dataSource.query(
      `SELECT t.id, t.name, t.rule_set_preset::text AS preset, t.rule_set_overrides AS overrides,
              t.rule_set_derogations AS derogations
         FROM team t
        WHERE ($1::uuid[] IS NULL OR t.id = ANY($1)) AND jsonb_array_length(t.rule_set_derogations) > 0
        ORDER BY t.name, t.id`,
      [teams],
    );
    const derogations: ComplianceDerogation[] = derogationRows.flatMap((t) =>
      (t.derogations ?? []).flatMap((d) => {
        const limits = limitsFor(t.preset).filter(
          (l) => l.ruleCode === d.ruleCode && (d.param === null || l.param === d.param),
        );
        const limit = limits[0];
        if (!limit) return [];
        const spec = { preset: t.preset, overrides: t.overrides };
        const severity = t.overrides?.[d.ruleCode]?.severity ?? 'HARD';
        return [
          {
            teamId: t.id,
            teamName: t.name,
            ruleCode: d.ruleCode,
            param: d.param,
            limitKind: limit.kind,
            direction: d.param === null ? null : limit.direction,
            statutoryValue: d.param === null ? null : limit.value,
            valueInForce: d.param === null ? null : (paramInForce(spec, d.ruleCode, d.param, to) ?? null),
            severityInForce: severity,
            source: limit.source,
            reason: d.reason,
            grantedBy: d.grantedBy,
            grantedAt: new Date(d.grantedAt),
          },
        ];
      }),
    );
    const line = (l: Record<string, unknown>): ComplianceLine => ({
      teamId: Number(l.g_team) ? null : (l.team_id as string),
      teamName: Number(l.g_team) ? null : (l.team_name as string),
      ruleCode: Number(l.g_rule) ? null : (l.rule_code as string),
      severity: Number(l.g_rule) ? null : (l.severity as ViolationSeverity),
      violations: num(l.violations),
      hardViolations: num(l.hard),
      penalty: round(num(l.penalty), 2),
      people: num(l.people),
    });
    const total = lines.find((l) => Number(l.g_team) === 1 && Number(l.g_rule) === 1);
    return {
      from,
      to,
      rotas: num(total?.rotas),
      violations: num(total?.violations),
      hardViolations: num(total?.hard),
      byRule: lines.filter((l) => Number(l.g_team) === 1 && Number(l.g_rule) === 0).map(line),
      byTeam: lines.filter((l) => Number(l.g_team) === 0 && Number(l.g_rule) === 1).map(line),
      byTeamAndRule: lines.filter((l) => Number(l.g_team) === 0 && Number(l.g_rule) === 0).map(line),
      overrides: overrides.map((o) => ({
        id: o.id as string,
        ruleCode: o.rule_code as string,
        reason: o.reason as string,
        overriddenBy: o.overridden_by as string,
        overriddenAt: o.overridden_at as Date,
        teamId: o.team_id as string,
        teamName: o.team_name as string,
        rotaId: o.rota_id as string,
        assignmentId: (o.assignment_id as string | null) ?? null,
        staffId: (o.staff_id as string | null) ?? null,
        staffName: (o.staff_name as string | null) ?? null,
        shiftDate: (o.shift_date as string | null) ?? null,
      })),
      derogations,
    };
  }

  // ---- credentials -----------------------------------------------------------------------------------------

  async credentialExpiryReport(
    actor: Actor,
    args: { withinDays: number; organisationId?: string | null },
    now: Date = new Date(),
  ): Promise<CredentialExpiryReport> {
    const within = args.withinDays;
    if (!Number.isInteger(within) || within < 0 || within > MAX_WITHIN_DAYS)
      throw new BadUserInputError(
        `must be a whole number of days from 0 to ${MAX_WITHIN_DAYS}`,
        'withinDays',
      );
    const orgs = await this.organisationScope(actor, args.organisationId);
    const today = localDateOf(now);
    const params = [today, addDays(today, within), orgs];
    // Per person and skill only the latest credential that counts (accepted, not revoked) matters: a renewal
    // replaces what it renews, a renewal still waiting for the employer's acceptance does not.
    const latest = `
      SELECT DISTINCT ON (c.staff_id, c.skill_id) c.id, c.staff_id, c.skill_id, c.expires_on
        FROM ${COUNTING_CREDENTIAL} c JOIN staff_member sm ON sm.id = c.staff_id AND sm.active
       WHERE ($3::uuid[] IS NULL OR sm.employer_id = ANY($3))
       ORDER BY c.staff_id, c.skill_id, c.expires_on DESC NULLS FIRST`;
    const rows: Array<Record<string, unknown>> = await this.dataSource.query(
      `WITH latest AS (${latest})
       SELECT l.id, l.staff_id, sm.given_name || ' ' || sm.family_name AS staff_name,
              o.id AS organisation_id, o.name AS organisation_name, t.id AS team_id, t.name AS team_name,
              sk.code AS skill_code, sk.name AS skill_name, l.expires_on::text AS expires_on,
              (l.expires_on - $1::date) AS days_left
         FROM latest l
         JOIN staff_member sm ON sm.id = l.staff_id
         JOIN organisation o ON o.id = sm.employer_id
         LEFT JOIN team t ON t.id = sm.home_team_id
         JOIN skill sk ON sk.id = l.skill_id
        WHERE l.expires_on IS NOT NULL AND l.expires_on <= $2
        ORDER BY l.expires_on, sm.family_name, sm.given_name, sk.code`,
      params,
    );
    const lines: Array<Record<string, unknown>> = await this.dataSource.query(
      `WITH latest AS (${latest})
       SELECT grouping(t.id) AS g_team, o.id AS organisation_id, o.name AS organisation_name,
              t.id AS team_id, t.name AS team_name,
              count(*) FILTER (WHERE l.expires_on < $1)::int AS expired,
              count(*) FILTER (WHERE l.expires_on >= $1)::int AS expiring
         FROM latest l
         JOIN staff_member sm ON sm.id = l.staff_id
         JOIN organisation o ON o.id = sm.employer_id
         LEFT JOIN team t ON t.id = sm.home_team_id
        WHERE l.expires_on IS NOT NULL AND l.expires_on <= $2
        GROUP BY GROUPING SETS ((o.id, o.name), (o.id, o.name, t.id, t.name))
        ORDER BY o.name, o.id, grouping(t.id) DESC, t.name`,
      params,
    );
    const expiryLine = (l: Record<string, unknown>) => ({
      organisationId: l.organisation_id as string,
      organisationName: l.organisation_name as string,
      teamId: (l.team_id as string | null) ?? null,
      teamName: (l.team_name as string | null) ?? null,
      expired: num(l.expired),
      expiring: num(l.expiring),
    });
    const credentials = rows.map((r) => {
      const daysLeft = num(r.days_left);
      return {
        credentialId: r.id as string,
        staffId: r.staff_id as string,
        staffName: r.staff_name as string,
        organisationId: r.organisation_id as string,
        organisationName: r.organisation_name as string,
        teamId: (r.team_id as string | null) ?? null,
        teamName: (r.team_name as string | null) ?? null,
        skillCode: r.skill_code as string,
        skillName: r.skill_name as string,
        expiresOn: r.expires_on as string,
        daysLeft,
        status: daysLeft < 0 ? ExpiryStatus.EXPIRED : ExpiryStatus.EXPIRING,
      };
    });
    return {
      today,
      withinDays: within,
      expired: credentials.filter((c) => c.status === ExpiryStatus.EXPIRED).length,
      expiring: credentials.filter((c) => c.status === ExpiryStatus.EXPIRING).length,
      byOrganisation: lines.filter((l) => Number(l.g_team) === 1).map(expiryLine),
      byTeam: lines.filter((l) => Number(l.g_team) === 0).map(expiryLine),
      credentials,
    };
  }
}
