import { Injectable, Logger, type OnApplicationBootstrap } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { addDays, localDateOf } from '../../rota-core/dates.js';
import type { IsoDate } from '../../rota-core/passport.js';
import { CREDENTIAL_REMINDERS_QUEUE } from '../../../migrations/1796700000000-NotificationsAndScheduledWork.js';
import { JobQueue } from '../jobs/job-queue.js';
import { NotificationKind } from './notification.enums.js';
import { NotificationsService } from './notifications.service.js';

/** Days before expiry at which the person and their home team's managers are told. */
export const EXPIRY_THRESHOLDS = [60, 30, 7] as const;
/** When the reminders run each day (UTC), as a cron expression. */
export const REMINDERS_CRON = '0 6 * * *';

interface Expiring {
  id: string;
  staff_id: string;
  home_team_id: string | null;
  given_name: string;
  family_name: string;
  skill_name: string;
  expires_on: string;
}

/**
 * Credential-expiry reminders: once a day (a cron schedule on the shared queue, so one instance runs each tick),
 * every accepted, unrevoked credential expiring within 60 days that nothing newer replaces is announced at the
 * nearest threshold it has reached (60, 30, 7 days) to the person and their home team's managers. The dedupe key
 * (credential, threshold, expiry date) stores each reminder once, however many times or places the job runs; a
 * renewed date arms the reminders again.
 */
@Injectable()
export class CredentialReminders implements OnApplicationBootstrap {
  private readonly logger = new Logger('CredentialReminders');

  constructor(
    private readonly dataSource: DataSource,
    private readonly jobs: JobQueue,
    private readonly notifications: NotificationsService,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    if (!this.jobs.running) return;
    await this.jobs.schedule(CREDENTIAL_REMINDERS_QUEUE, REMINDERS_CRON);
    await this.jobs.work(CREDENTIAL_REMINDERS_QUEUE, { pollingIntervalSeconds: 5 }, async () => {
      const told = await this.run();
      this.logger.log(`credential-expiry reminders: ${told} credential(s) announced`);
    });
  }

  /** Announces what is due on `today` (UTC by default), in one transaction; answers how many credentials. */
  async run(today: IsoDate = localDateOf(new Date(), 'UTC')): Promise<number> {
    const horizon = addDays(today, Math.max(...EXPIRY_THRESHOLDS));
    return this.dataSource.transaction(async (em) => {
      const due: Expiring[] = await em.query(
        `SELECT c.id, c.staff_id, sm.home_team_id, sm.given_name, sm.family_name, sk.name AS skill_name,
                to_char(c.expires_on, 'YYYY-MM-DD') AS expires_on
           FROM credential c
           JOIN staff_member sm ON sm.id = c.staff_id AND sm.active
           JOIN skill sk ON sk.id = c.skill_id
          WHERE c.acceptance = 'ACCEPTED' AND c.revoked_at IS NULL
            AND c.expires_on >= $1::date AND c.expires_on <= $2::date
            AND NOT EXISTS (
              SELECT 1 FROM credential newer
               WHERE newer.staff_id = c.staff_id AND newer.skill_id = c.skill_id AND newer.id <> c.id
                 AND newer.acceptance = 'ACCEPTED' AND newer.revoked_at IS NULL
                 AND (newer.expires_on IS NULL OR newer.expires_on > c.expires_on)
            )
          ORDER BY c.expires_on, c.id`,
        [today, horizon],
      );
      for (const c of due) {
        const left = Math.round((Date.parse(c.expires_on) - Date.parse(today)) / 86_400_000);
        const threshold = [...EXPIRY_THRESHOLDS].sort((a, b) => a - b).find((t) => left <= t)!;
        const name = `${c.given_name} ${c.family_name}`;
        const when = left === 0 ? 'today' : `in ${left} day${left === 1 ? '' : 's'} (${c.expires_on})`;
        await this.notifications.notify(em, {
          kind: NotificationKind.CREDENTIAL_EXPIRING,
          staffIds: [c.staff_id],
          teamIds: c.home_team_id ? [c.home_team_id] : [],
          title: `${c.skill_name} expires ${when}: ${name}`,
          body: `${name}'s ${c.skill_name} expires on ${c.expires_on}. Renew it before then: shifts needing it cannot be worked after.`,
          links: { credentialId: c.id, staffId: c.staff_id },
          dedupeKey: `credential-expiring:${c.id}:${threshold}:${c.expires_on}`,
        });
      }
      return due.length;
    });
  }
}
