import { type FormEvent, useState } from 'react';
import { request } from '../../api/client';
import { CredentialExpiryReportPageDocument } from '../../api/generated';
import { BarChart } from '../../components/charts';
import { ErrorSummary, type FieldError, Tag, TextField } from '../../components/nhs';
import { longDate } from '../staff/format';
import { useLoad, useTitle } from '../staff/useLoad';
import { CsvDownload } from './CsvDownload';
import { Stats } from './Period';
import { BackToReports, Downloads } from './Reports';

/** Credentials expired or expiring within N days, by team (a chart) and one by one (a table). */
export function CredentialExpiryReportPage() {
  useTitle('Expiring credentials report');
  const [withinDays, setWithinDays] = useState(90);
  const [text, setText] = useState('90');
  const [errors, setErrors] = useState<FieldError[]>([]);
  const { data, error } = useLoad(
    async () => (await request(CredentialExpiryReportPageDocument, { withinDays })).credentialExpiryReport,
    [withinDays],
  );
  const submit = (e: FormEvent) => {
    e.preventDefault();
    const n = Number(text);
    if (!/^\d+$/.test(text.trim()) || n > 730) {
      setErrors([{ field: 'within-days', message: 'Enter a whole number of days from 0 to 730' }]);
      return;
    }
    setErrors([]);
    setWithinDays(n);
  };
  return (
    <>
      <BackToReports />
      <h1>Expiring credentials</h1>
      {error && <ErrorSummary errors={[{ message: error }]} />}
      <form noValidate onSubmit={submit} className="nhsuk-u-margin-bottom-6">
        <ErrorSummary errors={errors} />
        <TextField
          id="within-days"
          label="Expiring within this many days"
          hint="0 to 730; expired credentials are always shown"
          type="number"
          value={text}
          onChange={setText}
          error={errors[0]?.message}
        />
        <button type="submit" className="nhsuk-button nhsuk-button--secondary">
          Show
        </button>
      </form>
      <Downloads>
        <li>
          <CsvDownload report="credentialExpiryReport" params={{ withinDays }}>
            Credentials one by one (CSV)
          </CsvDownload>
        </li>
        <li>
          <CsvDownload report="credentialExpiryReport" params={{ withinDays }} section="teams">
            Counts by team (CSV)
          </CsvDownload>
        </li>
      </Downloads>
      {!data ? (
        !error && <p>Loading the report…</p>
      ) : (
        <>
          <Stats
            items={[
              ['expired', String(data.expired)],
              [`expiring within ${data.withinDays} days`, String(data.expiring)],
            ]}
          />
          <BarChart
            title="Credentials expired and expiring by team"
            summary={`For each home team, how many credentials have expired and how many expire within ${data.withinDays} days of ${longDate(data.today)}.`}
            headerLabel="Team"
            rows={data.byTeam.map((l) => ({
              label: `${l.teamName ?? 'No home team'} (${l.organisationName})`,
              values: { expired: l.expired, expiring: l.expiring },
            }))}
            series={[
              { key: 'expired', label: 'Expired' },
              { key: 'expiring', label: `Expiring within ${data.withinDays} days` },
            ]}
          />
          <h2>Credentials</h2>
          {data.credentials.length === 0 ? (
            <p>No credentials have expired or expire in that time.</p>
          ) : (
            <table className="nhsuk-table">
              <caption className="nhsuk-table__caption nhsuk-u-visually-hidden">
                Credentials expired or expiring, soonest first
              </caption>
              <thead className="nhsuk-table__head">
                <tr className="nhsuk-table__row">
                  {['Person', 'Team', 'Credential', 'Expires', 'Status'].map((h) => (
                    <th key={h} scope="col" className="nhsuk-table__header">
                      {h}
                    </th>
                  ))}
                </tr>
              </thead>
              <tbody className="nhsuk-table__body">
                {data.credentials.map((c) => (
                  <tr key={c.credentialId} className="nhsuk-table__row">
                    <td className="nhsuk-table__cell">{c.staffName}</td>
                    <td className="nhsuk-table__cell">{c.teamName ?? c.organisationName}</td>
                    <td className="nhsuk-table__cell">{c.skillName}</td>
                    <td className="nhsuk-table__cell">{longDate(c.expiresOn)}</td>
                    <td className="nhsuk-table__cell">
                      {c.status === 'EXPIRED' ? (
                        <Tag colour="red">Expired</Tag>
                      ) : (
                        <Tag colour="orange">{`${c.daysLeft} ${c.daysLeft === 1 ? 'day' : 'days'} left`}</Tag>
                      )}
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
