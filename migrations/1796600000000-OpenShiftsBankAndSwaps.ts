import { MigrationInterface, QueryRunner } from 'typeorm';

/** New audit resolvers: the organisations a bank agreement or a claim concerns (added to audit_organisations). */
const RESOLVERS = `
    WHEN 'bank_agreement_row' THEN
      result := ARRAY[(r->>'proposer_organisation_id')::uuid, (r->>'partner_organisation_id')::uuid];
    WHEN 'bank_agreement' THEN
      SELECT ARRAY[proposer_organisation_id, partner_organisation_id] INTO result FROM bank_agreement
       WHERE id = (r->>'bank_agreement_id')::uuid;
    WHEN 'open_shift_claim' THEN
      SELECT array_agg(DISTINCT o) INTO result FROM (
        SELECT employer_id AS o FROM staff_member WHERE id = (r->>'staff_id')::uuid
        UNION SELECT organisation_id FROM open_shift WHERE id = (r->>'open_shift_id')::uuid) x WHERE o IS NOT NULL;
    ELSE RAISE EXCEPTION`;

const RELEASE_BANK_PLACE = `
CREATE FUNCTION release_bank_place() RETURNS trigger LANGUAGE plpgsql AS $fn$
BEGIN
  IF OLD.open_shift_claim_id IS NOT NULL AND OLD.cancelled_at IS NULL
     AND (TG_OP = 'DELETE' OR NEW.cancelled_at IS NOT NULL) THEN
    UPDATE open_shift_claim SET status = 'CANCELLED'
     WHERE id = OLD.open_shift_claim_id AND status = 'APPROVED';
    UPDATE open_shift SET status = 'OPEN', filled_at = NULL, version = version + 1
     WHERE status = 'FILLED' AND id = (SELECT open_shift_id FROM open_shift_claim WHERE id = OLD.open_shift_claim_id);
  END IF;
  RETURN NULL;
END
$fn$`;

const AUDITED: Array<[table: string, organisations: string, keys: string]> = [
  ['bank_agreement', 'bank_agreement_row', 'id'],
  ['bank_agreement_decision', 'bank_agreement', 'id'],
  ['open_shift', 'organisation', 'id'],
  ['open_shift_claim', 'open_shift_claim', 'id'],
  ['shift_swap', 'rota', 'id'],
];

/**
 * Staff moving between sectors shift by shift (issue 18): bank agreements between two organisations (each side's
 * decision kept), open shifts a manager publishes, claims on them (a claim holds a numbered place: two claims for
 * the last place cannot both hold it, whatever the application does), the BANK basis of the assignment a claim
 * becomes, and swaps staff propose to each other. Audited like every other write.
 */
