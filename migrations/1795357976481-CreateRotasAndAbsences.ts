import { MigrationInterface, QueryRunner } from 'typeorm';

export class CreateRotasAndAbsences1795357976481 implements MigrationInterface {
  name = 'CreateRotasAndAbsences1795357976481';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
            CREATE TYPE "public"."absence_kind" AS ENUM(
                'ANNUAL_LEAVE',
                'SICKNESS',
                'TRAINING',
                'PARENTAL',
                'COMPASSIONATE',
                'STUDY',
                'OTHER'
            )
        `);
    await queryRunner.query(`
            CREATE TYPE "public"."absence_status" AS ENUM('REQUESTED', 'APPROVED', 'REJECTED')
        `);
    await queryRunner.query(`
            CREATE TABLE "absence" (
                "id" uuid NOT NULL DEFAULT gen_random_uuid(),
                "staff_id" uuid NOT NULL,
                "kind" "public"."absence_kind" NOT NULL,
                "start_date" date NOT NULL,
                "end_date" date NOT NULL,
                "status" "public"."absence_status" NOT NULL DEFAULT 'REQUESTED',
                "note" text,
                "requested_by" text NOT NULL,
                "requested_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                "decided_by" text,
                "decided_at" TIMESTAMP WITH TIME ZONE,
                "decision_comment" text,
                CONSTRAINT "ck_absence_decision" CHECK ((status = 'REQUESTED') = (decided_at IS NULL)),
                CONSTRAINT "ck_absence_period" CHECK (
                    end_date >= start_date
                    AND end_date - start_date <= 366
                ),
                CONSTRAINT "ex_absence_staff_overlap" EXCLUDE USING gist (
                    "staff_id" WITH =,
                    daterange("start_date", "end_date", '[]') WITH &&
                )
                WHERE ("status" <> 'REJECTED'),
                    CONSTRAINT "pk_absence" PRIMARY KEY ("id")
            )
        `);
    await queryRunner.query(`
            CREATE INDEX "ix_absence_staff_dates" ON "absence" ("staff_id", "start_date")
        `);
    await queryRunner.query(`
            CREATE TABLE "shift_type" (
                "id" uuid NOT NULL DEFAULT gen_random_uuid(),
                "team_id" uuid NOT NULL,
                "code" text NOT NULL,
                "name" text NOT NULL,
                "start_time" TIME NOT NULL,
                "duration_minutes" integer NOT NULL,
                "unpaid_break_minutes" integer NOT NULL DEFAULT '0',
                "on_call" boolean NOT NULL DEFAULT false,
                "sleep_in" boolean NOT NULL DEFAULT false,
                "cannot_be_followed_by_ids" uuid array NOT NULL DEFAULT '{}',
                "active" boolean NOT NULL DEFAULT true,
                "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                CONSTRAINT "ck_shift_type_code" CHECK (code ~ '^[A-Z0-9]{1,10}$'),
                CONSTRAINT "ck_shift_type_break" CHECK (
                    unpaid_break_minutes >= 0
                    AND unpaid_break_minutes < duration_minutes
                ),
                CONSTRAINT "ck_shift_type_duration" CHECK (
                    duration_minutes BETWEEN 1 AND 1440
                ),
                CONSTRAINT "pk_shift_type" PRIMARY KEY ("id")
            )
        `);
    await queryRunner.query(`
            CREATE UNIQUE INDEX "uq_shift_type_team_code" ON "shift_type" ("team_id", "code")
        `);
    await queryRunner.query(`
            CREATE TYPE "public"."shift_request_kind" AS ENUM('ON', 'OFF')
        `);
    await queryRunner.query(`
            CREATE TABLE "shift_request" (
                "id" uuid NOT NULL DEFAULT gen_random_uuid(),
                "staff_id" uuid NOT NULL,
                "date" date NOT NULL,
                "shift_type_id" uuid NOT NULL,
                "kind" "public"."shift_request_kind" NOT NULL,
                "weight" integer NOT NULL DEFAULT '1',
                "recorded_by" text NOT NULL,
                "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                CONSTRAINT "ck_shift_request_weight" CHECK (
                    weight BETWEEN 1 AND 1000
                ),
                CONSTRAINT "pk_shift_request" PRIMARY KEY ("id")
            )
        `);
    await queryRunner.query(`
            CREATE UNIQUE INDEX "uq_shift_request_staff_date_type" ON "shift_request" ("staff_id", "date", "shift_type_id")
        `);
    await queryRunner.query(`
            CREATE TYPE "public"."rota_status" AS ENUM('DRAFT', 'PUBLISHED')
        `);
    await queryRunner.query(`
            CREATE TABLE "rota" (
                "id" uuid NOT NULL DEFAULT gen_random_uuid(),
                "team_id" uuid NOT NULL,
                "name" text,
                "start_date" date NOT NULL,
                "end_date" date NOT NULL,
                "status" "public"."rota_status" NOT NULL DEFAULT 'DRAFT',
                "version" integer NOT NULL DEFAULT '1',
                "published_at" TIMESTAMP WITH TIME ZONE,
                "published_by" text,
                "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                CONSTRAINT "ck_rota_published" CHECK (
                    (status = 'PUBLISHED') = (published_at IS NOT NULL)
                ),
                CONSTRAINT "ck_rota_version" CHECK (version >= 1),
                CONSTRAINT "ck_rota_period" CHECK (
                    end_date >= start_date
                    AND end_date - start_date < 182
                ),
                CONSTRAINT "ex_rota_team_period" EXCLUDE USING gist (
                    "team_id" WITH =,
                    daterange("start_date", "end_date", '[]') WITH &&
                ),
                CONSTRAINT "pk_rota" PRIMARY KEY ("id")
            )
        `);
    await queryRunner.query(`
            CREATE INDEX "ix_rota_team_dates" ON "rota" ("team_id", "start_date")
        `);
    await queryRunner.query(`
            CREATE TABLE "shift" (
                "id" uuid NOT NULL DEFAULT gen_random_uuid(),
                "rota_id" uuid NOT NULL,
                "team_id" uuid NOT NULL,
                "shift_type_id" uuid NOT NULL,
                "local_date" date NOT NULL,
                "start_time" TIME NOT NULL,
                "duration_minutes" integer NOT NULL,
                "unpaid_break_minutes" integer NOT NULL DEFAULT '0',
                "starts_at" TIMESTAMP WITH TIME ZONE NOT NULL,
                "ends_at" TIMESTAMP WITH TIME ZONE NOT NULL,
                "min_headcount" integer NOT NULL DEFAULT '0',
                "target_headcount" integer NOT NULL DEFAULT '0',
                "max_headcount" integer,
                "cancelled_at" TIMESTAMP WITH TIME ZONE,
                "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                CONSTRAINT "ck_shift_headcount" CHECK (
                    min_headcount >= 0
                    AND target_headcount >= min_headcount
                    AND (
                        max_headcount IS NULL
                        OR max_headcount >= target_headcount
                    )
                ),
                CONSTRAINT "ck_shift_break" CHECK (
                    unpaid_break_minutes >= 0
                    AND unpaid_break_minutes < duration_minutes
                ),
                CONSTRAINT "ck_shift_duration" CHECK (
                    duration_minutes BETWEEN 1 AND 1440
                ),
                CONSTRAINT "ck_shift_instants" CHECK (
                    ends_at > starts_at
                    AND ends_at - starts_at <= interval '25 hours'
                ),
                CONSTRAINT "pk_shift" PRIMARY KEY ("id")
            )
        `);
    await queryRunner.query(`
            CREATE INDEX "ix_shift_team_starts_at" ON "shift" ("team_id", "starts_at")
        `);
    await queryRunner.query(`
            CREATE INDEX "ix_shift_rota_id" ON "shift" ("rota_id")
        `);
    await queryRunner.query(`
            CREATE TYPE "public"."assignment_basis" AS ENUM('EMPLOYMENT', 'PLACEMENT', 'JOINT_ROLE')
        `);
    await queryRunner.query(`
            CREATE TABLE "assignment" (
                "id" uuid NOT NULL DEFAULT gen_random_uuid(),
                "shift_id" uuid NOT NULL,
                "staff_id" uuid NOT NULL,
                "basis" "public"."assignment_basis" NOT NULL,
                "starts_at" TIMESTAMP WITH TIME ZONE NOT NULL,
                "ends_at" TIMESTAMP WITH TIME ZONE NOT NULL,
                "created_by" text NOT NULL,
                "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                "cancelled_at" TIMESTAMP WITH TIME ZONE,
                CONSTRAINT "ex_assignment_staff_overlap" EXCLUDE USING gist (
                    "staff_id" WITH =,
                    tstzrange("starts_at", "ends_at") WITH &&
                )
                WHERE ("cancelled_at" IS NULL),
                    CONSTRAINT "pk_assignment" PRIMARY KEY ("id")
            )
        `);
    await queryRunner.query(`
            CREATE INDEX "ix_assignment_shift_id" ON "assignment" ("shift_id")
        `);
    await queryRunner.query(`
            CREATE INDEX "ix_assignment_staff_starts_at" ON "assignment" ("staff_id", "starts_at")
        `);
    await queryRunner.query(`
            CREATE TABLE "rota_change" (
                "id" uuid NOT NULL DEFAULT gen_random_uuid(),
                "rota_id" uuid NOT NULL,
                "version" integer NOT NULL,
                "operation" text NOT NULL,
                "reason" text NOT NULL,
                "details" jsonb NOT NULL DEFAULT '{}',
                "changed_by" text NOT NULL,
                "changed_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                CONSTRAINT "pk_rota_change" PRIMARY KEY ("id")
            )
        `);
    await queryRunner.query(`
            CREATE INDEX "ix_rota_change_rota_id" ON "rota_change" ("rota_id", "version")
        `);
    await queryRunner.query(`
            CREATE TABLE "rule_override" (
                "id" uuid NOT NULL DEFAULT gen_random_uuid(),
                "assignment_id" uuid,
                "rota_id" uuid,
                "rule_code" text NOT NULL,
                "reason" text NOT NULL,
                "overridden_by" text NOT NULL,
                "overridden_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                CONSTRAINT "ck_rule_override_reason" CHECK (length(btrim(reason)) > 0),
                CONSTRAINT "ck_rule_override_target" CHECK (num_nonnulls(assignment_id, rota_id) = 1),
                CONSTRAINT "pk_rule_override" PRIMARY KEY ("id")
            )
        `);
    await queryRunner.query(`
            CREATE INDEX "ix_rule_override_assignment_id" ON "rule_override" ("assignment_id")
        `);
    await queryRunner.query(`
            CREATE INDEX "ix_rule_override_rota_id" ON "rule_override" ("rota_id")
        `);
    await queryRunner.query(`
            CREATE TABLE "shift_skill_slot" (
                "shift_id" uuid NOT NULL,
                "skill_id" uuid NOT NULL,
                "count" integer NOT NULL,
                CONSTRAINT "ck_shift_skill_slot_count" CHECK (
                    count BETWEEN 1 AND 100
                ),
                CONSTRAINT "pk_shift_skill_slot" PRIMARY KEY ("shift_id", "skill_id")
            )
        `);
    await queryRunner.query(`
            CREATE TYPE "public"."rule_set_preset" AS ENUM('WTR_1998', 'NHS_DOCTORS_2016', 'SOCIAL_CARE')
        `);
    await queryRunner.query(`
            ALTER TABLE "team"
            ADD "rule_set_preset" "public"."rule_set_preset" NOT NULL DEFAULT 'WTR_1998'
        `);
    await queryRunner.query(`
            ALTER TABLE "team"
            ADD "rule_set_overrides" jsonb NOT NULL DEFAULT '{}'
        `);
    await queryRunner.query(`
            ALTER TABLE "staff_member"
            ADD "rule_limits" jsonb
        `);
    await queryRunner.query(`
            ALTER TABLE "absence"
            ADD CONSTRAINT "fk_absence_staff" FOREIGN KEY ("staff_id") REFERENCES "staff_member"("id") ON DELETE CASCADE ON UPDATE NO ACTION
        `);
    await queryRunner.query(`
            ALTER TABLE "shift_type"
            ADD CONSTRAINT "fk_shift_type_team" FOREIGN KEY ("team_id") REFERENCES "team"("id") ON DELETE RESTRICT ON UPDATE NO ACTION
        `);
    await queryRunner.query(`
            ALTER TABLE "shift_request"
            ADD CONSTRAINT "fk_shift_request_staff" FOREIGN KEY ("staff_id") REFERENCES "staff_member"("id") ON DELETE CASCADE ON UPDATE NO ACTION
        `);
    await queryRunner.query(`
            ALTER TABLE "shift_request"
            ADD CONSTRAINT "fk_shift_request_shift_type" FOREIGN KEY ("shift_type_id") REFERENCES "shift_type"("id") ON DELETE CASCADE ON UPDATE NO ACTION
        `);
    await queryRunner.query(`
            ALTER TABLE "rota"
            ADD CONSTRAINT "fk_rota_team" FOREIGN KEY ("team_id") REFERENCES "team"("id") ON DELETE RESTRICT ON UPDATE NO ACTION
        `);
    await queryRunner.query(`
            ALTER TABLE "shift"
            ADD CONSTRAINT "fk_shift_rota" FOREIGN KEY ("rota_id") REFERENCES "rota"("id") ON DELETE CASCADE ON UPDATE NO ACTION
        `);
    await queryRunner.query(`
            ALTER TABLE "shift"
            ADD CONSTRAINT "fk_shift_team" FOREIGN KEY ("team_id") REFERENCES "team"("id") ON DELETE RESTRICT ON UPDATE NO ACTION
        `);
    await queryRunner.query(`
            ALTER TABLE "shift"
            ADD CONSTRAINT "fk_shift_shift_type" FOREIGN KEY ("shift_type_id") REFERENCES "shift_type"("id") ON DELETE RESTRICT ON UPDATE NO ACTION
        `);
    await queryRunner.query(`
            ALTER TABLE "assignment"
            ADD CONSTRAINT "fk_assignment_shift" FOREIGN KEY ("shift_id") REFERENCES "shift"("id") ON DELETE CASCADE ON UPDATE NO ACTION
        `);
    await queryRunner.query(`
            ALTER TABLE "assignment"
            ADD CONSTRAINT "fk_assignment_staff" FOREIGN KEY ("staff_id") REFERENCES "staff_member"("id") ON DELETE RESTRICT ON UPDATE NO ACTION
        `);
    await queryRunner.query(`
            ALTER TABLE "rota_change"
            ADD CONSTRAINT "fk_rota_change_rota" FOREIGN KEY ("rota_id") REFERENCES "rota"("id") ON DELETE CASCADE ON UPDATE NO ACTION
        `);
    await queryRunner.query(`
            ALTER TABLE "rule_override"
            ADD CONSTRAINT "fk_rule_override_assignment" FOREIGN KEY ("assignment_id") REFERENCES "assignment"("id") ON DELETE CASCADE ON UPDATE NO ACTION
        `);
    await queryRunner.query(`
            ALTER TABLE "rule_override"
            ADD CONSTRAINT "fk_rule_override_rota" FOREIGN KEY ("rota_id") REFERENCES "rota"("id") ON DELETE CASCADE ON UPDATE NO ACTION
        `);
    await queryRunner.query(`
            ALTER TABLE "shift_skill_slot"
            ADD CONSTRAINT "fk_shift_skill_slot_shift" FOREIGN KEY ("shift_id") REFERENCES "shift"("id") ON DELETE CASCADE ON UPDATE NO ACTION
        `);
    await queryRunner.query(`
            ALTER TABLE "shift_skill_slot"
            ADD CONSTRAINT "fk_shift_skill_slot_skill" FOREIGN KEY ("skill_id") REFERENCES "skill"("id") ON DELETE RESTRICT ON UPDATE NO ACTION
        `);
    // Hand-written partial unique indexes (TypeORM cannot express WHERE on a unique index it manages).
    await queryRunner.query(
      `CREATE UNIQUE INDEX "uq_shift_rota_type_date" ON "shift" ("rota_id", "shift_type_id", "local_date") WHERE cancelled_at IS NULL`,
    );
    await queryRunner.query(
      `CREATE UNIQUE INDEX "uq_assignment_shift_staff" ON "assignment" ("shift_id", "staff_id") WHERE cancelled_at IS NULL`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "public"."uq_assignment_shift_staff"`);
    await queryRunner.query(`DROP INDEX "public"."uq_shift_rota_type_date"`);
    await queryRunner.query(`
            ALTER TABLE "shift_skill_slot" DROP CONSTRAINT "fk_shift_skill_slot_skill"
        `);
    await queryRunner.query(`
            ALTER TABLE "shift_skill_slot" DROP CONSTRAINT "fk_shift_skill_slot_shift"
        `);
    await queryRunner.query(`
            ALTER TABLE "rule_override" DROP CONSTRAINT "fk_rule_override_rota"
        `);
    await queryRunner.query(`
            ALTER TABLE "rule_override" DROP CONSTRAINT "fk_rule_override_assignment"
        `);
    await queryRunner.query(`
            ALTER TABLE "rota_change" DROP CONSTRAINT "fk_rota_change_rota"
        `);
    await queryRunner.query(`
            ALTER TABLE "assignment" DROP CONSTRAINT "fk_assignment_staff"
        `);
    await queryRunner.query(`
            ALTER TABLE "assignment" DROP CONSTRAINT "fk_assignment_shift"
        `);
    await queryRunner.query(`
            ALTER TABLE "shift" DROP CONSTRAINT "fk_shift_shift_type"
        `);
    await queryRunner.query(`
            ALTER TABLE "shift" DROP CONSTRAINT "fk_shift_team"
        `);
    await queryRunner.query(`
            ALTER TABLE "shift" DROP CONSTRAINT "fk_shift_rota"
        `);
    await queryRunner.query(`
            ALTER TABLE "rota" DROP CONSTRAINT "fk_rota_team"
        `);
    await queryRunner.query(`
            ALTER TABLE "shift_request" DROP CONSTRAINT "fk_shift_request_shift_type"
        `);
    await queryRunner.query(`
            ALTER TABLE "shift_request" DROP CONSTRAINT "fk_shift_request_staff"
        `);
    await queryRunner.query(`
            ALTER TABLE "shift_type" DROP CONSTRAINT "fk_shift_type_team"
        `);
    await queryRunner.query(`
            ALTER TABLE "absence" DROP CONSTRAINT "fk_absence_staff"
        `);
    await queryRunner.query(`
            ALTER TABLE "staff_member" DROP COLUMN "rule_limits"
        `);
    await queryRunner.query(`
            ALTER TABLE "team" DROP COLUMN "rule_set_overrides"
        `);
    await queryRunner.query(`
            ALTER TABLE "team" DROP COLUMN "rule_set_preset"
        `);
    await queryRunner.query(`
            DROP TYPE "public"."rule_set_preset"
        `);
    await queryRunner.query(`
            DROP TABLE "shift_skill_slot"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."ix_rule_override_rota_id"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."ix_rule_override_assignment_id"
        `);
    await queryRunner.query(`
            DROP TABLE "rule_override"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."ix_rota_change_rota_id"
        `);
    await queryRunner.query(`
            DROP TABLE "rota_change"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."ix_assignment_staff_starts_at"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."ix_assignment_shift_id"
        `);
    await queryRunner.query(`
            DROP TABLE "assignment"
        `);
    await queryRunner.query(`
            DROP TYPE "public"."assignment_basis"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."ix_shift_rota_id"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."ix_shift_team_starts_at"
        `);
    await queryRunner.query(`
            DROP TABLE "shift"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."ix_rota_team_dates"
        `);
    await queryRunner.query(`
            DROP TABLE "rota"
        `);
    await queryRunner.query(`
            DROP TYPE "public"."rota_status"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."uq_shift_request_staff_date_type"
        `);
    await queryRunner.query(`
            DROP TABLE "shift_request"
        `);
    await queryRunner.query(`
            DROP TYPE "public"."shift_request_kind"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."uq_shift_type_team_code"
        `);
    await queryRunner.query(`
            DROP TABLE "shift_type"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."ix_absence_staff_dates"
        `);
    await queryRunner.query(`
            DROP TABLE "absence"
        `);
    await queryRunner.query(`
            DROP TYPE "public"."absence_status"
        `);
    await queryRunner.query(`
            DROP TYPE "public"."absence_kind"
        `);
  }
}
