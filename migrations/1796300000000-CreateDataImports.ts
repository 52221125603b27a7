import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Go-live bulk import (src/modules/imports): one row per CSV file imported or dry-run — kind, organisation, who,
 * when, status, row counts and the errors found (the progress report). Audited like other writes; the service
 * role gets its privileges from the default privileges set by RestrictServiceRole.
 */
export class CreateDataImports1796300000000 implements MigrationInterface {
  name = 'CreateDataImports1796300000000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
            CREATE TYPE "public"."import_kind" AS ENUM('STAFF', 'CREDENTIALS', 'ABSENCES', 'PLACEMENTS', 'APPOINTMENTS', 'ROTAS')
        `);
    await queryRunner.query(`
            CREATE TYPE "public"."import_status" AS ENUM('RUNNING', 'SUCCEEDED', 'VALIDATED', 'REJECTED', 'FAILED')
        `);
    await queryRunner.query(`
            CREATE TABLE "data_import" (
                "id" uuid NOT NULL DEFAULT gen_random_uuid(),
                "kind" "public"."import_kind" NOT NULL,
                "organisation_id" uuid NOT NULL,
                "dry_run" boolean NOT NULL DEFAULT false,
                "status" "public"."import_status" NOT NULL DEFAULT 'RUNNING',
                "requested_by" text NOT NULL,
                "rows_total" integer NOT NULL DEFAULT '0',
                "rows_valid" integer NOT NULL DEFAULT '0',
                "rows_written" integer NOT NULL DEFAULT '0',
                "error_count" integer NOT NULL DEFAULT '0',
                "errors" jsonb NOT NULL DEFAULT '[]',
                "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                "finished_at" TIMESTAMP WITH TIME ZONE,
                CONSTRAINT "ck_data_import_counts" CHECK (rows_valid <= rows_total AND rows_written <= rows_valid AND error_count >= 0),
                CONSTRAINT "pk_data_import" PRIMARY KEY ("id")
            )
        `);
    await queryRunner.query(`
            CREATE INDEX "ix_data_import_organisation_created" ON "data_import" ("organisation_id", "created_at")
        `);
    await queryRunner.query(`
            ALTER TABLE "data_import"
            ADD CONSTRAINT "fk_data_import_organisation" FOREIGN KEY ("organisation_id") REFERENCES "organisation"("id") ON DELETE CASCADE ON UPDATE NO ACTION
        `);
    await queryRunner.query(
      `CREATE TRIGGER tr_audit AFTER INSERT OR UPDATE OR DELETE ON "data_import" FOR EACH ROW EXECUTE FUNCTION audit_row('organisation', 'id')`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TRIGGER tr_audit ON "data_import"`);
    await queryRunner.query(`DROP TABLE "data_import"`);
    await queryRunner.query(`DROP TYPE "public"."import_status"`);
    await queryRunner.query(`DROP TYPE "public"."import_kind"`);
  }
}