export class OpenShiftsBankAndSwaps1796600000000 implements MigrationInterface {
  name = 'OpenShiftsBankAndSwaps1796600000000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TYPE "public"."assignment_basis" ADD VALUE IF NOT EXISTS 'BANK'`);
    await queryRunner.query(
      `CREATE TYPE "public"."bank_agreement_status" AS ENUM('PROPOSED', 'ACTIVE', 'DECLINED', 'WITHDRAWN', 'ENDED')`,
    );
    await queryRunner.query(`
            CREATE TABLE "bank_agreement" (
                "id" uuid NOT NULL DEFAULT gen_random_uuid(),
                "proposer_organisation_id" uuid NOT NULL,
                "partner_organisation_id" uuid NOT NULL,
                "start_date" date NOT NULL,
                "end_date" date,
                "terms" text,
                "status" "public"."bank_agreement_status" NOT NULL DEFAULT 'PROPOSED',
                "proposed_by" text NOT NULL,
                "proposed_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                "ended_at" TIMESTAMP WITH TIME ZONE,
                "ended_by" text,
                "end_reason" text,
                "version" integer NOT NULL DEFAULT 1,
                CONSTRAINT "ck_bank_agreement_two_sides" CHECK (proposer_organisation_id <> partner_organisation_id),
                CONSTRAINT "ck_bank_agreement_dates" CHECK (end_date IS NULL OR end_date >= start_date),
                CONSTRAINT "ck_bank_agreement_terms" CHECK (terms IS NULL OR length(btrim(terms)) BETWEEN 1 AND 2000),
                CONSTRAINT "ck_bank_agreement_ended" CHECK ((status IN ('ENDED', 'WITHDRAWN', 'DECLINED')) = (ended_at IS NOT NULL)),
                CONSTRAINT "pk_bank_agreement" PRIMARY KEY ("id")
            )
        `);
    // One live agreement per pair of organisations, whichever side proposed it.
    await queryRunner.query(`
            CREATE UNIQUE INDEX "uq_bank_agreement_pair" ON "bank_agreement"
              (LEAST(proposer_organisation_id, partner_organisation_id), GREATEST(proposer_organisation_id, partner_organisation_id))
              WHERE status IN ('PROPOSED', 'ACTIVE')
        `);
    await queryRunner.query(
      `CREATE INDEX "ix_bank_agreement_partner" ON "bank_agreement" ("partner_organisation_id")`,
    );
    await queryRunner.query(`
            ALTER TABLE "bank_agreement"
            ADD CONSTRAINT "fk_bank_agreement_proposer" FOREIGN KEY ("proposer_organisation_id") REFERENCES "organisation"("id") ON DELETE CASCADE,
            ADD CONSTRAINT "fk_bank_agreement_partner" FOREIGN KEY ("partner_organisation_id") REFERENCES "organisation"("id") ON DELETE CASCADE
        `);
    await queryRunner.query(`
            CREATE TABLE "bank_agreement_decision" (
                "id" uuid NOT NULL DEFAULT gen_random_uuid(),
                "bank_agreement_id" uuid NOT NULL,
                "organisation_id" uuid NOT NULL,
                "decision" "public"."decision" NOT NULL,
                "reason" text,
                "decided_by" text NOT NULL,
                "decided_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                CONSTRAINT "ck_bank_agreement_decision_reason" CHECK (decision = 'APPROVE' OR (reason IS NOT NULL AND length(btrim(reason)) > 0)),
                CONSTRAINT "pk_bank_agreement_decision" PRIMARY KEY ("id")
            )
        `);
    await queryRunner.query(
      `CREATE UNIQUE INDEX "uq_bank_agreement_decision_side" ON "bank_agreement_decision" ("bank_agreement_id", "organisation_id")`,
    );
    await queryRunner.query(`
            ALTER TABLE "bank_agreement_decision"
            ADD CONSTRAINT "fk_bank_agreement_decision_agreement" FOREIGN KEY ("bank_agreement_id") REFERENCES "bank_agreement"("id") ON DELETE CASCADE,
            ADD CONSTRAINT "fk_bank_agreement_decision_organisation" FOREIGN KEY ("organisation_id") REFERENCES "organisation"("id") ON DELETE CASCADE
        `);

