import PgBoss from 'pg-boss';
import { MigrationInterface, QueryRunner } from 'typeorm';

/** The service role (RestrictServiceRole): it reads and writes the queue's tables, never changes their shape. */
const ROLE = 'tandem_app';
/** The queue automatic rostering runs on (src/modules/solver/solve-queue.ts). */
export const SOLVE_QUEUE = 'solve-rota';

/**
 * Automatic rostering runs as jobs on a queue held in PostgreSQL (pg-boss), so workers on other machines can
 * share the load, and `solve_run` keeps each request: options, progress, the proposal with its check and diff,
 * and who applied or discarded it. The queue's schema is pg-boss's own (its construction plan for the pinned
 * version, schema version 24), created here by the schema owner, with the solve queue, so the service role needs
 * no DDL at run time: it only reads and writes rows. A later pg-boss with a new schema version needs a migration
 * running its migration plans (PgBoss.getMigrationPlans). `solve_run` is not audited row by row (progress is
 * written every second); what a run changes reaches the rota through the write path, which is.
 */
export class SolveRunsOnAQueue1796500000000 implements MigrationInterface {
  name = 'SolveRunsOnAQueue1796500000000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    const plan = PgBoss.getConstructionPlans('pgboss').trim();
    // The plan is its own transaction; a migration already runs in one.
    if (!plan.startsWith('BEGIN;') || !plan.endsWith('COMMIT;')) {
      throw new Error('pg-boss construction plan changed shape: review this migration');
    }
    await queryRunner.query(plan.slice('BEGIN;'.length, -'COMMIT;'.length));
    await queryRunner.query(`SELECT pgboss.create_queue($1, $2::json)`, [
      SOLVE_QUEUE,
      JSON.stringify({ policy: 'standard', retryLimit: 0, expireInSeconds: 3600, retentionMinutes: 1440 }),
    ]);
    await queryRunner.query(`GRANT USAGE ON SCHEMA pgboss TO ${ROLE}`);
    await queryRunner.query(`GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA pgboss TO ${ROLE}`);

    await queryRunner.query(`
            CREATE TYPE "public"."solve_run_status" AS ENUM(
                'QUEUED',
                'RUNNING',
                'SUCCEEDED',
                'CANCELLED',
                'FAILED',
                'APPLIED',
                'DISCARDED'
            )
        `);
    await queryRunner.query(`
            CREATE TABLE "solve_run" (
                "id" uuid NOT NULL DEFAULT gen_random_uuid(),
                "rota_id" uuid NOT NULL,
                "team_id" uuid NOT NULL,
                "status" "public"."solve_run_status" NOT NULL DEFAULT 'QUEUED',
                "options" jsonb NOT NULL,
                "rota_version" integer NOT NULL,
                "progress" jsonb,
                "proposal" jsonb,
                "error" text,
                "requested_by" text NOT NULL,
                "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                "started_at" TIMESTAMP WITH TIME ZONE,
                "finished_at" TIMESTAMP WITH TIME ZONE,
                "cancel_requested_at" TIMESTAMP WITH TIME ZONE,
                "decided_by" text,
                "decided_at" TIMESTAMP WITH TIME ZONE,
                CONSTRAINT "ck_solve_run_failed" CHECK ((status = 'FAILED') = (error IS NOT NULL)),
                CONSTRAINT "ck_solve_run_no_proposal" CHECK (
                    status NOT IN ('QUEUED', 'RUNNING', 'FAILED')
                    OR proposal IS NULL
                ),
                CONSTRAINT "ck_solve_run_proposal" CHECK (
                    status NOT IN ('SUCCEEDED', 'APPLIED', 'DISCARDED')
                    OR proposal IS NOT NULL
                ),
                CONSTRAINT "ck_solve_run_options" CHECK (jsonb_typeof(options) = 'object'),
                CONSTRAINT "pk_solve_run" PRIMARY KEY ("id")
            )
        `);
    await queryRunner.query(`
            CREATE INDEX "ix_solve_run_rota_created" ON "solve_run" ("rota_id", "created_at")
        `);
    await queryRunner.query(`
            ALTER TABLE "solve_run"
            ADD CONSTRAINT "fk_solve_run_rota" FOREIGN KEY ("rota_id") REFERENCES "rota"("id") ON DELETE CASCADE ON UPDATE NO ACTION
        `);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE "solve_run"`);
    await queryRunner.query(`DROP TYPE "public"."solve_run_status"`);
    await queryRunner.query(`DROP SCHEMA pgboss CASCADE`);
  }
}
