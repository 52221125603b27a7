import { type FormEvent, type ReactNode, useState } from 'react';
import { request } from '../../api/client';
import {
  MyShiftsDocument,
  ProposeShiftSwapDocument,
  RespondToShiftSwapDocument,
  ShiftSwapsDocument,
  type ShiftSwapsQuery,
  SwapRotaDocument,
  WithdrawShiftSwapDocument,
} from '../../api/generated';
import type { Me } from '../../App';
import { Dialog, ErrorSummary, type FieldError, Inset, SelectField, TextField } from '../../components/nhs';
import { Link } from '../../router';
import { addDays, dateTime, today } from '../staff/format';
import { useLoad, useTitle } from '../staff/useLoad';
import { Confirmation, Row, StatusTag, when } from './common';
import './mobility.css';

type Swap = ShiftSwapsQuery['shiftSwaps']['edges'][number]['node'];

/** The swaps a staff member is party to: those offered to them (accept or decline), and their own (withdraw). */
export function MySwapsPage({ me }: { me: Me }) {
  useTitle('Shift swaps');
  const staffId = me.staffMember?.id;
  const [errors, setErrors] = useState<FieldError[]>([]);
  const [done, setDone] = useState<ReactNode>(null);
  const [busy, setBusy] = useState(false);
  const [declining, setDeclining] = useState<Swap | null>(null);
  const [reason, setReason] = useState('');

  const { data, error, reload } = useLoad(async () => {
    const { shiftSwaps } = await request(ShiftSwapsDocument, {});
    const all = shiftSwaps.edges.map((e) => e.node);
    return {
      toMe: all.filter((s) => s.colleagueId === staffId),
      mine: all.filter((s) => s.staffId === staffId),
    };
  }, [staffId]);

  const act = async (f: () => Promise<ReactNode>) => {
    setBusy(true);
    setErrors([]);
    setDone(null);
    try {
      setDone(await f());
      setDeclining(null);
      reload();
    } catch (e) {
      setErrors([{ message: (e as Error).message }]);
      setDeclining(null);
    } finally {
      setBusy(false);
    }
  };

  const respond = (s: Swap, decision: 'APPROVE' | 'REJECT', why?: string) =>
    act(async () => {
      const { respondToShiftSwap: r } = await request(RespondToShiftSwapDocument, {
        input: { swapId: s.id, decision, reason: why || undefined },
      });
      if (r.__typename === 'RuleViolations') {
        setErrors([
          { message: `You cannot take this swap: ${r.message}` },
          ...r.violations.filter((v) => v.severity === 'HARD').map((v) => ({ message: v.message })),
        ]);
        return null;
      }
      return decision === 'APPROVE' ? (
        <p>
          <strong>You accepted {s.staff.name}’s swap.</strong> It waits for the manager’s approval.
        </p>
      ) : (
        <p>You declined {s.staff.name}’s swap.</p>
      );
    });

  const withdraw = (s: Swap) =>
    act(async () => {
      await request(WithdrawShiftSwapDocument, { input: { swapId: s.id } });
      return <p>You withdrew your swap with {s.colleague.name}.</p>;
    });

  const card = (s: Swap, actions: ReactNode) => {
    const tz = s.rota.team.timeZone;
    return (
      <li key={s.id}>
        <section className="nhsuk-card" aria-labelledby={`swap-${s.id}`}>
          <div className="nhsuk-card__content">
            <h3 className="nhsuk-card__heading nhsuk-heading-s" id={`swap-${s.id}`}>
              {s.staffId === staffId
                ? `Your swap with ${s.colleague.name}`
                : `${s.staff.name} offers you a shift`}
            </h3>
            <p>
              <StatusTag status={s.status} />
            </p>
            <dl className="nhsuk-summary-list">
              <Row label={s.staffId === staffId ? 'You give' : 'You take'}>
                {s.shift.shiftType.name}, {when(s.shift, tz)}
              </Row>
              <Row label={s.staffId === staffId ? 'You take' : 'You give'}>
                {s.colleagueShift
                  ? `${s.colleagueShift.shiftType.name}, ${when(s.colleagueShift, tz)}`
                  : 'Nothing: a handover'}
              </Row>
              <Row label="Team">{s.rota.team.name}</Row>
              {s.swapMessage && <Row label="Message">{s.swapMessage}</Row>}
              <Row label="Proposed">{dateTime(s.proposedAt)}</Row>
              {s.responseReason && <Row label="Why declined">{s.responseReason}</Row>}
              {s.decisionReason && <Row label="Manager’s reason">{s.decisionReason}</Row>}
            </dl>
            {actions}
          </div>
        </section>
      </li>
    );
  };

  return (
    <>
      <h1>Shift swaps</h1>
      <ErrorSummary errors={errors} />
      {error && <ErrorSummary errors={[{ message: error }]} />}
      <Confirmation>{done}</Confirmation>
      <p>
        Offer one of your shifts to a colleague from <Link href="/my-shifts">My shifts</Link>. A swap needs
        your colleague to accept it and your manager to approve it; the rota changes then.
      </p>
      {data === undefined && !error && <p>Loading swaps…</p>}
      <h2>Offered to you</h2>
      {data && data.toMe.length === 0 && <p>No one has offered you a swap.</p>}
      {data && data.toMe.length > 0 && (
        <ul className="tandem-cards" aria-label="Swaps offered to you">
          {data.toMe.map((s) =>
            card(
              s,
              s.status === 'PROPOSED' && (
                <div className="tandem-actions">
                  <button
                    type="button"
                    className="nhsuk-button nhsuk-u-margin-bottom-0"
                    disabled={busy}
                    onClick={() => void respond(s, 'APPROVE')}
                  >
                    Accept<span className="nhsuk-u-visually-hidden"> {s.staff.name}’s swap</span>
                  </button>
                  <button
                    type="button"
                    className="nhsuk-button nhsuk-button--secondary nhsuk-u-margin-bottom-0"
                    disabled={busy}
                    onClick={() => {
                      setReason('');
                      setDeclining(s);
                    }}
                  >
                    Decline<span className="nhsuk-u-visually-hidden"> {s.staff.name}’s swap</span>
                  </button>
                </div>
              ),
            ),
          )}
        </ul>
      )}
      <h2>Your offers</h2>
      {data && data.mine.length === 0 && <p>You have not offered a swap.</p>}
      {data && data.mine.length > 0 && (
        <ul className="tandem-cards" aria-label="Your offers">
          {data.mine.map((s) =>
            card(
              s,
              (s.status === 'PROPOSED' || s.status === 'ACCEPTED') && (
                <button
                  type="button"
                  className="nhsuk-button nhsuk-button--secondary"
                  disabled={busy}
                  onClick={() => void withdraw(s)}
                >
                  Withdraw<span className="nhsuk-u-visually-hidden"> your swap with {s.colleague.name}</span>
                </button>
              ),
            ),
          )}
        </ul>
      )}
      {declining && (
        <Dialog title={`Decline ${declining.staff.name}’s swap`} onClose={() => setDeclining(null)}>
          <form
            noValidate
            onSubmit={(e) => {
              e.preventDefault();
              void respond(declining, 'REJECT', reason.trim());
            }}
          >
            <TextField
              id="decline-reason"
              label="Why (optional: they will see this)"
              multiline
              value={reason}
              onChange={setReason}
            />
            <button type="submit" className="nhsuk-button" disabled={busy}>
              Decline the swap
            </button>
          </form>
        </Dialog>
      )}
    </>
  );
}

