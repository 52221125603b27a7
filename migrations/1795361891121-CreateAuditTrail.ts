import { MigrationInterface, QueryRunner } from 'typeorm';

/** Every audited table: its name, how to find the organisations a row concerns, and its key columns. */
const AUDITED: Array<[table: string, organisations: string, keys: string]> = [
  ['organisation', 'self', 'id'],
  ['team', 'organisation', 'id'],
  ['team_required_skill', 'team', 'team_id,skill_id'],
  ['skill', 'none', 'id'],
  ['staff_member', 'employer', 'id'],
  ['credential', 'credential', 'id'],
  ['passport_acceptance', 'organisation', 'id'],
  ['shift_type', 'team', 'id'],
  ['rota', 'team', 'id'],
  ['shift', 'team', 'id'],
  ['shift_skill_slot', 'shift', 'shift_id,skill_id'],
  ['assignment', 'assignment', 'id'],
  ['rule_override', 'rule_override', 'id'],
  ['rota_change', 'rota', 'id'],
  ['absence', 'staff', 'id'],
  ['shift_request', 'staff', 'id'],
  ['joint_role', 'joint_role_row', 'id'],
  ['joint_role_partner', 'organisation', 'joint_role_id,organisation_id'],
  ['joint_role_required_skill', 'joint_role', 'joint_role_id,skill_id'],
  ['joint_role_appointment', 'appointment', 'id'],
  ['placement', 'placement_row', 'id'],
  ['placement_decision', 'placement', 'id'],
  ['calendar_token', 'staff', 'id'],
];

/**
 * The organisations a row concerns, for scoping the audit trail to HR: from its own columns where it has them,
 * else by looking up its parent (which, during a cascade, may already be gone: then none).
 */
const AUDIT_ORGANISATIONS = `
CREATE FUNCTION audit_organisations(resolver text, r jsonb) RETURNS uuid[] LANGUAGE plpgsql STABLE AS $fn$
DECLARE
  result uuid[];
BEGIN
  CASE resolver
    WHEN 'none' THEN result := '{}';
    WHEN 'self' THEN result := ARRAY[(r->>'id')::uuid];
    WHEN 'organisation' THEN result := ARRAY[(r->>'organisation_id')::uuid];
    WHEN 'employer' THEN result := ARRAY[(r->>'employer_id')::uuid];
    WHEN 'staff' THEN
      SELECT array_agg(employer_id) INTO result FROM staff_member WHERE id = (r->>'staff_id')::uuid;
    WHEN 'credential' THEN
      SELECT array_agg(DISTINCT o) INTO result FROM (
        SELECT employer_id AS o FROM staff_member WHERE id = (r->>'staff_id')::uuid
        UNION SELECT (r->>'verified_by_organisation_id')::uuid) x WHERE o IS NOT NULL;
    WHEN 'team' THEN
      SELECT array_agg(organisation_id) INTO result FROM team WHERE id = (r->>'team_id')::uuid;
    WHEN 'shift' THEN
      SELECT array_agg(t.organisation_id) INTO result
        FROM shift s JOIN team t ON t.id = s.team_id WHERE s.id = (r->>'shift_id')::uuid;
    WHEN 'rota' THEN
      SELECT array_agg(t.organisation_id) INTO result
        FROM rota ro JOIN team t ON t.id = ro.team_id WHERE ro.id = (r->>'rota_id')::uuid;
    WHEN 'assignment' THEN
      SELECT array_agg(DISTINCT o) INTO result FROM (
        SELECT employer_id AS o FROM staff_member WHERE id = (r->>'staff_id')::uuid
        UNION SELECT t.organisation_id FROM shift s JOIN team t ON t.id = s.team_id
               WHERE s.id = (r->>'shift_id')::uuid) x WHERE o IS NOT NULL;
    WHEN 'rule_override' THEN
      SELECT array_agg(DISTINCT t.organisation_id) INTO result
        FROM team t
       WHERE t.id IN (SELECT team_id FROM rota WHERE id = (r->>'rota_id')::uuid
                      UNION SELECT s.team_id FROM assignment a JOIN shift s ON s.id = a.shift_id
                             WHERE a.id = (r->>'assignment_id')::uuid);
    WHEN 'joint_role_row' THEN
      result := ARRAY(SELECT DISTINCT unnest(ARRAY[(r->>'employing_partner_id')::uuid,
        (r->>'line_management_partner_id')::uuid, (r->>'supervision_partner_id')::uuid]));
    WHEN 'joint_role' THEN
      SELECT array_agg(organisation_id) INTO result FROM joint_role_partner
       WHERE joint_role_id = (r->>'joint_role_id')::uuid;
    WHEN 'appointment' THEN
      SELECT array_agg(DISTINCT o) INTO result FROM (
        SELECT organisation_id AS o FROM joint_role_partner WHERE joint_role_id = (r->>'joint_role_id')::uuid
        UNION SELECT employer_id FROM staff_member WHERE id = (r->>'staff_id')::uuid) x WHERE o IS NOT NULL;
    WHEN 'placement_row' THEN
      result := ARRAY[(r->>'home_organisation_id')::uuid, (r->>'host_organisation_id')::uuid];
    WHEN 'placement' THEN
      SELECT ARRAY[home_organisation_id, host_organisation_id] INTO result FROM placement
       WHERE id = (r->>'placement_id')::uuid;
    ELSE RAISE EXCEPTION 'unknown audit resolver %', resolver;
  END CASE;
  RETURN coalesce(result, '{}');
END
$fn$`;

