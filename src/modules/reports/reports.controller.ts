import { Controller, Get, Query, Res } from '@nestjs/common';
import type { Response } from 'express';
import { DataSource } from 'typeorm';
import { type Actor, Role } from '../../common/auth/actor.js';
import { Allow } from '../../common/auth/allow.decorator.js';
import { CurrentActor } from '../../common/auth/current-actor.decorator.js';
import { BadUserInputError } from '../../common/errors/domain-error.js';
import { Loaders } from '../../common/graphql/loaders.js';
import { parseLocalDate } from '../../common/graphql/scalars.js';
import { Visibility } from '../../common/visibility/visibility.js';
import { VisibilityScope } from '../../common/visibility/visibility-scope.js';
import { reportCsv, type ReportName } from './reports.csv.js';
import { ReportsService } from './reports.service.js';

type QueryString = Record<string, string | string[] | undefined>;

/** The GraphQL type of each report, whose visibility policies the CSV download applies too. */
const REPORT_TYPES: Record<ReportName, string> = {
  jointRoleReport: 'JointRoleReport',
  placementReport: 'PlacementReport',
  bankReport: 'BankReport',
  complianceReport: 'ComplianceReport',
  credentialExpiryReport: 'CredentialExpiryReport',
};

/** One query-string value: the first when repeated; empty means absent. */
function param(q: QueryString, name: string): string | undefined {
  const v = q[name];
  const s = Array.isArray(v) ? v[0] : v;
  return s === undefined || s === '' ? undefined : s;
}

function date(q: QueryString, name: string): string {
  const v = param(q, name);
  if (v === undefined) throw new BadUserInputError('is required (YYYY-MM-DD)', name);
  try {
    return parseLocalDate(v);
  } catch {
    throw new BadUserInputError(
      `must be a calendar date as YYYY-MM-DD, got ${JSON.stringify(v.slice(0, 32))}`,
      name,
    );
  }
}

/**
 * GET /reports/<name>.csv — each report as a CSV download, with the query's filters as query parameters and the
 * same permissions (the bearer token, as for GraphQL). `section` picks one of the report's tables.
 */
@Controller('reports')
export class ReportsController {
  constructor(
    private readonly reports: ReportsService,
    private readonly visibility: Visibility,
    private readonly dataSource: DataSource,
  ) {}

  /** The report as the caller would see it through GraphQL: the same visibility policies, then CSV. */
  private async send(
    res: Response,
    actor: Actor,
    name: ReportName,
    report: unknown,
    q: QueryString,
    label: string,
  ): Promise<void> {
    const scope = new VisibilityScope(new Loaders(this.dataSource), () => actor);
    const shown = await this.visibility.present(scope, REPORT_TYPES[name], report);
    const body = reportCsv(name, shown, param(q, 'section'));
    const section = param(q, 'section');
    res
      .status(200)
      .set({
        'Content-Type': 'text/csv; charset=utf-8',
        'Content-Disposition': `attachment; filename="${name}${section ? `-${section}` : ''}_${label}.csv"`,
        'Cache-Control': 'no-store',
      })
      // UTF-8 with a byte-order mark: Excel then reads "–" and "£" as they are (without it, as Windows-1252).
      .send(Buffer.from(`\uFEFF${body}`, 'utf8'));
  }

  @Get('jointRoleReport.csv')
  @Allow(Role.HR)
  async jointRoleReport(@CurrentActor() actor: Actor, @Query() q: QueryString, @Res() res: Response) {
    const args = { from: date(q, 'from'), to: date(q, 'to'), organisationId: param(q, 'organisationId') };
    await this.send(
      res,
      actor,
      'jointRoleReport',
      await this.reports.jointRoleReport(actor, args),
      q,
      `${args.from}_${args.to}`,
    );
  }

  @Get('placementReport.csv')
  @Allow(Role.HR)
  async placementReport(@CurrentActor() actor: Actor, @Query() q: QueryString, @Res() res: Response) {
    const args = { from: date(q, 'from'), to: date(q, 'to'), organisationId: param(q, 'organisationId') };
    await this.send(
      res,
      actor,
      'placementReport',
      await this.reports.placementReport(actor, args),
      q,
      `${args.from}_${args.to}`,
    );
  }

  @Get('bankReport.csv')
  @Allow(Role.HR)
  async bankReport(@CurrentActor() actor: Actor, @Query() q: QueryString, @Res() res: Response) {
    const args = { from: date(q, 'from'), to: date(q, 'to'), organisationId: param(q, 'organisationId') };
    await this.send(
      res,
      actor,
      'bankReport',
      await this.reports.bankReport(actor, args),
      q,
      `${args.from}_${args.to}`,
    );
  }

  @Get('complianceReport.csv')
  @Allow(Role.HR, Role.MANAGER)
  async complianceReport(@CurrentActor() actor: Actor, @Query() q: QueryString, @Res() res: Response) {
    const args = { from: date(q, 'from'), to: date(q, 'to'), teamId: param(q, 'teamId') };
    await this.send(
      res,
      actor,
      'complianceReport',
      await this.reports.complianceReport(actor, args),
      q,
      `${args.from}_${args.to}`,
    );
  }

  @Get('credentialExpiryReport.csv')
  @Allow(Role.HR)
  async credentialExpiryReport(@CurrentActor() actor: Actor, @Query() q: QueryString, @Res() res: Response) {
    const within = param(q, 'withinDays') ?? '90';
    if (!/^\d{1,4}$/.test(within))
      throw new BadUserInputError('must be a whole number of days', 'withinDays');
    const report = await this.reports.credentialExpiryReport(actor, {
      withinDays: Number(within),
      organisationId: param(q, 'organisationId'),
    });
    await this.send(res, actor, 'credentialExpiryReport', report, q, `${report.today}_${within}d`);
  }
}
