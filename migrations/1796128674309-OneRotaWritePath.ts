import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Stored compliance follows every change it depends on: a row in compliance_refresh marks a published rota whose
 * stored violations (rota_violation) may be out of date, written by these triggers in the writing transaction —
 * so no code path can forget it — and removed when the rota is checked again. (Not audited: bookkeeping.)
 */
const STALE_FUNCTIONS = `
CREATE FUNCTION mark_staff_compliance_stale(staff_ids uuid[], from_date date, to_date date) RETURNS void
LANGUAGE sql AS $fn$
  INSERT INTO compliance_refresh (rota_id, stale_since)
  SELECT DISTINCT s.rota_id, now()
    FROM assignment a
    JOIN shift s ON s.id = a.shift_id
    JOIN rota r ON r.id = s.rota_id AND r.status = 'PUBLISHED'
   WHERE a.staff_id = ANY(staff_ids) AND a.cancelled_at IS NULL
     -- rest and runs reach two weeks across rotas; averages look back 26 weeks.
     AND r.end_date >= from_date - 14 AND r.start_date <= to_date + 183
  ON CONFLICT (rota_id) DO NOTHING
$fn$;

CREATE FUNCTION mark_team_compliance_stale(team_ids uuid[]) RETURNS void LANGUAGE sql AS $fn$
  INSERT INTO compliance_refresh (rota_id, stale_since)
  SELECT r.id, now() FROM rota r WHERE r.team_id = ANY(team_ids) AND r.status = 'PUBLISHED'
  ON CONFLICT (rota_id) DO NOTHING
$fn$;

CREATE FUNCTION stale_by_staff_dates() RETURNS trigger LANGUAGE plpgsql AS $fn$
DECLARE
  r record;
  starts text := TG_ARGV[0];
  ends text := TG_ARGV[1];
  person text := coalesce(TG_ARGV[2], 'staff_id');
  j jsonb;
BEGIN
  FOREACH j IN ARRAY ARRAY[CASE WHEN TG_OP <> 'INSERT' THEN to_jsonb(OLD) END, CASE WHEN TG_OP <> 'DELETE' THEN to_jsonb(NEW) END]
  LOOP
    CONTINUE WHEN j IS NULL;
    PERFORM mark_staff_compliance_stale(
      ARRAY[(j->>person)::uuid],
      coalesce((j->>starts)::timestamptz::date, '1900-01-01'::date),
      coalesce((j->>ends)::timestamptz::date, '9000-01-01'::date));
  END LOOP;
  RETURN NULL;
END $fn$;

CREATE FUNCTION stale_by_team() RETURNS trigger LANGUAGE plpgsql AS $fn$
DECLARE
  col text := TG_ARGV[0];
BEGIN
  IF TG_OP <> 'INSERT' THEN PERFORM mark_team_compliance_stale(ARRAY[(to_jsonb(OLD)->>col)::uuid]); END IF;
  IF TG_OP <> 'DELETE' THEN PERFORM mark_team_compliance_stale(ARRAY[(to_jsonb(NEW)->>col)::uuid]); END IF;
  RETURN NULL;
END $fn$;

CREATE FUNCTION stale_by_organisation() RETURNS trigger LANGUAGE plpgsql AS $fn$
DECLARE
  org uuid := (to_jsonb(coalesce(NEW, OLD))->>'organisation_id')::uuid;
BEGIN
  PERFORM mark_team_compliance_stale(ARRAY(SELECT id FROM team WHERE organisation_id = org));
  RETURN NULL;
END $fn$;

CREATE FUNCTION stale_by_joint_role() RETURNS trigger LANGUAGE plpgsql AS $fn$
DECLARE
  role_id uuid := coalesce((to_jsonb(coalesce(NEW, OLD))->>'joint_role_id')::uuid, (to_jsonb(coalesce(NEW, OLD))->>'id')::uuid);
BEGIN
  PERFORM mark_staff_compliance_stale(
    ARRAY(SELECT staff_id FROM joint_role_appointment WHERE joint_role_id = role_id), '1900-01-01', '9000-01-01');
  RETURN NULL;
END $fn$;
`;

