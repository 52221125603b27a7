import { useRef, useState } from 'react';
import { request } from '../../api/client';
import { IssueMyCalendarFeedDocument, RevokeMyCalendarFeedDocument } from '../../api/generated';
import { ErrorSummary, Inset } from '../../components/nhs';
import { useTitle } from './useLoad';

/**
 * The calendar-feed link: a calendar app subscribed to it shows the person's published shifts. Only the link's
 * hash is stored, so it is shown once, when issued; issuing a new one stops the old one working.
 */
export function CalendarFeedPage() {
  useTitle('Calendar feed');
  const [url, setUrl] = useState<string | null>(null);
  const [message, setMessage] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const input = useRef<HTMLInputElement>(null);

  const act = async (what: () => Promise<void>) => {
    setBusy(true);
    setError(null);
    try {
      await what();
    } catch (e) {
      setError((e as Error).message);
    } finally {
      setBusy(false);
    }
  };
  const issue = () =>
    act(async () => {
      const { issueCalendarFeed } = await request(IssueMyCalendarFeedDocument, {});
      setUrl(issueCalendarFeed.url);
      setMessage('Your new calendar link is ready. Any link you had before has stopped working.');
    });
  const revoke = () =>
    act(async () => {
      const { revokeCalendarFeed } = await request(RevokeMyCalendarFeedDocument, {});
      setUrl(null);
      setMessage(
        revokeCalendarFeed ? 'Your calendar link has stopped working.' : 'You had no calendar link to stop.',
      );
    });
  const copy = async () => {
    if (!url) return;
    try {
      await navigator.clipboard.writeText(url);
      setMessage('Link copied. Paste it into your calendar app as a subscription (“add calendar from URL”).');
    } catch {
      input.current?.select();
      setMessage('Your browser did not let the page copy: the link is selected, copy it with Ctrl+C or ⌘C.');
    }
  };

  return (
    <>
      <h1>Calendar feed</h1>
      {error && <ErrorSummary errors={[{ message: error }]} />}
      <p>
        Subscribe your phone’s or computer’s calendar to your shifts. It shows your shifts on published rotas,
        from 90 days ago to about a year ahead, and follows changes (cancelled shifts are marked).
      </p>
      <Inset>
        <p>
          Anyone with the link can see your shifts, so keep it to yourself. The link is shown only once: if
          you lose it, get a new one (the old one then stops working).
        </p>
      </Inset>
      <div role="status">{message && <p className="nhsuk-body-l">{message}</p>}</div>
      {url && (
        <div className="nhsuk-form-group">
          <label className="nhsuk-label" htmlFor="feed-url">
            Your calendar link
          </label>
          <input
            ref={input}
            className="nhsuk-input tandem-feed-url"
            id="feed-url"
            type="text"
            readOnly
            value={url}
            onFocus={(e) => e.target.select()}
          />
        </div>
      )}
      <div className="tandem-actions">
        {url && (
          <button type="button" className="nhsuk-button" onClick={() => void copy()}>
            Copy the link
          </button>
        )}
        <button
          type="button"
          className={`nhsuk-button${url ? ' nhsuk-button--secondary' : ''}`}
          disabled={busy}
          onClick={() => void issue()}
        >
          {url ? 'Get a new link' : 'Get my calendar link'}
        </button>
        <button
          type="button"
          className="nhsuk-button nhsuk-button--warning"
          disabled={busy}
          onClick={() => void revoke()}
        >
          Stop my link working
        </button>
      </div>
    </>
  );
}
