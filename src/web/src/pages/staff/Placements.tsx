import { type FormEvent, useState } from 'react';
import { ApiError, request } from '../../api/client';
import {
  HostTeamsDocument,
  MyPlacementsDocument,
  type PlacementKind,
  RequestMyPlacementDocument,
  type Sector,
  StaffSelfDocument,
} from '../../api/generated';
import { ErrorSummary, type FieldError, Inset, SelectField, TextField } from '../../components/nhs';
import { DIRECTIONS, dateTime, isDate, longDate, words } from './format';
import { DecisionTag } from './StatusTag';
import { useLoad, useTitle } from './useLoad';

const KINDS: PlacementKind[] = ['SECONDMENT', 'ROTATION', 'SHORT_TERM_DEPLOYMENT', 'MUTUAL_AID'];
const OTHER: Record<Sector, Sector> = { HEALTH: 'SOCIAL_CARE', SOCIAL_CARE: 'HEALTH' };
const SECTOR: Record<Sector, string> = { HEALTH: 'health', SOCIAL_CARE: 'social care' };

const FIELDS: Record<string, string> = {
  hostTeamId: 'placement-team',
  kind: 'placement-kind',
  startDate: 'placement-start',
  endDate: 'placement-end',
  hoursPerWeek: 'placement-hours',
  reason: 'placement-reason',
};