/**
 * The trigger: one audit_event per row written, in the writing transaction, naming the actor, request and
 * operation the service set for it (\`tandem.*\` settings; 'system' when none). Updates record only the
 * changed fields; bookkeeping columns alone (updated_at, last_used_at) are not a change; secrets are dropped.
 */
const AUDIT_ROW = `
CREATE FUNCTION audit_row() RETURNS trigger LANGUAGE plpgsql AS $fn$
DECLARE
  old_row jsonb;
  new_row jsonb;
  before_row jsonb;
  after_row jsonb;
  subject jsonb;
  key_value text;
  k text;
BEGIN
  IF TG_OP <> 'INSERT' THEN old_row := to_jsonb(OLD) - 'token_hash'; END IF;
  IF TG_OP <> 'DELETE' THEN new_row := to_jsonb(NEW) - 'token_hash'; END IF;
  IF TG_OP = 'UPDATE' THEN
    SELECT jsonb_object_agg(n.key, old_row -> n.key), jsonb_object_agg(n.key, n.value)
      INTO before_row, after_row
      FROM jsonb_each(new_row) n
     WHERE (old_row -> n.key) IS DISTINCT FROM n.value AND n.key NOT IN ('updated_at', 'last_used_at');
    IF after_row IS NULL THEN RETURN NULL; END IF;
  ELSIF TG_OP = 'INSERT' THEN
    after_row := new_row;
  ELSE
    before_row := old_row;
  END IF;
  subject := coalesce(new_row, old_row);
  FOREACH k IN ARRAY string_to_array(TG_ARGV[1], ',') LOOP
    key_value := concat_ws('/', key_value, subject ->> k);
  END LOOP;
  INSERT INTO audit_event (actor, actor_name, actor_roles, request_id, operation, action, entity, entity_id,
                           organisation_ids, before, after)
  VALUES (coalesce(nullif(current_setting('tandem.actor', true), ''), 'system'),
          nullif(current_setting('tandem.actor_name', true), ''),
          coalesce(string_to_array(nullif(current_setting('tandem.actor_roles', true), ''), ','), '{}'),
          nullif(current_setting('tandem.request_id', true), ''),
          nullif(current_setting('tandem.operation', true), ''),
          TG_OP, TG_TABLE_NAME, key_value, audit_organisations(TG_ARGV[0], subject), before_row, after_row);
  RETURN NULL;
END
$fn$`;

