import { useState } from 'react';
import type { RuleCode, ViolationFieldsFragment } from '../api/generated';
import { Dialog, ErrorSummary, Tag, TextField } from './nhs';

export type Violation = ViolationFieldsFragment;

/** A rule's code in words (short, for tags on the board). */
export const ruleName = (code: RuleCode): string =>
  code.charAt(0) + code.slice(1).toLowerCase().replace(/_/g, ' ');

export function ViolationTag({ v }: { v: Violation }) {
  return <Tag colour={v.severity === 'HARD' ? 'red' : 'orange'}>{ruleName(v.ruleCode)}</Tag>;
}

export function ViolationList({ violations, id }: { violations: Violation[]; id?: string }) {
  if (!violations.length) return null;
  return (
    <ul className="nhsuk-list tandem-violations" id={id}>
      {violations.map((v, i) => (
        <li key={i}>
          <ViolationTag v={v} /> {v.message}
        </li>
      ))}
    </ul>
  );
}

/** The hard rules a refusal names: what an override must waive. */
export const hardRules = (violations: Violation[]): RuleCode[] => [
  ...new Set(violations.filter((v) => v.severity === 'HARD').map((v) => v.ruleCode)),
];

/**
 * The overrides dialog: the rules a change would break, and a reason to go ahead anyway (recorded with the
 * change); the change is sent again with `override`.
 */
export function OverrideDialog({
  message,
  violations,
  onConfirm,
  onCancel,
}: {
  message: string;
  violations: Violation[];
  onConfirm: (reason: string) => Promise<void>;
  onCancel: () => void;
}) {
  const [reason, setReason] = useState('');
  const [error, setError] = useState<string | undefined>();
  const [busy, setBusy] = useState(false);
  const rules = hardRules(violations);
  return (
    <Dialog title="This change breaks rules" onClose={onCancel}>
      <ErrorSummary errors={error ? [{ field: 'override-reason', message: error }] : []} />
      <p>{message}</p>
      <ViolationList violations={violations.filter((v) => v.severity === 'HARD')} />
      <form
        noValidate
        onSubmit={(e) => {
          e.preventDefault();
          if (!reason.trim()) {
            setError('Enter why the rules may be broken here');
            return;
          }
          setBusy(true);
          onConfirm(reason.trim())
            .catch((err: Error) => setError(err.message))
            .finally(() => setBusy(false));
        }}
      >
        <TextField
          id="override-reason"
          label={`Reason for overriding ${rules.map(ruleName).join(', ')}`}
          hint="It is recorded with the change, with your name, and auditors can see it."
          multiline
          value={reason}
          onChange={setReason}
          error={error}
        />
        <div className="tandem-actions">
          <button type="submit" className="nhsuk-button nhsuk-button--warning" disabled={busy}>
            Override and go ahead
          </button>
          <button type="button" className="nhsuk-button nhsuk-button--secondary" onClick={onCancel}>
            Cancel
          </button>
        </div>
      </form>
    </Dialog>
  );
}
