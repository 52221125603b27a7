import { type FormEvent, useState } from 'react';
import { ApiError, request } from '../../api/client';
import {
  RecordPreferenceDocument,
  type RecordPreferenceMutation,
  type ShiftRequestKind,
  StaffSelfDocument,
} from '../../api/generated';
import { ErrorSummary, type FieldError, Inset, SelectField, TextField } from '../../components/nhs';
import { isDate, longDate } from './format';
import { useLoad, useTitle } from './useLoad';

type Recorded = RecordPreferenceMutation['recordShiftRequest'];

const FIELDS: Record<string, string> = {
  date: 'preference-date',
  shiftTypeId: 'preference-shift',
  kind: 'preference-kind',
  weight: 'preference-weight',
};

/** Record a wish to work (ON) or not to work (OFF) a shift on a date: the rules and the solver weigh it. */
export function PreferencesPage() {
  useTitle('Shift preferences');
  const [date, setDate] = useState('');
  const [shiftType, setShiftType] = useState('');
  const [kind, setKind] = useState<ShiftRequestKind | ''>('');
  const [weightText, setWeightText] = useState('1');
  const [errors, setErrors] = useState<FieldError[]>([]);
  const [recorded, setRecorded] = useState<Recorded[]>([]);
  const [busy, setBusy] = useState(false);
  const { data, error } = useLoad(async () => (await request(StaffSelfDocument, {})).me.staffMember, []);
  const types = (data?.homeTeam?.shiftTypes ?? []).filter((t) => t.active);
  const typeName = (id: string) => {
    const t = types.find((x) => x.id === id);
    return t ? `${t.name} (${t.code}, from ${t.startTime.slice(0, 5)})` : 'A shift';
  };

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const weight = Number(weightText);
    const problems: FieldError[] = [];
    if (!isDate(date)) problems.push({ field: FIELDS.date, message: 'Enter the date' });
    if (!shiftType) problems.push({ field: FIELDS.shiftTypeId, message: 'Select the shift' });
    if (!kind)
      problems.push({ field: `${FIELDS.kind}-on`, message: 'Select whether you would like to work it' });
    if (!Number.isInteger(weight) || weight < 1 || weight > 1000)
      problems.push({
        field: FIELDS.weight,
        message: 'Enter how much it matters, a whole number from 1 to 1000',
      });
    setErrors(problems);
    if (problems.length || !kind) return;
    setBusy(true);
    try {
      const { recordShiftRequest } = await request(RecordPreferenceDocument, {
        input: { date, shiftTypeId: shiftType, kind, weight },
      });
      setRecorded((r) => [recordShiftRequest, ...r]);
      setDate('');
    } catch (err) {
      const field = err instanceof ApiError && err.field ? FIELDS[err.field] : undefined;
      setErrors([{ field, message: (err as Error).message }]);
    } finally {
      setBusy(false);
    }
  };
  const fieldError = (id: string) => errors.find((e) => e.field === id)?.message;
  const kindError = fieldError(`${FIELDS.kind}-on`);

  return (
    <>
      <h1>Shift preferences</h1>
      <ErrorSummary errors={errors} />
      {error && <ErrorSummary errors={[{ message: error }]} />}
      <p>
        Tell your manager which shifts you would like to work, or would rather not. Rotas try to meet them;
        they are not promises.
      </p>
      <div role="status">
        {recorded.length > 0 && (
          <div className="nhsuk-inset-text">
            <span className="nhsuk-u-visually-hidden">Information: </span>
            <p>Recorded in this visit:</p>
            <ul>
              {recorded.map((r) => (
                <li key={r.id}>
                  {r.kind === 'ON' ? 'Would like to work' : 'Would rather not work'} {typeName(r.shiftTypeId)}{' '}
                  on {longDate(r.date)} (weight {r.weight})
                </li>
              ))}
            </ul>
          </div>
        )}
      </div>
      {data === undefined && !error ? (
        <p>Loading your team’s shifts…</p>
      ) : types.length === 0 ? (
        <Inset>
          <p>You have no home team with shifts, so there is nothing to ask for.</p>
        </Inset>
      ) : (
        <form noValidate onSubmit={(e) => void submit(e)}>
          <TextField
            id={FIELDS.date!}
            label="Date"
            type="date"
            value={date}
            onChange={setDate}
            error={fieldError(FIELDS.date!)}
          />
          <SelectField
            id={FIELDS.shiftTypeId!}
            label={`Shift (${data?.homeTeam?.name ?? 'your team'})`}
            value={shiftType}
            onChange={setShiftType}
            options={[
              { value: '', label: 'Select a shift' },
              ...types.map((t) => ({ value: t.id, label: typeName(t.id) })),
            ]}
            error={fieldError(FIELDS.shiftTypeId!)}
          />
          <div className={`nhsuk-form-group${kindError ? ' nhsuk-form-group--error' : ''}`}>
            <fieldset
              className="nhsuk-fieldset"
              aria-describedby={kindError ? `${FIELDS.kind}-error` : undefined}
            >
              <legend className="nhsuk-fieldset__legend nhsuk-fieldset__legend--s">
                Would you like to work it?
              </legend>
              {kindError && (
                <span className="nhsuk-error-message" id={`${FIELDS.kind}-error`}>
                  <span className="nhsuk-u-visually-hidden">Error:</span> {kindError}
                </span>
              )}
              <div className="nhsuk-radios">
                {(
                  [
                    ['ON', 'on', 'Yes, I would like to work it'],
                    ['OFF', 'off', 'No, I would rather not work it'],
                  ] as const
                ).map(([value, suffix, label]) => (
                  <div key={value} className="nhsuk-radios__item">
                    <input
                      className="nhsuk-radios__input"
                      id={`${FIELDS.kind}-${suffix}`}
                      name={FIELDS.kind}
                      type="radio"
                      value={value}
                      checked={kind === value}
                      onChange={() => setKind(value)}
                    />
                    <label className="nhsuk-label nhsuk-radios__label" htmlFor={`${FIELDS.kind}-${suffix}`}>
                      {label}
                    </label>
                  </div>
                ))}
              </div>
            </fieldset>
          </div>
          <TextField
            id={FIELDS.weight!}
            label="How much it matters"
            hint="1 (a little) to 1000 (a great deal)"
            type="number"
            value={weightText}
            onChange={setWeightText}
            error={fieldError(FIELDS.weight!)}
          />
          <button type="submit" className="nhsuk-button" disabled={busy}>
            Record the preference
          </button>
        </form>
      )}
    </>
  );
}
