import { useState } from 'react';
import { request } from '../../api/client';
import { ComplianceReportPageDocument, ComplianceTrendDocument } from '../../api/generated';
import { BarChart } from '../../components/charts';
import { ErrorSummary } from '../../components/nhs';
import { addMonths, dateTime, longDate, monthEnd, monthName, monthStart, words } from '../staff/format';
import { useLoad, useTitle } from '../staff/useLoad';
import { CsvDownload } from './CsvDownload';
import { defaultPeriod, type Period, PeriodForm, Stats } from './Period';
import { BackToReports, Downloads } from './Reports';

/** The calendar months the period touches (at most 12, the latest kept), each cut to the period. */
function months(p: Period): Period[] {
  const out: Period[] = [];
  for (let m = monthStart(p.from); m <= p.to; m = addMonths(m, 1)) {
    out.push({ from: m < p.from ? p.from : m, to: monthEnd(m) > p.to ? p.to : monthEnd(m) });
  }
  return out.slice(-12);
}

/** Compliance on published rotas: by rule and team, month by month, and the overrides. */
export function ComplianceReportPage() {
  useTitle('Compliance report');
  const [period, setPeriod] = useState<Period>(defaultPeriod);
  const { data, error } = useLoad(async () => {
    const [report, trend] = await Promise.all([
      request(ComplianceReportPageDocument, period),
      Promise.all(
        months(period).map(async (m) => (await request(ComplianceTrendDocument, m)).complianceReport),
      ),
    ]);
    return { report: report.complianceReport, trend };
  }, [period]);
  const series = [
    { key: 'hard', label: 'Hard rules broken' },
    { key: 'soft', label: 'Soft rules broken' },
  ];
  return (
    <>
      <BackToReports />
      <h1>Compliance</h1>
      {error && <ErrorSummary errors={[{ message: error }]} />}
      <PeriodForm period={period} onChange={setPeriod} />
      <Downloads>
        <li>
          <CsvDownload report="complianceReport" params={period}>
            Violations by team and rule (CSV)
          </CsvDownload>
        </li>
        <li>
          <CsvDownload report="complianceReport" params={period} section="overrides">
            Overrides (CSV)
          </CsvDownload>
        </li>
      </Downloads>
      {!data ? (
        !error && <p>Loading the report…</p>
      ) : (
        <>
          <Stats
            items={[
              ['published rotas', String(data.report.rotas)],
              ['rules broken', String(data.report.violations)],
              ['of them hard rules', String(data.report.hardViolations)],
              ['overrides', String(data.report.overrides.length)],
            ]}
          />
          <BarChart
            title="Rules broken month by month"
            summary="For each month of the period, how many times hard and soft rules were broken on published rotas."
            headerLabel="Month"
            rows={data.trend.map((m) => ({
              label: monthName(m.from),
              values: { hard: m.hardViolations, soft: m.violations - m.hardViolations },
            }))}
            series={series}
          />
          <BarChart
            title="Rules broken by team"
            summary="For each team, how many times hard and soft rules were broken on its published rotas in the period."
            headerLabel="Team"
            rows={data.report.byTeam.map((l) => ({
              label: `${l.teamName ?? 'Unknown team'} (${l.people} ${l.people === 1 ? 'person' : 'people'})`,
              values: { hard: l.hardViolations, soft: l.violations - l.hardViolations },
            }))}
            series={series}
          />
          <BarChart
            title="Rules broken by rule"
            summary="For each rule, how many times it was broken on published rotas in the period."
            headerLabel="Rule"
            rows={data.report.byRule.map((l) => ({
              label: `${words(l.ruleCode ?? 'UNKNOWN')}${l.severity ? ` (${words(l.severity)})` : ''}`,
              values: { count: l.violations },
            }))}
            series={[{ key: 'count', label: 'Times broken' }]}
          />
          <h2>Overrides</h2>
          {data.report.overrides.length === 0 ? (
            <p>No rules were overridden in the period.</p>
          ) : (
            <table className="nhsuk-table">
              <caption className="nhsuk-table__caption nhsuk-u-visually-hidden">
                Overrides in the period
              </caption>
              <thead className="nhsuk-table__head">
                <tr className="nhsuk-table__row">
                  {['Rule', 'Team', 'Person and shift', 'Reason', 'By'].map((h) => (
                    <th key={h} scope="col" className="nhsuk-table__header">
                      {h}
                    </th>
                  ))}
                </tr>
              </thead>
              <tbody className="nhsuk-table__body">
                {data.report.overrides.map((o) => (
                  <tr key={o.id} className="nhsuk-table__row">
                    <td className="nhsuk-table__cell">{words(o.ruleCode)}</td>
                    <td className="nhsuk-table__cell">{o.teamName}</td>
                    <td className="nhsuk-table__cell">
                      {o.staffName ?? 'To publish the rota'}
                      {o.shiftDate && `, ${longDate(o.shiftDate)}`}
                    </td>
                    <td className="nhsuk-table__cell">{o.reason}</td>
                    <td className="nhsuk-table__cell">
                      {o.overriddenBy.name}, {dateTime(o.overriddenAt)}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
        </>
      )}
    </>
  );
}
