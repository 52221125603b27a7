import { type ReactNode, useState } from 'react';
import { request } from '../../api/client';
import { InboxDocument, type InboxQuery, MarkNotificationsReadDocument } from '../../api/generated';
import type { Me } from '../../App';
import { ErrorSummary, type FieldError, Inset, Tag } from '../../components/nhs';
import { Link } from '../../router';
import { dateTime } from '../staff/format';
import { useLoad, useTitle } from '../staff/useLoad';
import { Confirmation } from './common';
import './mobility.css';

type Entry = InboxQuery['notifications']['edges'][number]['node'];

/** Tells the header's unread count that it changed (the inbox marked something read). */
export const INBOX_CHANGED = 'tandem:inbox-changed';

/** The page an entry concerns, from its links, for this caller (a manager's team entry or a person's own). */
export function entryLink(e: Entry, me: Me): { href: string; label: string } | null {
  const links = e.links as Record<string, string | undefined>;
  const forTeam = !!e.recipientTeamId;
  const manages = me.teams.length > 0;
  if (links.swapRequestId)
    return forTeam && manages
      ? { href: '/open-shift-claims', label: 'Open the swaps waiting for you' }
      : { href: '/my-swaps', label: 'Open your shift swaps' };
  if (links.openShiftId)
    return forTeam && manages
      ? { href: '/open-shift-claims', label: 'Open your teams’ open shifts' }
      : { href: '/open-shifts', label: 'Open your open shifts and claims' };
  if (links.absenceId)
    return forTeam && manages
      ? { href: '/leave-requests', label: 'Open leave requests' }
      : { href: '/my-leave', label: 'Open your leave' };
  if (links.placementId) return { href: '/my-placements', label: 'Open your placements' };
  if (links.rotaId)
    return forTeam && manages
      ? { href: `/rotas/${encodeURIComponent(links.rotaId)}`, label: 'Open the rota' }
      : me.staffMember
        ? { href: '/my-shifts', label: 'Open your shifts' }
        : null;
  return null;
}

/** The inbox: notifications for the caller and, for a manager, their teams; newest first, read or unread. */
export function InboxPage({ me }: { me: Me }) {
  useTitle('Inbox');
  const [errors, setErrors] = useState<FieldError[]>([]);
  const [done, setDone] = useState<ReactNode>(null);
  const [busy, setBusy] = useState(false);
  const [more, setMore] = useState<Entry[]>([]);
  const [cursor, setCursor] = useState<string | null | undefined>(undefined);

  const { data, error, reload } = useLoad(async () => {
    setMore([]);
    setCursor(undefined);
    return (await request(InboxDocument, {})).notifications;
  }, []);
  const entries = [...(data?.edges.map((e) => e.node) ?? []), ...more];
  const next = cursor === undefined ? (data?.pageInfo.hasNextPage ? data.pageInfo.endCursor : null) : cursor;
  const unread = entries.filter((e) => !e.readAt).length;

  const mark = async (input: { ids: string[] } | { all: true }, what: string) => {
    setBusy(true);
    setErrors([]);
    setDone(null);
    try {
      const { markNotificationsRead: r } = await request(MarkNotificationsReadDocument, { input });
      setDone(
        <p>
          {what} {r.unreadCount === 0 ? 'Nothing is unread.' : `${r.unreadCount} still unread.`}
        </p>,
      );
      window.dispatchEvent(new Event(INBOX_CHANGED));
      reload();
    } catch (e) {
      setErrors([{ message: (e as Error).message }]);
    } finally {
      setBusy(false);
    }
  };

  const loadMore = async () => {
    if (!next) return;
    try {
      const { notifications } = await request(InboxDocument, { after: next });
      setMore((m) => [...m, ...notifications.edges.map((e) => e.node)]);
      setCursor(notifications.pageInfo.hasNextPage ? notifications.pageInfo.endCursor : null);
    } catch (e) {
      setErrors([{ message: (e as Error).message }]);
    }
  };

  return (
    <>
      <h1>Inbox</h1>
      <ErrorSummary errors={errors} />
      {error && <ErrorSummary errors={[{ message: error }]} />}
      <Confirmation>{done}</Confirmation>
      <p>What changed for you{me.teams.length ? ' and your teams' : ''}, newest first.</p>
      {data === undefined && !error && <p>Loading your inbox…</p>}
      {data && entries.length === 0 && (
        <Inset>
          <p>Your inbox is empty.</p>
        </Inset>
      )}
      {data && entries.length > 0 && (
        <>
          <p>
            {data.totalCount} {data.totalCount === 1 ? 'entry' : 'entries'}, {unread} unread on this page.
          </p>
          {unread > 0 && (
            <button
              type="button"
              className="nhsuk-button nhsuk-button--secondary"
              disabled={busy}
              onClick={() => void mark({ all: true }, 'Marked everything read.')}
            >
              Mark all as read
            </button>
          )}
          <ul className="tandem-inbox" aria-label="Notifications">
            {entries.map((e) => {
              const link = entryLink(e, me);
              return (
                <li
                  key={e.id}
                  className={`tandem-inbox__entry${e.readAt ? '' : ' tandem-inbox__entry--unread'}`}
                >
                  <h2 className="nhsuk-heading-s" id={`entry-${e.id}`}>
                    {!e.readAt && (
                      <>
                        <Tag colour="blue">Unread</Tag>{' '}
                      </>
                    )}
                    {e.title}
                  </h2>
                  <p className="nhsuk-body-s nhsuk-u-margin-bottom-2">{dateTime(e.createdAt)}</p>
                  <p>{e.body}</p>
                  <div className="tandem-actions">
                    {link && (
                      <Link
                        href={link.href}
                        onClick={() => {
                          if (!e.readAt)
                            void request(MarkNotificationsReadDocument, { input: { ids: [e.id] } }).then(() =>
                              window.dispatchEvent(new Event(INBOX_CHANGED)),
                            );
                        }}
                      >
                        {link.label}
                        <span className="nhsuk-u-visually-hidden">: {e.title}</span>
                      </Link>
                    )}
                    {!e.readAt && (
                      <button
                        type="button"
                        className="nhsuk-button nhsuk-button--secondary nhsuk-button--small nhsuk-u-margin-bottom-0"
                        disabled={busy}
                        onClick={() => void mark({ ids: [e.id] }, `Marked “${e.title}” read.`)}
                      >
                        Mark as read<span className="nhsuk-u-visually-hidden">: {e.title}</span>
                      </button>
                    )}
                  </div>
                </li>
              );
            })}
          </ul>
          {next && (
            <button
              type="button"
              className="nhsuk-button nhsuk-button--secondary"
              onClick={() => void loadMore()}
            >
              Show older entries
            </button>
          )}
        </>
      )}
    </>
  );
}
