import { MigrationInterface, QueryRunner } from 'typeorm';

export class CreateReportsAndCalendar1795360748435 implements MigrationInterface {
  name = 'CreateReportsAndCalendar1795360748435';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
            CREATE TABLE "calendar_token" (
                "id" uuid NOT NULL DEFAULT gen_random_uuid(),
                "staff_id" uuid NOT NULL,
                "token_hash" text NOT NULL,
                "issued_by" text NOT NULL,
                "issued_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                "revoked_at" TIMESTAMP WITH TIME ZONE,
                "revoked_by" text,
                "last_used_at" TIMESTAMP WITH TIME ZONE,
                CONSTRAINT "pk_calendar_token" PRIMARY KEY ("id")
            )
        `);
    await queryRunner.query(`
            CREATE UNIQUE INDEX "uq_calendar_token_hash" ON "calendar_token" ("token_hash")
        `);
    await queryRunner.query(`
            CREATE UNIQUE INDEX "uq_calendar_token_live_staff" ON "calendar_token" ("staff_id")
            WHERE revoked_at IS NULL
        `);
    await queryRunner.query(`
            CREATE TABLE "rota_violation" (
                "id" uuid NOT NULL DEFAULT gen_random_uuid(),
                "rota_id" uuid NOT NULL,
                "team_id" uuid NOT NULL,
                "rule_code" text NOT NULL,
                "severity" text NOT NULL,
                "penalty" numeric(14, 2) NOT NULL,
                "staff_id" uuid,
                "shift_ids" uuid array NOT NULL DEFAULT '{}',
                "window_start" TIMESTAMP WITH TIME ZONE NOT NULL,
                "window_end" TIMESTAMP WITH TIME ZONE NOT NULL,
                "measured" numeric(14, 2) NOT NULL,
                "limit" numeric(14, 2) NOT NULL,
                "message" text NOT NULL,
                "checked_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                CONSTRAINT "ck_rota_violation_window" CHECK (window_end >= window_start),
                CONSTRAINT "ck_rota_violation_severity" CHECK (severity IN ('HARD', 'SOFT')),
                CONSTRAINT "pk_rota_violation" PRIMARY KEY ("id")
            )
        `);
    await queryRunner.query(`
            CREATE INDEX "ix_rota_violation_rota_id" ON "rota_violation" ("rota_id")
        `);
    await queryRunner.query(`
            CREATE INDEX "ix_rota_violation_team_window" ON "rota_violation" ("team_id", "window_start")
        `);
    await queryRunner.query(`
            ALTER TABLE "calendar_token"
            ADD CONSTRAINT "fk_calendar_token_staff" FOREIGN KEY ("staff_id") REFERENCES "staff_member"("id") ON DELETE CASCADE ON UPDATE NO ACTION
        `);
    await queryRunner.query(`
            ALTER TABLE "rota_violation"
            ADD CONSTRAINT "fk_rota_violation_rota" FOREIGN KEY ("rota_id") REFERENCES "rota"("id") ON DELETE CASCADE ON UPDATE NO ACTION
        `);
    await queryRunner.query(`
            ALTER TABLE "rota_violation"
            ADD CONSTRAINT "fk_rota_violation_team" FOREIGN KEY ("team_id") REFERENCES "team"("id") ON DELETE RESTRICT ON UPDATE NO ACTION
        `);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
            ALTER TABLE "rota_violation" DROP CONSTRAINT "fk_rota_violation_team"
        `);
    await queryRunner.query(`
            ALTER TABLE "rota_violation" DROP CONSTRAINT "fk_rota_violation_rota"
        `);
    await queryRunner.query(`
            ALTER TABLE "calendar_token" DROP CONSTRAINT "fk_calendar_token_staff"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."ix_rota_violation_team_window"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."ix_rota_violation_rota_id"
        `);
    await queryRunner.query(`
            DROP TABLE "rota_violation"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."uq_calendar_token_live_staff"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."uq_calendar_token_hash"
        `);
    await queryRunner.query(`
            DROP TABLE "calendar_token"
        `);
  }
}
