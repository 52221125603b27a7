import { useState } from 'react';
import { request } from '../../api/client';
import { JointRoleReportPageDocument } from '../../api/generated';
import { BarChart } from '../../components/charts';
import { ErrorSummary } from '../../components/nhs';
import { number, pounds, words } from '../staff/format';
import { useLoad, useTitle } from '../staff/useLoad';
import { CsvDownload } from './CsvDownload';
import { defaultPeriod, type Period, PeriodForm, Stats } from './Period';
import { BackToReports, Downloads } from './Reports';

/** Joint roles: funding (annual cost by partner) and time split (agreed against rostered share) as charts. */
export function JointRoleReportPage() {
  useTitle('Joint roles report');
  const [period, setPeriod] = useState<Period>(defaultPeriod);
  const { data, error } = useLoad(
    async () => (await request(JointRoleReportPageDocument, period)).jointRoleReport,
    [period],
  );
  return (
    <>
      <BackToReports />
      <h1>Joint roles</h1>
      {error && <ErrorSummary errors={[{ message: error }]} />}
      <PeriodForm period={period} onChange={setPeriod} />
      <Downloads>
        <li>
          <CsvDownload report="jointRoleReport" params={period}>
            Funding by partner (CSV)
          </CsvDownload>
        </li>
        <li>
          <CsvDownload report="jointRoleReport" params={period} section="sectors">
            Funding by sector (CSV)
          </CsvDownload>
        </li>
        <li>
          <CsvDownload report="jointRoleReport" params={period} section="time-split">
            Time split by appointment and partner (CSV)
          </CsvDownload>
        </li>
      </Downloads>
      {!data ? (
        !error && <p>Loading the report…</p>
      ) : (
        <>
          <Stats
            items={[
              ['joint roles', String(data.roles)],
              ['appointments', String(data.appointments)],
              ['FTE', number(data.fte, 2)],
              ['annual cost', pounds(data.annualCost)],
            ]}
          />
          {data.rolesWithoutCost > 0 && (
            <p>
              {data.rolesWithoutCost} {data.rolesWithoutCost === 1 ? 'role has' : 'roles have'} no cost
              recorded and count as £0.
            </p>
          )}
          <h2>Funding by partner</h2>
          <BarChart
            title="Annual cost and FTE funded by each partner"
            summary="Each partner organisation's share of the joint roles' annual cost, by the agreed funding shares."
            headerLabel="Partner"
            rows={data.byOrganisation.map((o) => ({
              label: `${o.organisationName} (${words(o.sector)})`,
              values: { cost: o.annualCost },
            }))}
            series={[{ key: 'cost', label: 'Annual cost' }]}
            format={pounds}
          />
          <BarChart
            title="FTE by partner"
            summary="Each partner organisation's full-time equivalent share of the joint roles, by the agreed time shares."
            headerLabel="Partner"
            rows={data.byOrganisation.map((o) => ({
              label: `${o.organisationName} (${words(o.sector)})`,
              values: { fte: o.fte },
            }))}
            series={[{ key: 'fte', label: 'FTE' }]}
            format={(n) => number(n, 2)}
          />
          <h2>Time split</h2>
          <p>
            For each joint appointment, the share of time agreed with each partner beside the share of
            rostered hours the person actually worked for it in the period.
          </p>
          <BarChart
            title="Agreed and rostered share of time by partner"
            summary="For each appointment and partner, the agreed percentage of time and the percentage of rostered hours."
            headerLabel="Appointment and partner"
            unit="%"
            rows={data.timeSplit.map((l) => ({
              label: `${l.staffName} (${l.jointRoleTitle}): ${l.organisationName}, ${number(l.rosteredHours)} h rostered`,
              values: { agreed: l.agreedSharePercent, rostered: l.rosteredSharePercent },
            }))}
            series={[
              { key: 'agreed', label: 'Agreed share' },
              { key: 'rostered', label: 'Rostered share' },
            ]}
            format={(n) => `${number(n)}%`}
          />
        </>
      )}
    </>
  );
}
