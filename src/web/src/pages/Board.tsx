import { type DragEvent, type KeyboardEvent, useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { ApiError, request } from '../api/client';
import {
  AssignDocument,
  type BoardQuery,
  BoardDocument,
  type EditResultFieldsFragment,
  MoveDocument,
  PublishDocument,
  SaveTemplateDocument,
  type RuleCode,
  SwapDocument,
  UnassignDocument,
  type WhoCanCoverQuery,
  WhoCanCoverDocument,
} from '../api/generated';
import type { Me } from '../App';
import { Dialog, ErrorSummary, Inset, SelectField, Tag, TextField } from '../components/nhs';
import { OfferOpenShiftDialog } from './mobility/OfferOpenShift';
import {
  hardRules,
  OverrideDialog,
  type Violation,
  ViolationList,
  ViolationTag,
} from '../components/violations';
import { Link } from '../router';
import { AutoFill } from './AutoFill';
import { formatDate, StatusTag } from './Rotas';

export type Rota = BoardQuery['rota'];
export type Shift = Rota['shifts'][number];
export type Assignment = Shift['assignments'][number];
type Override = { reason: string; ruleCodes: RuleCode[] };

/** Every date from start to end, inclusive (local dates: no time zone arithmetic). */
function datesBetween(start: string, end: string): string[] {
  const out: string[] = [];
  for (
    let d = new Date(`${start}T12:00:00Z`);
    d.toISOString().slice(0, 10) <= end;
    d.setUTCDate(d.getUTCDate() + 1)
  )
    out.push(d.toISOString().slice(0, 10));
  return out;
}

const dayHeading = (d: string) =>
  new Date(`${d}T12:00:00Z`).toLocaleDateString('en-GB', {
    weekday: 'short',
    day: 'numeric',
    month: 'short',
    timeZone: 'UTC',
  });

export const hours = (minutes: number): string => {
  const h = Math.floor(minutes / 60);
  const m = minutes % 60;
  return m ? `${h} h ${m} min` : `${h} h`;
};

/** "07:30–15:30" on the team's wall clock. */
export function localTimes(shift: Pick<Shift, 'startTime' | 'endsAt'>, timeZone: string): string {
  const end = new Intl.DateTimeFormat('en-GB', {
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
    timeZone,
  }).format(new Date(shift.endsAt));
  return `${shift.startTime.slice(0, 5)}–${end}`;
}

/** The length to show: the real one, saying so when a clock change makes it differ from the wall clock's. */
function length(shift: Shift): string {
  if (shift.realDurationMinutes !== shift.durationMinutes)
    return `${hours(shift.realDurationMinutes)} real (clock change), ${hours(shift.workingMinutes)} working`;
  return `${hours(shift.workingMinutes)} working`;
}

export interface Notice {
  title: string;
  warnings: Violation[];
  resolved: Violation[];
  skipped?: string[];
}

const NOTICE_KEY = 'tandem.notice';

/** Leaves a notice for the board the app is about to open. */
export const leaveNotice = (notice: Notice): void =>
  sessionStorage.setItem(NOTICE_KEY, JSON.stringify(notice));

/** The notice left for this board (removed once shown: see the effect in BoardPage). */
function takeNotice(): Notice | null {
  const text = sessionStorage.getItem(NOTICE_KEY);
  return text ? (JSON.parse(text) as Notice) : null;
}

/** Saves the rota's first week (with who works it) as one of the team's templates. */
function SaveTemplateDialog({
  rota,
  onClose,
  onSaved,
}: {
  rota: Rota;
  onClose: () => void;
  onSaved: (name: string) => void;
}) {
  const [name, setName] = useState(`${rota.name ?? 'Rota'} – first week`);
  const [error, setError] = useState<string | undefined>();
  return (
    <Dialog title="Save the first week as a template" onClose={onClose}>
      <ErrorSummary errors={error ? [{ field: 'template-name', message: error }] : []} />
      <form
        noValidate
        onSubmit={(e) => {
          e.preventDefault();
          if (!name.trim()) {
            setError('Enter a name for the template');
            return;
          }
          request(SaveTemplateDocument, {
            input: { fromRotaId: rota.id, name: name.trim(), weeks: 1, includeAssignments: true },
          })
            .then((d) => onSaved(d.createRotaTemplate.name))
            .catch((err: Error) => setError(err.message));
        }}
      >
        <TextField
          id="template-name"
          label="Name of the template"
          value={name}
          onChange={setName}
          error={error}
        />
        <button type="submit" className="nhsuk-button">
          Save the template
        </button>
      </form>
    </Dialog>
  );
}

type CellTarget = { kind: 'cover'; shifts: Shift[] } | { kind: 'person'; staffId: string; date: string };
type Refusal = { message: string; violations: Violation[]; retry: (override: Override) => Promise<void> };

export function BoardPage({ rotaId, me }: { rotaId: string; me: Me }) {
  const [data, setData] = useState<BoardQuery | null>(null);
  const [errors, setErrors] = useState<Array<{ field?: string; message: string }>>([]);
  // A page that led here may leave a notice (building from a template: what it left out, what it brought).
  const [notice, setNotice] = useState<Notice | null>(takeNotice);
  const [saving, setSaving] = useState(false);
  useEffect(() => sessionStorage.removeItem(NOTICE_KEY), []);
  const [target, setTarget] = useState<CellTarget | null>(null);
  const [refusal, setRefusal] = useState<Refusal | null>(null);
  // The board's one tab stop (a roving tabindex, moved in the DOM: an arrow key re-renders nothing).
  const focus = useRef({ row: 0, col: 0 });

  const load = useCallback(async () => {
    try {
      setData(await request(BoardDocument, { rotaId }));
    } catch (e) {
      setErrors([{ message: (e as Error).message }]);
    }
  }, [rotaId]);
  useEffect(() => {
    void load();
  }, [load]);

  const rota = data?.rota;
  useEffect(() => {
    if (rota) document.title = `${rota.name ?? 'Rota'} – ${rota.team.name} – Tandem`;
  }, [rota]);

  const model = useMemo(() => {
    if (!data) return null;
    const { rota, checkRota } = data;
    const days = datesBetween(rota.startDate, rota.endDate);
    const types = [...new Map(rota.shifts.map((s) => [s.shiftType.id, s])).values()]
      .sort((a, b) => a.startTime.localeCompare(b.startTime))
      .map((s) => s.shiftType);
    const people = [
      ...new Map(
        rota.shifts.flatMap((s) => s.assignments.map((a) => [a.staffId, a.staff] as const)),
      ).values(),
    ].sort((a, b) => a.name.localeCompare(b.name));
    const byPerson = new Map<string, Violation[]>();
    const byShift = new Map<string, Violation[]>();
    for (const v of checkRota.violations) {
      if (v.staffId) byPerson.set(v.staffId, [...(byPerson.get(v.staffId) ?? []), v]);
      else for (const id of v.shiftIds) byShift.set(id, [...(byShift.get(id) ?? []), v]);
    }
    // Indexes, so that a large board (hundreds of people, weeks of days) renders each cell without a search.
    const byDay = new Map<string, Shift[]>();
    const byPersonDay = new Map<string, Shift[]>();
    for (const s of rota.shifts) {
      for (const key of [s.localDate, `${s.localDate}|${s.shiftType.id}`])
        byDay.set(key, [...(byDay.get(key) ?? []), s]);
      for (const a of s.assignments) {
        const key = `${a.staffId}|${s.localDate}`;
        byPersonDay.set(key, [...(byPersonDay.get(key) ?? []), s]);
      }
    }
    const shiftsOn = (date: string, typeId?: string) => byDay.get(typeId ? `${date}|${typeId}` : date) ?? [];
    const shiftsOf = (staffId: string, date: string) => byPersonDay.get(`${staffId}|${date}`) ?? [];
    return { days, types, people, byPerson, byShift, shiftsOn, shiftsOf };
  }, [data]);

  if (!rota || !model) {
    return (
      <>
        <ErrorSummary errors={errors} />
        {!errors.length && <p>Loading the rota…</p>}
      </>
    );
  }
  const { days, types, people, byPerson, byShift, shiftsOn, shiftsOf } = model;
  const rowCount = types.length + people.length;
  const published = rota.status === 'PUBLISHED';

  /** Sends one edit; a refusal by the rules opens the overrides dialog, which sends it again with `override`. */
  async function edit(
    title: string,
    send: (common: {
      expectedVersion: number;
      override: Override | null;
      reason: string | null;
    }) => Promise<EditResultFieldsFragment>,
    reason: string | null,
    override: Override | null = null,
  ): Promise<boolean> {
    try {
      const result = await send({
        expectedVersion: rota!.version,
        override,
        reason: override?.reason ?? reason,
      });
      if (result.__typename === 'RuleViolations') {
        setRefusal({
          message: result.message,
          violations: result.violations,
          retry: async (o) => {
            if (await edit(title, send, reason, o)) setTarget(null);
          },
        });
        return false;
      }
      setRefusal(null);
      setErrors([]);
      setNotice({ title, warnings: result.warnings, resolved: result.resolved });
      await load();
      return true;
    } catch (e) {
      setRefusal(null);
      if (e instanceof ApiError && e.code === 'CONFLICT') {
        setErrors([
          {
            message:
              'Someone else changed this rota since you opened it: the board now shows their change. Try again.',
          },
        ]);
        await load();
      } else setErrors([{ message: (e as Error).message }]);
      return false;
    }
  }

  const assign = (
    shift: Shift,
    staffId: string,
    name: string,
    reason: string | null,
    replacing?: Assignment,
  ) =>
    edit(
      replacing
        ? `${name} replaces ${replacing.staff.name} on ${shift.shiftType.code} ${formatDate(shift.localDate)}`
        : `${name} assigned to ${shift.shiftType.code} ${formatDate(shift.localDate)}`,
      async (common) => {
        const first = (await request(AssignDocument, { input: { shiftId: shift.id, staffId, ...common } }))
          .assignStaff;
        if (first.__typename !== 'RotaEdit' || !replacing) return first;
        const second = (
          await request(UnassignDocument, {
            input: { assignmentId: replacing.id, expectedVersion: first.rota.version, reason: common.reason },
          })
        ).unassignStaff;
        if (second.__typename !== 'RotaEdit') return second;
        return {
          ...second,
          warnings: [...first.warnings, ...second.warnings],
          resolved: [...first.resolved, ...second.resolved],
        };
      },
      reason,
    );
  const unassign = (a: Assignment, shift: Shift, reason: string | null) =>
    edit(
      `${a.staff.name} taken off ${shift.shiftType.code} ${formatDate(shift.localDate)}`,
      async (common) =>
        (await request(UnassignDocument, { input: { assignmentId: a.id, ...common } })).unassignStaff,
      reason,
    );
  const move = (a: Assignment, to: Shift, reason: string | null) =>
    edit(
      `${a.staff.name} moved to ${to.shiftType.code} ${formatDate(to.localDate)}`,
      async (common) =>
        (await request(MoveDocument, { input: { assignmentId: a.id, toShiftId: to.id, ...common } }))
          .moveAssignment,
      reason,
    );
  const swap = (a: Assignment, b: Assignment, reason: string | null) =>
    edit(
      `${a.staff.name} and ${b.staff.name} swapped`,
      async (common) =>
        (await request(SwapDocument, { input: { assignmentId: a.id, otherAssignmentId: b.id, ...common } }))
          .swapAssignments,
      reason,
    );
  const publish = () =>
    edit(
      'Rota published',
      async (common) =>
        (
          await request(PublishDocument, {
            input: { rotaId: rota!.id, expectedVersion: common.expectedVersion, override: common.override },
          })
        ).publishRota,
      null,
    );

  /** Makes a cell the board's tab stop (and, unless it already has it, gives it focus). */
  const moveFocus = (row: number, col: number) => {
    const r = Math.max(0, Math.min(rowCount - 1, row));
    const c = Math.max(0, Math.min(days.length - 1, col));
    const before = document.getElementById(`cell-${focus.current.row}-${focus.current.col}`);
    const cell = document.getElementById(`cell-${r}-${c}`);
    if (!cell) return;
    if (before && before !== cell) before.tabIndex = -1;
    cell.tabIndex = 0;
    focus.current = { row: r, col: c };
    if (document.activeElement !== cell) cell.focus();
  };
  const open = (row: number, col: number) => {
    const date = days[col]!;
    if (row < types.length) setTarget({ kind: 'cover', shifts: shiftsOn(date, types[row]!.id) });
    else setTarget({ kind: 'person', staffId: people[row - types.length]!.id, date });
  };
  const onKey = (e: KeyboardEvent, row: number, col: number) => {
    const moves: Record<string, [number, number]> = {
      ArrowUp: [row - 1, col],
      ArrowDown: [row + 1, col],
      ArrowLeft: [row, col - 1],
      ArrowRight: [row, col + 1],
      Home: [row, 0],
      End: [row, days.length - 1],
    };
    const to = moves[e.key];
    if (to) {
      e.preventDefault();
      moveFocus(to[0], to[1]);
    } else if (e.key === 'Enter' || e.key === ' ') {
      e.preventDefault();
      open(row, col);
    }
  };
  const cellProps = (row: number, col: number) => ({
    id: `cell-${row}-${col}`,
    tabIndex: focus.current.row === row && focus.current.col === col ? 0 : -1,
    onKeyDown: (e: KeyboardEvent) => onKey(e, row, col),
    onClick: () => open(row, col),
    onFocus: () => moveFocus(row, col),
  });

  // Drag and drop (a draft's bonus; the cell's dialog does the same by keyboard): an assignment dropped on a
  // shift's cover cell moves there; dropped on someone else's shift, the two swap.
  const dragFrom = (a: Assignment) =>
    published
      ? {}
      : {
          draggable: true,
          onDragStart: (e: DragEvent) => {
            e.dataTransfer.setData('application/x-tandem-assignment', a.id);
            e.dataTransfer.effectAllowed = 'move';
          },
        };
  const dropOn = (
    to: { kind: 'move'; shift: Shift } | { kind: 'swap'; shift: Shift; with: Assignment } | null,
  ) =>
    published || !to
      ? {}
      : {
          onDragOver: (e: DragEvent) => {
            if (e.dataTransfer.types.includes('application/x-tandem-assignment')) e.preventDefault();
          },
          onDrop: (e: DragEvent) => {
            e.preventDefault();
            e.stopPropagation();
            const id = e.dataTransfer.getData('application/x-tandem-assignment');
            const a = rota!.shifts.flatMap((s) => s.assignments).find((x) => x.id === id);
            if (!a) return;
            if (to.kind === 'move' && !to.shift.assignments.some((x) => x.id === id))
              void move(a, to.shift, null);
            if (to.kind === 'swap' && to.with.id !== id) void swap(a, to.with, null);
          },
        };

  const rotaViolations = data!.checkRota.violations;
  return (
    <>
      <Link className="nhsuk-back-link" href="/rotas">
        Back to your rotas
      </Link>
      <h1>
        {rota.name ?? 'Rota'}{' '}
        <span className="nhsuk-caption-l">
          {rota.team.name}, {formatDate(rota.startDate)} to {formatDate(rota.endDate)}
        </span>
      </h1>
      <ErrorSummary errors={errors} />
      <p>
        <StatusTag status={rota.status} /> Version {rota.version}.{' '}
        {data!.checkRota.hardCount === 0
          ? 'No hard rule is broken.'
          : `${data!.checkRota.hardCount} hard ${data!.checkRota.hardCount === 1 ? 'breach' : 'breaches'} of the rules.`}{' '}
        Times are local to {rota.team.timeZone}.
      </p>
      {notice && (
        <div className="nhsuk-inset-text tandem-notice" role="status">
          {notice.skipped && notice.skipped.length > 0 && (
            <>
              <p>
                <strong>
                  {notice.skipped.length} {notice.skipped.length === 1 ? 'assignment' : 'assignments'} of the
                  template left out
                </strong>{' '}
                because the rules refuse them:
              </p>
              <ul className="nhsuk-list nhsuk-list--bullet">
                {notice.skipped.map((r, i) => (
                  <li key={i}>{r}</li>
                ))}
              </ul>
            </>
          )}
          <p>
            <strong>{notice.title}.</strong>
            {notice.resolved.length > 0 &&
              ` It ended ${notice.resolved.length} ${notice.resolved.length === 1 ? 'problem' : 'problems'}.`}
          </p>
          {notice.warnings.length > 0 && (
            <>
              <p>It brought these problems, which did not stop it:</p>
              <ViolationList violations={notice.warnings} />
            </>
          )}
        </div>
      )}
      <div className="tandem-actions">
        {!published && (
          <button type="button" className="nhsuk-button" onClick={() => void publish()}>
            Publish the rota
          </button>
        )}
        {new Date(`${rota.startDate}T12:00:00Z`).getUTCDay() === 1 && (
          <button
            type="button"
            className="nhsuk-button nhsuk-button--secondary"
            onClick={() => setSaving(true)}
          >
            Save the first week as a template
          </button>
        )}
      </div>
      {saving && (
        <SaveTemplateDialog
          rota={rota}
          onClose={() => setSaving(false)}
          onSaved={(name) => {
            setSaving(false);
            setNotice({
              title: `Saved the first week as the template “${name}”`,
              warnings: [],
              resolved: [],
            });
          }}
        />
      )}
      {rota.attention.length > 0 && (
        <section aria-labelledby="attention-heading" className="tandem-attention">
          <h2 id="attention-heading">Needs your attention ({rota.attention.length})</h2>
          {[...new Set(rota.attention.map((a) => a.kind))].map((kind) => {
            const items = rota.attention.filter((a) => a.kind === kind);
            return (
              <details key={kind} className="nhsuk-details" open={rota.attention.length <= 5}>
                <summary className="nhsuk-details__summary">
                  <span className="nhsuk-details__summary-text">
                    {kind.replace(/_/g, ' ').toLowerCase()} ({items.length})
                  </span>
                </summary>
                <div className="nhsuk-details__text">
                  <ul className="nhsuk-list nhsuk-list--bullet">
                    {items.map((a, i) => (
                      <li key={i}>{a.message}</li>
                    ))}
                  </ul>
                </div>
              </details>
            );
          })}
        </section>
      )}
      <h2 id="board-heading">The board</h2>
      <p className="nhsuk-body-s" id="board-help">
        Use the arrow keys to move between cells, and Enter to open a cell’s actions: who can cover a shift,
        or move, swap, replace or remove someone.{' '}
        {!published &&
          'With a mouse you can also drag someone’s shift onto a shift’s cover cell to move them there, or onto someone else’s shift to swap the two.'}
      </p>
      <div className="tandem-board-scroll" tabIndex={-1}>
        <table
          className="tandem-board"
          role="grid"
          aria-labelledby="board-heading"
          aria-describedby="board-help"
        >
          <thead>
            <tr>
              <th scope="col" className="tandem-board__corner">
                Shift or person
              </th>
              {days.map((d) => (
                <th scope="col" key={d}>
                  {dayHeading(d)}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {types.map((t, row) => (
              <tr key={t.id} className="tandem-board__cover-row">
                <th scope="row">
                  {t.name} <span className="nhsuk-u-visually-hidden">cover</span>
                  <span className="tandem-board__code">({t.code})</span>
                </th>
                {days.map((d, col) => {
                  const shifts = shiftsOn(d, t.id);
                  const problems = shifts.flatMap((s) => byShift.get(s.id) ?? []);
                  return (
                    <td
                      key={d}
                      {...cellProps(row, col)}
                      {...dropOn(shifts[0] ? { kind: 'move', shift: shifts[0] } : null)}
                      className={`tandem-cell tandem-cell--cover${problems.some((p) => p.severity === 'HARD') ? ' tandem-cell--hard' : problems.length ? ' tandem-cell--soft' : ''}`}
                    >
                      {shifts.map((s) => (
                        <CoverSummary
                          key={s.id}
                          shift={s}
                          timeZone={rota.team.timeZone}
                          problems={byShift.get(s.id) ?? []}
                        />
                      ))}
                    </td>
                  );
                })}
              </tr>
            ))}
            {people.map((p, i) => {
              const row = types.length + i;
              const mine = byPerson.get(p.id) ?? [];
              return (
                <tr key={p.id}>
                  <th
                    scope="row"
                    className={
                      mine.some((v) => v.severity === 'HARD')
                        ? 'tandem-person--problem'
                        : mine.length
                          ? 'tandem-person--soft'
                          : undefined
                    }
                  >
                    {p.name}
                    <span className="tandem-board__job">{p.jobTitle}</span>
                    {mine.length > 0 && (
                      <details className="tandem-person__problems">
                        <summary>
                          {mine.length} {mine.length === 1 ? 'problem' : 'problems'}
                        </summary>
                        <ViolationList violations={mine} />
                      </details>
                    )}
                  </th>
                  {days.map((d, col) => {
                    const shifts = shiftsOf(p.id, d);
                    const here = mine.filter((v) => v.shiftIds.some((id) => shifts.some((s) => s.id === id)));
                    return (
                      <td
                        key={d}
                        {...cellProps(row, col)}
                        className={`tandem-cell${here.some((v) => v.severity === 'HARD') ? ' tandem-cell--hard' : here.length ? ' tandem-cell--soft' : ''}`}
                      >
                        {shifts.map((s) => (
                          <div
                            key={s.id}
                            className={`tandem-shift${s.isNight ? ' tandem-shift--night' : ''}`}
                            {...dragFrom(s.assignments.find((a) => a.staffId === p.id)!)}
                            {...dropOn({
                              kind: 'swap',
                              shift: s,
                              with: s.assignments.find((a) => a.staffId === p.id)!,
                            })}
                          >
                            <strong>{s.shiftType.code}</strong> {localTimes(s, rota.team.timeZone)}
                            {s.realDurationMinutes !== s.durationMinutes && (
                              <span className="tandem-shift__real"> {hours(s.realDurationMinutes)} real</span>
                            )}
                          </div>
                        ))}
                        {here.length > 0 && (
                          <div
                            className="tandem-cell__violations"
                            title={here.map((v) => v.message).join('\n')}
                          >
                            {here.map((v, k) => (
                              <span key={k} className="tandem-cell__violation">
                                <ViolationTag v={v} />
                                <span className="nhsuk-u-visually-hidden">: {v.message}</span>{' '}
                              </span>
                            ))}
                          </div>
                        )}
                      </td>
                    );
                  })}
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>
      {rotaViolations.length > 0 && (
        <details className="nhsuk-details">
          <summary className="nhsuk-details__summary">
            <span className="nhsuk-details__summary-text">
              Every problem on this rota ({rotaViolations.length})
            </span>
          </summary>
          <div className="nhsuk-details__text">
            <ViolationList violations={rotaViolations} />
          </div>
        </details>
      )}
      {!published && <AutoFill rota={rota} onApplied={load} />}
      {target && (
        <CellActions
          target={target}
          rota={rota}
          violations={rotaViolations}
          onClose={() => setTarget(null)}
          assign={assign}
          unassign={unassign}
          move={move}
          swap={swap}
          onOffered={(title) => {
            setTarget(null);
            setNotice({ title, warnings: [], resolved: [] });
          }}
        />
      )}
      {refusal && (
        <OverrideDialog
          message={refusal.message}
          violations={refusal.violations}
          onCancel={() => setRefusal(null)}
          onConfirm={(reason) => refusal.retry({ reason, ruleCodes: hardRules(refusal.violations) })}
        />
      )}
      <p className="nhsuk-body-s nhsuk-u-margin-top-5">Signed in as {me.name ?? me.subject}.</p>
    </>
  );
}

function CoverSummary({
  shift,
  timeZone,
  problems,
}: {
  shift: Shift;
  timeZone: string;
  problems: Violation[];
}) {
  const n = shift.assignments.length;
  const status =
    n < shift.minHeadcount ? (
      <Tag colour="red">Short</Tag>
    ) : n < shift.targetHeadcount ? (
      <Tag colour="orange">Below target</Tag>
    ) : (
      <Tag colour="green">Covered</Tag>
    );
  const mixShort = problems.some((p) => p.ruleCode === 'COVER_SKILL_MIX');
  return (
    <div className="tandem-cover">
      <div>
        {localTimes(shift, timeZone)} <span className="tandem-shift__len">{length(shift)}</span>
      </div>
      <div>
        {n} of {shift.minHeadcount} min, {shift.targetHeadcount} target {status}
      </div>
      {shift.skillMix.length > 0 && (
        <div className="tandem-cover__mix">
          Skill mix: {shift.skillMix.map((m) => `${m.count} × ${m.skill.code}`).join(', ')}{' '}
          {mixShort ? <Tag colour="red">Mix short</Tag> : <Tag colour="green">Mix met</Tag>}
        </div>
      )}
    </div>
  );
}

type Candidate = WhoCanCoverQuery['eligibleStaff'][number];

/** Who can cover a shift, ranked by the API (eligible first, then by the soft penalty they would add). */
function WhoCanCover({
  shift,
  onPick,
  action,
}: {
  shift: Shift;
  onPick: (c: Candidate) => void;
  action: (c: Candidate) => string;
}) {
  const [candidates, setCandidates] = useState<Candidate[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    request(WhoCanCoverDocument, { shiftId: shift.id })
      .then((d) => setCandidates(d.eligibleStaff))
      .catch((e: Error) => setError(e.message));
  }, [shift.id]);
  if (error) return <ErrorSummary errors={[{ message: error }]} />;
  if (!candidates) return <p>Finding who can cover…</p>;
  if (!candidates.length) return <p>Nobody else in the team can work this shift.</p>;
  return (
    <table className="nhsuk-table tandem-candidates">
      <caption className="nhsuk-table__caption nhsuk-table__caption--s">Who can cover, best first</caption>
      <thead className="nhsuk-table__head">
        <tr className="nhsuk-table__row">
          <th scope="col" className="nhsuk-table__header">
            Person
          </th>
          <th scope="col" className="nhsuk-table__header">
            Why
          </th>
          <th scope="col" className="nhsuk-table__header">
            <span className="nhsuk-u-visually-hidden">Action</span>
          </th>
        </tr>
      </thead>
      <tbody className="nhsuk-table__body">
        {candidates.map((c) => (
          <tr key={c.staffId} className="nhsuk-table__row">
            <td className="nhsuk-table__cell">
              {c.staff.name}
              <div className="nhsuk-body-s nhsuk-u-margin-0">{c.staff.jobTitle}</div>
            </td>
            <td className="nhsuk-table__cell">
              {c.eligible ? <Tag colour="green">Eligible</Tag> : <Tag colour="red">Breaks a rule</Tag>}{' '}
              {c.basis && <span className="nhsuk-body-s">via {c.basis.toLowerCase().replace('_', ' ')}</span>}
              {c.softPenaltyDelta > 0 && (
                <div className="nhsuk-body-s nhsuk-u-margin-0">
                  Adds {c.softPenaltyDelta} to the soft penalty
                </div>
              )}
              {c.eligible && c.softPenaltyDelta === 0 && c.violations.length === 0 && (
                <div className="nhsuk-body-s nhsuk-u-margin-0">Breaks no rule</div>
              )}
              <ViolationList violations={c.violations} />
            </td>
            <td className="nhsuk-table__cell">
              <button
                type="button"
                className="nhsuk-button nhsuk-button--small nhsuk-u-margin-0"
                onClick={() => onPick(c)}
              >
                {action(c)}
              </button>
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

function CellActions({
  target,
  rota,
  violations,
  onClose,
  assign,
  unassign,
  move,
  swap,
  onOffered,
}: {
  target: CellTarget;
  rota: Rota;
  violations: Violation[];
  onClose: () => void;
  assign: (
    shift: Shift,
    staffId: string,
    name: string,
    reason: string | null,
    replacing?: Assignment,
  ) => Promise<boolean>;
  unassign: (a: Assignment, shift: Shift, reason: string | null) => Promise<boolean>;
  move: (a: Assignment, to: Shift, reason: string | null) => Promise<boolean>;
  swap: (a: Assignment, b: Assignment, reason: string | null) => Promise<boolean>;
  /** An open shift was offered (its confirmation, for the board's notice). */
  onOffered: (title: string) => void;
}) {
  const published = rota.status === 'PUBLISHED';
  const [reason, setReason] = useState('');
  const [reasonError, setReasonError] = useState<string | undefined>();
  const [mode, setMode] = useState<
    | { kind: 'cover'; shift: Shift }
    | { kind: 'replace'; shift: Shift; a: Assignment }
    | { kind: 'offer'; shift: Shift }
    | null
  >(null);
  const [moveTo, setMoveTo] = useState('');
  const [swapWith, setSwapWith] = useState('');
  const tz = rota.team.timeZone;

  /** Runs an edit once a published rota's change has its reason; closes the dialog when it is written. */
  const run = async (f: (reason: string | null) => Promise<boolean>) => {
    if (published && !reason.trim()) {
      setReasonError('Enter why the published rota changes (staff see it)');
      return;
    }
    setReasonError(undefined);
    if (await f(published ? reason.trim() : null)) onClose();
  };
  const reasonField = published && (
    <TextField
      id="change-reason"
      label="Reason for the change"
      hint="The rota is published: staff see why it changed."
      value={reason}
      onChange={setReason}
      error={reasonError}
    />
  );
  const label = (s: Shift) => `${s.shiftType.code} ${formatDate(s.localDate)} ${localTimes(s, tz)}`;

  if (mode?.kind === 'offer')
    return <OfferOpenShiftDialog shift={mode.shift} timeZone={tz} onClose={onClose} onOffered={onOffered} />;

  if (mode) {
    const replacing = mode.kind === 'replace' ? mode.a : undefined;
    return (
      <Dialog
        title={
          replacing
            ? `Replace ${replacing.staff.name} on ${label(mode.shift)}`
            : `Who can cover ${label(mode.shift)}`
        }
        onClose={onClose}
      >
        {reasonField}
        <WhoCanCover
          shift={mode.shift}
          action={(c) => (replacing ? `Replace with ${c.staff.name}` : `Assign ${c.staff.name}`)}
          onPick={(c) => void run((r) => assign(mode.shift, c.staffId, c.staff.name, r, replacing))}
        />
      </Dialog>
    );
  }

  if (target.kind === 'cover') {
    return (
      <Dialog
        title={
          target.shifts.length
            ? `Cover of ${target.shifts[0]!.shiftType.name}, ${formatDate(target.shifts[0]!.localDate)}`
            : 'No shift'
        }
        onClose={onClose}
      >
        {target.shifts.length === 0 && <p>There is no shift of this type on this day.</p>}
        {target.shifts.map((s) => (
          <div key={s.id} className="nhsuk-u-margin-bottom-4">
            <p>
              {localTimes(s, tz)}, {length(s)}. {s.assignments.length} assigned of {s.minHeadcount} minimum
              and {s.targetHeadcount} target
              {s.maxHeadcount !== null ? ` (at most ${s.maxHeadcount})` : ''}.
            </p>
            {s.assignments.length > 0 && (
              <ul className="nhsuk-list nhsuk-list--bullet">
                {s.assignments.map((a) => (
                  <li key={a.id}>{a.staff.name}</li>
                ))}
              </ul>
            )}
            <ViolationList violations={violations.filter((v) => !v.staffId && v.shiftIds.includes(s.id))} />
            <div className="tandem-actions">
              <button
                type="button"
                className="nhsuk-button"
                onClick={() => setMode({ kind: 'cover', shift: s })}
              >
                Find who can cover
              </button>
              {published && new Date(s.startsAt).getTime() > Date.now() && (
                <button
                  type="button"
                  className="nhsuk-button nhsuk-button--secondary"
                  onClick={() => setMode({ kind: 'offer', shift: s })}
                >
                  Offer as an open shift
                </button>
              )}
            </div>
          </div>
        ))}
      </Dialog>
    );
  }

  const person = rota.shifts.flatMap((s) => s.assignments).find((a) => a.staffId === target.staffId)!.staff;
  const theirs = rota.shifts.filter(
    (s) => s.localDate === target.date && s.assignments.some((a) => a.staffId === target.staffId),
  );
  const otherShifts = rota.shifts.filter((s) => !s.assignments.some((a) => a.staffId === target.staffId));
  return (
    <Dialog title={`${person.name}, ${formatDate(target.date)}`} onClose={onClose}>
      {reasonField}
      {theirs.length === 0 && (
        <>
          <p>{person.name} has no shift this day.</p>
          {rota.shifts
            .filter((s) => s.localDate === target.date)
            .map((s) => (
              <button
                key={s.id}
                type="button"
                className="nhsuk-button nhsuk-button--secondary"
                onClick={() => void run((r) => assign(s, person.id, person.name, r))}
              >
                Put {person.name} on {s.shiftType.code} {localTimes(s, tz)}
              </button>
            ))}
        </>
      )}
      {theirs.map((s) => {
        const a = s.assignments.find((x) => x.staffId === target.staffId)!;
        const problems = violations.filter((v) => v.staffId === person.id && v.shiftIds.includes(s.id));
        const swaps = rota.shifts
          .filter((o) => o.id !== s.id)
          .flatMap((o) => o.assignments.filter((b) => b.staffId !== person.id).map((b) => ({ b, o })));
        return (
          <div key={s.id} className="nhsuk-u-margin-bottom-5">
            <h3>
              {s.shiftType.name} {localTimes(s, tz)}
            </h3>
            <p>{length(s)}.</p>
            <ViolationList violations={problems} />
            <div className="tandem-actions">
              <button
                type="button"
                className="nhsuk-button"
                onClick={() => setMode({ kind: 'replace', shift: s, a })}
              >
                Replace from who can cover
              </button>
              <button
                type="button"
                className="nhsuk-button nhsuk-button--secondary"
                onClick={() => void run((r) => unassign(a, s, r))}
              >
                Take {person.name} off this shift
              </button>
            </div>
            <form
              className="tandem-inline-form"
              onSubmit={(e) => {
                e.preventDefault();
                const to = otherShifts.find((o) => o.id === moveTo);
                if (to) void run((r) => move(a, to, r));
              }}
            >
              <SelectField
                id={`move-${a.id}`}
                label="Move to another shift"
                value={moveTo}
                onChange={setMoveTo}
                options={[
                  { value: '', label: 'Choose a shift' },
                  ...otherShifts.map((o) => ({ value: o.id, label: label(o) })),
                ]}
              />
              <button type="submit" className="nhsuk-button nhsuk-button--secondary" disabled={!moveTo}>
                Move
              </button>
            </form>
            <form
              className="tandem-inline-form"
              onSubmit={(e) => {
                e.preventDefault();
                const other = swaps.find((x) => x.b.id === swapWith);
                if (other) void run((r) => swap(a, other.b, r));
              }}
            >
              <SelectField
                id={`swap-${a.id}`}
                label="Swap with someone on another shift"
                value={swapWith}
                onChange={setSwapWith}
                options={[
                  { value: '', label: 'Choose someone' },
                  ...swaps.map(({ b, o }) => ({ value: b.id, label: `${b.staff.name}: ${label(o)}` })),
                ]}
              />
              <button type="submit" className="nhsuk-button nhsuk-button--secondary" disabled={!swapWith}>
                Swap
              </button>
            </form>
          </div>
        );
      })}
      {theirs.length === 0 && rota.shifts.filter((s) => s.localDate === target.date).length === 0 && (
        <Inset>
          <p>There are no shifts on this day.</p>
        </Inset>
      )}
    </Dialog>
  );
}
