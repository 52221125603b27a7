import { useState } from 'react';
import { request } from '../../api/client';
import { type MyShiftsQuery, MyShiftsDocument } from '../../api/generated';
import { ErrorSummary, Inset, Tag } from '../../components/nhs';
import { Link } from '../../router';
import { addDays, addMonths, hours, longDate, monthEnd, monthName, monthStart, today } from './format';
import { useLoad, useTitle } from './useLoad';

type MyShift = MyShiftsQuery['myShifts'][number];

/** "07:30 to 15:30": the local start and the end on the team's wall clock. */
export function shiftTimes(s: MyShift['shift']): string {
  const [h, m] = s.startTime.split(':').map(Number) as [number, number];
  const end = (h * 60 + m + s.durationMinutes) % (24 * 60);
  const endText = `${String(Math.floor(end / 60)).padStart(2, '0')}:${String(end % 60).padStart(2, '0')}`;
  return `${s.startTime.slice(0, 5)} to ${endText}`;
}

const cancelled = (a: MyShift) => !!(a.cancelledAt || a.shift.cancelledAt);

function Length({ s }: { s: MyShift['shift'] }) {
  return (
    <>
      {hours(s.workingMinutes)} working
      {s.realDurationMinutes !== s.durationMinutes && (
        <> (the clocks change: {hours(s.realDurationMinutes)} in real time)</>
      )}
    </>
  );
}

/** A staff member's own shifts on published rotas, a month at a time, as a list or a calendar month. */
export function MyShiftsPage() {
  useTitle('My shifts');
  const [month, setMonth] = useState(monthStart(today()));
  const [view, setView] = useState<'list' | 'month'>('list');
  const { data, error } = useLoad(
    async () => (await request(MyShiftsDocument, { from: month, to: monthEnd(month) })).myShifts,
    [month],
  );
  const shifts = (data ?? []).slice().sort((a, b) => a.shift.startsAt.localeCompare(b.shift.startsAt));

  return (
    <>
      <h1>My shifts</h1>
      {error && <ErrorSummary errors={[{ message: error }]} />}
      <p>Your shifts on published rotas. Shifts removed after publication are shown as cancelled.</p>
      <div className="tandem-actions">
        <button
          type="button"
          className="nhsuk-button nhsuk-button--secondary"
          onClick={() => setMonth(addMonths(month, -1))}
        >
          Previous month<span className="nhsuk-u-visually-hidden">: {monthName(addMonths(month, -1))}</span>
        </button>
        <button
          type="button"
          className="nhsuk-button nhsuk-button--secondary"
          onClick={() => setMonth(addMonths(month, 1))}
        >
          Next month<span className="nhsuk-u-visually-hidden">: {monthName(addMonths(month, 1))}</span>
        </button>
        <button
          type="button"
          className="nhsuk-button nhsuk-button--secondary"
          aria-pressed={view === 'month'}
          onClick={() => setView(view === 'list' ? 'month' : 'list')}
        >
          {view === 'list' ? 'Show as a calendar month' : 'Show as a list'}
        </button>
      </div>
      <h2 aria-live="polite">{monthName(month)}</h2>
      {data === undefined && !error ? (
        <p>Loading your shifts…</p>
      ) : view === 'list' ? (
        <ShiftList shifts={shifts} />
      ) : (
        <MonthGrid month={month} shifts={shifts} />
      )}
    </>
  );
}

function ShiftList({ shifts }: { shifts: MyShift[] }) {
  const now = Date.now();
  if (!shifts.length)
    return (
      <Inset>
        <p>You have no shifts on a published rota this month.</p>
      </Inset>
    );
  return (
    <table className="nhsuk-table">
      <caption className="nhsuk-table__caption nhsuk-u-visually-hidden">My shifts this month</caption>
      <thead className="nhsuk-table__head">
        <tr className="nhsuk-table__row">
          <th scope="col" className="nhsuk-table__header">
            Date
          </th>
          <th scope="col" className="nhsuk-table__header">
            Shift
          </th>
          <th scope="col" className="nhsuk-table__header">
            Times
          </th>
          <th scope="col" className="nhsuk-table__header">
            Length
          </th>
          <th scope="col" className="nhsuk-table__header">
            Swap
          </th>
        </tr>
      </thead>
      <tbody className="nhsuk-table__body">
        {shifts.map((a) => (
          <tr key={a.id} className="nhsuk-table__row">
            <td className="nhsuk-table__cell">{longDate(a.shift.localDate)}</td>
            <td className="nhsuk-table__cell">
              {a.shift.shiftType.name} ({a.shift.shiftType.code}){a.shift.isNight && ' – night'}{' '}
              {cancelled(a) && <Tag colour="grey">Cancelled</Tag>}
            </td>
            <td className="nhsuk-table__cell">{shiftTimes(a.shift)}</td>
            <td className="nhsuk-table__cell">
              <Length s={a.shift} />
            </td>
            <td className="nhsuk-table__cell">
              {!cancelled(a) && Date.parse(a.shift.startsAt) > now ? (
                <Link href={`/my-swaps/new/${encodeURIComponent(a.id)}`}>
                  Offer to a colleague
                  <span className="nhsuk-u-visually-hidden">
                    : {a.shift.shiftType.name}, {longDate(a.shift.localDate)}
                  </span>
                </Link>
              ) : (
                <span className="nhsuk-u-visually-hidden">Not offered</span>
              )}
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

const WEEKDAYS = ['Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday', 'Sunday'];

function MonthGrid({ month, shifts }: { month: string; shifts: MyShift[] }) {
  const first = new Date(`${month}T12:00:00Z`).getUTCDay();
  const start = addDays(month, -((first + 6) % 7));
  const end = monthEnd(month);
  const weeks: string[][] = [];
  for (let d = start; d <= end || weeks.at(-1)!.length < 7; d = addDays(d, 1)) {
    if (!weeks.length || weeks.at(-1)!.length === 7) weeks.push([]);
    weeks.at(-1)!.push(d);
  }
  const on = (d: string) => shifts.filter((a) => a.shift.localDate === d);
  return (
    <table className="nhsuk-table tandem-month">
      <caption className="nhsuk-table__caption nhsuk-u-visually-hidden">
        My shifts in {monthName(month)}, a week a row
      </caption>
      <thead className="nhsuk-table__head">
        <tr className="nhsuk-table__row">
          {WEEKDAYS.map((w) => (
            <th key={w} scope="col" className="nhsuk-table__header">
              <abbr title={w}>{w.slice(0, 3)}</abbr>
            </th>
          ))}
        </tr>
      </thead>
      <tbody className="nhsuk-table__body">
        {weeks.map((week) => (
          <tr key={week[0]} className="nhsuk-table__row">
            {week.map((d) => {
              const inMonth = d.slice(0, 7) === month.slice(0, 7);
              return (
                <td key={d} className={`nhsuk-table__cell${inMonth ? '' : ' tandem-month__other'}`}>
                  <span className="tandem-month__day">
                    <span className="nhsuk-u-visually-hidden">{longDate(d)}</span>
                    <span aria-hidden="true">{Number(d.slice(8))}</span>
                  </span>
                  {inMonth &&
                    on(d).map((a) => (
                      <span
                        key={a.id}
                        className={`tandem-month__shift${cancelled(a) ? ' tandem-month__shift--cancelled' : ''}`}
                      >
                        {a.shift.shiftType.code} {shiftTimes(a.shift)}
                        {cancelled(a) && ' (cancelled)'}
                      </span>
                    ))}
                </td>
              );
            })}
          </tr>
        ))}
      </tbody>
    </table>
  );
}
