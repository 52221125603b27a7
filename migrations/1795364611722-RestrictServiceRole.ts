import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The role the service's connections run as (DATABASE_APP_ROLE, default tandem_app; roles are cluster-wide, so it
 * is created only if missing, and left in place by down(): other databases may use it). It may read and write the
 * domain tables, read the audit trail and the migrations, and nothing else: it owns nothing, so it can neither
 * alter nor drop a table, nor disable or drop a trigger, and has no INSERT, UPDATE, DELETE or TRUNCATE on
 * audit_event. The audit trigger's function runs as its owner (SECURITY DEFINER, with a fixed search_path) to
 * write audit rows for it. Tables and sequences that later migrations create (as the same owner) get the same
 * grants by default: a later table as private as audit_event must revoke them.
 */
const ROLE = 'tandem_app';

export class RestrictServiceRole1795364611722 implements MigrationInterface {
  name = 'RestrictServiceRole1795364611722';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
            DO $$
            BEGIN
              IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = '${ROLE}') THEN
                CREATE ROLE ${ROLE} NOLOGIN;
              END IF;
            EXCEPTION WHEN duplicate_object OR unique_violation THEN
              NULL; -- created meanwhile by another database's migration
            END
            $$
        `);
    await queryRunner.query(`GRANT USAGE ON SCHEMA public TO ${ROLE}`);
    await queryRunner.query(`GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA public TO ${ROLE}`);
    await queryRunner.query(`REVOKE INSERT, UPDATE, DELETE ON "audit_event", "migrations" FROM ${ROLE}`);
    await queryRunner.query(`GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA public TO ${ROLE}`);
    await queryRunner.query(
      `REVOKE USAGE ON SEQUENCE "audit_event_id_seq", "migrations_id_seq" FROM ${ROLE}`,
    );
    await queryRunner.query(
      `ALTER DEFAULT PRIVILEGES IN SCHEMA public GRANT SELECT, INSERT, UPDATE, DELETE ON TABLES TO ${ROLE}`,
    );
    await queryRunner.query(
      `ALTER DEFAULT PRIVILEGES IN SCHEMA public GRANT USAGE, SELECT ON SEQUENCES TO ${ROLE}`,
    );
    await queryRunner.query(`ALTER FUNCTION audit_row() SECURITY DEFINER SET search_path = public, pg_temp`);
    await queryRunner.query(`REVOKE EXECUTE ON FUNCTION audit_row() FROM PUBLIC`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`GRANT EXECUTE ON FUNCTION audit_row() TO PUBLIC`);
    await queryRunner.query(`ALTER FUNCTION audit_row() SECURITY INVOKER RESET search_path`);
    const [{ exists }] = await queryRunner.query(
      `SELECT EXISTS (SELECT FROM pg_roles WHERE rolname = '${ROLE}') AS exists`,
    );
    if (!exists) return;
    await queryRunner.query(
      `ALTER DEFAULT PRIVILEGES IN SCHEMA public REVOKE USAGE, SELECT ON SEQUENCES FROM ${ROLE}`,
    );
    await queryRunner.query(
      `ALTER DEFAULT PRIVILEGES IN SCHEMA public REVOKE SELECT, INSERT, UPDATE, DELETE ON TABLES FROM ${ROLE}`,
    );
    await queryRunner.query(`REVOKE ALL ON ALL SEQUENCES IN SCHEMA public FROM ${ROLE}`);
    await queryRunner.query(`REVOKE ALL ON ALL TABLES IN SCHEMA public FROM ${ROLE}`);
    await queryRunner.query(`REVOKE USAGE ON SCHEMA public FROM ${ROLE}`);
  }
}