/** [table, function, arguments]: what each trigger marks stale. */
const STALE_TRIGGERS: Array<[string, string, string]> = [
  ['absence', 'stale_by_staff_dates', `'start_date', 'end_date'`],
  ['placement', 'stale_by_staff_dates', `'start_date', 'end_date'`],
  ['joint_role_appointment', 'stale_by_staff_dates', `'start_date', 'end_date'`],
  ['credential', 'stale_by_staff_dates', `'obtained_on', 'no_end'`],
  ['staff_member', 'stale_by_staff_dates', `'no_start', 'no_end', 'id'`],
  ['assignment', 'stale_by_staff_dates', `'starts_at', 'ends_at'`],
  ['team', 'stale_by_team', `'id'`],
  ['team_required_skill', 'stale_by_team', `'team_id'`],
  ['passport_acceptance', 'stale_by_organisation', ''],
  ['joint_role', 'stale_by_joint_role', ''],
  ['joint_role_partner', 'stale_by_joint_role', ''],
];

/** New tables, audited like the others (see CreateAuditTrail). */
const AUDITED: Array<[string, string, string]> = [
  ['rota_template', 'team', 'id'],
  ['rota_template_shift', 'none', 'id'],
  ['rota_template_slot', 'none', 'template_shift_id,skill_id'],
  ['rota_template_assignment', 'staff', 'template_shift_id,staff_id'],
];

/**
 * One write path for rotas: overrides record the violation they waive (person and shifts) on the rota, so an
 * override given once stands until publication and after; rota templates; stored compliance marked stale by
 * triggers when what it depends on changes.
 */
