import { stringify } from 'csv-stringify/sync';
import { BadUserInputError } from '../../common/errors/domain-error.js';
import type {
  BankReport,
  ComplianceReport,
  CredentialExpiryReport,
  JointRoleReport,
  PlacementReport,
} from './reports.types.js';

/** One CSV column: its header and how to read it from a line. Text columns are guarded against formulas. */
interface Column<L> {
  header: string;
  value: (line: L) => string | number | boolean | Date | null | undefined;
  text?: boolean;
}

const text = <L>(header: string, value: (line: L) => string | null | undefined): Column<L> => ({
  header,
  value,
  text: true,
});
const val = <L>(header: string, value: Column<L>['value']): Column<L> => ({ header, value });

interface Table<R, L> {
  lines: (report: R) => L[];
  columns: Array<Column<L>>;
}

/** One downloadable table of a report: its lines and columns (the line type is inferred from `lines`). */
const table = <R, L>(lines: (report: R) => L[], columns: Array<Column<L>>): Table<R, L> => ({
  lines,
  columns,
});

/** A report's downloadable tables (line types erased): the first is the default `section`. */
type Sections<R> = Record<string, { lines: (report: R) => unknown[]; columns: ReadonlyArray<Column<never>> }>;

const pounds = (n: number) => n.toFixed(2);

export const CSV_SECTIONS = {
  jointRoleReport: {
    organisations: table(
      (r: JointRoleReport) => r.byOrganisation,
      [
        val('organisation_id', (l) => l.organisationId),
        text('organisation', (l) => l.organisationName),
        val('sector', (l) => l.sector),
        val('roles', (l) => l.roles),
        val('fte', (l) => l.fte),
        val('annual_cost_gbp', (l) => pounds(l.annualCost)),
      ],
    ),
    sectors: table(
      (r: JointRoleReport) => r.bySector,
      [
        val('sector', (l) => l.sector),
        val('roles', (l) => l.roles),
        val('fte', (l) => l.fte),
        val('annual_cost_gbp', (l) => pounds(l.annualCost)),
      ],
    ),
    'time-split': table(
      (r: JointRoleReport) => r.timeSplit,
      [
        val('appointment_id', (l) => l.appointmentId),
        text('joint_role', (l) => l.jointRoleTitle),
        text('staff', (l) => l.staffName),
        text('organisation', (l) => l.organisationName),
        val('agreed_share_percent', (l) => l.agreedSharePercent),
        val('rostered_hours', (l) => l.rosteredHours),
        val('rostered_share_percent', (l) => l.rosteredSharePercent),
        val('deviation_points', (l) => l.deviationPoints),
      ],
    ),
  } satisfies Sections<JointRoleReport>,
  placementReport: {
    groups: table(
      (r: PlacementReport) => r.groups,
      [
        val('direction', (l) => l.direction),
        val('kind', (l) => l.kind),
        val('status', (l) => l.status),
        val('phase', (l) => l.phase),
        val('placements', (l) => l.count),
      ],
    ),
    decisions: table(
      (r: PlacementReport) => [r],
      [
        val('placements', (l) => l.total),
        val('decided', (l) => l.decided),
        val('approved', (l) => l.approved),
        val('rejected', (l) => l.rejected),
        val('approval_percent', (l) => l.approvalPercent),
        val('rejection_percent', (l) => l.rejectionPercent),
        val('median_days_to_decision', (l) => l.medianDaysToDecision),
        val('p90_days_to_decision', (l) => l.p90DaysToDecision),
      ],
    ),
  } satisfies Sections<PlacementReport>,
  bankReport: {
    'organisation-pairs': table(
      (r: BankReport) => r.byOrganisationPair,
      [
        val('worker_organisation_id', (l) => l.workerOrganisationId),
        text('worker_organisation', (l) => l.workerOrganisationName),
        val('worker_sector', (l) => l.workerSector),
        val('host_organisation_id', (l) => l.hostOrganisationId),
        text('host_organisation', (l) => l.hostOrganisationName),
        val('host_sector', (l) => l.hostSector),
        val('direction', (l) => l.direction),
        val('shifts', (l) => l.shifts),
        val('people', (l) => l.people),
        val('hours', (l) => l.hours),
      ],
    ),
    teams: table(
      (r: BankReport) => r.byTeam,
      [
        val('team_id', (l) => l.teamId),
        text('team', (l) => l.teamName),
        val('organisation_id', (l) => l.organisationId),
        val('offers', (l) => l.offers),
        val('places', (l) => l.places),
        val('filled', (l) => l.filled),
        val('fill_percent', (l) => l.fillPercent),
        val('median_hours_to_fill', (l) => l.medianHoursToFill),
      ],
    ),
  } satisfies Sections<BankReport>,
  complianceReport: {
    'teams-and-rules': table(
      (r: ComplianceReport) => r.byTeamAndRule,
      [
        val('team_id', (l) => l.teamId),
        text('team', (l) => l.teamName),
        val('rule', (l) => l.ruleCode),
        val('severity', (l) => l.severity),
        val('violations', (l) => l.violations),
        val('penalty', (l) => l.penalty),
        val('people', (l) => l.people),
      ],
    ),
    overrides: table(
      (r: ComplianceReport) => r.overrides,
      [
        val('overridden_at', (l) => (l.overriddenAt as Date).toISOString()),
        text('team', (l) => l.teamName),
        val('rule', (l) => l.ruleCode),
        text('reason', (l) => l.reason),
        text('overridden_by', (l) => l.overriddenBy),
        text('staff', (l) => l.staffName),
        val('shift_date', (l) => l.shiftDate),
        val('rota_id', (l) => l.rotaId),
        val('assignment_id', (l) => l.assignmentId),
      ],
    ),
    derogations: table(
      (r: ComplianceReport) => r.derogations,
      [
        val('team_id', (l) => l.teamId),
        text('team', (l) => l.teamName),
        val('rule', (l) => l.ruleCode),
        val('param', (l) => l.param),
        val('kind', (l) => l.limitKind),
        val('statutory_value', (l) => l.statutoryValue),
        val('value_in_force', (l) => l.valueInForce),
        val('severity_in_force', (l) => l.severityInForce),
        text('source', (l) => l.source),
        text('reason', (l) => l.reason),
        text('granted_by', (l) => l.grantedBy),
        val('granted_at', (l) => (l.grantedAt as Date).toISOString()),
      ],
    ),
  } satisfies Sections<ComplianceReport>,
  credentialExpiryReport: {
    credentials: table(
      (r: CredentialExpiryReport) => r.credentials,
      [
        text('organisation', (l) => l.organisationName),
        text('team', (l) => l.teamName),
        text('staff', (l) => l.staffName),
        val('skill', (l) => l.skillCode),
        text('skill_name', (l) => l.skillName),
        val('expires_on', (l) => l.expiresOn),
        val('days_left', (l) => l.daysLeft),
        val('status', (l) => l.status),
      ],
    ),
    teams: table(
      (r: CredentialExpiryReport) => r.byTeam,
      [
        text('organisation', (l) => l.organisationName),
        text('team', (l) => l.teamName),
        val('expired', (l) => l.expired),
        val('expiring', (l) => l.expiring),
      ],
    ),
  } satisfies Sections<CredentialExpiryReport>,
};

