import { type FormEvent, type ReactNode, useState } from 'react';
import { ApiError, request } from '../../api/client';
import {
  BankAgreementsDocument,
  type BankAgreementsQuery,
  DecideBankAgreementDocument,
  EndBankAgreementDocument,
  ProposeBankAgreementDocument,
} from '../../api/generated';
import {
  Dialog,
  ErrorSummary,
  type FieldError,
  Inset,
  SelectField,
  Tag,
  type TagColour,
  TextField,
} from '../../components/nhs';
import { dateTime, isDate, longDate, today } from '../staff/format';
import { useLoad, useTitle } from '../staff/useLoad';
import { Confirmation, Row } from './common';
import './mobility.css';

type Agreement = BankAgreementsQuery['bankAgreements']['edges'][number]['node'];

const COLOURS: Record<string, TagColour> = {
  PROPOSED: 'blue',
  ACTIVE: 'green',
  DECLINED: 'red',
  ENDED: 'grey',
  WITHDRAWN: 'grey',
};
const LABELS: Record<string, string> = {
  PROPOSED: 'Waiting for the partner',
  ACTIVE: 'Active',
  DECLINED: 'Declined',
  ENDED: 'Ended',
  WITHDRAWN: 'Withdrawn',
};

/** The API's input fields → this form's field ids (the error summary links to them). */
const FIELDS: Record<string, string> = {
  'input.partnerOrganisationId': 'bank-partner',
  'input.startDate': 'bank-start',
  'input.endDate': 'bank-end',
  'input.terms': 'bank-terms',
};

type Asking = { kind: 'decline' | 'end'; agreement: Agreement };

/**
 * HR's staff banks: the bank agreements of their organisations (each side's decision kept), approving or declining
 * one another organisation proposed, ending one (or withdrawing their own proposal), and proposing a new one.
 */
