import { Inject, Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import { type Actor, hasRole, Role } from '../../common/auth/actor.js';
import { BadUserInputError, NotFoundError } from '../../common/errors/domain-error.js';
import { type ConnectionShape, paginate, type PageArgs } from '../../common/graphql/pagination.js';
import { APP_CONFIG } from '../../config/config.module.js';
import type { AppConfig } from '../../config/config.js';
import { NOTIFICATION_DELIVERY_QUEUE } from '../../../migrations/1796700000000-NotificationsAndScheduledWork.js';
import { JobQueue } from '../jobs/job-queue.js';
import { NotificationEntity } from './notification.entity.js';
import { NotificationKind } from './notification.enums.js';

export { NotificationKind } from './notification.enums.js';

/** What to tell whom; `notify` stores one inbox entry per recipient. */
export interface NotificationInput {
  kind: NotificationKind;
  /** People (staff records) to tell. */
  staffIds?: readonly string[];
  /** Teams whose managers to tell (a shared team inbox: managers are identified by their token's teamIds). */
  teamIds?: readonly string[];
  /** One line. */
  title: string;
  body: string;
  /** Ids the app can link to: rotaId, shiftId, openShiftId, swapRequestId, placementId, absenceId, credentialId… */
  links?: Record<string, string>;
  /** Same key and same recipient: stored once (reminders that may run twice). */
  dedupeKey?: string;
}

/** Whose inbox entries a caller reads: their own (as a person) and, as a manager, their teams'. */
export function inboxOf(actor: Actor): { staffId: string | null; teamIds: string[] } {
  return {
    staffId: actor.staffId ?? null,
    teamIds: hasRole(actor, Role.MANAGER) ? [...actor.teamIds] : [],
  };
}

const INBOX = `((n.recipient_staff_id = :staffId) OR (n.recipient_team_id = ANY(:teamIds::uuid[])))`;

/**
 * Notifications: the inbox, and the transactional outbox behind it. `notify` writes both in the caller's
 * transaction, so a change that is refused or rolled back announces nothing, and one that commits is delivered
 * even if the process dies right after (the outbox rows are sent by whichever instance takes them).
 */
@Injectable()
export class NotificationsService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly jobs: JobQueue,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /** Writes inbox rows and outbox rows in the caller's transaction (`em` must be the transaction's). */
  async notify(em: EntityManager, input: NotificationInput): Promise<void> {
    const staffIds = [...new Set(input.staffIds ?? [])];
    const teamIds = [...new Set(input.teamIds ?? [])];
    if (staffIds.length === 0 && teamIds.length === 0) return;
    const { webhook, smtp } = this.config.notifications;
    const rows: Array<{ id: string }> = await em.query(
      `WITH n AS (
         INSERT INTO notification (kind, recipient_staff_id, recipient_team_id, title, body, links, dedupe_key)
         SELECT $1::notification_kind, s, NULL::uuid, $4, $5, $6::jsonb, $7 FROM unnest($2::uuid[]) AS s
         UNION ALL
         SELECT $1::notification_kind, NULL::uuid, t, $4, $5, $6::jsonb, $7 FROM unnest($3::uuid[]) AS t
         ON CONFLICT DO NOTHING
         RETURNING id, recipient_staff_id
       )
       INSERT INTO notification_delivery (notification_id, channel, address)
       SELECT n.id, 'WEBHOOK'::notification_channel, NULL FROM n WHERE $8::boolean
       UNION ALL
       SELECT n.id, 'EMAIL'::notification_channel, sm.email
         FROM n JOIN staff_member sm ON sm.id = n.recipient_staff_id
        WHERE $9::boolean AND sm.email IS NOT NULL
       RETURNING id`,
      [
        input.kind,
        staffIds,
        teamIds,
        input.title,
        input.body,
        JSON.stringify(input.links ?? {}),
        input.dedupeKey ?? null,
        webhook !== undefined,
        smtp !== undefined,
      ],
    );
    // A wake-up for the delivery workers, queued with the rows (a job per call: the workers drain what is due).
    if (rows.length > 0 && this.jobs.running) {
      await this.jobs.send(NOTIFICATION_DELIVERY_QUEUE, {}, { em, retryLimit: 0 });
    }
  }

  /** The caller's inbox (their own and, as a manager, their teams'), newest first. */
  list(
    actor: Actor,
    args: PageArgs & { unreadOnly?: boolean | null },
  ): Promise<ConnectionShape<NotificationEntity>> {
    const qb = this.dataSource
      .getRepository(NotificationEntity)
      .createQueryBuilder('n')
      .where(INBOX, inboxOf(actor));
    if (args.unreadOnly) qb.andWhere('n.read_at IS NULL');
    return paginate(
      qb,
      args,
      [
        { expression: 'n.created_at', value: (n) => n.createdAt.toISOString() },
        { expression: 'n.id', value: (n) => n.id },
      ],
      true,
    );
  }

  async unreadCount(actor: Actor): Promise<number> {
    const [row] = (await this.dataSource
      .getRepository(NotificationEntity)
      .createQueryBuilder('n')
      .select('count(*)::int', 'n')
      .where(INBOX, inboxOf(actor))
      .andWhere('n.read_at IS NULL')
      .getRawMany()) as Array<{ n: number }>;
    return row?.n ?? 0;
  }

  /**
   * Marks entries of the caller's inbox read: the given ids, or all of them. Ids outside the caller's inbox are
   * refused as not found (whether they exist is nobody else's business); entries already read stay as they were.
   * Answers how many were marked and how many stay unread.
   */
  async markRead(
    actor: Actor,
    input: { ids?: readonly string[] | null; all?: boolean | null },
  ): Promise<{ marked: number; unreadCount: number }> {
    const given = input.ids ?? [];
    const ids = [...new Set(given)];
    if (!input.all && ids.length === 0) {
      throw new BadUserInputError('give the ids to mark read, or all: true', 'input.ids');
    }
    if (input.all && ids.length > 0) {
      throw new BadUserInputError('give either ids or all: true, not both', 'input.all');
    }
    const mine = inboxOf(actor);
    const marked = await this.dataSource.transaction(async (em) => {
      if (ids.length > 0) {
        const found: Array<{ id: string }> = await em.query(
          `SELECT id FROM notification n WHERE n.id = ANY($1::uuid[])
              AND (n.recipient_staff_id = $2 OR n.recipient_team_id = ANY($3::uuid[]))`,
          [ids, mine.staffId, mine.teamIds],
        );
        const known = new Set(found.map((f) => f.id));
        const missing = given.findIndex((id) => !known.has(id));
        if (missing >= 0) {
          throw new NotFoundError('Notification', given[missing]!, `input.ids[${missing}]`);
        }
      }
      // An UPDATE answers [rows, affected].
      const [rows] = (await em.query(
        `UPDATE notification n SET read_at = now(), read_by = $1
          WHERE n.read_at IS NULL
            AND (n.recipient_staff_id = $2 OR n.recipient_team_id = ANY($3::uuid[]))
            AND ($4::uuid[] IS NULL OR n.id = ANY($4::uuid[]))
        RETURNING id`,
        [actor.subject, mine.staffId, mine.teamIds, input.all ? null : ids],
      )) as [Array<{ id: string }>, number];
      return rows.length;
    });
    return { marked, unreadCount: await this.unreadCount(actor) };
  }
}
