import { type ReactNode, useState } from 'react';
import { request } from '../../api/client';
import {
  DecideOpenShiftClaimDocument,
  DecideShiftSwapDocument,
  ShiftSwapsDocument,
  type ShiftSwapsQuery,
  VisibleOpenShiftsDocument,
  type VisibleOpenShiftsQuery,
  WithdrawOpenShiftDocument,
} from '../../api/generated';
import type { Me } from '../../App';
import { Dialog, ErrorSummary, type FieldError, Inset, TextField } from '../../components/nhs';
import { hardRules, OverrideDialog, type Violation } from '../../components/violations';
import { dateTime } from '../staff/format';
import { useLoad, useTitle } from '../staff/useLoad';
import { Confirmation, Row, StatusTag, when } from './common';
import './mobility.css';

type Offer = VisibleOpenShiftsQuery['openShifts']['edges'][number]['node'];
type Claim = Offer['claims'][number];
type Swap = ShiftSwapsQuery['shiftSwaps']['edges'][number]['node'];
type Override = { reason: string; ruleCodes: Violation['ruleCode'][] };
/** An approval the rules refused: what they say, and the same approval sent again with an override. */
type Refusal = { message: string; violations: Violation[]; retry: (override: Override) => Promise<void> };

/** What a reason dialog is for: rejecting a claim or a swap, or withdrawing an offer (each needs a reason). */
type Asking =
  | { kind: 'reject-claim'; claim: Claim; offer: Offer }
  | { kind: 'withdraw-offer'; offer: Offer }
  | { kind: 'reject-swap'; swap: Swap };

/**
 * A manager's open shifts and swaps: their teams' offers with the claims waiting for them (approve, or reject with
 * a reason), withdrawing an offer, and the swaps both people agreed that wait for their approval.
 */