export class OneRotaWritePath1796128674309 implements MigrationInterface {
  name = 'OneRotaWritePath1796128674309';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
            ALTER TABLE "rule_override" DROP CONSTRAINT "ck_rule_override_target"
        `);
    await queryRunner.query(`
            CREATE TABLE "compliance_refresh" (
                "rota_id" uuid NOT NULL,
                "stale_since" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                CONSTRAINT "pk_compliance_refresh" PRIMARY KEY ("rota_id"),
                CONSTRAINT "fk_compliance_refresh_rota" FOREIGN KEY ("rota_id") REFERENCES "rota"("id") ON DELETE CASCADE
            )
        `);
    await queryRunner.query(`
            CREATE TABLE "rota_template" (
                "id" uuid NOT NULL DEFAULT gen_random_uuid(),
                "team_id" uuid NOT NULL,
                "name" text NOT NULL,
                "weeks" integer NOT NULL,
                "created_by" text NOT NULL,
                "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                CONSTRAINT "ck_rota_template_name" CHECK (length(btrim(name)) > 0),
                CONSTRAINT "ck_rota_template_weeks" CHECK (
                    weeks BETWEEN 1 AND 26
                ),
                CONSTRAINT "pk_rota_template" PRIMARY KEY ("id")
            )
        `);
    await queryRunner.query(`
            CREATE UNIQUE INDEX "uq_rota_template_team_name" ON "rota_template" ("team_id", "name")
        `);
    await queryRunner.query(`
            CREATE TABLE "rota_template_shift" (
                "id" uuid NOT NULL DEFAULT gen_random_uuid(),
                "template_id" uuid NOT NULL,
                "week" integer NOT NULL,
                "weekday" integer NOT NULL,
                "shift_type_id" uuid NOT NULL,
                "min_headcount" integer NOT NULL,
                "target_headcount" integer NOT NULL,
                "max_headcount" integer,
                CONSTRAINT "ck_rota_template_shift_cover" CHECK (
                    min_headcount >= 0
                    AND target_headcount >= min_headcount
                    AND (
                        max_headcount IS NULL
                        OR max_headcount >= target_headcount
                    )
                ),
                CONSTRAINT "ck_rota_template_shift_week" CHECK (week >= 1),
                CONSTRAINT "ck_rota_template_shift_weekday" CHECK (
                    weekday BETWEEN 1 AND 7
                ),
                CONSTRAINT "pk_rota_template_shift" PRIMARY KEY ("id")
            )
        `);
    await queryRunner.query(`
            CREATE UNIQUE INDEX "uq_rota_template_shift" ON "rota_template_shift" (
                "template_id",
                "week",
                "weekday",
                "shift_type_id"
            )
        `);
    await queryRunner.query(`
            CREATE TABLE "rota_template_slot" (
                "template_shift_id" uuid NOT NULL,
                "skill_id" uuid NOT NULL,
                "count" integer NOT NULL,
                CONSTRAINT "ck_rota_template_slot_count" CHECK (count >= 1),
                CONSTRAINT "pk_rota_template_slot" PRIMARY KEY ("template_shift_id", "skill_id")
            )
        `);
    await queryRunner.query(`
            CREATE TABLE "rota_template_assignment" (
                "template_shift_id" uuid NOT NULL,
                "staff_id" uuid NOT NULL,
                CONSTRAINT "pk_rota_template_assignment" PRIMARY KEY ("template_shift_id", "staff_id")
            )
        `);
    await queryRunner.query(`
            ALTER TABLE "rule_override"
            ADD "staff_id" uuid
        `);
    await queryRunner.query(`
            ALTER TABLE "rule_override"
            ADD "shift_ids" uuid array NOT NULL DEFAULT '{}'
        `);
    await queryRunner.query(`
            ALTER TABLE "rule_override" DROP CONSTRAINT "fk_rule_override_rota"
        `);
    // Overrides made on assignments name their rota, person and shift from now on.
    await queryRunner.query(`
            UPDATE "rule_override" o
               SET rota_id = s.rota_id, staff_id = a.staff_id, shift_ids = ARRAY[a.shift_id]
              FROM assignment a JOIN shift s ON s.id = a.shift_id
             WHERE o.assignment_id = a.id AND o.rota_id IS NULL
        `);
    await queryRunner.query(`
            ALTER TABLE "rule_override"
            ALTER COLUMN "rota_id"
            SET NOT NULL
        `);
    await queryRunner.query(`
            ALTER TABLE "rota_template"
            ADD CONSTRAINT "fk_rota_template_team" FOREIGN KEY ("team_id") REFERENCES "team"("id") ON DELETE CASCADE ON UPDATE NO ACTION
        `);
    await queryRunner.query(`
            ALTER TABLE "rota_template_shift"
            ADD CONSTRAINT "fk_rota_template_shift_template" FOREIGN KEY ("template_id") REFERENCES "rota_template"("id") ON DELETE CASCADE ON UPDATE NO ACTION
        `);
    await queryRunner.query(`
            ALTER TABLE "rota_template_shift"
            ADD CONSTRAINT "fk_rota_template_shift_type" FOREIGN KEY ("shift_type_id") REFERENCES "shift_type"("id") ON DELETE RESTRICT ON UPDATE NO ACTION
        `);
    await queryRunner.query(`
            ALTER TABLE "rota_template_slot"
            ADD CONSTRAINT "fk_rota_template_slot_shift" FOREIGN KEY ("template_shift_id") REFERENCES "rota_template_shift"("id") ON DELETE CASCADE ON UPDATE NO ACTION
        `);
    await queryRunner.query(`
            ALTER TABLE "rota_template_slot"
            ADD CONSTRAINT "fk_rota_template_slot_skill" FOREIGN KEY ("skill_id") REFERENCES "skill"("id") ON DELETE RESTRICT ON UPDATE NO ACTION
        `);
    await queryRunner.query(`
            ALTER TABLE "rota_template_assignment"
            ADD CONSTRAINT "fk_rota_template_assignment_shift" FOREIGN KEY ("template_shift_id") REFERENCES "rota_template_shift"("id") ON DELETE CASCADE ON UPDATE NO ACTION
        `);
    await queryRunner.query(`
            ALTER TABLE "rota_template_assignment"
            ADD CONSTRAINT "fk_rota_template_assignment_staff" FOREIGN KEY ("staff_id") REFERENCES "staff_member"("id") ON DELETE CASCADE ON UPDATE NO ACTION
        `);
    await queryRunner.query(`
            ALTER TABLE "rule_override"
            ADD CONSTRAINT "fk_rule_override_rota" FOREIGN KEY ("rota_id") REFERENCES "rota"("id") ON DELETE CASCADE ON UPDATE NO ACTION
        `);
    await queryRunner.query(STALE_FUNCTIONS);
    for (const [table, fn, args] of STALE_TRIGGERS) {
      await queryRunner.query(
        `CREATE TRIGGER tr_compliance_stale AFTER INSERT OR UPDATE OR DELETE ON "${table}" FOR EACH ROW EXECUTE FUNCTION ${fn}(${args})`,
      );
    }
    for (const [table, organisations, keys] of AUDITED) {
      await queryRunner.query(
        `CREATE TRIGGER tr_audit AFTER INSERT OR UPDATE OR DELETE ON "${table}" FOR EACH ROW EXECUTE FUNCTION audit_row('${organisations}', '${keys}')`,
      );
    }
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    for (const [table] of AUDITED) await queryRunner.query(`DROP TRIGGER tr_audit ON "${table}"`);
    for (const [table] of STALE_TRIGGERS)
      await queryRunner.query(`DROP TRIGGER tr_compliance_stale ON "${table}"`);
    await queryRunner.query(`
            DROP FUNCTION stale_by_joint_role(), stale_by_organisation(), stale_by_team(), stale_by_staff_dates(),
                          mark_team_compliance_stale(uuid[]), mark_staff_compliance_stale(uuid[], date, date)
        `);
    await queryRunner.query(`DROP TABLE "compliance_refresh"`);
    await queryRunner.query(`
            ALTER TABLE "rule_override" DROP CONSTRAINT "fk_rule_override_rota"
        `);
    await queryRunner.query(`
            ALTER TABLE "rota_template_assignment" DROP CONSTRAINT "fk_rota_template_assignment_staff"
        `);
    await queryRunner.query(`
            ALTER TABLE "rota_template_assignment" DROP CONSTRAINT "fk_rota_template_assignment_shift"
        `);
    await queryRunner.query(`
            ALTER TABLE "rota_template_slot" DROP CONSTRAINT "fk_rota_template_slot_skill"
        `);
    await queryRunner.query(`
            ALTER TABLE "rota_template_slot" DROP CONSTRAINT "fk_rota_template_slot_shift"
        `);
    await queryRunner.query(`
            ALTER TABLE "rota_template_shift" DROP CONSTRAINT "fk_rota_template_shift_type"
        `);
    await queryRunner.query(`
            ALTER TABLE "rota_template_shift" DROP CONSTRAINT "fk_rota_template_shift_template"
        `);
    await queryRunner.query(`
            ALTER TABLE "rota_template" DROP CONSTRAINT "fk_rota_template_team"
        `);
    await queryRunner.query(`
            ALTER TABLE "rule_override"
            ALTER COLUMN "rota_id" DROP NOT NULL
        `);
    await queryRunner.query(`
            ALTER TABLE "rule_override"
            ADD CONSTRAINT "fk_rule_override_rota" FOREIGN KEY ("rota_id") REFERENCES "rota"("id") ON DELETE CASCADE ON UPDATE NO ACTION
        `);
    await queryRunner.query(`
            ALTER TABLE "rule_override" DROP COLUMN "shift_ids"
        `);
    await queryRunner.query(`
            ALTER TABLE "rule_override" DROP COLUMN "staff_id"
        `);
    await queryRunner.query(`
            DROP TABLE "rota_template_assignment"
        `);
    await queryRunner.query(`
            DROP TABLE "rota_template_slot"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."uq_rota_template_shift"
        `);
    await queryRunner.query(`
            DROP TABLE "rota_template_shift"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."uq_rota_template_team_name"
        `);
    await queryRunner.query(`
            DROP TABLE "rota_template"
        `);
    await queryRunner.query(`
            UPDATE "rule_override" SET rota_id = NULL WHERE assignment_id IS NOT NULL
        `);
    await queryRunner.query(`
            ALTER TABLE "rule_override"
            ADD CONSTRAINT "ck_rule_override_target" CHECK ((num_nonnulls(assignment_id, rota_id) = 1))
        `);
  }
}
