import { type ReactNode, useState } from 'react';
import { ApiError, request } from '../../api/client';
import {
  ClaimableOpenShiftsDocument,
  type ClaimableOpenShiftsQuery,
  ClaimOpenShiftDocument,
  VisibleOpenShiftsDocument,
  type VisibleOpenShiftsQuery,
  WithdrawOpenShiftClaimDocument,
} from '../../api/generated';
import type { Me } from '../../App';
import { ErrorSummary, type FieldError, Inset } from '../../components/nhs';
import { dateTime, hours } from '../staff/format';
import { useLoad, useTitle } from '../staff/useLoad';
import { Confirmation, gapText, Row, StatusTag, when } from './common';
import './mobility.css';

type Offer = ClaimableOpenShiftsQuery['openShifts']['edges'][number]['node'];
type SeenOffer = VisibleOpenShiftsQuery['openShifts']['edges'][number]['node'];
type Claim = SeenOffer['claims'][number];

/**
 * A staff member's open shifts: the shifts they could claim (their organisation's and, under a bank agreement, a
 * partner's), each with whether their passport is ready there, and the claims they made with what became of them.
 */
export function OpenShiftsPage({ me }: { me: Me }) {
  useTitle('Open shifts');
  const staffId = me.staffMember?.id;
  const [errors, setErrors] = useState<FieldError[]>([]);
  const [done, setDone] = useState<ReactNode>(null);
  const [busy, setBusy] = useState(false);

  const { data, error, reload } = useLoad(async () => {
    const [claimable, seen] = await Promise.all([
      request(ClaimableOpenShiftsDocument, {}),
      request(VisibleOpenShiftsDocument, {}),
    ]);
    const claims = seen.openShifts.edges
      .flatMap((e) => e.node.claims.map((c) => ({ claim: c, offer: e.node })))
      .filter((x) => x.claim.staffId === staffId)
      .sort((a, b) => b.claim.claimedAt.localeCompare(a.claim.claimedAt));
    return { offers: claimable.openShifts.edges.map((e) => e.node), claims };
  }, [staffId]);

  const claim = async (o: Offer) => {
    setBusy(true);
    setErrors([]);
    setDone(null);
    try {
      const { claimOpenShift: r } = await request(ClaimOpenShiftDocument, { input: { openShiftId: o.id } });
      if (r.__typename === 'RuleViolations') {
        setErrors([
          { message: `You cannot take the shift on ${when(o, o.team.timeZone)}: ${r.message}` },
          ...r.violations.filter((v) => v.severity === 'HARD').map((v) => ({ message: v.message })),
        ]);
      } else if (r.status === 'APPROVED') {
        setDone(
          <p>
            <strong>You are on the rota</strong> for {o.team.name} on {when(o, o.team.timeZone)}. It is in My
            shifts.
          </p>,
        );
      } else {
        setDone(
          <p>
            <strong>Claimed: waiting for the ward’s manager.</strong> Your claim holds place {r.place} on{' '}
            {when(o, o.team.timeZone)} at {o.team.name} until the manager decides.
          </p>,
        );
      }
      reload();
    } catch (e) {
      if (e instanceof ApiError && e.code === 'CONFLICT')
        setErrors([
          { message: `Every place has been taken on ${when(o, o.team.timeZone)} at ${o.team.name}.` },
        ]);
      else if (e instanceof ApiError && e.field === 'input.openShiftId' && o.myReadiness?.length)
        setErrors([
          {
            message: `You cannot claim the shift on ${when(o, o.team.timeZone)} until your skills passport is ready at ${o.team.name}:`,
          },
          ...o.myReadiness.map((g) => ({ message: gapText(g) })),
        ]);
      else setErrors([{ message: (e as Error).message }]);
      reload();
    } finally {
      setBusy(false);
    }
  };

  const withdraw = async (c: Claim, o: SeenOffer) => {
    setBusy(true);
    setErrors([]);
    setDone(null);
    try {
      await request(WithdrawOpenShiftClaimDocument, { input: { claimId: c.id } });
      setDone(<p>You withdrew your claim on {when(o, o.team.timeZone)}: the place is free again.</p>);
      reload();
    } catch (e) {
      setErrors([{ message: (e as Error).message }]);
    } finally {
      setBusy(false);
    }
  };

  const claimedIds = new Set(
    (data?.claims ?? [])
      .filter((x) => x.claim.status === 'PENDING' || x.claim.status === 'APPROVED')
      .map((x) => x.offer.id),
  );
  const offers = (data?.offers ?? []).filter((o) => !claimedIds.has(o.id));

  return (
    <>
      <h1>Open shifts</h1>
      <ErrorSummary errors={errors} />
      {error && <ErrorSummary errors={[{ message: error }]} />}
      <Confirmation>{done}</Confirmation>
      <p>
        Shifts your organisation, or one that shares its staff bank with it, needs someone for. Claim one: the
        first claims take the places, and the team’s manager approves yours.
      </p>
      <h2>Shifts you could take</h2>
      {data === undefined && !error ? (
        <p>Loading open shifts…</p>
      ) : offers.length === 0 ? (
        <Inset>
          <p>There are no open shifts you could claim now.</p>
        </Inset>
      ) : (
        <ul className="tandem-cards" aria-label="Shifts you could take">
          {offers.map((o) => {
            const title = when(o, o.team.timeZone);
            const ready = o.myReadiness !== null && o.myReadiness !== undefined && o.myReadiness.length === 0;
            return (
              <li key={o.id}>
                <section className="nhsuk-card" aria-labelledby={`offer-${o.id}`}>
                  <div className="nhsuk-card__content">
                    <h3 className="nhsuk-card__heading nhsuk-heading-s" id={`offer-${o.id}`}>
                      {title}
                    </h3>
                    <dl className="nhsuk-summary-list">
                      <Row label="Team">
                        {o.team.name} ({o.shiftType.name}, {hours(o.durationMinutes)})
                      </Row>
                      <Row label="Organisation">{o.organisation.name}</Row>
                      <Row label="Places left">
                        {o.placesLeft} of {o.places}
                      </Row>
                      <Row label="Skills needed">
                        {o.skills.length ? o.skills.map((s) => s.name).join(', ') : 'The team’s usual skills'}
                      </Row>
                      {o.note && <Row label="Note">{o.note}</Row>}
                      <Row label="Your passport">
                        {ready ? (
                          'Ready: you hold every skill the team needs on the day.'
                        ) : o.myReadiness?.length ? (
                          <>
                            Not ready:
                            <ul className="nhsuk-list nhsuk-list--bullet nhsuk-u-margin-bottom-0">
                              {o.myReadiness.map((g) => (
                                <li key={g.skill.id}>{gapText(g)}</li>
                              ))}
                            </ul>
                          </>
                        ) : (
                          'Not known'
                        )}
                      </Row>
                    </dl>
                    <button
                      type="button"
                      className="nhsuk-button"
                      disabled={busy || o.placesLeft === 0}
                      onClick={() => void claim(o)}
                    >
                      Claim<span className="nhsuk-u-visually-hidden"> the shift on {title}</span>
                    </button>
                  </div>
                </section>
              </li>
            );
          })}
        </ul>
      )}

      <h2>Your claims</h2>
      {data && data.claims.length === 0 && <p>You have not claimed an open shift.</p>}
      {data && data.claims.length > 0 && (
        <ul className="tandem-cards" aria-label="Your claims">
          {data.claims.map(({ claim: c, offer: o }) => {
            const title = when(o, o.team.timeZone);
            return (
              <li key={c.id}>
                <section className="nhsuk-card" aria-labelledby={`claim-${c.id}`}>
                  <div className="nhsuk-card__content">
                    <h3 className="nhsuk-card__heading nhsuk-heading-s" id={`claim-${c.id}`}>
                      {title}
                    </h3>
                    <p>
                      <StatusTag status={c.status} />
                    </p>
                    <dl className="nhsuk-summary-list">
                      <Row label="Team">
                        {o.team.name}, {o.organisation.name}
                      </Row>
                      <Row label="Claimed">{dateTime(c.claimedAt)}</Row>
                      {c.decidedAt && <Row label="Decided">{dateTime(c.decidedAt)}</Row>}
                      {c.reason && <Row label="Manager’s note">{c.reason}</Row>}
                      {o.status === 'WITHDRAWN' && o.withdrawReason && (
                        <Row label="Offer withdrawn">{o.withdrawReason}</Row>
                      )}
                    </dl>
                    {c.status === 'PENDING' && (
                      <button
                        type="button"
                        className="nhsuk-button nhsuk-button--secondary"
                        disabled={busy}
                        onClick={() => void withdraw(c, o)}
                      >
                        Withdraw<span className="nhsuk-u-visually-hidden"> your claim on {title}</span>
                      </button>
                    )}
                  </div>
                </section>
              </li>
            );
          })}
        </ul>
      )}
      <p>
        <button type="button" className="nhsuk-button nhsuk-button--secondary" onClick={reload}>
          Check again
        </button>
      </p>
    </>
  );
}
