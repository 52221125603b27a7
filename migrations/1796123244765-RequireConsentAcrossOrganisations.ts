import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The row-spanning invariants of a joint role (checked at commit), as CreateJointRolesAndPlacements wrote them,
 * plus — when `acceptance` is set — "ACTIVE (or ENDED) only with every partner's acceptance".
 */
const checkJointRolePartners = (acceptance: boolean) => `
            CREATE OR REPLACE FUNCTION check_joint_role_partners() RETURNS trigger LANGUAGE plpgsql AS $fn$
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
                END IF;${
                  acceptance
                    ? `
                IF r.status IN ('ACTIVE', 'ENDED') AND EXISTS (
                    SELECT 1 FROM joint_role_partner WHERE joint_role_id = role_id AND acceptance <> 'ACCEPTED') THEN
                    RAISE EXCEPTION 'joint role %: % needs every partner to have accepted its shares', role_id, r.status
                        USING ERRCODE = 'check_violation', CONSTRAINT = 'ck_joint_role_accepted';
                END IF;`
                    : ''
                }
                RETURN NULL;
            END
            $fn$
        `;

/**
 * Writes into another organisation's people need that organisation:
 * - a credential counts only once the person's employer has accepted it (`credential.acceptance`); every reader
 *   goes through the `counting_credential` view (accepted and not revoked);
 * - a joint role is ACTIVE (or ENDED) only when every partner has accepted its funding and time share
 *   (`joint_role_partner.acceptance`, enforced at commit by the partners trigger); `terms_version` names the
 *   terms an acceptance is for;
 * - an appointment to a joint role needs the appointee's employer (`joint_role_appointment.status`); a declined
 *   one no longer blocks a new proposal for the same dates;
 * - passport acceptance changes carry a version (`organisation.passport_acceptance_version`).
 *
 * Existing rows: credentials verified by the person's own employer are accepted; those verified by another
 * organisation (which may have come through the hole this closes) wait for the employer's HR. Joint roles
 * already ACTIVE or ENDED keep their partners' acceptance, and existing appointments their consent, recorded as
 * given by `migration`.
 */