export function BankAgreementsPage() {
  useTitle('Bank agreements');
  const [errors, setErrors] = useState<FieldError[]>([]);
  const [done, setDone] = useState<ReactNode>(null);
  const [busy, setBusy] = useState(false);
  const [partner, setPartner] = useState('');
  const [start, setStart] = useState(today());
  const [end, setEnd] = useState('');
  const [terms, setTerms] = useState('');
  const [asking, setAsking] = useState<Asking | null>(null);
  const [reason, setReason] = useState('');
  const [reasonError, setReasonError] = useState<string | undefined>();

  const { data, error, reload } = useLoad(async () => {
    const d = await request(BankAgreementsDocument, {});
    return {
      mine: new Set(d.me.organisationIds),
      organisations: d.organisations.edges.map((e) => e.node),
      agreements: d.bankAgreements.edges.map((e) => e.node),
    };
  }, []);

  const run = async (f: () => Promise<ReactNode>) => {
    setBusy(true);
    setErrors([]);
    setDone(null);
    try {
      setDone(await f());
      setAsking(null);
      reload();
    } catch (e) {
      const field = e instanceof ApiError && e.field ? FIELDS[e.field] : undefined;
      setErrors([{ field, message: (e as Error).message }]);
      setAsking(null);
    } finally {
      setBusy(false);
    }
  };

  const between = (a: Agreement) => `${a.proposerOrganisation.name} and ${a.partnerOrganisation.name}`;

  const propose = (e: FormEvent) => {
    e.preventDefault();
    const problems: FieldError[] = [];
    if (!partner)
      problems.push({ field: 'bank-partner', message: 'Choose the organisation to share a bank with' });
    if (!isDate(start))
      problems.push({ field: 'bank-start', message: 'Enter the first day of the agreement' });
    if (end && !isDate(end)) problems.push({ field: 'bank-end', message: 'Enter the last day as a date' });
    else if (end && isDate(start) && end < start)
      problems.push({ field: 'bank-end', message: 'The last day must be on or after the first day' });
    setErrors(problems);
    if (problems.length) return;
    void run(async () => {
      await request(ProposeBankAgreementDocument, {
        input: {
          partnerOrganisationId: partner,
          startDate: start,
          endDate: end || undefined,
          terms: terms.trim() || undefined,
        },
      });
      const name = data?.organisations.find((o) => o.id === partner)?.name ?? 'the organisation';
      setPartner('');
      setTerms('');
      setEnd('');
      return (
        <p>
          <strong>Proposed to {name}.</strong> Their HR decides; the bank opens when they approve.
        </p>
      );
    });
  };

  const decide = (a: Agreement, decision: 'APPROVE' | 'REJECT', why?: string) =>
    run(async () => {
      await request(DecideBankAgreementDocument, {
        input: { bankAgreementId: a.id, decision, reason: why, expectedVersion: a.version },
      });
      return (
        <p>
          {decision === 'APPROVE'
            ? `Approved: ${between(a)} now share a staff bank.`
            : `Declined the bank agreement with ${a.proposerOrganisation.name}.`}
        </p>
      );
    });

  const endIt = (a: Agreement, why: string) =>
    run(async () => {
      await request(EndBankAgreementDocument, { input: { bankAgreementId: a.id, reason: why } });
      return (
        <p>
          {a.status === 'PROPOSED' ? 'Withdrew' : 'Ended'} the bank agreement between {between(a)}.
        </p>
      );
    });

  const fieldError = (id: string) => errors.find((x) => x.field === id)?.message;
  const others = (data?.organisations ?? []).filter((o) => !data?.mine.has(o.id));
  const name = (id: string) => data?.organisations.find((o) => o.id === id)?.name ?? 'An organisation';

  return (
    <>
      <h1>Bank agreements</h1>
      <ErrorSummary errors={errors} />
      {error && <ErrorSummary errors={[{ message: error }]} />}
      <Confirmation>{done}</Confirmation>
      <p>
        While an agreement is active, each organisation’s staff may claim the other’s open shifts, when their
        skills passport is ready at the team on the day.
      </p>
      {data === undefined && !error && <p>Loading agreements…</p>}
      {data && data.agreements.length === 0 && (
        <Inset>
          <p>Your organisations share no staff bank yet.</p>
        </Inset>
      )}
      {data && data.agreements.length > 0 && (
        <ul className="tandem-cards" aria-label="Your organisations’ bank agreements">
          {data.agreements.map((a) => {
            const toDecide =
              a.status === 'PROPOSED' &&
              data.mine.has(a.partnerOrganisationId) &&
              !a.decisions.some((d) => d.organisationId === a.partnerOrganisationId);
            return (
              <li key={a.id}>
                <section className="nhsuk-card" aria-labelledby={`bank-${a.id}`}>
                  <div className="nhsuk-card__content">
                    <h2 className="nhsuk-card__heading nhsuk-heading-s" id={`bank-${a.id}`}>
                      {between(a)}
                    </h2>
                    <p>
                      <Tag colour={COLOURS[a.status] ?? 'grey'}>{LABELS[a.status] ?? a.status}</Tag>
                    </p>
                    <dl className="nhsuk-summary-list">
                      <Row label="From">
                        {longDate(a.startDate)}
                        {a.endDate ? ` to ${longDate(a.endDate)}` : ', until ended'}
                      </Row>
                      {a.terms && <Row label="Terms">{a.terms}</Row>}
                      <Row label="Proposed">
                        {a.proposedBy.name}, {dateTime(a.proposedAt)}
                      </Row>
                      {a.decisions.map((d, i) => (
                        <Row key={i} label={`${name(d.organisationId)}’s decision`}>
                          {d.decision === 'APPROVE' ? 'Approved' : 'Declined'} by {d.decidedBy.name},{' '}
                          {dateTime(d.decidedAt)}
                          {d.reason && <>: “{d.reason}”</>}
                        </Row>
                      ))}
                      {a.endReason && <Row label="Why it ended">{a.endReason}</Row>}
                    </dl>
                    <div className="tandem-actions">
                      {toDecide && (
                        <>
                          <button
                            type="button"
                            className="nhsuk-button nhsuk-u-margin-bottom-0"
                            disabled={busy}
                            onClick={() => void decide(a, 'APPROVE')}
                          >
                            Approve
                            <span className="nhsuk-u-visually-hidden">
                              {' '}
                              the agreement with {a.proposerOrganisation.name}
                            </span>
                          </button>
                          <button
                            type="button"
                            className="nhsuk-button nhsuk-button--secondary nhsuk-u-margin-bottom-0"
                            disabled={busy}
                            onClick={() => {
                              setReason('');
                              setReasonError(undefined);
                              setAsking({ kind: 'decline', agreement: a });
                            }}
                          >
                            Decline
                            <span className="nhsuk-u-visually-hidden">
                              {' '}
                              the agreement with {a.proposerOrganisation.name}
                            </span>
                          </button>
                        </>
                      )}
                      {(a.status === 'ACTIVE' ||
                        (a.status === 'PROPOSED' && data.mine.has(a.proposerOrganisationId))) && (
                        <button
                          type="button"
                          className="nhsuk-button nhsuk-button--secondary nhsuk-u-margin-bottom-0"
                          disabled={busy}
                          onClick={() => {
                            setReason('');
                            setReasonError(undefined);
                            setAsking({ kind: 'end', agreement: a });
                          }}
                        >
                          {a.status === 'PROPOSED' ? 'Withdraw the proposal' : 'End the agreement'}
                          <span className="nhsuk-u-visually-hidden"> between {between(a)}</span>
                        </button>
                      )}
                    </div>
                  </div>
                </section>
              </li>
            );
          })}
        </ul>
      )}

      <h2>Propose a bank agreement</h2>
      <form noValidate onSubmit={propose}>
        <SelectField
          id="bank-partner"
          label="Organisation to share a bank with"
          value={partner}
          onChange={setPartner}
          error={fieldError('bank-partner')}
          options={[
            { value: '', label: 'Choose an organisation' },
            ...others.map((o) => ({ value: o.id, label: o.name })),
          ]}
        />
        <TextField
          id="bank-start"
          label="First day"
          type="date"
          value={start}
          onChange={setStart}
          error={fieldError('bank-start')}
        />
        <TextField
          id="bank-end"
          label="Last day (optional)"
          hint="Leave it empty for an agreement that runs until either organisation ends it."
          type="date"
          value={end}
          onChange={setEnd}
          error={fieldError('bank-end')}
        />
        <TextField
          id="bank-terms"
          label="Terms (optional)"
          hint="What the two organisations agreed, for example pay rates and who pays."
          multiline
          value={terms}
          onChange={setTerms}
          error={fieldError('bank-terms')}
        />
        <button type="submit" className="nhsuk-button" disabled={busy}>
          Propose the agreement
        </button>
      </form>

      {asking && (
        <Dialog
          title={
            asking.kind === 'decline'
              ? `Decline the agreement with ${asking.agreement.proposerOrganisation.name}`
              : asking.agreement.status === 'PROPOSED'
                ? 'Withdraw the proposal'
                : 'End the agreement'
          }
          onClose={() => setAsking(null)}
        >
          <form
            noValidate
            onSubmit={(e) => {
              e.preventDefault();
              const why = reason.trim();
              if (!why) {
                setReasonError(asking.kind === 'decline' ? 'Enter why you decline it' : 'Enter why it ends');
                return;
              }
              if (asking.kind === 'decline') void decide(asking.agreement, 'REJECT', why);
              else void endIt(asking.agreement, why);
            }}
          >
            <ErrorSummary errors={reasonError ? [{ field: 'bank-reason', message: reasonError }] : []} />
            {asking.kind === 'end' && (
              <p>Claims waiting under it are cancelled; shifts already approved stay on the rotas.</p>
            )}
            <TextField
              id="bank-reason"
              label="Reason (the other organisation sees it)"
              multiline
              value={reason}
              onChange={setReason}
              error={reasonError}
            />
            <button type="submit" className="nhsuk-button nhsuk-button--warning" disabled={busy}>
              {asking.kind === 'decline'
                ? 'Decline'
                : asking.agreement.status === 'PROPOSED'
                  ? 'Withdraw'
                  : 'End it'}
            </button>
          </form>
        </Dialog>
      )}
    </>
  );
}
