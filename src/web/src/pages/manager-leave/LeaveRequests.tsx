import { type ReactNode, useState } from 'react';
import { request } from '../../api/client';
import { DecideLeaveDocument, TeamLeaveDocument, type TeamLeaveQuery } from '../../api/generated';
import type { Me } from '../../App';
import { Dialog, ErrorSummary, type FieldError, TextField } from '../../components/nhs';
import { addDays, dateTime, longDate, today, words } from '../staff/format';
import { DecisionTag } from '../staff/StatusTag';
import { useLoad, useTitle } from '../staff/useLoad';

type Absence = TeamLeaveQuery['rotas'][number]['absences'][number];

/**
 * A manager's leave requests: the leave of the people on their teams' current and future rotas (the API reaches
 * absences through rotas), those waiting first, each approved or rejected here (rejecting asks why: the person
 * sees it).
 */
export function LeaveRequestsPage({ me }: { me: Me }) {
  useTitle('Leave requests');
  const [status, setStatus] = useState<string | null>(null);
  const [errors, setErrors] = useState<FieldError[]>([]);
  const [rejecting, setRejecting] = useState<Absence | null>(null);
  const [reason, setReason] = useState('');
  const [reasonError, setReasonError] = useState<string | undefined>(undefined);
  const [busy, setBusy] = useState(false);

  const { data, error, reload } = useLoad(async () => {
    const from = addDays(today(), -30);
    const teams = await Promise.all(
      me.teams.map(async (t) => {
        const { rotas } = await request(TeamLeaveDocument, { teamId: t.id, from });
        const byId = new Map<string, Absence>();
        for (const r of rotas) for (const a of r.absences) byId.set(a.id, a);
        return {
          team: t,
          absences: [...byId.values()].sort((a, b) => a.startDate.localeCompare(b.startDate)),
        };
      }),
    );
    return teams;
  }, [me]);

  const decide = async (a: Absence, decision: 'APPROVE' | 'REJECT', why?: string) => {
    setBusy(true);
    setErrors([]);
    try {
      await request(DecideLeaveDocument, { input: { absenceId: a.id, decision, reason: why || undefined } });
      setStatus(
        `${decision === 'APPROVE' ? 'Approved' : 'Rejected'} ${a.staff.name}’s leave from ${longDate(a.startDate)}.`,
      );
      setRejecting(null);
      reload();
    } catch (e) {
      setErrors([{ message: (e as Error).message }]);
    } finally {
      setBusy(false);
    }
  };

  return (
    <>
      <h1>Leave requests</h1>
      <ErrorSummary errors={errors} />
      {error && <ErrorSummary errors={[{ message: error }]} />}
      <div role="status">{status && <p className="nhsuk-body-l">{status}</p>}</div>
      <p>
        Leave of the people on your teams’ rotas from the last 30 days on. Requests waiting for you come
        first.
      </p>
      {data === undefined && !error && <p>Loading leave…</p>}
      {data?.map(({ team, absences }) => {
        const waiting = absences.filter((a) => a.status === 'REQUESTED');
        const decided = absences.filter((a) => a.status !== 'REQUESTED');
        return (
          <section key={team.id} aria-labelledby={`leave-${team.id}`} className="nhsuk-u-margin-bottom-7">
            <h2 id={`leave-${team.id}`}>{team.name}</h2>
            <h3>Waiting for a decision</h3>
            {waiting.length === 0 ? (
              <p>No leave is waiting for a decision.</p>
            ) : (
              <LeaveTable
                caption={`Leave waiting for a decision in ${team.name}`}
                absences={waiting}
                actions={(a) => (
                  <div className="tandem-actions">
                    <button
                      type="button"
                      className="nhsuk-button nhsuk-u-margin-bottom-0"
                      disabled={busy}
                      onClick={() => void decide(a, 'APPROVE')}
                    >
                      Approve<span className="nhsuk-u-visually-hidden"> {a.staff.name}’s leave</span>
                    </button>
                    <button
                      type="button"
                      className="nhsuk-button nhsuk-button--secondary nhsuk-u-margin-bottom-0"
                      disabled={busy}
                      onClick={() => {
                        setReason('');
                        setReasonError(undefined);
                        setRejecting(a);
                      }}
                    >
                      Reject<span className="nhsuk-u-visually-hidden"> {a.staff.name}’s leave</span>
                    </button>
                  </div>
                )}
              />
            )}
            <h3>Decided</h3>
            {decided.length === 0 ? (
              <p>No leave decided yet.</p>
            ) : (
              <LeaveTable caption={`Decided leave in ${team.name}`} absences={decided} />
            )}
          </section>
        );
      })}
      {rejecting && (
        <Dialog title={`Reject ${rejecting.staff.name}’s leave`} onClose={() => setRejecting(null)}>
          <form
            noValidate
            onSubmit={(e) => {
              e.preventDefault();
              if (!reason.trim()) {
                setReasonError('Enter why you are rejecting the leave');
                return;
              }
              void decide(rejecting, 'REJECT', reason.trim());
            }}
          >
            <ErrorSummary errors={reasonError ? [{ field: 'reject-reason', message: reasonError }] : []} />
            <p>
              {longDate(rejecting.startDate)} to {longDate(rejecting.endDate)}
            </p>
            <TextField
              id="reject-reason"
              label="Why (they will see this)"
              multiline
              value={reason}
              onChange={setReason}
              error={reasonError}
            />
            <button type="submit" className="nhsuk-button" disabled={busy}>
              Reject the leave
            </button>
          </form>
        </Dialog>
      )}
    </>
  );
}

