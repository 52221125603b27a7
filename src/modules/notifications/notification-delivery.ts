import { Inject, Injectable, Logger, type OnApplicationBootstrap } from '@nestjs/common';
import { request as httpRequest } from 'node:http';
import { request as httpsRequest } from 'node:https';
import nodemailer, { type Transporter } from 'nodemailer';
import { DataSource } from 'typeorm';
import { APP_CONFIG } from '../../config/config.module.js';
import type { AppConfig } from '../../config/config.js';
import { NOTIFICATION_DELIVERY_QUEUE } from '../../../migrations/1796700000000-NotificationsAndScheduledWork.js';
import { JobQueue } from '../jobs/job-queue.js';
import { NotificationChannel } from './notification.enums.js';
import { DELIVERY_HEADER, SIGNATURE_HEADER, signWebhook } from './webhook-signature.js';

/** A claimed delivery with what it announces. */
interface Claimed {
  id: string;
  channel: NotificationChannel;
  address: string | null;
  attempts: number;
  notification_id: string;
  kind: string;
  title: string;
  body: string;
  links: Record<string, string>;
  recipient_staff_id: string | null;
  recipient_team_id: string | null;
  created_at: Date;
}

/**
 * POSTs a body and answers the status. A connection of its own each time (no keep-alive pool holding sockets
 * open after the service stops); redirects are not followed; no answer within `timeoutMs` is a failure.
 */
function post(
  url: string,
  headers: Record<string, string>,
  body: string,
  timeoutMs: number,
): Promise<number> {
  return new Promise((resolve, reject) => {
    const target = new URL(url);
    const send = target.protocol === 'https:' ? httpsRequest : httpRequest;
    const done = (fn: () => void) => {
      clearTimeout(timer);
      fn();
    };
    const req = send(
      target,
      { method: 'POST', headers: { ...headers, 'content-length': Buffer.byteLength(body) }, agent: false },
      (res) => {
        res.resume();
        res.on('end', () => done(() => resolve(res.statusCode ?? 0)));
        res.on('error', (error) => done(() => reject(error)));
      },
    );
    // The whole exchange, not only a quiet socket: a receiver trickling bytes must not outlast the lease.
    const timer = setTimeout(
      () => req.destroy(new Error(`webhook did not answer within ${timeoutMs} ms`)),
      timeoutMs,
    );
    req.on('error', (error) => done(() => reject(error)));
    req.end(body);
  });
}

/** How long a sent delivery is kept (days). */
export const DELIVERED_RETENTION_DAYS = 30;

/** How many rows a worker claims at once. */
const BATCH = 20;
/** The longest wait between two attempts of one delivery (seconds). */
const MAX_BACKOFF_SECONDS = 86_400;

/** The wait before attempt `attempts + 1`: the base, doubled after each failure, at most a day. */
export function backoffSeconds(baseSeconds: number, attempts: number): number {
  return Math.min(MAX_BACKOFF_SECONDS, baseSeconds * 2 ** Math.max(0, attempts - 1));
}

/** The JSON a webhook receives (also the e-mail's content). */
export function webhookPayload(row: Claimed) {
  return {
    deliveryId: row.id,
    notificationId: row.notification_id,
    kind: row.kind,
    title: row.title,
    body: row.body,
    links: row.links,
    recipient: { staffId: row.recipient_staff_id, teamId: row.recipient_team_id },
    createdAt: new Date(row.created_at).toISOString(),
  };
}

/**
 * Sends the outbox. A worker claims due rows with FOR UPDATE SKIP LOCKED and a lease (`claimed_until`),
 * committed before anything is sent, so two workers — in this process or another sharing the database — never
 * send one row at the same time; it then sends each, marks it delivered, or schedules a retry with exponential
 * back-off (given up, FAILED and kept, after NOTIFY_MAX_ATTEMPTS). A worker that dies mid-send leaves its rows
 * leased: they are taken again once the lease has passed, by the wake-up queued with the claim. So delivery is
 * at least once, with a stable delivery id for receivers to deduplicate on.
 *
 * Workers wake on the shared queue: a job queued with every notification (in its transaction), one queued with
 * every claim (for when its lease passes) and with every retry (for when it is due), and a sweep each minute.
 */
