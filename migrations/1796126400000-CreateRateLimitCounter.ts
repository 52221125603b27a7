import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Rate-limit counters shared by every instance on one PostgreSQL server (src/common/security/rate-limit-store.ts):
 * one row per client key, its current window and the requests counted in it. UNLOGGED: a counter is worthless
 * after a crash (the server empties the table then) and needs no write-ahead log, which keeps the one upsert per
 * request cheap. No entity: only that store reads and writes it, in SQL.
 */
export class CreateRateLimitCounter1796126400000 implements MigrationInterface {
  name = 'CreateRateLimitCounter1796126400000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
            CREATE UNLOGGED TABLE "rate_limit_counter" (
                "key" text NOT NULL,
                "window_start" TIMESTAMP WITH TIME ZONE NOT NULL,
                "hits" integer NOT NULL,
                CONSTRAINT "pk_rate_limit_counter" PRIMARY KEY ("key")
            )
        `);
    // Purging ended windows reads only those rows.
    await queryRunner.query(`
            CREATE INDEX "ix_rate_limit_counter_window_start" ON "rate_limit_counter" ("window_start")
        `);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
            DROP TABLE "rate_limit_counter"
        `);
  }
}