function LeaveTable({
  caption,
  absences,
  actions,
}: {
  caption: string;
  absences: Absence[];
  actions?: (a: Absence) => ReactNode;
}) {
  return (
    <table className="nhsuk-table">
      <caption className="nhsuk-table__caption nhsuk-u-visually-hidden">{caption}</caption>
      <thead className="nhsuk-table__head">
        <tr className="nhsuk-table__row">
          <th scope="col" className="nhsuk-table__header">
            Person
          </th>
          <th scope="col" className="nhsuk-table__header">
            Dates
          </th>
          <th scope="col" className="nhsuk-table__header">
            Kind
          </th>
          <th scope="col" className="nhsuk-table__header">
            Status
          </th>
          {actions && (
            <th scope="col" className="nhsuk-table__header">
              Decide
            </th>
          )}
        </tr>
      </thead>
      <tbody className="nhsuk-table__body">
        {absences.map((a) => (
          <tr key={a.id} className="nhsuk-table__row">
            <th scope="row" className="nhsuk-table__header">
              {a.staff.name}
              <span className="nhsuk-u-display-block nhsuk-body-s nhsuk-u-margin-bottom-0">
                {a.staff.jobTitle}
              </span>
            </th>
            <td className="nhsuk-table__cell">
              {longDate(a.startDate)}
              {a.endDate !== a.startDate && <> to {longDate(a.endDate)}</>}
            </td>
            <td className="nhsuk-table__cell">
              {a.kind ? words(a.kind) : 'Not shown'}
              {a.note && <span className="nhsuk-u-display-block">“{a.note}”</span>}
            </td>
            <td className="nhsuk-table__cell">
              <DecisionTag status={a.status} />
              <span className="nhsuk-u-display-block nhsuk-body-s nhsuk-u-margin-bottom-0">
                {a.decidedAt ? `Decided ${dateTime(a.decidedAt)}` : `Asked ${dateTime(a.requestedAt)}`}
              </span>
              {a.decisionReason && <span className="nhsuk-u-display-block">“{a.decisionReason}”</span>}
            </td>
            {actions && <td className="nhsuk-table__cell">{actions(a)}</td>}
          </tr>
        ))}
      </tbody>
    </table>
  );
}
