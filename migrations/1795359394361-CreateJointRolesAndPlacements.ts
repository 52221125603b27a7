import { MigrationInterface, QueryRunner } from 'typeorm';

export class CreateJointRolesAndPlacements1795359394361 implements MigrationInterface {
  name = 'CreateJointRolesAndPlacements1795359394361';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
            CREATE TABLE "joint_role_partner" (
                "joint_role_id" uuid NOT NULL,
                "organisation_id" uuid NOT NULL,
                "funding_share_percent" numeric(5, 2) NOT NULL,
                "time_share_percent" numeric(5, 2) NOT NULL,
                CONSTRAINT "ck_joint_role_partner_shares" CHECK (
                    funding_share_percent BETWEEN 0 AND 100
                    AND time_share_percent BETWEEN 0 AND 100
                    AND funding_share_percent + time_share_percent > 0
                ),
                CONSTRAINT "pk_joint_role_partner" PRIMARY KEY ("joint_role_id", "organisation_id")
            )
        `);
    await queryRunner.query(`
            CREATE TYPE "public"."joint_role_status" AS ENUM('DRAFT', 'ACTIVE', 'ENDED')
        `);
    await queryRunner.query(`
            CREATE TYPE "public"."employment_model" AS ENUM(
                'JOINT_EMPLOYMENT',
                'SECONDMENT',
                'HONORARY_CONTRACT',
                'LICENCE_TO_ATTEND',
                'WORKFORCE_SHARING_AGREEMENT'
            )
        `);
    await queryRunner.query(`
            CREATE TABLE "joint_role" (
                "id" uuid NOT NULL DEFAULT gen_random_uuid(),
                "title" text NOT NULL,
                "description" text,
                "staff_group" "public"."staff_group" NOT NULL,
                "fte" numeric(4, 2) NOT NULL,
                "start_date" date NOT NULL,
                "end_date" date,
                "status" "public"."joint_role_status" NOT NULL DEFAULT 'DRAFT',
                "employment_model" "public"."employment_model" NOT NULL,
                "employing_partner_id" uuid NOT NULL,
                "line_management_partner_id" uuid NOT NULL,
                "supervision_partner_id" uuid NOT NULL,
                "annual_cost" numeric(12, 2),
                "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                CONSTRAINT "ck_joint_role_cost" CHECK (
                    annual_cost IS NULL
                    OR annual_cost >= 0
                ),
                CONSTRAINT "ck_joint_role_period" CHECK (
                    end_date IS NULL
                    OR end_date >= start_date
                ),
                CONSTRAINT "ck_joint_role_fte" CHECK (
                    fte > 0
                    AND fte <= 10
                ),
                CONSTRAINT "ck_joint_role_title" CHECK (length(btrim(title)) > 0),
                CONSTRAINT "pk_joint_role" PRIMARY KEY ("id")
            )
        `);
    await queryRunner.query(`
            CREATE TABLE "joint_role_appointment" (
                "id" uuid NOT NULL DEFAULT gen_random_uuid(),
                "joint_role_id" uuid NOT NULL,
                "staff_id" uuid NOT NULL,
                "start_date" date NOT NULL,
                "end_date" date,
                "fte" numeric(3, 2) NOT NULL,
                "gaps" jsonb NOT NULL DEFAULT '[]',
                "override_reason" text,
                "appointed_by" text NOT NULL,
                "appointed_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                "ended_by" text,
                "ended_at" TIMESTAMP WITH TIME ZONE,
                "end_reason" text,
                CONSTRAINT "ck_joint_role_appointment_override" CHECK (
                    jsonb_array_length(gaps) = 0
                    OR override_reason IS NOT NULL
                ),
                CONSTRAINT "ck_joint_role_appointment_fte" CHECK (
                    fte > 0
                    AND fte <= 1
                ),
                CONSTRAINT "ck_joint_role_appointment_period" CHECK (
                    end_date IS NULL
                    OR end_date >= start_date
                ),
                CONSTRAINT "ex_joint_role_appointment_overlap" EXCLUDE USING gist (
                    "joint_role_id" WITH =,
                    "staff_id" WITH =,
                    daterange(
                        "start_date",
                        COALESCE("end_date", 'infinity'::date),
                        '[]'
                    ) WITH &&
                ),
                CONSTRAINT "pk_joint_role_appointment" PRIMARY KEY ("id")
            )
        `);
    await queryRunner.query(`
            CREATE INDEX "ix_joint_role_appointment_role" ON "joint_role_appointment" ("joint_role_id")
        `);
    await queryRunner.query(`
            CREATE INDEX "ix_joint_role_appointment_staff" ON "joint_role_appointment" ("staff_id", "start_date")
        `);
    await queryRunner.query(`
            CREATE TABLE "joint_role_required_skill" (
                "joint_role_id" uuid NOT NULL,
                "skill_id" uuid NOT NULL,
                CONSTRAINT "pk_joint_role_required_skill" PRIMARY KEY ("joint_role_id", "skill_id")
            )
        `);
    await queryRunner.query(`
            CREATE TYPE "public"."placement_kind" AS ENUM(
                'SECONDMENT',
                'ROTATION',
                'SHORT_TERM_DEPLOYMENT',
                'MUTUAL_AID'
            )
        `);
    await queryRunner.query(`
            CREATE TYPE "public"."placement_status" AS ENUM(
                'REQUESTED',
                'APPROVED',
                'REJECTED',
                'WITHDRAWN',
                'CANCELLED'
            )
        `);
    await queryRunner.query(`
            CREATE TABLE "placement" (
                "id" uuid NOT NULL DEFAULT gen_random_uuid(),
                "staff_id" uuid NOT NULL,
                "home_organisation_id" uuid NOT NULL,
                "host_team_id" uuid NOT NULL,
                "host_organisation_id" uuid NOT NULL,
                "kind" "public"."placement_kind" NOT NULL,
                "start_date" date NOT NULL,
                "end_date" date NOT NULL,
                "hours_per_week" numeric(5, 2) NOT NULL,
                "reason" text NOT NULL,
                "status" "public"."placement_status" NOT NULL DEFAULT 'REQUESTED',
                "requested_by" text NOT NULL,
                "requested_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                "readiness_at_request" jsonb NOT NULL DEFAULT '[]',
                "withdrawn_at" TIMESTAMP WITH TIME ZONE,
                "withdrawn_by" text,
                "cancelled_at" TIMESTAMP WITH TIME ZONE,
                "cancelled_by" text,
                "cancel_reason" text,
                "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                CONSTRAINT "ck_placement_cancelled" CHECK (
                    (status = 'CANCELLED') = (cancelled_at IS NOT NULL)
                ),
                CONSTRAINT "ck_placement_withdrawn" CHECK (
                    (status = 'WITHDRAWN') = (withdrawn_at IS NOT NULL)
                ),
                CONSTRAINT "ck_placement_outside_employer" CHECK (host_organisation_id <> home_organisation_id),
                CONSTRAINT "ck_placement_hours" CHECK (
                    hours_per_week > 0
                    AND hours_per_week <= 168
                ),
                CONSTRAINT "ck_placement_period" CHECK (
                    end_date >= start_date
                    AND end_date - start_date <= 731
                ),
                CONSTRAINT "ex_placement_staff_overlap" EXCLUDE USING gist (
                    "staff_id" WITH =,
                    daterange("start_date", "end_date", '[]') WITH &&
                )
                WHERE ("status" = 'APPROVED'),
                    CONSTRAINT "pk_placement" PRIMARY KEY ("id")
            )
        `);
    await queryRunner.query(`
            CREATE INDEX "ix_placement_home_organisation" ON "placement" ("home_organisation_id")
        `);
    await queryRunner.query(`
            CREATE INDEX "ix_placement_host_organisation" ON "placement" ("host_organisation_id")
        `);
    await queryRunner.query(`
            CREATE INDEX "ix_placement_host_team" ON "placement" ("host_team_id", "start_date")
        `);
    await queryRunner.query(`
            CREATE INDEX "ix_placement_staff" ON "placement" ("staff_id", "start_date")
        `);
    await queryRunner.query(`
            CREATE TYPE "public"."placement_side" AS ENUM('HOME', 'HOST')
        `);
    await queryRunner.query(`
            CREATE TYPE "public"."decision" AS ENUM('APPROVE', 'REJECT')
        `);
    await queryRunner.query(`
            CREATE TABLE "placement_decision" (
                "id" uuid NOT NULL DEFAULT gen_random_uuid(),
                "placement_id" uuid NOT NULL,
                "side" "public"."placement_side" NOT NULL,
                "decision" "public"."decision" NOT NULL,
                "comment" text,
                "readiness" jsonb NOT NULL DEFAULT '[]',
                "override_gaps" boolean NOT NULL DEFAULT false,
                "decided_by" text NOT NULL,
                "decided_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                CONSTRAINT "ck_placement_decision_override" CHECK (
                    NOT override_gaps
                    OR (
                        comment IS NOT NULL
                        AND length(btrim(comment)) > 0
                    )
                ),
                CONSTRAINT "pk_placement_decision" PRIMARY KEY ("id")
            )
        `);
    await queryRunner.query(`
            CREATE UNIQUE INDEX "uq_placement_decision_side" ON "placement_decision" ("placement_id", "side")
        `);
    await queryRunner.query(`
            ALTER TABLE "joint_role_partner"
            ADD CONSTRAINT "fk_joint_role_partner_role" FOREIGN KEY ("joint_role_id") REFERENCES "joint_role"("id") ON DELETE CASCADE ON UPDATE NO ACTION
        `);
    await queryRunner.query(`
            ALTER TABLE "joint_role_partner"
            ADD CONSTRAINT "fk_joint_role_partner_organisation" FOREIGN KEY ("organisation_id") REFERENCES "organisation"("id") ON DELETE RESTRICT ON UPDATE NO ACTION
        `);
    await queryRunner.query(`
            ALTER TABLE "joint_role"
            ADD CONSTRAINT "fk_joint_role_employing_partner" FOREIGN KEY ("employing_partner_id") REFERENCES "organisation"("id") ON DELETE RESTRICT ON UPDATE NO ACTION
        `);
    await queryRunner.query(`
            ALTER TABLE "joint_role"
            ADD CONSTRAINT "fk_joint_role_line_management_partner" FOREIGN KEY ("line_management_partner_id") REFERENCES "organisation"("id") ON DELETE RESTRICT ON UPDATE NO ACTION
        `);
    await queryRunner.query(`
            ALTER TABLE "joint_role"
            ADD CONSTRAINT "fk_joint_role_supervision_partner" FOREIGN KEY ("supervision_partner_id") REFERENCES "organisation"("id") ON DELETE RESTRICT ON UPDATE NO ACTION
        `);
    await queryRunner.query(`
            ALTER TABLE "joint_role_appointment"
            ADD CONSTRAINT "fk_joint_role_appointment_role" FOREIGN KEY ("joint_role_id") REFERENCES "joint_role"("id") ON DELETE RESTRICT ON UPDATE NO ACTION
        `);
    await queryRunner.query(`
            ALTER TABLE "joint_role_appointment"
            ADD CONSTRAINT "fk_joint_role_appointment_staff" FOREIGN KEY ("staff_id") REFERENCES "staff_member"("id") ON DELETE RESTRICT ON UPDATE NO ACTION
        `);
    await queryRunner.query(`
            ALTER TABLE "joint_role_required_skill"
            ADD CONSTRAINT "fk_joint_role_required_skill_role" FOREIGN KEY ("joint_role_id") REFERENCES "joint_role"("id") ON DELETE CASCADE ON UPDATE NO ACTION
        `);
    await queryRunner.query(`
            ALTER TABLE "joint_role_required_skill"
            ADD CONSTRAINT "fk_joint_role_required_skill_skill" FOREIGN KEY ("skill_id") REFERENCES "skill"("id") ON DELETE RESTRICT ON UPDATE NO ACTION
        `);
    await queryRunner.query(`
            ALTER TABLE "placement"
            ADD CONSTRAINT "fk_placement_staff" FOREIGN KEY ("staff_id") REFERENCES "staff_member"("id") ON DELETE RESTRICT ON UPDATE NO ACTION
        `);
    await queryRunner.query(`
            ALTER TABLE "placement"
            ADD CONSTRAINT "fk_placement_home_organisation" FOREIGN KEY ("home_organisation_id") REFERENCES "organisation"("id") ON DELETE RESTRICT ON UPDATE NO ACTION
        `);
    await queryRunner.query(`
            ALTER TABLE "placement"
            ADD CONSTRAINT "fk_placement_host_team" FOREIGN KEY ("host_team_id", "host_organisation_id") REFERENCES "team"("id", "organisation_id") ON DELETE RESTRICT ON UPDATE NO ACTION
        `);
    await queryRunner.query(`
            ALTER TABLE "placement_decision"
            ADD CONSTRAINT "fk_placement_decision_placement" FOREIGN KEY ("placement_id") REFERENCES "placement"("id") ON DELETE CASCADE ON UPDATE NO ACTION
        `);
    // The invariants that span rows: funding and time shares each sum to exactly 100, partners from both
    // sectors, and the employing, line-management and supervision partners among them. Checked at commit
    // (deferred), so a write may replace the partners in several statements.
    await queryRunner.query(`
            CREATE FUNCTION check_joint_role_partners() RETURNS trigger LANGUAGE plpgsql AS $fn$
            DECLARE
                role_id uuid;
                r joint_role%ROWTYPE;
                funding numeric;
                time_share numeric;
                health int;
                social int;
            BEGIN
                IF TG_TABLE_NAME = 'joint_role' THEN
                    role_id := NEW.id;
                ELSIF TG_OP = 'DELETE' THEN
                    role_id := OLD.joint_role_id;
                ELSE
                    role_id := NEW.joint_role_id;
                END IF;
                SELECT * INTO r FROM joint_role WHERE id = role_id;
                IF NOT FOUND THEN
                    RETURN NULL;
                END IF;
                SELECT coalesce(sum(p.funding_share_percent), 0), coalesce(sum(p.time_share_percent), 0),
                       count(*) FILTER (WHERE o.sector = 'HEALTH'), count(*) FILTER (WHERE o.sector = 'SOCIAL_CARE')
                  INTO funding, time_share, health, social
                  FROM joint_role_partner p JOIN organisation o ON o.id = p.organisation_id
                 WHERE p.joint_role_id = role_id;
                IF funding <> 100 OR time_share <> 100 THEN
                    RAISE EXCEPTION 'joint role %: funding shares sum to %, time shares to % (each must be 100)', role_id, funding, time_share
                        USING ERRCODE = 'check_violation', CONSTRAINT = 'ck_joint_role_shares';
                END IF;
                IF health = 0 OR social = 0 THEN
                    RAISE EXCEPTION 'joint role %: partners must include a health and a social care organisation', role_id
                        USING ERRCODE = 'check_violation', CONSTRAINT = 'ck_joint_role_sectors';
                END IF;
                IF NOT EXISTS (SELECT 1 FROM joint_role_partner WHERE joint_role_id = role_id AND organisation_id = r.employing_partner_id)
                   OR NOT EXISTS (SELECT 1 FROM joint_role_partner WHERE joint_role_id = role_id AND organisation_id = r.line_management_partner_id)
                   OR NOT EXISTS (SELECT 1 FROM joint_role_partner WHERE joint_role_id = role_id AND organisation_id = r.supervision_partner_id) THEN
                    RAISE EXCEPTION 'joint role %: the employing, line-management and supervision partners must be partners', role_id
                        USING ERRCODE = 'check_violation', CONSTRAINT = 'ck_joint_role_named_partners';
                END IF;
                RETURN NULL;
            END
            $fn$
        `);
    await queryRunner.query(`
            CREATE CONSTRAINT TRIGGER tr_joint_role_partners AFTER INSERT OR UPDATE ON joint_role
            DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION check_joint_role_partners()
        `);
    await queryRunner.query(`
            CREATE CONSTRAINT TRIGGER tr_joint_role_partner_rows AFTER INSERT OR UPDATE OR DELETE ON joint_role_partner
            DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION check_joint_role_partners()
        `);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TRIGGER tr_joint_role_partner_rows ON joint_role_partner`);
    await queryRunner.query(`DROP TRIGGER tr_joint_role_partners ON joint_role`);
    await queryRunner.query(`DROP FUNCTION check_joint_role_partners()`);
    await queryRunner.query(`
            ALTER TABLE "placement_decision" DROP CONSTRAINT "fk_placement_decision_placement"
        `);
    await queryRunner.query(`
            ALTER TABLE "placement" DROP CONSTRAINT "fk_placement_host_team"
        `);
    await queryRunner.query(`
            ALTER TABLE "placement" DROP CONSTRAINT "fk_placement_home_organisation"
        `);
    await queryRunner.query(`
            ALTER TABLE "placement" DROP CONSTRAINT "fk_placement_staff"
        `);
    await queryRunner.query(`
            ALTER TABLE "joint_role_required_skill" DROP CONSTRAINT "fk_joint_role_required_skill_skill"
        `);
    await queryRunner.query(`
            ALTER TABLE "joint_role_required_skill" DROP CONSTRAINT "fk_joint_role_required_skill_role"
        `);
    await queryRunner.query(`
            ALTER TABLE "joint_role_appointment" DROP CONSTRAINT "fk_joint_role_appointment_staff"
        `);
    await queryRunner.query(`
            ALTER TABLE "joint_role_appointment" DROP CONSTRAINT "fk_joint_role_appointment_role"
        `);
    await queryRunner.query(`
            ALTER TABLE "joint_role" DROP CONSTRAINT "fk_joint_role_supervision_partner"
        `);
    await queryRunner.query(`
            ALTER TABLE "joint_role" DROP CONSTRAINT "fk_joint_role_line_management_partner"
        `);
    await queryRunner.query(`
            ALTER TABLE "joint_role" DROP CONSTRAINT "fk_joint_role_employing_partner"
        `);
    await queryRunner.query(`
            ALTER TABLE "joint_role_partner" DROP CONSTRAINT "fk_joint_role_partner_organisation"
        `);
    await queryRunner.query(`
            ALTER TABLE "joint_role_partner" DROP CONSTRAINT "fk_joint_role_partner_role"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."uq_placement_decision_side"
        `);
    await queryRunner.query(`
            DROP TABLE "placement_decision"
        `);
    await queryRunner.query(`
            DROP TYPE "public"."decision"
        `);
    await queryRunner.query(`
            DROP TYPE "public"."placement_side"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."ix_placement_staff"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."ix_placement_host_team"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."ix_placement_host_organisation"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."ix_placement_home_organisation"
        `);
    await queryRunner.query(`
            DROP TABLE "placement"
        `);
    await queryRunner.query(`
            DROP TYPE "public"."placement_status"
        `);
    await queryRunner.query(`
            DROP TYPE "public"."placement_kind"
        `);
    await queryRunner.query(`
            DROP TABLE "joint_role_required_skill"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."ix_joint_role_appointment_staff"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."ix_joint_role_appointment_role"
        `);
    await queryRunner.query(`
            DROP TABLE "joint_role_appointment"
        `);
    await queryRunner.query(`
            DROP TABLE "joint_role"
        `);
    await queryRunner.query(`
            DROP TYPE "public"."employment_model"
        `);
    await queryRunner.query(`
            DROP TYPE "public"."joint_role_status"
        `);
    await queryRunner.query(`
            DROP TABLE "joint_role_partner"
        `);
  }
}