    await queryRunner.query(
      `CREATE TYPE "public"."open_shift_status" AS ENUM('OPEN', 'FILLED', 'WITHDRAWN')`,
    );
    await queryRunner.query(`
            CREATE TABLE "open_shift" (
                "id" uuid NOT NULL DEFAULT gen_random_uuid(),
                "shift_id" uuid NOT NULL,
                "team_id" uuid NOT NULL,
                "organisation_id" uuid NOT NULL,
                "places" integer NOT NULL,
                "skill_ids" uuid array NOT NULL DEFAULT '{}',
                "note" text,
                "include_partners" boolean NOT NULL DEFAULT true,
                "auto_approve_own_staff" boolean NOT NULL DEFAULT false,
                "status" "public"."open_shift_status" NOT NULL DEFAULT 'OPEN',
                "published_by" text NOT NULL,
                "published_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                "filled_at" TIMESTAMP WITH TIME ZONE,
                "withdrawn_at" TIMESTAMP WITH TIME ZONE,
                "withdrawn_by" text,
                "withdraw_reason" text,
                "version" integer NOT NULL DEFAULT 1,
                CONSTRAINT "ck_open_shift_places" CHECK (places BETWEEN 1 AND 50),
                CONSTRAINT "ck_open_shift_note" CHECK (note IS NULL OR length(btrim(note)) BETWEEN 1 AND 1000),
                CONSTRAINT "ck_open_shift_filled" CHECK ((status = 'FILLED') = (filled_at IS NOT NULL)),
                CONSTRAINT "ck_open_shift_withdrawn" CHECK ((status = 'WITHDRAWN') = (withdrawn_at IS NOT NULL)),
                CONSTRAINT "pk_open_shift" PRIMARY KEY ("id")
            )
        `);
    // A shift is offered once at a time (withdraw it to offer it again).
    await queryRunner.query(
      `CREATE UNIQUE INDEX "uq_open_shift_shift" ON "open_shift" ("shift_id") WHERE status <> 'WITHDRAWN'`,
    );
    await queryRunner.query(`CREATE INDEX "ix_open_shift_team" ON "open_shift" ("team_id", "status")`);
    await queryRunner.query(
      `CREATE INDEX "ix_open_shift_organisation" ON "open_shift" ("organisation_id", "status")`,
    );
    await queryRunner.query(`
            ALTER TABLE "open_shift"
            ADD CONSTRAINT "fk_open_shift_shift" FOREIGN KEY ("shift_id") REFERENCES "shift"("id") ON DELETE CASCADE,
            ADD CONSTRAINT "fk_open_shift_team" FOREIGN KEY ("team_id", "organisation_id") REFERENCES "team"("id", "organisation_id") ON DELETE CASCADE
        `);
    await queryRunner.query(
      `CREATE TYPE "public"."open_shift_claim_status" AS ENUM('PENDING', 'APPROVED', 'REJECTED', 'WITHDRAWN', 'CANCELLED')`,
    );
    await queryRunner.query(`
            CREATE TABLE "open_shift_claim" (
                "id" uuid NOT NULL DEFAULT gen_random_uuid(),
                "open_shift_id" uuid NOT NULL,
                "staff_id" uuid NOT NULL,
                "place" integer NOT NULL,
                "status" "public"."open_shift_claim_status" NOT NULL DEFAULT 'PENDING',
                "bank_agreement_id" uuid,
                "readiness" jsonb NOT NULL DEFAULT '[]',
                "claimed_by" text NOT NULL,
                "claimed_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT clock_timestamp(),
                "decided_by" text,
                "decided_at" TIMESTAMP WITH TIME ZONE,
                "reason" text,
                "assignment_id" uuid,
                CONSTRAINT "ck_open_shift_claim_place" CHECK (place >= 1),
                CONSTRAINT "ck_open_shift_claim_decided" CHECK (status NOT IN ('APPROVED', 'REJECTED') OR decided_at IS NOT NULL),
                CONSTRAINT "ck_open_shift_claim_rejected" CHECK (status <> 'REJECTED' OR (reason IS NOT NULL AND length(btrim(reason)) > 0)),
                CONSTRAINT "pk_open_shift_claim" PRIMARY KEY ("id")
            )
        `);
    // A place is held by one live claim; a person holds one place per open shift.
    await queryRunner.query(
      `CREATE UNIQUE INDEX "uq_open_shift_claim_place" ON "open_shift_claim" ("open_shift_id", "place") WHERE status IN ('PENDING', 'APPROVED')`,
    );
    await queryRunner.query(
      `CREATE UNIQUE INDEX "uq_open_shift_claim_staff" ON "open_shift_claim" ("open_shift_id", "staff_id") WHERE status IN ('PENDING', 'APPROVED')`,
    );
    await queryRunner.query(`CREATE INDEX "ix_open_shift_claim_staff" ON "open_shift_claim" ("staff_id")`);
    await queryRunner.query(`
            ALTER TABLE "open_shift_claim"
            ADD CONSTRAINT "fk_open_shift_claim_open_shift" FOREIGN KEY ("open_shift_id") REFERENCES "open_shift"("id") ON DELETE CASCADE,
            ADD CONSTRAINT "fk_open_shift_claim_staff" FOREIGN KEY ("staff_id") REFERENCES "staff_member"("id") ON DELETE CASCADE,
            ADD CONSTRAINT "fk_open_shift_claim_agreement" FOREIGN KEY ("bank_agreement_id") REFERENCES "bank_agreement"("id") ON DELETE RESTRICT,
            ADD CONSTRAINT "fk_open_shift_claim_assignment" FOREIGN KEY ("assignment_id") REFERENCES "assignment"("id") ON DELETE SET NULL
        `);
    await queryRunner.query(`ALTER TABLE "assignment" ADD "open_shift_claim_id" uuid`);
    await queryRunner.query(`
            ALTER TABLE "assignment"
            ADD CONSTRAINT "fk_assignment_open_shift_claim" FOREIGN KEY ("open_shift_claim_id") REFERENCES "open_shift_claim"("id") ON DELETE SET NULL
        `);

