import { useState } from 'react';
import { request } from '../../api/client';
import { PlacementReportPageDocument } from '../../api/generated';
import { BarChart } from '../../components/charts';
import { ErrorSummary } from '../../components/nhs';
import { DIRECTIONS, number, words } from '../staff/format';
import { useLoad, useTitle } from '../staff/useLoad';
import { CsvDownload } from './CsvDownload';
import { defaultPeriod, type Period, PeriodForm, Stats } from './Period';
import { BackToReports, Downloads } from './Reports';

const days = (n: number | null | undefined) => (n == null ? '–' : `${number(n)} days`);
const percent = (n: number | null | undefined) => (n == null ? '–' : `${number(n, 2)}%`);

/** Cross-sector placements: counts by direction, status and kind, and decision times. */
export function PlacementReportPage() {
  useTitle('Placements report');
  const [period, setPeriod] = useState<Period>(defaultPeriod);
  const { data, error } = useLoad(
    async () => (await request(PlacementReportPageDocument, period)).placementReport,
    [period],
  );
  const count = [{ key: 'count', label: 'Placements' }];
  return (
    <>
      <BackToReports />
      <h1>Placements</h1>
      {error && <ErrorSummary errors={[{ message: error }]} />}
      <PeriodForm period={period} onChange={setPeriod} />
      <Downloads>
        <li>
          <CsvDownload report="placementReport" params={period}>
            Placements by direction, kind, status and phase (CSV)
          </CsvDownload>
        </li>
        <li>
          <CsvDownload report="placementReport" params={period} section="decisions">
            Decisions and decision times (CSV)
          </CsvDownload>
        </li>
      </Downloads>
      {!data ? (
        !error && <p>Loading the report…</p>
      ) : (
        <>
          <Stats
            items={[
              ['placements', String(data.total)],
              ['decided', String(data.decided)],
              ['approved of those decided', percent(data.approvalPercent)],
              ['median time to a decision', days(data.medianDaysToDecision)],
              ['90th percentile time to a decision', days(data.p90DaysToDecision)],
            ]}
          />
          <BarChart
            title="Placements by direction"
            summary="How many placements overlapping the period go each way between health and social care."
            headerLabel="Direction"
            rows={data.byDirection.map((l) => ({
              label: DIRECTIONS[l.direction ?? ''] ?? 'Unknown',
              values: { count: l.count },
            }))}
            series={count}
          />
          <BarChart
            title="Placements by status"
            summary="How many placements overlapping the period are requested, approved, rejected, withdrawn or cancelled."
            headerLabel="Status"
            rows={data.byStatus.map((l) => ({
              label: words(l.status ?? 'UNKNOWN'),
              values: { count: l.count },
            }))}
            series={count}
          />
          <BarChart
            title="Placements by kind"
            summary="How many placements overlapping the period are of each kind."
            headerLabel="Kind"
            rows={data.byKind.map((l) => ({ label: words(l.kind ?? 'UNKNOWN'), values: { count: l.count } }))}
            series={count}
          />
          <BarChart
            title="Placements by phase"
            summary="How many placements overlapping the period are upcoming, active or ended."
            headerLabel="Phase"
            rows={data.byPhase.map((l) => ({
              label: words(l.phase ?? 'UNKNOWN'),
              values: { count: l.count },
            }))}
            series={count}
          />
        </>
      )}
    </>
  );
}