export type ReportName = keyof typeof CSV_SECTIONS;

/** A spreadsheet would run a cell starting with = + - @ (or a tab / CR) as a formula: keep it text. */
function guard(cell: string): string {
  return /^[=+\-@\t\r]/.test(cell) ? `'${cell}` : cell;
}

/**
 * One table of a report as CSV (RFC 4180 quoting, CRLF line ends, UTF-8, a header row). Unknown sections are
 * BAD_USER_INPUT naming the ones there are.
 */
export function reportCsv<N extends ReportName>(name: N, report: unknown, section?: string): string {
  const sections = CSV_SECTIONS[name] as Sections<unknown>;
  const chosen = section ?? Object.keys(sections)[0]!;
  const found = sections[chosen];
  if (!found) throw new BadUserInputError(`must be one of ${Object.keys(sections).join(', ')}`, 'section');
  const columns = found.columns as ReadonlyArray<Column<unknown>>;
  const rows = found.lines(report).map((line) =>
    columns.map((c) => {
      const v = c.value(line);
      if (v === null || v === undefined) return '';
      return c.text ? guard(String(v)) : v;
    }),
  );
  return stringify(rows, {
    header: true,
    columns: columns.map((c) => c.header),
    record_delimiter: 'windows',
    cast: { boolean: (b) => (b ? 'true' : 'false'), number: (n) => String(n) },
  });
}
