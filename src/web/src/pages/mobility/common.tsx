import { type ReactNode, useEffect, useRef } from 'react';
import type { GapReason } from '../../api/generated';
import { Tag, type TagColour } from '../../components/nhs';
import { clock, longDate, words } from '../staff/format';

/** "Saturday 12 December 2026, 07:00 to 15:00": a shift's day and its local times in its team's zone. */
export function when(s: { localDate: string; startsAt: string; endsAt: string }, timeZone: string): string {
  return `${longDate(s.localDate)}, ${clock(s.startsAt, timeZone)} to ${clock(s.endsAt, timeZone)}`;
}

const GAP_WORDS: Record<GapReason, string> = {
  MISSING: 'you do not hold',
  EXPIRED: 'yours has expired',
  NOT_ACCEPTED: 'yours is not accepted by the host organisation',
};

/** A passport gap in words: "Fire Safety (CSTF): you do not hold it". */
export function gapText(g: {
  reason: GapReason;
  skill: { name: string };
  expiresOn?: string | null;
}): string {
  return `${g.skill.name}: ${GAP_WORDS[g.reason] ?? words(g.reason)}`;
}

const COLOURS: Record<string, TagColour> = {
  PENDING: 'blue',
  PROPOSED: 'blue',
  ACCEPTED: 'aqua-green',
  APPROVED: 'green',
  OPEN: 'blue',
  FILLED: 'green',
  REJECTED: 'red',
  DECLINED: 'red',
  WITHDRAWN: 'grey',
  CANCELLED: 'grey',
};

const LABELS: Record<string, string> = {
  PENDING: 'Waiting for the manager',
  PROPOSED: 'Waiting for the colleague',
  ACCEPTED: 'Waiting for the manager',
};

/** A claim's, an offer's or a swap's status as a tag (the words say it; the colour only helps). */
export function StatusTag({ status }: { status: string }) {
  return <Tag colour={COLOURS[status] ?? 'grey'}>{LABELS[status] ?? words(status)}</Tag>;
}

/**
 * A confirmation announced to screen readers (a status region that is always there) and given focus when it
 * appears, so a keyboard user lands on what their action did.
 */
export function Confirmation({ children }: { children: ReactNode }) {
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (children) ref.current?.focus();
  }, [children]);
  return (
    <div role="status" aria-live="polite">
      {children ? (
        <div className="nhsuk-inset-text tandem-confirmation" tabIndex={-1} ref={ref}>
          <span className="nhsuk-u-visually-hidden">Information: </span>
          {children}
        </div>
      ) : null}
    </div>
  );
}

/** A key and its value in the design system's summary list. */
export function Row({ label, children }: { label: string; children: ReactNode }) {
  return (
    <div className="nhsuk-summary-list__row">
      <dt className="nhsuk-summary-list__key">{label}</dt>
      <dd className="nhsuk-summary-list__value">{children}</dd>
    </div>
  );
}
