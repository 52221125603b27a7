import { MigrationInterface, QueryRunner } from 'typeorm';

/** The queue that wakes outbox delivery (src/modules/notifications/notification-delivery.ts). */
export const NOTIFICATION_DELIVERY_QUEUE = 'notification-delivery';
/** The daily credential-expiry reminders (src/modules/notifications/credential-reminders.ts). */
export const CREDENTIAL_REMINDERS_QUEUE = 'credential-reminders';
/** pg-boss's own queue for cron schedules (created here: the service role cannot create a queue's partition). */
const CRON_QUEUE = '__pgboss__send-it';

/**
 * Notifications: an inbox (`notification`, one row per recipient: a person, or a team whose managers share it)
 * and a transactional outbox (`notification_delivery`, one row per notification and channel), written in the
 * same transaction as the change they announce. Delivery and the daily reminders run on pg-boss queues made
 * here by the schema owner; the reminders' queue is 'short' (at most one waiting job).
 * Neither table is audited row by row: they announce changes the audit trail already holds.
 */
export class NotificationsAndScheduledWork1796700000000 implements MigrationInterface {
  name = 'NotificationsAndScheduledWork1796700000000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    for (const [queue, options] of [
      [NOTIFICATION_DELIVERY_QUEUE, { policy: 'standard', retryLimit: 2, expireInSeconds: 900 }],
      [CREDENTIAL_REMINDERS_QUEUE, { policy: 'short', retryLimit: 3, expireInSeconds: 3600 }],
      [CRON_QUEUE, { policy: 'standard' }],
    ] as const) {
      await queryRunner.query(
        `SELECT pgboss.create_queue($1, $2::json) WHERE NOT EXISTS (SELECT 1 FROM pgboss.queue WHERE name = $1)`,
        [queue, JSON.stringify({ retentionMinutes: 1440, ...options })],
      );
    }
    // The partitions create_queue made belong to the owner: the service role works their rows.
    await queryRunner.query(
      `GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA pgboss TO tandem_app`,
    );

    await queryRunner.query(`
            CREATE TYPE "public"."notification_kind" AS ENUM(
                'ROTA_PUBLISHED',
                'ROTA_CHANGED',
                'PLACEMENT_DECIDED',
                'LEAVE_DECIDED',
                'OPEN_SHIFT_AVAILABLE',
                'OPEN_SHIFT_CLAIMED',
                'OPEN_SHIFT_CLAIM_DECIDED',
                'SWAP_REQUESTED',
                'SWAP_ACCEPTED',
                'SWAP_DECIDED',
                'BANK_AGREEMENT_PROPOSED',
                'BANK_AGREEMENT_DECIDED',
                'CREDENTIAL_EXPIRING'
            )
        `);
    await queryRunner.query(`
            CREATE TABLE "notification" (
                "id" uuid NOT NULL DEFAULT gen_random_uuid(),
                "kind" "public"."notification_kind" NOT NULL,
                "recipient_staff_id" uuid,
                "recipient_team_id" uuid,
                "title" text NOT NULL,
                "body" text NOT NULL,
                "links" jsonb NOT NULL DEFAULT '{}',
                "dedupe_key" text,
                "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                "read_at" TIMESTAMP WITH TIME ZONE,
                "read_by" text,
                CONSTRAINT "ck_notification_one_recipient" CHECK (
                    (recipient_staff_id IS NULL) <> (recipient_team_id IS NULL)
                ),
                CONSTRAINT "ck_notification_read" CHECK ((read_at IS NULL) = (read_by IS NULL)),
                CONSTRAINT "ck_notification_links" CHECK (jsonb_typeof(links) = 'object'),
                CONSTRAINT "pk_notification" PRIMARY KEY ("id")
            )
        `);
    await queryRunner.query(`
            CREATE INDEX "ix_notification_staff" ON "notification" ("recipient_staff_id", "created_at", "id")
            WHERE recipient_staff_id IS NOT NULL
        `);
    await queryRunner.query(`
            CREATE INDEX "ix_notification_team" ON "notification" ("recipient_team_id", "created_at", "id")
            WHERE recipient_team_id IS NOT NULL
        `);
    await queryRunner.query(`
            CREATE UNIQUE INDEX "uq_notification_staff_dedupe" ON "notification" ("recipient_staff_id", "dedupe_key")
            WHERE recipient_staff_id IS NOT NULL AND dedupe_key IS NOT NULL
        `);
    await queryRunner.query(`
            CREATE UNIQUE INDEX "uq_notification_team_dedupe" ON "notification" ("recipient_team_id", "dedupe_key")
            WHERE recipient_team_id IS NOT NULL AND dedupe_key IS NOT NULL
        `);
    await queryRunner.query(`
            ALTER TABLE "notification"
            ADD CONSTRAINT "fk_notification_staff" FOREIGN KEY ("recipient_staff_id") REFERENCES "staff_member"("id") ON DELETE CASCADE ON UPDATE NO ACTION
        `);
    await queryRunner.query(`
            ALTER TABLE "notification"
            ADD CONSTRAINT "fk_notification_team" FOREIGN KEY ("recipient_team_id") REFERENCES "team"("id") ON DELETE CASCADE ON UPDATE NO ACTION
        `);

    await queryRunner.query(`CREATE TYPE "public"."notification_channel" AS ENUM('WEBHOOK', 'EMAIL')`);
    await queryRunner.query(
      `CREATE TYPE "public"."notification_delivery_status" AS ENUM('PENDING', 'DELIVERED', 'FAILED')`,
    );
    await queryRunner.query(`
            CREATE TABLE "notification_delivery" (
                "id" uuid NOT NULL DEFAULT gen_random_uuid(),
                "notification_id" uuid NOT NULL,
                "channel" "public"."notification_channel" NOT NULL,
                "address" text,
                "status" "public"."notification_delivery_status" NOT NULL DEFAULT 'PENDING',
                "attempts" integer NOT NULL DEFAULT 0,
                "next_attempt_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                "claimed_until" TIMESTAMP WITH TIME ZONE,
                "last_error" text,
                "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                "delivered_at" TIMESTAMP WITH TIME ZONE,
                CONSTRAINT "ck_notification_delivery_email" CHECK (channel <> 'EMAIL' OR address IS NOT NULL),
                CONSTRAINT "ck_notification_delivery_delivered" CHECK ((status = 'DELIVERED') = (delivered_at IS NOT NULL)),
                CONSTRAINT "ck_notification_delivery_attempts" CHECK (attempts >= 0),
                CONSTRAINT "uq_notification_delivery_channel" UNIQUE ("notification_id", "channel"),
                CONSTRAINT "pk_notification_delivery" PRIMARY KEY ("id")
            )
        `);
    await queryRunner.query(`
            CREATE INDEX "ix_notification_delivery_due" ON "notification_delivery" ("next_attempt_at")
            WHERE status = 'PENDING'
        `);
    await queryRunner.query(`
            ALTER TABLE "notification_delivery"
            ADD CONSTRAINT "fk_notification_delivery_notification" FOREIGN KEY ("notification_id") REFERENCES "notification"("id") ON DELETE CASCADE ON UPDATE NO ACTION
        `);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE "notification_delivery"`);
    await queryRunner.query(`DROP TYPE "public"."notification_delivery_status"`);
    await queryRunner.query(`DROP TYPE "public"."notification_channel"`);
    await queryRunner.query(`DROP TABLE "notification"`);
    await queryRunner.query(`DROP TYPE "public"."notification_kind"`);
    await queryRunner.query(`DELETE FROM pgboss.schedule WHERE name = ANY($1)`, [
      [NOTIFICATION_DELIVERY_QUEUE, CREDENTIAL_REMINDERS_QUEUE],
    ]);
    for (const queue of [NOTIFICATION_DELIVERY_QUEUE, CREDENTIAL_REMINDERS_QUEUE, CRON_QUEUE]) {
      await queryRunner.query(`SELECT pgboss.delete_queue($1)`, [queue]);
    }
  }
}