export function OpenShiftClaimsPage({ me }: { me: Me }) {
  useTitle('Open shifts and swaps');
  const teamIds = new Set(me.teams.map((t) => t.id));
  const [errors, setErrors] = useState<FieldError[]>([]);
  const [done, setDone] = useState<ReactNode>(null);
  const [busy, setBusy] = useState(false);
  const [asking, setAsking] = useState<Asking | null>(null);
  const [reason, setReason] = useState('');
  const [reasonError, setReasonError] = useState<string | undefined>();
  const [refusal, setRefusal] = useState<Refusal | null>(null);
  const [overriding, setOverriding] = useState(false);

  const { data, error, reload } = useLoad(async () => {
    const [offers, swaps] = await Promise.all([
      request(VisibleOpenShiftsDocument, {}),
      request(ShiftSwapsDocument, { filter: { status: 'ACCEPTED' } }),
    ]);
    return {
      offers: offers.openShifts.edges
        .map((e) => e.node)
        .filter((o) => teamIds.has(o.team.id) && o.status !== 'WITHDRAWN')
        .sort((a, b) => a.startsAt.localeCompare(b.startsAt)),
      swaps: swaps.shiftSwaps.edges.map((e) => e.node).filter((s) => teamIds.has(s.rota.team.id)),
    };
  }, [me]);

  const run = async (action: () => Promise<ReactNode | null>) => {
    setBusy(true);
    setErrors([]);
    setDone(null);
    try {
      const message = await action();
      if (message) {
        setDone(message);
        setAsking(null);
      }
      reload();
    } catch (e) {
      setErrors([{ message: (e as Error).message }]);
      setAsking(null);
    } finally {
      setBusy(false);
    }
  };

  const decideClaim = (
    c: Claim,
    o: Offer,
    decision: 'APPROVE' | 'REJECT',
    why?: string,
    override?: Override,
  ): Promise<void> =>
    run(async () => {
      const { decideOpenShiftClaim: r } = await request(DecideOpenShiftClaimDocument, {
        input: { claimId: c.id, decision, reason: override?.reason ?? why, override },
      });
      if (r.__typename === 'RuleViolations') {
        setErrors([
          { message: `${c.staff.name} cannot go on the rota: ${r.message}` },
          ...r.violations.filter((v) => v.severity === 'HARD').map((v) => ({ message: v.message })),
        ]);
        setAsking(null);
        setRefusal({
          message: `${c.staff.name} cannot go on the rota: ${r.message}`,
          violations: r.violations,
          retry: (ov) => decideClaim(c, o, decision, why, ov),
        });
        return null;
      }
      setRefusal(null);
      return (
        <p>
          {decision === 'APPROVE'
            ? `Approved: ${c.staff.name} is on the rota for ${when(o, o.team.timeZone)}.`
            : `Rejected ${c.staff.name}’s claim on ${when(o, o.team.timeZone)}: the place is free again.`}
        </p>
      );
    });

  const withdrawOffer = (o: Offer, why: string) =>
    run(async () => {
      await request(WithdrawOpenShiftDocument, { input: { openShiftId: o.id, reason: why } });
      return <p>Withdrew the offer of {when(o, o.team.timeZone)}. Anyone waiting on it was told.</p>;
    });

  const decideSwap = (
    s: Swap,
    decision: 'APPROVE' | 'REJECT',
    why?: string,
    override?: Override,
  ): Promise<void> =>
    run(async () => {
      const { decideShiftSwap: r } = await request(DecideShiftSwapDocument, {
        input: { swapId: s.id, decision, reason: override?.reason ?? why, override },
      });
      if (r.__typename === 'RuleViolations') {
        setErrors([
          {
            message: `The swap between ${s.staff.name} and ${s.colleague.name} cannot be made: ${r.message}`,
          },
          ...r.violations.filter((v) => v.severity === 'HARD').map((v) => ({ message: v.message })),
        ]);
        setAsking(null);
        setRefusal({
          message: `The swap between ${s.staff.name} and ${s.colleague.name} cannot be made: ${r.message}`,
          violations: r.violations,
          retry: (ov) => decideSwap(s, decision, why, ov),
        });
        return null;
      }
      setRefusal(null);
      return (
        <p>
          {decision === 'APPROVE'
            ? `Approved the swap: ${s.colleague.name} now works ${s.shift.shiftType.name} on ${when(s.shift, s.rota.team.timeZone)}.`
            : `Rejected the swap between ${s.staff.name} and ${s.colleague.name}.`}
        </p>
      );
    });

  const ask = (a: Asking) => {
    setReason('');
    setReasonError(undefined);
    setAsking(a);
  };

  const pendingCount = (data?.offers ?? []).reduce(
    (n, o) => n + o.claims.filter((c) => c.status === 'PENDING').length,
    0,
  );

  return (
    <>
      <h1>Open shifts and swaps</h1>
      <ErrorSummary errors={errors} />
      {error && <ErrorSummary errors={[{ message: error }]} />}
      <Confirmation>{done}</Confirmation>
      {refusal && (
        <div className="tandem-actions">
          <button
            type="button"
            className="nhsuk-button nhsuk-button--warning"
            onClick={() => setOverriding(true)}
          >
            Approve anyway, overriding the rules
          </button>
          <button
            type="button"
            className="nhsuk-button nhsuk-button--secondary"
            onClick={() => {
              setRefusal(null);
              setErrors([]);
            }}
          >
            Leave it undecided
          </button>
        </div>
      )}
      <p>
        Your teams’ open shifts and who claimed them, and the swaps colleagues agreed between them. Offer a
        shift from a published rota’s board: open a shift’s cover cell and choose “Offer as an open shift”.
      </p>

      <h2>
        Open shifts{data ? ` (${pendingCount} ${pendingCount === 1 ? 'claim' : 'claims'} waiting)` : ''}
      </h2>
      {data === undefined && !error && <p>Loading…</p>}
      {data && data.offers.length === 0 && (
        <Inset>
          <p>Your teams have no open shifts.</p>
        </Inset>
      )}
      {data && data.offers.length > 0 && (
        <ul className="tandem-cards" aria-label="Your teams’ open shifts">
          {data.offers.map((o) => {
            const title = when(o, o.team.timeZone);
            const pending = o.claims.filter((c) => c.status === 'PENDING');
            const decided = o.claims.filter((c) => c.status !== 'PENDING');
            return (
              <li key={o.id}>
                <section className="nhsuk-card" aria-labelledby={`offer-${o.id}`}>
                  <div className="nhsuk-card__content">
                    <h3 className="nhsuk-card__heading nhsuk-heading-s" id={`offer-${o.id}`}>
                      {o.shiftType.name}, {title}
                    </h3>
                    <p>
                      <StatusTag status={o.status} /> {o.team.name}
                    </p>
                    <dl className="nhsuk-summary-list">
                      <Row label="Places left">
                        {o.placesLeft} of {o.places}
                      </Row>
                      <Row label="Offered to">
                        {o.includePartners
                          ? 'Your staff and partners’ bank staff'
                          : 'Your organisation’s staff'}
                        {o.autoApproveOwnStaff && ' (your own staff go straight on the rota)'}
                      </Row>
                      {o.skills.length > 0 && (
                        <Row label="Skills needed">{o.skills.map((s) => s.name).join(', ')}</Row>
                      )}
                      {o.note && <Row label="Note">{o.note}</Row>}
                    </dl>
                    <h4 className="nhsuk-heading-xs">Claims waiting for you</h4>
                    {pending.length === 0 ? (
                      <p>None.</p>
                    ) : (
                      <ul className="nhsuk-list">
                        {pending.map((c) => (
                          <li key={c.id} className="nhsuk-u-margin-bottom-4">
                            <p className="nhsuk-u-margin-bottom-2">
                              <strong>{c.staff.name}</strong>, {c.staff.jobTitle} at {c.staff.employer.name}
                              <span className="nhsuk-u-display-block nhsuk-body-s nhsuk-u-margin-bottom-0">
                                Claimed {dateTime(c.claimedAt)}
                                {c.bankAgreementId ? ' under a bank agreement' : ''}
                              </span>
                            </p>
                            <div className="tandem-actions">
                              <button
                                type="button"
                                className="nhsuk-button nhsuk-u-margin-bottom-0"
                                disabled={busy}
                                onClick={() => void decideClaim(c, o, 'APPROVE')}
                              >
                                Approve
                                <span className="nhsuk-u-visually-hidden"> {c.staff.name}’s claim</span>
                              </button>
                              <button
                                type="button"
                                className="nhsuk-button nhsuk-button--secondary nhsuk-u-margin-bottom-0"
                                disabled={busy}
                                onClick={() => ask({ kind: 'reject-claim', claim: c, offer: o })}
                              >
                                Reject<span className="nhsuk-u-visually-hidden"> {c.staff.name}’s claim</span>
                              </button>
                            </div>
                          </li>
                        ))}
                      </ul>
                    )}
                    {decided.length > 0 && (
                      <>
                        <h4 className="nhsuk-heading-xs">Decided</h4>
                        <ul className="nhsuk-list">
                          {decided.map((c) => (
                            <li key={c.id}>
                              {c.staff.name} ({c.staff.employer.name}) <StatusTag status={c.status} />
                            </li>
                          ))}
                        </ul>
                      </>
                    )}
                    <button
                      type="button"
                      className="nhsuk-button nhsuk-button--secondary"
                      disabled={busy}
                      onClick={() => ask({ kind: 'withdraw-offer', offer: o })}
                    >
                      Withdraw the offer<span className="nhsuk-u-visually-hidden"> of {title}</span>
                    </button>
                  </div>
                </section>
              </li>
            );
          })}
        </ul>
      )}

      <h2>Swaps waiting for your approval</h2>
      {data && data.swaps.length === 0 && <p>No swap is waiting for you.</p>}
      {data && data.swaps.length > 0 && (
        <ul className="tandem-cards" aria-label="Swaps waiting for your approval">
          {data.swaps.map((s) => (
            <li key={s.id}>
              <section className="nhsuk-card" aria-labelledby={`swap-${s.id}`}>
                <div className="nhsuk-card__content">
                  <h3 className="nhsuk-card__heading nhsuk-heading-s" id={`swap-${s.id}`}>
                    {s.staff.name} and {s.colleague.name}
                  </h3>
                  <dl className="nhsuk-summary-list">
                    <Row label={`${s.colleague.name} takes`}>
                      {s.shift.shiftType.name}, {when(s.shift, s.rota.team.timeZone)}
                    </Row>
                    <Row label={`${s.staff.name} takes`}>
                      {s.colleagueShift
                        ? `${s.colleagueShift.shiftType.name}, ${when(s.colleagueShift, s.rota.team.timeZone)}`
                        : 'Nothing: a handover'}
                    </Row>
                    <Row label="Team">{s.rota.team.name}</Row>
                    {s.swapMessage && <Row label="Message">{s.swapMessage}</Row>}
                    {s.respondedAt && <Row label="Agreed">{dateTime(s.respondedAt)}</Row>}
                  </dl>
                  <div className="tandem-actions">
                    <button
                      type="button"
                      className="nhsuk-button nhsuk-u-margin-bottom-0"
                      disabled={busy}
                      onClick={() => void decideSwap(s, 'APPROVE')}
                    >
                      Approve the swap
                      <span className="nhsuk-u-visually-hidden">
                        {' '}
                        between {s.staff.name} and {s.colleague.name}
                      </span>
                    </button>
                    <button
                      type="button"
                      className="nhsuk-button nhsuk-button--secondary nhsuk-u-margin-bottom-0"
                      disabled={busy}
                      onClick={() => ask({ kind: 'reject-swap', swap: s })}
                    >
                      Reject the swap
                      <span className="nhsuk-u-visually-hidden">
                        {' '}
                        between {s.staff.name} and {s.colleague.name}
                      </span>
                    </button>
                  </div>
                </div>
              </section>
            </li>
          ))}
        </ul>
      )}

      {refusal && overriding && (
        <OverrideDialog
          message={refusal.message}
          violations={refusal.violations}
          onCancel={() => setOverriding(false)}
          onConfirm={async (why) => {
            setOverriding(false);
            await refusal.retry({ reason: why, ruleCodes: hardRules(refusal.violations) });
          }}
        />
      )}
      {asking && (
        <Dialog
          title={
            asking.kind === 'reject-claim'
              ? `Reject ${asking.claim.staff.name}’s claim`
              : asking.kind === 'withdraw-offer'
                ? 'Withdraw the offer'
                : `Reject the swap between ${asking.swap.staff.name} and ${asking.swap.colleague.name}`
          }
          onClose={() => setAsking(null)}
        >
          <form
            noValidate
            onSubmit={(e) => {
              e.preventDefault();
              const why = reason.trim();
              if (!why) {
                setReasonError(
                  asking.kind === 'withdraw-offer'
                    ? 'Enter why you are withdrawing the offer'
                    : 'Enter why you are rejecting it',
                );
                return;
              }
              setReasonError(undefined);
              if (asking.kind === 'reject-claim') void decideClaim(asking.claim, asking.offer, 'REJECT', why);
              else if (asking.kind === 'withdraw-offer') void withdrawOffer(asking.offer, why);
              else void decideSwap(asking.swap, 'REJECT', why);
            }}
          >
            <ErrorSummary errors={reasonError ? [{ field: 'decision-reason', message: reasonError }] : []} />
            <TextField
              id="decision-reason"
              label="Reason (they will see this)"
              multiline
              value={reason}
              onChange={setReason}
              error={reasonError}
            />
            <button type="submit" className="nhsuk-button" disabled={busy}>
              {asking.kind === 'withdraw-offer' ? 'Withdraw the offer' : 'Reject'}
            </button>
          </form>
        </Dialog>
      )}
    </>
  );
}