/** Request a placement in a team of the other sector, and see each request's status and the decisions. */
export function PlacementsPage() {
  useTitle('Placements');
  const [team, setTeam] = useState('');
  const [kind, setKind] = useState<PlacementKind>('SECONDMENT');
  const [start, setStart] = useState('');
  const [end, setEnd] = useState('');
  const [hoursText, setHoursText] = useState('');
  const [reason, setReason] = useState('');
  const [errors, setErrors] = useState<FieldError[]>([]);
  const [confirmation, setConfirmation] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const { data, error, reload } = useLoad(async () => {
    const { me } = await request(StaffSelfDocument, {});
    if (!me.staffId || !me.staffMember) return null;
    const sector = me.staffMember.employer.sector;
    const [placements, hosts] = await Promise.all([
      request(MyPlacementsDocument, { staffId: me.staffId }),
      request(HostTeamsDocument, { sector: OTHER[sector] }),
    ]);
    return {
      sector,
      placements: placements.placements.edges.map((e) => e.node),
      organisations: hosts.organisations.edges.map((e) => e.node).filter((o) => o.teams.length),
    };
  }, []);

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const problems: FieldError[] = [];
    const hours = Number(hoursText);
    if (!team)
      problems.push({ field: FIELDS.hostTeamId, message: 'Select the team you would like to work in' });
    if (!isDate(start))
      problems.push({ field: FIELDS.startDate, message: 'Enter the first day of the placement' });
    if (!isDate(end))
      problems.push({ field: FIELDS.endDate, message: 'Enter the last day of the placement' });
    else if (isDate(start) && end < start)
      problems.push({
        field: FIELDS.endDate,
        message: 'The last day must be the same as or after the first day',
      });
    if (!hoursText.trim() || !Number.isFinite(hours) || hours <= 0 || hours > 48)
      problems.push({ field: FIELDS.hoursPerWeek, message: 'Enter the hours a week, a number from 1 to 48' });
    if (!reason.trim())
      problems.push({ field: FIELDS.reason, message: 'Enter why you would like the placement' });
    setErrors(problems);
    setConfirmation(null);
    if (problems.length) return;
    setBusy(true);
    try {
      await request(RequestMyPlacementDocument, {
        input: {
          hostTeamId: team,
          kind,
          startDate: start,
          endDate: end,
          hoursPerWeek: hours,
          reason: reason.trim(),
        },
      });
      setConfirmation('Placement requested. Your manager and the host team’s manager will both decide.');
      setTeam('');
      setStart('');
      setEnd('');
      setHoursText('');
      setReason('');
      reload();
    } catch (err) {
      const field = err instanceof ApiError && err.field ? FIELDS[err.field] : undefined;
      setErrors([{ field, message: (err as Error).message }]);
    } finally {
      setBusy(false);
    }
  };

  const fieldError = (id: string) => errors.find((e) => e.field === id)?.message;
  const teamError = fieldError(FIELDS.hostTeamId!);

  return (
    <>
      <h1>Placements</h1>
      <ErrorSummary errors={errors} />
      {error && <ErrorSummary errors={[{ message: error }]} />}
      <div role="status">
        {confirmation && (
          <div className="nhsuk-inset-text">
            <span className="nhsuk-u-visually-hidden">Information: </span>
            <p>{confirmation}</p>
          </div>
        )}
      </div>
      <h2>Your placements</h2>
      {data === undefined && !error ? (
        <p>Loading your placements…</p>
      ) : !data || data.placements.length === 0 ? (
        <p>You have not asked for a placement.</p>
      ) : (
        <table className="nhsuk-table">
          <caption className="nhsuk-table__caption nhsuk-u-visually-hidden">
            Your placements and their status
          </caption>
          <thead className="nhsuk-table__head">
            <tr className="nhsuk-table__row">
              <th scope="col" className="nhsuk-table__header">
                Team
              </th>
              <th scope="col" className="nhsuk-table__header">
                Dates
              </th>
              <th scope="col" className="nhsuk-table__header">
                Status
              </th>
              <th scope="col" className="nhsuk-table__header">
                Decisions
              </th>
            </tr>
          </thead>
          <tbody className="nhsuk-table__body">
            {data.placements.map((p) => (
              <tr key={p.id} className="nhsuk-table__row">
                <td className="nhsuk-table__cell">
                  {p.hostTeam.name}
                  <span className="nhsuk-u-display-block nhsuk-body-s nhsuk-u-margin-bottom-0">
                    {p.hostTeam.organisation.name} · {words(p.kind)} ·{' '}
                    {DIRECTIONS[p.direction] ?? p.direction}
                  </span>
                </td>
                <td className="nhsuk-table__cell">
                  {longDate(p.startDate)} to {longDate(p.endDate)}, {p.hoursPerWeek} hours a week
                </td>
                <td className="nhsuk-table__cell">
                  <DecisionTag status={p.status} />{' '}
                  <span className="nhsuk-u-display-block">{words(p.phase)}</span>
                </td>
                <td className="nhsuk-table__cell">
                  {p.decisions.length === 0
                    ? 'None yet'
                    : p.decisions.map((d, i) => (
                        <span key={i} className="nhsuk-u-display-block">
                          {d.side === 'HOME' ? 'Your side' : 'Host side'}:{' '}
                          {d.decision === 'APPROVE' ? 'approved' : 'rejected'} {dateTime(d.decidedAt)}
                          {d.reason && <> – “{d.reason}”</>}
                        </span>
                      ))}
                  {p.readinessAtRequest.length > 0 && (
                    <span className="nhsuk-u-display-block">
                      Gaps in your passport for this team when you asked:{' '}
                      {p.readinessAtRequest.map((g) => `${g.skill.name} (${words(g.reason)})`).join('; ')}
                    </span>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}

      <h2>Request a placement</h2>
      {data && (
        <p>
          You work in {SECTOR[data.sector]}; you can ask to work for a time in a {SECTOR[OTHER[data.sector]]}{' '}
          team.
        </p>
      )}
      {data && data.organisations.length === 0 ? (
        <Inset>
          <p>There are no {SECTOR[OTHER[data.sector]]} teams to ask for.</p>
        </Inset>
      ) : (
        <form noValidate onSubmit={(e) => void submit(e)}>
          <div className={`nhsuk-form-group${teamError ? ' nhsuk-form-group--error' : ''}`}>
            <label className="nhsuk-label" htmlFor={FIELDS.hostTeamId}>
              Team you would like to work in
            </label>
            {teamError && (
              <span className="nhsuk-error-message" id={`${FIELDS.hostTeamId}-error`}>
                <span className="nhsuk-u-visually-hidden">Error:</span> {teamError}
              </span>
            )}
            <select
              className={`nhsuk-select${teamError ? ' nhsuk-select--error' : ''}`}
              id={FIELDS.hostTeamId}
              name={FIELDS.hostTeamId}
              value={team}
              aria-describedby={teamError ? `${FIELDS.hostTeamId}-error` : undefined}
              onChange={(e) => setTeam(e.target.value)}
            >
              <option value="">Select a team</option>
              {data?.organisations.map((o) => (
                <optgroup key={o.id} label={o.name}>
                  {o.teams.map((t) => (
                    <option key={t.id} value={t.id}>
                      {t.name}
                    </option>
                  ))}
                </optgroup>
              ))}
            </select>
          </div>
          <SelectField
            id={FIELDS.kind!}
            label="Kind of placement"
            value={kind}
            onChange={(v) => setKind(v as PlacementKind)}
            options={KINDS.map((k) => ({ value: k, label: words(k) }))}
          />
          <TextField
            id={FIELDS.startDate!}
            label="First day"
            type="date"
            value={start}
            onChange={setStart}
            error={fieldError(FIELDS.startDate!)}
          />
          <TextField
            id={FIELDS.endDate!}
            label="Last day"
            hint="At most two years after the first day"
            type="date"
            value={end}
            onChange={setEnd}
            error={fieldError(FIELDS.endDate!)}
          />
          <TextField
            id={FIELDS.hoursPerWeek!}
            label="Hours a week in that team"
            type="number"
            value={hoursText}
            onChange={setHoursText}
            error={fieldError(FIELDS.hoursPerWeek!)}
          />
          <TextField
            id={FIELDS.reason!}
            label="Why you would like the placement"
            hint="Both managers see this"
            multiline
            value={reason}
            onChange={setReason}
            error={fieldError(FIELDS.reason!)}
          />
          <button type="submit" className="nhsuk-button" disabled={busy}>
            Request the placement
          </button>
        </form>
      )}
    </>
  );
}