    await queryRunner.query(
      `CREATE TYPE "public"."shift_swap_status" AS ENUM('PROPOSED', 'ACCEPTED', 'APPROVED', 'DECLINED', 'REJECTED', 'WITHDRAWN')`,
    );
    await queryRunner.query(`
            CREATE TABLE "shift_swap" (
                "id" uuid NOT NULL DEFAULT gen_random_uuid(),
                "rota_id" uuid NOT NULL,
                "assignment_id" uuid NOT NULL,
                "staff_id" uuid NOT NULL,
                "colleague_assignment_id" uuid,
                "colleague_id" uuid NOT NULL,
                "message" text,
                "status" "public"."shift_swap_status" NOT NULL DEFAULT 'PROPOSED',
                "proposed_by" text NOT NULL,
                "proposed_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                "responded_at" TIMESTAMP WITH TIME ZONE,
                "response_reason" text,
                "decided_by" text,
                "decided_at" TIMESTAMP WITH TIME ZONE,
                "decision_reason" text,
                "withdrawn_at" TIMESTAMP WITH TIME ZONE,
                "version" integer NOT NULL DEFAULT 1,
                CONSTRAINT "ck_shift_swap_two_people" CHECK (staff_id <> colleague_id),
                CONSTRAINT "ck_shift_swap_message" CHECK (message IS NULL OR length(btrim(message)) BETWEEN 1 AND 1000),
                CONSTRAINT "ck_shift_swap_rejected" CHECK (status <> 'REJECTED' OR (decision_reason IS NOT NULL AND length(btrim(decision_reason)) > 0)),
                CONSTRAINT "pk_shift_swap" PRIMARY KEY ("id")
            )
        `);
    // An assignment is offered in one live swap at a time.
    await queryRunner.query(
      `CREATE UNIQUE INDEX "uq_shift_swap_assignment" ON "shift_swap" ("assignment_id") WHERE status IN ('PROPOSED', 'ACCEPTED')`,
    );
    await queryRunner.query(`CREATE INDEX "ix_shift_swap_staff" ON "shift_swap" ("staff_id")`);
    await queryRunner.query(`CREATE INDEX "ix_shift_swap_colleague" ON "shift_swap" ("colleague_id")`);
    await queryRunner.query(`CREATE INDEX "ix_shift_swap_rota" ON "shift_swap" ("rota_id", "status")`);
    await queryRunner.query(`
            ALTER TABLE "shift_swap"
            ADD CONSTRAINT "fk_shift_swap_rota" FOREIGN KEY ("rota_id") REFERENCES "rota"("id") ON DELETE CASCADE,
            ADD CONSTRAINT "fk_shift_swap_staff" FOREIGN KEY ("staff_id") REFERENCES "staff_member"("id") ON DELETE CASCADE,
            ADD CONSTRAINT "fk_shift_swap_colleague" FOREIGN KEY ("colleague_id") REFERENCES "staff_member"("id") ON DELETE CASCADE
        `);

    // A bank shift taken off the rota (cancelled, or deleted with a draft's rows) releases its place: the claim is
    // CANCELLED and a FILLED offer is OPEN again, whichever write path removed it.
    await queryRunner.query(RELEASE_BANK_PLACE);
    await queryRunner.query(
      `CREATE TRIGGER tr_assignment_release_bank_place AFTER UPDATE OF cancelled_at OR DELETE ON "assignment" FOR EACH ROW EXECUTE FUNCTION release_bank_place()`,
    );

    const [{ def }] = (await queryRunner.query(
      `SELECT pg_get_functiondef('audit_organisations(text, jsonb)'::regprocedure) AS def`,
    )) as Array<{ def: string }>;
    if (!def.includes('ELSE RAISE EXCEPTION')) throw new Error('audit_organisations has changed shape');
    await queryRunner.query(def.replace('ELSE RAISE EXCEPTION', RESOLVERS.trim()));
    for (const [table, organisations, keys] of AUDITED) {
      await queryRunner.query(
        `CREATE TRIGGER tr_audit AFTER INSERT OR UPDATE OR DELETE ON "${table}" FOR EACH ROW EXECUTE FUNCTION audit_row('${organisations}', '${keys}')`,
      );
    }
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    for (const [table] of AUDITED) await queryRunner.query(`DROP TRIGGER tr_audit ON "${table}"`);
    await queryRunner.query(`DROP TRIGGER tr_assignment_release_bank_place ON "assignment"`);
    await queryRunner.query(`DROP FUNCTION release_bank_place()`);
    await queryRunner.query(`DROP TABLE "shift_swap"`);
    await queryRunner.query(`DROP TYPE "public"."shift_swap_status"`);
    await queryRunner.query(`ALTER TABLE "assignment" DROP CONSTRAINT "fk_assignment_open_shift_claim"`);
    await queryRunner.query(`ALTER TABLE "assignment" DROP COLUMN "open_shift_claim_id"`);
    await queryRunner.query(`DROP TABLE "open_shift_claim"`);
    await queryRunner.query(`DROP TYPE "public"."open_shift_claim_status"`);
    await queryRunner.query(`DROP TABLE "open_shift"`);
    await queryRunner.query(`DROP TYPE "public"."open_shift_status"`);
    await queryRunner.query(`DROP TABLE "bank_agreement_decision"`);
    await queryRunner.query(`DROP TABLE "bank_agreement"`);
    await queryRunner.query(`DROP TYPE "public"."bank_agreement_status"`);
    // The BANK value of assignment_basis stays (PostgreSQL cannot drop an enum value).
  }
}
