import { type FormEvent, useState } from 'react';
import { ApiError, request } from '../../api/client';
import {
  type AbsenceKind,
  MyLeaveDocument,
  type RequestLeaveMutation,
  RequestLeaveDocument,
  StaffSelfDocument,
} from '../../api/generated';
import { ErrorSummary, type FieldError, SelectField, TextField } from '../../components/nhs';
import { ABSENCE_KINDS, addDays, dateTime, isDate, longDate, today, words } from './format';
import { DecisionTag } from './StatusTag';
import { useLoad, useTitle } from './useLoad';

type Absence = RequestLeaveMutation['requestAbsence'];

/** The API's field names → this form's field ids (the error summary links to them). */
const FIELDS: Record<string, string> = {
  startDate: 'leave-start',
  endDate: 'leave-end',
  kind: 'leave-kind',
  note: 'leave-note',
};

/**
 * Request leave and see what was decided: the person's own leave from three months ago to a year ahead, in every
 * status, beside what was asked for in this visit (until it is read back).
 */
export function LeavePage() {
  useTitle('Leave');
  const [kind, setKind] = useState<AbsenceKind>('ANNUAL_LEAVE');
  const [start, setStart] = useState('');
  const [end, setEnd] = useState('');
  const [note, setNote] = useState('');
  const [errors, setErrors] = useState<FieldError[]>([]);
  const [sent, setSent] = useState<Absence[]>([]);
  const [confirmation, setConfirmation] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const { data, error, reload } = useLoad(async () => {
    const { me } = await request(StaffSelfDocument, {});
    if (!me.staffId) return { staffId: null, absences: [] as Absence[] };
    const { myAbsences } = await request(MyLeaveDocument, {
      from: addDays(today(), -90),
      to: addDays(today(), 365),
    });
    return { staffId: me.staffId, absences: myAbsences };
  }, []);

  const known = new Map<string, Absence>();
  for (const a of sent) known.set(a.id, a);
  for (const a of data?.absences ?? []) known.set(a.id, a);
  const absences = [...known.values()].sort((a, b) => b.startDate.localeCompare(a.startDate));

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const problems: FieldError[] = [];
    if (!isDate(start))
      problems.push({ field: FIELDS.startDate, message: 'Enter the first day of your leave' });
    if (!isDate(end)) problems.push({ field: FIELDS.endDate, message: 'Enter the last day of your leave' });
    else if (isDate(start) && end < start)
      problems.push({
        field: FIELDS.endDate,
        message: 'The last day must be the same as or after the first day',
      });
    if (note.length > 500)
      problems.push({ field: FIELDS.note, message: 'The note must be 500 characters or fewer' });
    setErrors(problems);
    setConfirmation(null);
    if (problems.length) return;
    setBusy(true);
    try {
      const { requestAbsence } = await request(RequestLeaveDocument, {
        input: { kind, startDate: start, endDate: end, note: note.trim() || undefined },
      });
      setSent((s) => [requestAbsence, ...s]);
      setConfirmation(
        `Leave requested from ${longDate(requestAbsence.startDate)} to ${longDate(requestAbsence.endDate)}. Your manager will decide.`,
      );
      setStart('');
      setEnd('');
      setNote('');
      reload();
    } catch (err) {
      const field = err instanceof ApiError && err.field ? FIELDS[err.field] : undefined;
      setErrors([{ field, message: (err as Error).message }]);
    } finally {
      setBusy(false);
    }
  };

  const fieldError = (id: string) => errors.find((e) => e.field === id)?.message;

  return (
    <>
      <h1>Leave</h1>
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

      <h2>Your leave</h2>
      {data === undefined && !error ? (
        <p>Loading your leave…</p>
      ) : absences.length === 0 ? (
        <p>You have no leave booked or waiting for a decision on your team’s rotas.</p>
      ) : (
        <table className="nhsuk-table">
          <caption className="nhsuk-table__caption nhsuk-u-visually-hidden">
            Your leave and its status
          </caption>
          <thead className="nhsuk-table__head">
            <tr className="nhsuk-table__row">
              <th scope="col" className="nhsuk-table__header">
                Dates
              </th>
              <th scope="col" className="nhsuk-table__header">
                Kind
              </th>
              <th scope="col" className="nhsuk-table__header">
                Status
              </th>
              <th scope="col" className="nhsuk-table__header">
                Decision
              </th>
            </tr>
          </thead>
          <tbody className="nhsuk-table__body">
            {absences.map((a) => (
              <tr key={a.id} className="nhsuk-table__row">
                <td className="nhsuk-table__cell">
                  {longDate(a.startDate)}
                  {a.endDate !== a.startDate && <> to {longDate(a.endDate)}</>}
                </td>
                <td className="nhsuk-table__cell">
                  {a.kind ? words(a.kind) : '–'}
                  {a.note && <span className="nhsuk-body-s nhsuk-u-display-block">{a.note}</span>}
                </td>
                <td className="nhsuk-table__cell">
                  <DecisionTag status={a.status} />
                </td>
                <td className="nhsuk-table__cell">
                  {a.decidedAt ? (
                    <>
                      {a.decidedBy?.name ? `${a.decidedBy.name}, ` : ''}
                      {dateTime(a.decidedAt)}
                      {a.decisionReason && (
                        <span className="nhsuk-u-display-block">“{a.decisionReason}”</span>
                      )}
                    </>
                  ) : (
                    `Requested ${dateTime(a.requestedAt)}`
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <p>
        <button type="button" className="nhsuk-button nhsuk-button--secondary" onClick={reload}>
          Check for decisions
        </button>
      </p>

      <h2>Request leave</h2>
      <form noValidate onSubmit={(e) => void submit(e)}>
        <SelectField
          id={FIELDS.kind!}
          label="Kind of leave"
          value={kind}
          onChange={(v) => setKind(v as AbsenceKind)}
          options={ABSENCE_KINDS.map((k) => ({ value: k, label: words(k) }))}
        />
        <TextField
          id={FIELDS.startDate!}
          label="First day"
          hint="For example, 27 March 2026 (your browser shows its own date picker)"
          type="date"
          value={start}
          onChange={setStart}
          error={fieldError(FIELDS.startDate!)}
        />
        <TextField
          id={FIELDS.endDate!}
          label="Last day"
          hint="The last day you are away (the same as the first day for a single day)"
          type="date"
          value={end}
          onChange={setEnd}
          error={fieldError(FIELDS.endDate!)}
        />
        <TextField
          id={FIELDS.note!}
          label="Note for your manager (optional)"
          multiline
          value={note}
          onChange={setNote}
          error={fieldError(FIELDS.note!)}
        />
        <button type="submit" className="nhsuk-button" disabled={busy}>
          Request leave
        </button>
      </form>
    </>
  );
}