@Injectable()
export class NotificationDelivery implements OnApplicationBootstrap {
  private readonly logger = new Logger('NotificationDelivery');
  private mailer?: Transporter;
  private draining?: Promise<number>;
  private again = false;

  constructor(
    private readonly dataSource: DataSource,
    private readonly jobs: JobQueue,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  private get settings() {
    return this.config.notifications;
  }

  async onApplicationBootstrap(): Promise<void> {
    // Nothing to send with (no channel configured here), or sending left to other instances.
    const channels = this.settings.webhook !== undefined || this.settings.smtp !== undefined;
    if (!this.jobs.running || !this.settings.deliver || !channels) return;
    if (this.settings.smtp) this.mailer = nodemailer.createTransport(this.settings.smtp.url);
    await this.jobs.schedule(NOTIFICATION_DELIVERY_QUEUE, '* * * * *', { sweep: true });
    await this.jobs.work<{ sweep?: boolean }>(
      NOTIFICATION_DELIVERY_QUEUE,
      { pollingIntervalSeconds: 1 },
      async (job) => {
        await this.drain();
        // The minute's sweep also forgets what was delivered long ago (a few rows a minute at most).
        if (job.data?.sweep) await this.purge();
      },
    );
    this.jobs.onStop(async () => {
      await this.draining?.catch(() => undefined);
      this.mailer?.close();
    });
    // What was left due while no instance ran.
    void this.drain().catch((error: Error) => this.logger.warn(`delivery: ${error.message}`));
  }

  /**
   * Sends everything due, batch after batch, until nothing is left; one drain at a time in this process (a call
   * during one makes it look again when it ends). Answers how many deliveries it attempted.
   */
  drain(): Promise<number> {
    if (this.draining) {
      this.again = true;
      return this.draining;
    }
    const run = async () => {
      let attempted = 0;
      do {
        this.again = false;
        for (;;) {
          const n = await this.deliverBatch();
          attempted += n;
          if (n < BATCH) break;
        }
      } while (this.again);
      return attempted;
    };
    this.draining = run().finally(() => (this.draining = undefined));
    return this.draining;
  }

  /**
   * Deletes deliveries sent more than `DELIVERED_RETENTION_DAYS` ago (their inbox entries stay; FAILED ones are
   * kept for whoever looks into them). Answers how many.
   */
  async purge(): Promise<number> {
    const [, deleted] = (await this.dataSource.query(
      `DELETE FROM notification_delivery
        WHERE id IN (SELECT id FROM notification_delivery
                      WHERE status = 'DELIVERED' AND delivered_at < now() - make_interval(days => $1)
                      LIMIT 10000)`,
      [DELIVERED_RETENTION_DAYS],
    )) as [unknown, number];
    return deleted;
  }

  /** Claims up to one batch of due rows (lease committed first), sends them; answers how many it claimed. */
  async deliverBatch(): Promise<number> {
    const lease = this.settings.leaseSeconds;
    const claimed: Claimed[] = await this.dataSource.query(
      `WITH due AS (
         SELECT id FROM notification_delivery
          WHERE status = 'PENDING' AND next_attempt_at <= now()
            AND (claimed_until IS NULL OR claimed_until < now())
          ORDER BY next_attempt_at, id
          LIMIT $1
          FOR UPDATE SKIP LOCKED
       ), claimed AS (
         UPDATE notification_delivery d
            SET claimed_until = now() + make_interval(secs => $2), attempts = d.attempts + 1
           FROM due WHERE d.id = due.id
         RETURNING d.id, d.channel, d.address, d.attempts, d.notification_id
       )
       SELECT c.*, n.kind, n.title, n.body, n.links, n.recipient_staff_id, n.recipient_team_id, n.created_at
         FROM claimed c JOIN notification n ON n.id = c.notification_id`,
      [BATCH, lease],
    );
    if (claimed.length === 0) return 0;
    // Should this process die while sending, another takes the rows once the lease has passed.
    await this.wakeIn(lease + 1);
    // A batch is sent at once (each row is its own request and its own outcome).
    await Promise.all(claimed.map((row) => this.deliverOne(row)));
    return claimed.length;
  }

  private async deliverOne(row: Claimed): Promise<void> {
    try {
      if (row.channel === NotificationChannel.WEBHOOK) await this.postWebhook(row);
      else await this.sendMail(row);
    } catch (error) {
      await this.failed(row, error instanceof Error ? error.message : String(error));
      return;
    }
    await this.dataSource.query(
      `UPDATE notification_delivery
          SET status = 'DELIVERED', delivered_at = now(), claimed_until = NULL, last_error = NULL
        WHERE id = $1 AND status = 'PENDING'`,
      [row.id],
    );
  }

  private async failed(row: Claimed, message: string): Promise<void> {
    const error = message.slice(0, 1_000);
    if (row.attempts >= this.settings.maxAttempts) {
      this.logger.warn(
        `delivery ${row.id} (${row.channel}) given up after ${row.attempts} attempts: ${error}`,
      );
      await this.dataSource.query(
        `UPDATE notification_delivery SET status = 'FAILED', claimed_until = NULL, last_error = $2
          WHERE id = $1 AND status = 'PENDING'`,
        [row.id, error],
      );
      return;
    }
    const wait = backoffSeconds(this.settings.retryBaseSeconds, row.attempts);
    await this.dataSource.query(
      `UPDATE notification_delivery
          SET next_attempt_at = now() + make_interval(secs => $2), claimed_until = NULL, last_error = $3
        WHERE id = $1 AND status = 'PENDING'`,
      [row.id, wait, error],
    );
    await this.wakeIn(wait);
  }

  private async wakeIn(seconds: number): Promise<void> {
    if (!this.jobs.running) return;
    await this.jobs
      .send(NOTIFICATION_DELIVERY_QUEUE, {}, { startAfterSeconds: seconds, retryLimit: 0 })
      .catch((error: Error) => this.logger.warn(`delivery wake-up not queued: ${error.message}`));
  }

  private async postWebhook(row: Claimed): Promise<void> {
    const webhook = this.settings.webhook;
    if (!webhook) throw new Error('no webhook configured (NOTIFY_WEBHOOK_URL)');
    const body = JSON.stringify(webhookPayload(row));
    const timestamp = Math.floor(Date.now() / 1000);
    // Well inside the lease: a slow receiver must not see a second attempt while the first is still open.
    const timeoutMs = Math.max(1_000, Math.min(30_000, (this.settings.leaseSeconds * 1000) / 2));
    const status = await post(
      webhook.url,
      {
        'content-type': 'application/json',
        'user-agent': 'Tandem-Notifications',
        [DELIVERY_HEADER]: row.id,
        [SIGNATURE_HEADER]: signWebhook(webhook.secret, timestamp, body),
      },
      body,
      timeoutMs,
    );
    if (status < 200 || status > 299) throw new Error(`webhook answered HTTP ${status}`);
  }

  private async sendMail(row: Claimed): Promise<void> {
    const smtp = this.settings.smtp;
    if (!smtp || !this.mailer) throw new Error('no SMTP server configured (SMTP_URL)');
    const links = Object.entries(row.links)
      .map(([k, v]) => `${k}: ${v}`)
      .join('\n');
    await this.mailer.sendMail({
      from: smtp.from,
      to: row.address!,
      subject: row.title,
      text: `${row.body}\n${links ? `\n${links}\n` : ''}\n${this.config.publicUrl}/`,
      // The same Message-ID on every attempt: mail systems drop a repeat.
      messageId: `<${row.id}@tandem.notifications>`,
      headers: { [DELIVERY_HEADER]: row.id },
    });
  }
}