const HANDOVER = 'handover';

/**
 * Offer one of your shifts to a colleague: the colleagues are the people on the same published rota (what a staff
 * member can read of their team), and what you take in exchange is one of their shifts on it, or nothing.
 */
export function ProposeSwapPage({ me, assignmentId }: { me: Me; assignmentId: string }) {
  useTitle('Offer a shift to a colleague');
  const staffId = me.staffMember?.id;
  const [colleagueId, setColleagueId] = useState('');
  const [exchange, setExchange] = useState(HANDOVER);
  const [message, setMessage] = useState('');
  const [errors, setErrors] = useState<FieldError[]>([]);
  const [done, setDone] = useState<ReactNode>(null);
  const [busy, setBusy] = useState(false);

  const { data, error } = useLoad(async () => {
    const from = addDays(today(), -7);
    const { myShifts } = await request(MyShiftsDocument, { from, to: addDays(today(), 120) });
    const mine = myShifts.find((a) => a.id === assignmentId);
    if (!mine) return null;
    const { rota } = await request(SwapRotaDocument, { rotaId: mine.shift.rotaId });
    return { mine, rota };
  }, [assignmentId]);

  const now = Date.now();
  const colleagues = data
    ? [
        ...new Map(
          data.rota.shifts
            .flatMap((s) => s.assignments)
            .filter((a) => a.staffId !== staffId)
            .map((a) => [a.staffId, a.staff] as const),
        ).values(),
      ].sort((a, b) => a.name.localeCompare(b.name))
    : [];
  const theirShifts = data
    ? data.rota.shifts
        .filter((s) => Date.parse(s.startsAt) > now && s.id !== data.mine.shift.id)
        .flatMap((s) => s.assignments.filter((a) => a.staffId === colleagueId).map((a) => ({ a, s })))
    : [];
  const tz = data?.rota.team.timeZone;

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setDone(null);
    if (!colleagueId) {
      setErrors([{ field: 'swap-colleague', message: 'Choose the colleague you offer the shift to' }]);
      return;
    }
    setErrors([]);
    setBusy(true);
    try {
      const { proposeShiftSwap: r } = await request(ProposeShiftSwapDocument, {
        input: {
          assignmentId,
          colleagueId,
          colleagueAssignmentId: exchange === HANDOVER ? undefined : exchange,
          message: message.trim() || undefined,
        },
      });
      if (r.__typename === 'RuleViolations') {
        setErrors([
          { message: `This swap cannot be made: ${r.message}` },
          ...r.violations.filter((v) => v.severity === 'HARD').map((v) => ({ message: v.message })),
        ]);
        return;
      }
      setDone(
        <p>
          <strong>Swap offered to {r.colleague.name}.</strong> When they accept it, your manager decides.
          Follow it on <Link href="/my-swaps">Shift swaps</Link>.
        </p>,
      );
    } catch (err) {
      setErrors([{ message: (err as Error).message }]);
    } finally {
      setBusy(false);
    }
  };

  return (
    <>
      <Link className="nhsuk-back-link" href="/my-shifts">
        Back to My shifts
      </Link>
      <h1>Offer a shift to a colleague</h1>
      <ErrorSummary errors={errors} />
      {error && <ErrorSummary errors={[{ message: error }]} />}
      <Confirmation>{done}</Confirmation>
      {data === undefined && !error && <p>Loading your shift…</p>}
      {data === null && (
        <Inset>
          <p>This shift is not one of your coming shifts on a published rota.</p>
        </Inset>
      )}
      {data && tz && !done && (
        <>
          <dl className="nhsuk-summary-list">
            <Row label="Your shift">
              {data.mine.shift.shiftType.name}, {when(data.mine.shift, tz)}
            </Row>
            <Row label="Team">{data.rota.team.name}</Row>
          </dl>
          <form noValidate onSubmit={(e) => void submit(e)}>
            <SelectField
              id="swap-colleague"
              label="Colleague"
              value={colleagueId}
              onChange={(v) => {
                setColleagueId(v);
                setExchange(HANDOVER);
              }}
              error={errors.find((x) => x.field === 'swap-colleague')?.message}
              options={[
                { value: '', label: 'Choose a colleague on this rota' },
                ...colleagues.map((c) => ({ value: c.id, label: `${c.name}, ${c.jobTitle}` })),
              ]}
            />
            <SelectField
              id="swap-exchange"
              label="What you take in exchange"
              value={exchange}
              onChange={setExchange}
              options={[
                { value: HANDOVER, label: 'Nothing: hand the shift over' },
                ...theirShifts.map(({ a, s }) => ({
                  value: a.id,
                  label: `Their ${s.shiftType.name}, ${when(s, tz)}`,
                })),
              ]}
            />
            <TextField
              id="swap-message"
              label="Message to your colleague (optional)"
              multiline
              value={message}
              onChange={setMessage}
            />
            <button type="submit" className="nhsuk-button" disabled={busy}>
              Offer the swap
            </button>
          </form>
          <p className="nhsuk-body-s">
            You can offer a shift to the people on the same published rota: the colleagues you can see.
          </p>
        </>
      )}
    </>
  );
}