export class RequireConsentAcrossOrganisations1796123244765 implements MigrationInterface {
  name = 'RequireConsentAcrossOrganisations1796123244765';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
            ALTER TABLE "organisation"
            ADD "passport_acceptance_version" integer NOT NULL DEFAULT '0'
        `);
    await queryRunner.query(`
            CREATE TYPE "public"."share_acceptance" AS ENUM('PENDING', 'ACCEPTED', 'DECLINED')
        `);
    await queryRunner.query(`
            ALTER TABLE "joint_role_partner"
            ADD "acceptance" "public"."share_acceptance" NOT NULL DEFAULT 'PENDING'
        `);
    await queryRunner.query(`
            ALTER TABLE "joint_role_partner"
            ADD "decided_by" text
        `);
    await queryRunner.query(`
            ALTER TABLE "joint_role_partner"
            ADD "decided_at" TIMESTAMP WITH TIME ZONE
        `);
    await queryRunner.query(`
            ALTER TABLE "joint_role_partner"
            ADD "decline_reason" text
        `);
    await queryRunner.query(`
            ALTER TABLE "joint_role"
            ADD "terms_version" integer NOT NULL DEFAULT '1'
        `);
    await queryRunner.query(`
            CREATE TYPE "public"."joint_role_appointment_status" AS ENUM('PROPOSED', 'CONSENTED', 'DECLINED')
        `);
    await queryRunner.query(`
            ALTER TABLE "joint_role_appointment"
            ADD "status" "public"."joint_role_appointment_status" NOT NULL DEFAULT 'PROPOSED'
        `);
    await queryRunner.query(`
            ALTER TABLE "joint_role_appointment"
            ADD "decided_by" text
        `);
    await queryRunner.query(`
            ALTER TABLE "joint_role_appointment"
            ADD "decided_at" TIMESTAMP WITH TIME ZONE
        `);
    await queryRunner.query(`
            ALTER TABLE "joint_role_appointment"
            ADD "decline_reason" text
        `);
    await queryRunner.query(`
            CREATE TYPE "public"."credential_acceptance" AS ENUM('PENDING_ACCEPTANCE', 'ACCEPTED', 'DECLINED')
        `);
    await queryRunner.query(`
            ALTER TABLE "credential"
            ADD "acceptance" "public"."credential_acceptance" NOT NULL DEFAULT 'PENDING_ACCEPTANCE'
        `);
    await queryRunner.query(`
            ALTER TABLE "credential"
            ADD "recorded_by" text
        `);
    await queryRunner.query(`
            ALTER TABLE "credential"
            ADD "decided_by" text
        `);
    await queryRunner.query(`
            ALTER TABLE "credential"
            ADD "decided_at" TIMESTAMP WITH TIME ZONE
        `);
    await queryRunner.query(`
            ALTER TABLE "credential"
            ADD "decline_reason" text
        `);

    await queryRunner.query(`
            ALTER TABLE "joint_role_partner"
            ADD CONSTRAINT "ck_joint_role_partner_acceptance" CHECK (
                    (acceptance = 'PENDING') = (decided_at IS NULL)
                    AND (decided_at IS NULL) = (decided_by IS NULL)
                    AND (acceptance = 'DECLINED') = (decline_reason IS NOT NULL)
                )
        `);
    await queryRunner.query(`
            ALTER TABLE "joint_role_appointment"
            ADD CONSTRAINT "ck_joint_role_appointment_consent" CHECK (
                    (status = 'PROPOSED') = (decided_at IS NULL)
                    AND (decided_at IS NULL) = (decided_by IS NULL)
                    AND (status = 'DECLINED') = (decline_reason IS NOT NULL)
                )
        `);
    await queryRunner.query(`
            ALTER TABLE "credential"
            ADD CONSTRAINT "ck_credential_acceptance" CHECK (
                    (acceptance = 'PENDING_ACCEPTANCE') = (decided_at IS NULL)
                    AND (decided_at IS NULL) = (decided_by IS NULL)
                    AND (acceptance = 'DECLINED') = (decline_reason IS NOT NULL)
                )
        `);

    // A declined appointment no longer holds the dates; a declined credential is no duplicate.
    await queryRunner.query(`
            ALTER TABLE "joint_role_appointment" DROP CONSTRAINT "ex_joint_role_appointment_overlap"
        `);
    await queryRunner.query(`
            ALTER TABLE "joint_role_appointment"
            ADD CONSTRAINT "ex_joint_role_appointment_overlap" EXCLUDE USING gist (
                    "joint_role_id" WITH =,
                    "staff_id" WITH =,
                    daterange("start_date", COALESCE("end_date", 'infinity'::date), '[]') WITH &&
                ) WHERE ("status" <> 'DECLINED')
        `);
    await queryRunner.query(`DROP INDEX "public"."uq_credential_staff_skill_obtained"`);
    await queryRunner.query(
      `CREATE UNIQUE INDEX "uq_credential_staff_skill_obtained" ON "credential" ("staff_id", "skill_id", "obtained_on") WHERE revoked_at IS NULL AND acceptance <> 'DECLINED'`,
    );

    // The one definition of "this credential counts": accepted by the employer and not revoked.
    await queryRunner.query(`
            CREATE VIEW "counting_credential" AS
            SELECT * FROM "credential" WHERE acceptance = 'ACCEPTED' AND revoked_at IS NULL
        `);
    await queryRunner.query(checkJointRolePartners(true));

    // Existing rows (see above). Last: the partners' deferred constraint trigger then has pending events, and
    // PostgreSQL refuses to ALTER a table that has them; its new version checks these rows at commit.
    await queryRunner.query(`
            UPDATE "credential" c SET acceptance = 'ACCEPTED', decided_by = 'migration', decided_at = now()
              FROM "staff_member" s
             WHERE s.id = c.staff_id AND c.verified_by_organisation_id = s.employer_id
        `);
    await queryRunner.query(`
            UPDATE "joint_role_partner" p SET acceptance = 'ACCEPTED', decided_by = 'migration', decided_at = now()
              FROM "joint_role" r
             WHERE r.id = p.joint_role_id AND r.status IN ('ACTIVE', 'ENDED')
        `);
    await queryRunner.query(`
            UPDATE "joint_role_appointment" SET status = 'CONSENTED', decided_by = 'migration', decided_at = now()
        `);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(checkJointRolePartners(false));
    await queryRunner.query(`DROP VIEW "counting_credential"`);
    await queryRunner.query(`DROP INDEX "public"."uq_credential_staff_skill_obtained"`);
    // Declined credentials could now collide; those are dropped with the column that says they were declined.
    await queryRunner.query(`DELETE FROM "credential" WHERE acceptance = 'DECLINED'`);
    await queryRunner.query(
      `CREATE UNIQUE INDEX "uq_credential_staff_skill_obtained" ON "credential" ("staff_id", "skill_id", "obtained_on") WHERE revoked_at IS NULL`,
    );
    await queryRunner.query(`DELETE FROM "joint_role_appointment" WHERE status = 'DECLINED'`);
    await queryRunner.query(`
            ALTER TABLE "joint_role_appointment" DROP CONSTRAINT "ex_joint_role_appointment_overlap"
        `);
    await queryRunner.query(`
            ALTER TABLE "joint_role_appointment"
            ADD CONSTRAINT "ex_joint_role_appointment_overlap" EXCLUDE USING gist (
                    "joint_role_id" WITH =,
                    "staff_id" WITH =,
                    daterange("start_date", COALESCE("end_date", 'infinity'::date), '[]') WITH &&
                )
        `);
    await queryRunner.query(`
            ALTER TABLE "credential" DROP CONSTRAINT "ck_credential_acceptance"
        `);
    await queryRunner.query(`
            ALTER TABLE "joint_role_appointment" DROP CONSTRAINT "ck_joint_role_appointment_consent"
        `);
    await queryRunner.query(`
            ALTER TABLE "joint_role_partner" DROP CONSTRAINT "ck_joint_role_partner_acceptance"
        `);
    await queryRunner.query(`
            ALTER TABLE "credential" DROP COLUMN "decline_reason"
        `);
    await queryRunner.query(`
            ALTER TABLE "credential" DROP COLUMN "decided_at"
        `);
    await queryRunner.query(`
            ALTER TABLE "credential" DROP COLUMN "decided_by"
        `);
    await queryRunner.query(`
            ALTER TABLE "credential" DROP COLUMN "recorded_by"
        `);
    await queryRunner.query(`
            ALTER TABLE "credential" DROP COLUMN "acceptance"
        `);
    await queryRunner.query(`
            DROP TYPE "public"."credential_acceptance"
        `);
    await queryRunner.query(`
            ALTER TABLE "joint_role_appointment" DROP COLUMN "decline_reason"
        `);
    await queryRunner.query(`
            ALTER TABLE "joint_role_appointment" DROP COLUMN "decided_at"
        `);
    await queryRunner.query(`
            ALTER TABLE "joint_role_appointment" DROP COLUMN "decided_by"
        `);
    await queryRunner.query(`
            ALTER TABLE "joint_role_appointment" DROP COLUMN "status"
        `);
    await queryRunner.query(`
            DROP TYPE "public"."joint_role_appointment_status"
        `);
    await queryRunner.query(`
            ALTER TABLE "joint_role" DROP COLUMN "terms_version"
        `);
    await queryRunner.query(`
            ALTER TABLE "joint_role_partner" DROP COLUMN "decline_reason"
        `);
    await queryRunner.query(`
            ALTER TABLE "joint_role_partner" DROP COLUMN "decided_at"
        `);
    await queryRunner.query(`
            ALTER TABLE "joint_role_partner" DROP COLUMN "decided_by"
        `);
    await queryRunner.query(`
            ALTER TABLE "joint_role_partner" DROP COLUMN "acceptance"
        `);
    await queryRunner.query(`
            DROP TYPE "public"."share_acceptance"
        `);
    await queryRunner.query(`
            ALTER TABLE "organisation" DROP COLUMN "passport_acceptance_version"
        `);
  }
}