const APPEND_ONLY = `
CREATE FUNCTION audit_event_append_only() RETURNS trigger LANGUAGE plpgsql AS $fn$
BEGIN
  RAISE EXCEPTION 'audit_event is append-only' USING ERRCODE = 'insufficient_privilege';
END
$fn$`;

export class CreateAuditTrail1795361891121 implements MigrationInterface {
  name = 'CreateAuditTrail1795361891121';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
            CREATE TABLE "audit_event" (
                "id" BIGSERIAL NOT NULL,
                "occurred_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT clock_timestamp(),
                "actor" text NOT NULL,
                "actor_name" text,
                "actor_roles" text array NOT NULL DEFAULT '{}',
                "request_id" text,
                "operation" text,
                "action" text NOT NULL,
                "entity" text NOT NULL,
                "entity_id" text NOT NULL,
                "organisation_ids" uuid array NOT NULL DEFAULT '{}',
                "before" jsonb,
                "after" jsonb,
                CONSTRAINT "ck_audit_event_action" CHECK (action IN ('INSERT', 'UPDATE', 'DELETE')),
                CONSTRAINT "pk_audit_event" PRIMARY KEY ("id")
            )
        `);
    await queryRunner.query(`
            CREATE INDEX "ix_audit_event_actor" ON "audit_event" ("actor", "id")
        `);
    await queryRunner.query(`
            CREATE INDEX "ix_audit_event_request_id" ON "audit_event" ("request_id")
        `);
    await queryRunner.query(`
            CREATE INDEX "ix_audit_event_occurred_at" ON "audit_event" ("occurred_at")
        `);
    await queryRunner.query(`
            CREATE INDEX "ix_audit_event_entity" ON "audit_event" ("entity", "entity_id", "id")
        `);
    await queryRunner.query(
      `CREATE INDEX "ix_audit_event_organisation_ids" ON "audit_event" USING gin ("organisation_ids")`,
    );
    await queryRunner.query(APPEND_ONLY);
    await queryRunner.query(
      `CREATE TRIGGER tr_audit_event_append_only BEFORE UPDATE OR DELETE ON audit_event FOR EACH ROW EXECUTE FUNCTION audit_event_append_only()`,
    );
    await queryRunner.query(
      `CREATE TRIGGER tr_audit_event_no_truncate BEFORE TRUNCATE ON audit_event FOR EACH STATEMENT EXECUTE FUNCTION audit_event_append_only()`,
    );
    await queryRunner.query(AUDIT_ORGANISATIONS);
    await queryRunner.query(AUDIT_ROW);
    for (const [table, organisations, keys] of AUDITED) {
      await queryRunner.query(
        `CREATE TRIGGER tr_audit AFTER INSERT OR UPDATE OR DELETE ON "${table}" FOR EACH ROW EXECUTE FUNCTION audit_row('${organisations}', '${keys}')`,
      );
    }
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    for (const [table] of AUDITED) await queryRunner.query(`DROP TRIGGER tr_audit ON "${table}"`);
    await queryRunner.query(`DROP FUNCTION audit_row()`);
    await queryRunner.query(`DROP FUNCTION audit_organisations(text, jsonb)`);
    await queryRunner.query(`DROP TRIGGER tr_audit_event_no_truncate ON audit_event`);
    await queryRunner.query(`DROP TRIGGER tr_audit_event_append_only ON audit_event`);
    await queryRunner.query(`DROP FUNCTION audit_event_append_only()`);
    await queryRunner.query(`DROP INDEX "public"."ix_audit_event_organisation_ids"`);
    await queryRunner.query(`
            DROP INDEX "public"."ix_audit_event_entity"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."ix_audit_event_occurred_at"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."ix_audit_event_request_id"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."ix_audit_event_actor"
        `);
    await queryRunner.query(`
            DROP TABLE "audit_event"
        `);
  }
}
