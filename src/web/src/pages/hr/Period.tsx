import { type FormEvent, useState } from 'react';
import { ErrorSummary, type FieldError, TextField } from '../../components/nhs';
import { addMonths, isDate, longDate, monthEnd, monthStart, today } from '../staff/format';
import '../staff/staff.css';

export type Period = {
  from: string;
  to: string;
};

/** The default period: the last two months, this one and the next. */
export const defaultPeriod = (): Period => ({
  from: addMonths(monthStart(today()), -2),
  to: monthEnd(addMonths(today(), 1)),
});

/** Pick a report's period (the error summary links to the field at fault). */
export function PeriodForm({ period, onChange }: { period: Period; onChange: (p: Period) => void }) {
  const [from, setFrom] = useState(period.from);
  const [to, setTo] = useState(period.to);
  const [errors, setErrors] = useState<FieldError[]>([]);
  const submit = (e: FormEvent) => {
    e.preventDefault();
    const problems: FieldError[] = [];
    if (!isDate(from)) problems.push({ field: 'period-from', message: 'Enter the first day of the period' });
    if (!isDate(to)) problems.push({ field: 'period-to', message: 'Enter the last day of the period' });
    else if (isDate(from) && to < from)
      problems.push({
        field: 'period-to',
        message: 'The last day must be the same as or after the first day',
      });
    else if (isDate(from) && to > addMonths(from, 36))
      problems.push({ field: 'period-to', message: 'The period can be at most three years' });
    setErrors(problems);
    if (!problems.length) onChange({ from, to });
  };
  const error = (id: string) => errors.find((e) => e.field === id)?.message;
  return (
    <form noValidate onSubmit={submit} className="nhsuk-u-margin-bottom-6">
      <ErrorSummary errors={errors} />
      <fieldset className="nhsuk-fieldset">
        <legend className="nhsuk-fieldset__legend nhsuk-fieldset__legend--s">
          Period: {longDate(period.from)} to {longDate(period.to)}
        </legend>
        <div className="tandem-actions">
          <TextField
            id="period-from"
            label="From"
            type="date"
            value={from}
            onChange={setFrom}
            error={error('period-from')}
          />
          <TextField
            id="period-to"
            label="To"
            type="date"
            value={to}
            onChange={setTo}
            error={error('period-to')}
          />
        </div>
        <button type="submit" className="nhsuk-button nhsuk-button--secondary">
          Show this period
        </button>
      </fieldset>
    </form>
  );
}

/** Headline figures as a row of cards. */
export function Stats({ items }: { items: Array<[string, string]> }) {
  return (
    <ul className="tandem-stats">
      {items.map(([label, value]) => (
        <li key={label}>
          <strong>{value}</strong>
          {label}
        </li>
      ))}
    </ul>
  );
}
